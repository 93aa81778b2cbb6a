"""The notebook download, tested as a student meets it: unzip into a fresh folder, install as its own
README says, and run a chapter."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from syrialev.tools import edition, myst

# installs a fresh virtual environment and executes a chapter
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
#: The wheels the download's install needs, fetched by `make` with the environment (Makefile,
#: WHEELHOUSE), so the install below runs with pip's index switched off: no test needs the network.
WHEELHOUSE = Path(sys.prefix) / "wheelhouse"


@pytest.fixture(scope="module")
def download(tmp_path_factory):
    """The zip exactly as `make student` writes it, without building the HTML."""
    work = tmp_path_factory.mktemp("download")
    src = work / "src"
    edition.prepare_sources(ROOT, src)
    target = work / "student-notebooks.zip"
    edition._zip_notebooks(ROOT, src, target)
    return target


def _readme(z: zipfile.ZipFile) -> str:
    return z.read("student-notebooks/README.md").decode("utf-8")


def test_download_carries_the_licence(download):
    with zipfile.ZipFile(download) as z:
        licence = z.read("student-notebooks/LICENSE").decode("utf-8")
    assert licence == (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "MIT" in licence and "Creative Commons Attribution 4.0" in licence


def test_download_has_its_own_readme(download):
    with zipfile.ZipFile(download) as z:
        readme = _readme(z)
        names = z.namelist()
    floor = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"].lstrip(">=")
    assert f"You need Python {floor} or newer" in readme, "the README must state the real Python floor"
    assert "{python_floor}" not in readme
    assert "make " not in readme, "the download has no Makefile"
    for topic in ("## Install", "## Open the notebooks", "## Check your answers", "## Where the book is"):
        assert topic in readme
    assert "student-notebooks/Makefile" not in names


def test_download_requirements_are_the_notebooks_pins(download):
    with zipfile.ZipFile(download) as z:
        reqs = z.read("student-notebooks/requirements.txt").decode()
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M))
    listed = dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)$", reqs, re.M))
    assert set(listed) == set(edition.STUDENT_PACKAGES)
    assert all(pins[k] == v for k, v in listed.items())
    assert "jupyter-book" not in reqs and "playwright" not in reqs and "-e ." in reqs


def test_student_requirements_refuse_a_missing_pin(tmp_path):
    (tmp_path / "requirements.txt").write_text("numpy==1\n")
    with pytest.raises(ValueError, match="does not pin"):
        edition.student_requirements(tmp_path)


def _commands(readme: str) -> list[str]:
    block = re.search(r"## Install.*?```bash\n(.*?)```", readme, re.S).group(1)
    run = re.search(r"`(\.venv/bin/jupyter nbconvert [^`]+)`", readme).group(1)
    return [line.strip() for line in block.splitlines() if line.strip()] + [run]


def test_readme_commands_are_found():
    cmds = _commands(edition.STUDENT_README)
    assert cmds[0].startswith("python3 -m venv") and "pip install" in cmds[1] and "nbconvert" in cmds[-1]


def test_wheelhouse_holds_what_the_download_installs():
    wanted = edition.wheelhouse_requirements(ROOT)
    pins = [w for w in wanted if "==" in w]
    assert {p.split("==")[0] for p in pins} == set(edition.STUDENT_PACKAGES)
    assert str(ROOT) in wanted, "the package's own dependencies come from its metadata"
    build = tomllib.loads((ROOT / "pyproject.toml").read_text())["build-system"]["requires"]
    assert set(build) <= set(wanted), "an editable install builds the package: its build requirements too"


def test_download_installs_and_runs_a_chapter_in_a_fresh_folder(download, tmp_path):
    assert (WHEELHOUSE / ".complete").is_file(), (
        f"no wheelhouse at {WHEELHOUSE}: `make test` fetches it with the environment "
        f"(or: python -m syrialev.tools.edition wheelhouse --out {WHEELHOUSE} && touch {WHEELHOUSE}/.complete)")
    folder = tmp_path / "fresh"
    folder.mkdir()
    with zipfile.ZipFile(download) as z:
        z.extractall(folder)
        readme = _readme(z)
    home = folder / "student-notebooks"
    env = {k: v for k, v in os.environ.items()
           if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "SYRIALEV_DATA", "JUPYTER_PATH"}}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if not p.startswith(str(Path(sys.prefix))))
    env.update(MPLBACKEND="Agg", SYRIALEV_STATE=str(tmp_path / "state.json"),
               # the README's commands as written; pip takes every wheel from the wheelhouse with the
               # index off (a missing wheel fails the install), and only skips compiling every
               # installed module to bytecode, which Python does anyway on first import
               PIP_NO_INDEX="1", PIP_FIND_LINKS=str(WHEELHOUSE),
               PIP_NO_COMPILE="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    for cmd in _commands(readme):
        proc = subprocess.run(shlex.split(cmd), cwd=home, env=env, capture_output=True, text=True,
                              timeout=1200)
        assert proc.returncode == 0, f"{cmd}\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    run = myst.read_notebook(home / "chapters" / "run.ipynb")
    outputs = [o for c in run.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert outputs and not [o for o in outputs if o.get("output_type") == "error"]
    # the chapter ran against the download's own package and data, not the repository's
    probe = subprocess.run([str(home / ".venv" / "bin" / "python"), "-c",
                            "import syrialev.data as d; print(d.data_dir())"],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
    assert Path(probe.stdout.strip()) == home / "data", probe.stdout + probe.stderr
