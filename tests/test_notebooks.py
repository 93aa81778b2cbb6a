"""Notebooks are committed without outputs and are thin: logic lives in the package.

Execution from a clean kernel is checked by nbmake (pytest --nbmake, configured in pyproject.toml)
and again by the strict book build.
"""

from pathlib import Path

import pytest

from syrialev.tools import myst

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
#: Every notebook of the book (chapters, instructors' pages, the short edition).
ALL_NOTEBOOKS = sorted(p for folder in ("chapters", "instructors", "short")
                       for p in (ROOT / folder).glob("*.ipynb"))


def test_there_are_notebooks():
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path):
    nb = myst.read_notebook(path)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.name}: cells {dirty} have outputs or execution counts; strip them"


def _lab_function(cells, i) -> bool:
    """A lab's starting function: one short function that the same cell then hands to labs.check
    (so the cell shows the check's verdict in the built book)."""
    import re

    source = "".join(cells[i]["source"])
    names = re.findall(r"^def (\w+)\(", source, re.M)
    return len(names) == 1 and re.search(rf'^labs\.check\("lab-[\w-]+", {names[0]}\)$', source, re.M) is not None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_code_cells_are_thin(path):
    nb = myst.read_notebook(path)
    for i, c in enumerate(nb.cells):
        if c.cell_type != "code":
            continue
        lines = [ln for ln in c.source.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        assert len(lines) <= 12, f"{path.name} cell {i} has {len(lines)} lines of code; move logic to syrialev"
        if _lab_function(nb.cells, i):
            continue  # the student's part of a lab, checked by syrialev.classroom.labs
        assert "def " not in c.source, f"{path.name} cell {i} defines a function; move it to syrialev"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_colab_setup_cell_points_to_the_configured_repository(path):
    import yaml

    url = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    sources = myst.cell_sources(path, "code")
    assert any("google.colab" in s and url in s for s in sources), (
        f"{path.name}: its Colab set-up cell must clone {url} (repository.url in _config.yml)")


def _cells(nb) -> list[tuple]:
    """What a reader and the build see of a notebook: each cell's type, source and tags."""
    return [(c.cell_type, c.source.strip(), tuple(c.metadata.get("tags", ()))) for c in nb.cells]


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_and_its_text_twin_are_in_sync(path):
    """Each notebook has a MyST Markdown twin (jupytext.toml) that says the same, cell by cell."""
    import jupytext
    import nbformat

    twin = path.parent / "text" / f"{path.stem}.md"
    assert twin.is_file(), f"{path.name} has no text twin {twin.relative_to(ROOT)}: run `make sync`"
    notebook, text = _cells(nbformat.read(path, as_version=4)), _cells(jupytext.read(twin))
    differ = next((i for i, (a, b) in enumerate(zip(notebook, text)) if a != b), None)
    assert len(notebook) == len(text) and differ is None, (
        f"{path.name} and {twin.relative_to(ROOT)} differ "
        f"({'at cell ' + str(differ) if differ is not None else f'{len(notebook)} vs {len(text)} cells'}): "
        "edit one, then run `make sync`")


def test_every_text_twin_has_its_notebook():
    twins = sorted(ROOT.glob("*/text/*.md"))
    assert twins, "no text twins found"
    orphans = [str(t.relative_to(ROOT)) for t in twins if not (t.parent.parent / f"{t.stem}.ipynb").is_file()]
    assert not orphans, f"text twins without a notebook (delete them or restore the notebook): {orphans}"
