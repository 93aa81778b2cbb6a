"""The models page names only functions that exist, and covers every model module."""

from __future__ import annotations

import importlib
import re


def test_every_function_the_models_page_names_exists(root):
    text = (root / "chapters" / "models.md").read_text(encoding="utf-8")
    named = re.findall(r"`(syrialev(?:\.\w+)+)`", text)
    assert len(named) >= 8
    for dotted in named:
        parts = dotted.split(".")
        for cut in range(len(parts), 0, -1):  # the longest importable module, then attributes
            try:
                obj = importlib.import_module(".".join(parts[:cut]))
            except ModuleNotFoundError:
                continue
            for attr in parts[cut:]:
                assert hasattr(obj, attr), f"the models page names {dotted}, which does not exist"
                obj = getattr(obj, attr)
            break
    for target in re.findall(r":::\{literalinclude\} \.\./(\S+)\n:pyobject: (\w+)", text):
        path, name = target
        assert f"def {name}(" in (root / path).read_text(encoding="utf-8"), target


def test_every_model_module_is_on_the_models_page(root):
    text = (root / "chapters" / "models.md").read_text(encoding="utf-8")
    modules = [p.stem for p in (root / "src" / "syrialev" / "models").glob("*.py") if p.stem != "__init__"]
    missing = [m for m in modules if f"syrialev.models.{m}" not in text]
    assert not missing, f"model modules not on the models page: {missing}"


def test_details_collapse_a_table_under_its_summary():
    import pandas as pd
    import pytest

    from syrialev import plots

    html = plots.details("How we checked this", pd.DataFrame({"a": [1]}))._repr_html_()
    assert html.startswith('<details class="syrialev-details"><summary>How we checked this</summary>')
    assert "<table" in html and html.endswith("</details>") and " open" not in html
    with pytest.raises(ValueError):
        plots.details(" ", "x")


def test_verification_tables_are_collapsed_in_the_leverage_chapter(root):
    import json

    nb = json.loads((root / "chapters" / "03_leverage.ipynb").read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    for marker in ("check_table", "chicken_equilibria"):
        cell = next(c for c in cells if marker in c)
        assert cell.startswith('plots.details("How we checked this'), marker


def test_the_veto_player_model_is_credited_to_tsebelis_not_putnam(root):
    """The win-set model of the axis chapter is Tsebelis's; Putnam is cited for two-level games."""
    import json
    import re

    nb = json.loads((root / "chapters" / "02_iran_russia_axis.ipynb").read_text(encoding="utf-8"))
    chapter = "".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    texts = {
        "chapter 2": chapter,
        "glossary": (root / "coursework" / "glossary.md").read_text(encoding="utf-8"),
        "winsets.py": (root / "src" / "syrialev" / "models" / "winsets.py").read_text(encoding="utf-8"),
    }
    wrong = re.compile(r"Putnam's (win-sets? on|two-level game in one dimension|point)|rendering of Putnam",
                       re.I)
    for name, text in texts.items():
        assert "Tsebelis" in text or "tsebelis2002" in text, name
        assert not wrong.search(text), f"{name} credits the veto-player model to Putnam"


def test_each_models_code_stands_beside_its_equations(root):
    """Chapters show each model's code, read from the package, in a collapsed block."""
    import json

    wanted = {
        "01_long_ties": ["stake.assess"],
        "02_iran_russia_axis": ["winsets.common_settlements"],
        "03_leverage": ["bargaining.bargaining_range", "linkage.linkage_deal", "bargaining.private_cost_offer",
                        "buildup.us_payoff", "credibility.russia_complies", "credibility.posterior_after_strike"],
    }
    for chapter, functions in wanted.items():
        nb = json.loads((root / "chapters" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
        cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
        shown = " ".join(c for c in cells if "plots.code(" in c)
        for f in functions:
            assert f in shown, f"{chapter}: no collapsed code block for {f}"


def test_code_blocks_read_the_packages_source():
    import inspect

    from syrialev import plots
    from syrialev.models import credibility

    block = plots.code(credibility.posterior_after_strike)
    assert block.source == inspect.getsource(credibility.posterior_after_strike).rstrip()
    html = block._repr_html_()
    assert html.startswith('<details class="syrialev-details"><summary>The code: '
                           "syrialev.models.credibility.posterior_after_strike</summary>")
    assert "posterior_after_strike" in html and "</details>" in html
