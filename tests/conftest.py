"""Shared fixtures. The strict book build runs once per test session (execution is cached)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The essay's text (someone else's copyrighted text, kept outside the repository): beside the
#: repository, beside a folder of worktrees, or wherever $SYRIALEV_ESSAY says. Tests that need it
#: skip with a reason when it is absent.
_ESSAY_CANDIDATES = [ROOT.parent / "shared" / "source" / "essay.txt",
                     ROOT.parents[1] / "shared" / "source" / "essay.txt"]
ESSAY = Path(os.environ.get("SYRIALEV_ESSAY") or next((p for p in _ESSAY_CANDIDATES if p.is_file()),
                                                       _ESSAY_CANDIDATES[0]))

#: Fixtures that build the book (strict build or student edition): a test using any of them is
#: marked ``book`` automatically, so ``pytest -m "not book"`` never starts a build.
BUILD_FIXTURES = {"book_build", "html_dir", "student"}


def pytest_configure(config):
    """No test, notebook kernel or book build of this session reads or writes anyone's saved
    choices: the whole session (and every process it starts) gets a throwaway state file."""
    scratch = Path(tempfile.mkdtemp(prefix="syrialev-test-state-"))
    os.environ["SYRIALEV_STATE"] = str(scratch / "state.json")
    config.add_cleanup(lambda: shutil.rmtree(scratch, ignore_errors=True))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.book)
        if type(item).__name__ == "NotebookItem":  # nbmake: executes a chapter in a fresh kernel
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    """Explorers may save a student's choices (syrialev.state); tests never touch the real file."""
    monkeypatch.setenv("SYRIALEV_STATE", str(tmp_path / "state.json"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def build_root(tmp_path_factory) -> Path:
    """A fresh output folder: the tests check what a clean build produces, with no stale cache."""
    return tmp_path_factory.mktemp("book")


@pytest.fixture(scope="session")
def book_build(build_root):
    """Build the book with the same strict flags as `make book`; return the completed process."""
    exe = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(exe), "build", str(ROOT), "-W", "-n", "--keep-going", "--path-output", str(build_root)]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800,
                          env={**os.environ, "MPLBACKEND": "Agg"})
    return proc


@pytest.fixture(scope="session")
def html_dir(book_build, build_root) -> Path:
    if book_build.returncode != 0:
        pytest.fail("the book did not build; see test_build.py:\n" + book_build.stdout[-3000:]
                    + book_build.stderr[-3000:])
    return build_root / "_build" / "html"


def content_pages(html_dir: Path) -> list[Path]:
    """The HTML pages that the table of contents produces (not search, genindex, _static...)."""
    skip = {"search.html", "genindex.html", "py-modindex.html"}
    pages = []
    for p in sorted(html_dir.rglob("*.html")):
        if p.name in skip or any(part.startswith("_") for part in p.relative_to(html_dir).parts):
            continue
        head = p.read_text(encoding="utf-8")[:2000].lower()
        if 'http-equiv="refresh"' in head:  # index.html only redirects to the landing page
            continue
        pages.append(p)
    return pages


@pytest.fixture(scope="session")
def scorecard():
    from syrialev import data

    return data.load("scorecard")


@pytest.fixture(scope="session")
def timeline():
    from syrialev import data

    return data.load("timeline_after_2017")

