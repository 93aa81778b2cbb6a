"""The published book does not depend on anyone's saved choices.

A student's (or a maintainer's) valuation of Syria, saved by the long-ties chapter's live explorer,
must never reach the built book: the leverage chapter's static figures, verdicts and alt text are
the same whether or not a valuation is saved. Here the chapter is executed once more from a clean
kernel, as the build does, with a saved valuation of 0.97 (far from the default of about 0.53), and
every output the book shows is compared with the book's own build (which ran with no saved choice).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CHAPTER = ROOT / "chapters" / "03_leverage.ipynb"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

pytestmark = pytest.mark.slow


def _shown(nb) -> list:
    """Every output of the notebook that the book shows (widget views aside)."""
    shown = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            bundle = {k: v for k, v in out.get("data", {}).items() if k != WIDGET_VIEW}
            if bundle or out.get("text"):
                shown.append((i, out.get("output_type"), json.dumps(bundle, sort_keys=True),
                              out.get("text", "")))
    return shown


def _execute(state_file: Path) -> list:
    """Run the chapter in a fresh kernel with SYRIALEV_STATE at ``state_file``; return its outputs."""
    from nbclient import NotebookClient

    nb = nbformat.read(CHAPTER, as_version=4)
    old = os.environ.get("SYRIALEV_STATE")
    os.environ["SYRIALEV_STATE"] = str(state_file)  # the kernel inherits it
    try:
        NotebookClient(nb, timeout=600, kernel_name="python3",
                       resources={"metadata": {"path": str(CHAPTER.parent)}}).execute()
    finally:
        if old is None:
            os.environ.pop("SYRIALEV_STATE", None)
        else:
            os.environ["SYRIALEV_STATE"] = old
    return _shown(nb)


def test_leverage_chapter_is_the_same_with_and_without_a_saved_valuation(tmp_path, executed_dir):
    from syrialev.explorers import choices

    clean = _shown(nbformat.read(executed_dir / "chapters" / CHAPTER.name, as_version=4))
    saved = tmp_path / "saved" / "state.json"
    saved.parent.mkdir()
    saved.write_text(json.dumps({choices.VALUATION_KEY: 0.97}), encoding="utf-8")
    with_choice = _execute(saved)
    assert clean, "the chapter showed nothing"
    assert any("image/png" in bundle or "<img" in bundle for _, _, bundle, _ in clean)
    differ = [a[0] for a, b in zip(clean, with_choice, strict=False) if a != b]
    assert len(clean) == len(with_choice) and not differ, (
        f"cells {differ} of {CHAPTER.name} change with a saved valuation: the build must use defaults")
    assert json.loads(saved.read_text(encoding="utf-8")) == {choices.VALUATION_KEY: 0.97}, (
        "executing the chapter must not overwrite a saved choice")
