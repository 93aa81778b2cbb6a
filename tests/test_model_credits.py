"""The models are credited for what their sources argue, the same way on every page.

Text checks for the points a referee raised: Press's "current calculus" kept apart from Fearon's
costly signals; one summary of Sechser; Putnam's two sides where the linkage model uses him; the
veto-player model's fixed reversion point and the goods Washington held; and the worked exercise
on a reversion point that moves, checked against the package.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from syrialev.models import winsets

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"models": ROOT / "chapters" / "models.md", "leverage": ROOT / "chapters" / "text" / "03_leverage.md",
         "labs": ROOT / "chapters" / "text" / "06_labs.md", "glossary": ROOT / "coursework" / "glossary.md"}


def _paragraphs(page: str) -> list[str]:
    text = PAGES[page].read_text(encoding="utf-8")
    return [re.sub(r"\s+", " ", p) for p in re.split(r"\n\s*\n|\n- |\n\d\. ", text)]


def _citing(page: str, key: str) -> list[str]:
    return [p for p in _paragraphs(page) if re.search(r"\{cite:[pt]\}`[^`]*\b" + key + r"\b", p)]


@pytest.mark.parametrize("page", ["models", "leverage", "glossary"])
def test_press_is_the_claim_that_past_actions_are_not_consulted(page):
    cited = _citing(page, "press2005")
    assert cited, f"{page} does not cite Press"
    for p in cited:
        assert re.search(r"not consult|not by one strike|no update", p), p
        # Press is never read as a value of r ("the strike was cheap"): that is Fearon's logic
        assert not re.search(r"Press[^.]*(that is the claim that \$r\$ was high|means a high \$r\$)", p), p


@pytest.mark.parametrize("page", ["models", "leverage"])
def test_the_cheap_strike_is_fearons_costly_signal(page):
    assert any("cheap" in p and "signal" in p for p in _citing(page, "fearon1997")), page


@pytest.mark.parametrize("page", ["models", "leverage", "labs"])
def test_one_summary_of_sechser(page):
    cited = _citing(page, "sechser2010")
    assert cited
    for p in cited:
        assert "further demands" in p and "underestimate" in p, p


@pytest.mark.parametrize("page", ["models", "leverage", "glossary"])
def test_putnam_has_both_sides_where_the_model_uses_him(page):
    cited = " ".join(_citing(page, "putnam1988"))
    assert re.search(r"ratif", cited)                                    # the ceiling
    assert re.search(r"bargaining advantage|push(ed)? around|credibly|strengthen", cited)  # the strength


def test_the_veto_model_states_its_fixed_reversion_point_and_washingtons_goods():
    text = re.sub(r"\s+", " ", PAGES["models"].read_text(encoding="utf-8"))
    m5 = text[text.index("## M5."):text.index("## Not models")]
    assert "fixed reversion point" in m5 and "by force" in m5
    for good in ("sanctions", "reconstruction", "Security Council"):
        assert good in m5


def test_the_moving_reversion_point_exercise_agrees_with_the_package():
    text = re.sub(r"\s+", " ", PAGES["models"].read_text(encoding="utf-8"))
    solution = text[text.index("```{solution} ex-models-moving-q"):]
    solution = solution[:solution.index("```", 5)]
    ideals = {"Washington": 0.8, "Moscow": 0.2, "Tehran": 0.05}

    def shown(interval):
        return "$[" + ", ".join(f"{round(x, 10):g}" for x in interval) + "]$"

    for q in (0.3, 0.15):
        for name, ideal in ideals.items():
            assert f"{name} accepts {shown(winsets.win_set(ideal, q))}" in solution or \
                f"{name} {shown(winsets.win_set(ideal, q))}" in solution, (name, q)
        assert winsets.common_settlements(ideals, q) == (q, q)   # only the status quo is common
