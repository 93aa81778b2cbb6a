"""The install contract: what the README and pyproject promise is what the pins and the package do.

- the Python floor stated in pyproject.toml, the README and Binder's runtime.txt is the lowest
  Python that every pinned package supports;
- every third-party module the package imports is a declared dependency (nashpy included);
- the Colab set-up cell of every chapter is one ``%pip install`` of the package;
- a built wheel carries every data table, the descriptor, the bibliographies and the table of
  contents, and an installed copy finds them from any folder (importlib.resources).
"""

from __future__ import annotations

import ast
import importlib.metadata as md
import json
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet

from syrialev.tools import myst

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
#: Import names whose distribution is named differently.
DIST_OF = {"yaml": "pyyaml", "PIL": "pillow", "IPython": "ipython", "bs4": "beautifulsoup4",
           "myst_parser": "myst-parser", "markdown_it": "markdown-it-py"}


def _pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if "==" in line and not line.lstrip().startswith("#"):
            name, version = line.split("==")
            pins[name.strip()] = version.strip()
    return pins


def _python_floor() -> str:
    """The lowest CPython 3.x.y that every pinned (and installed) package declares it supports."""
    specs = {}
    for name in _pins():
        requires = md.metadata(name).get("Requires-Python")
        if requires:
            specs[name] = SpecifierSet(requires)
    for minor in range(8, 20):
        for patch in range(0, 30):
            version = f"3.{minor}.{patch}"
            if all(s.contains(version) for s in specs.values()):
                return version
    raise AssertionError("no Python 3 version satisfies every pin")


def test_the_pinned_set_is_what_is_installed():
    wrong = {n: (v, md.version(n)) for n, v in _pins().items() if md.version(n) != v}
    assert not wrong, f"installed versions differ from constraints.txt: {wrong}"


def test_python_floor_matches_the_pins():
    floor = _python_floor()
    assert PYPROJECT["project"]["requires-python"] == f">={floor}", (
        f"the pins need Python >= {floor}; pyproject.toml says {PYPROJECT['project']['requires-python']}")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"Python {floor} or newer" in readme, f"the README must state the floor: Python {floor} or newer"
    runtime = (ROOT / "runtime.txt").read_text(encoding="utf-8").strip()
    major_minor = ".".join(floor.split(".")[:2])
    assert runtime == f"python-{major_minor}", f"Binder's runtime.txt should pin python-{major_minor}"
    running = ".".join(map(str, sys.version_info[:3]))
    assert SpecifierSet(f">={floor}").contains(running)


def _third_party_imports(tools: bool = False) -> set[str]:
    """Third-party modules imported by the package (``tools``: by the build tools alone)."""
    found = set()
    package = ROOT / "src" / "syrialev"
    for path in package.rglob("*.py"):
        if (path.relative_to(package).parts[0] == "tools") != tools:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m != "syrialev"}


def test_every_imported_package_is_a_dependency():
    declared = {re.split(r"[<>=\[ ;]", d)[0].lower() for d in PYPROJECT["project"]["dependencies"]}
    imported = {DIST_OF.get(m, m).lower() for m in _third_party_imports()}
    assert "nashpy" in declared, "chapter 3 needs nashpy: it is a core dependency"
    assert imported <= declared, f"imported but not declared in pyproject.toml: {sorted(imported - declared)}"
    pinned = {n.lower().replace("_", "-") for n in _pins()}
    assert declared <= pinned, f"dependencies without a pin in constraints.txt: {sorted(declared - pinned)}"


def test_build_tools_need_only_their_extra():
    """The book-building tools import nothing a student installs for them: their own packages are
    the ``tools`` extra, which the repository's requirements install."""
    runtime = {re.split(r"[<>=\[ ;]", d)[0].lower() for d in PYPROJECT["project"]["dependencies"]}
    extra = {re.split(r"[<>=\[ ;]", d)[0].lower() for d in PYPROJECT["project"]["optional-dependencies"]["tools"]}
    imported = {DIST_OF.get(m, m).lower() for m in _third_party_imports(tools=True)}
    assert imported <= runtime | extra, f"the tools import {sorted(imported - runtime - extra)}: declare them"
    assert "beautifulsoup4" in extra and "beautifulsoup4" not in runtime
    requirements = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert re.search(r"^-e \.\[tools\]$", requirements, re.M), "requirements.txt must install the tools extra"


@pytest.mark.parametrize("path", sorted((ROOT / "chapters").glob("*.ipynb")), ids=lambda p: p.name)
def test_colab_cell_is_one_pip_install_of_the_package(path):
    url = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]["url"]
    cells = [s for s in myst.cell_sources(path, "code") if "google.colab" in s]
    assert len(cells) == 1, f"{path.name}: one Colab set-up cell expected, found {len(cells)}"
    code = [ln.strip() for ln in cells[0].splitlines() if ln.strip() and not ln.strip().startswith("#")]
    installs = [ln for ln in code if ln.startswith("%pip install")]
    assert installs == [f'%pip install --quiet "syrialev @ git+{url}"'], installs
    for banned in ("sys.path", "os.system", "git clone", "SYRIALEV_DATA"):
        assert banned not in cells[0], f"{path.name}: the Colab cell should not need {banned!r}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # build from a copy of the sources, so the build leaves nothing behind in the repository
    source = tmp_path_factory.mktemp("source") / "book"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "_build", "build", "*.egg-info", ".*_cache", ".hypothesis", "__pycache__"))
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q",
                           "-w", str(out)], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (found,) = out.glob("syrialev-*.whl")
    return found


@pytest.mark.slow
def test_wheel_ships_every_table_and_what_the_package_reads(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {f"syrialev/_book/data/{p.name}" for p in (ROOT / "data").glob("*.csv")}
    expected |= {f"syrialev/_book/data/{p.name}" for p in (ROOT / "data").glob("*.geojson")}
    expected |= {"syrialev/_book/data/datapackage.json", "syrialev/_book/references.bib",
                 "syrialev/_book/_toc.yml", "syrialev/classroom/selfcheck_answers.json"}
    expected |= {f"syrialev/_book/bib/{p.name}" for p in (ROOT / "bib").glob("*.bib")}
    assert expected <= names, f"missing from the wheel: {sorted(expected - names)}"
    tools = sorted(n for n in names if n.startswith("syrialev/tools/"))
    assert not tools, f"the book-building tools must stay out of the wheel: {tools}"
    for package in ("chapters", "classroom", "explorers", "models", "data"):
        assert f"syrialev/{package}/__init__.py" in names, f"syrialev.{package} is missing from the wheel"


@pytest.mark.slow
def test_installed_package_finds_its_data_from_any_folder(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(wheel)], check=True, capture_output=True, timeout=600)
    elsewhere = tmp_path / "a notebook opened alone"
    elsewhere.mkdir()
    script = ("import json; from syrialev import book, data; "
              "from syrialev.classroom import selfcheck; assert selfcheck.labels(); "
              "tables = data.load_all(); "
              "print(json.dumps([str(data.data_dir()), sorted(tables), len(book.toc_documents())]))")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(target), "MPLBACKEND": "Agg"}
    proc = subprocess.run([sys.executable, "-c", script], cwd=elsewhere, env=env, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    where, tables, documents = json.loads(proc.stdout.strip().splitlines()[-1])
    assert Path(where) == target / "syrialev" / "_book" / "data"
    assert tables == sorted(p.stem for p in (ROOT / "data").glob("*.csv"))
    assert documents > 0
