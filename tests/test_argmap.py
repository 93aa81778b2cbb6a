"""The argument map: structure, faithfulness to the essay, and its figure's alt text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from syrialev import argmap, data

ROOT = Path(__file__).resolve().parents[1]
ESSAY = Path(os.environ.get("SYRIALEV_ESSAY", ROOT.parent / "shared" / "source" / "essay.txt"))


@pytest.fixture(scope="module")
def table():
    return data.load("argument_map", ROOT / "data")


def test_one_conclusion_and_everything_leads_to_it(table):
    g = argmap.graph(table)
    roots = [n for n in g if g.out_degree(n) == 0]
    assert roots == ["recommendation"]
    levels = argmap.levels(g)
    assert set(levels) == set(g), "every node must reach the conclusion"


def test_each_pillar_has_a_claim_and_evidence_supports_something(table):
    for pillar in argmap.PILLARS:
        kinds = set(table[table["pillar"] == pillar]["kind"])
        assert kinds & {"claim", "conclusion"}, pillar
    evidence = table[table["kind"] == "evidence"]
    assert evidence["supports"].notna().all()


def test_quotations_are_short_and_verbatim(table):
    quotes = [q for q in table["essay_quote"].dropna() if q]
    assert all(len(q.split()) <= 30 for q in quotes)
    if not ESSAY.is_file():
        pytest.skip(f"essay text not found at {ESSAY}: verbatim check not run")
    text = ESSAY.read_text(encoding="utf-8")
    missing = [q for q in quotes if q not in text]
    assert not missing, f"not verbatim in the essay: {missing}"


def test_layout_places_the_conclusion_right_of_everything(table):
    g = argmap.graph(table)
    pos = argmap.layout(g)
    x_conclusion = pos["recommendation"][0]
    assert all(x < x_conclusion for n, (x, _) in pos.items() if n != "recommendation")
    assert len(set(pos.values())) == len(pos), "no two nodes share a position"


def test_alt_text_names_every_claim(table):
    alt = argmap.alt_text(table)
    for label in table[table["kind"] == "claim"]["label"]:
        assert label in alt


def test_a_cycle_is_refused(table):
    broken = table.copy()
    broken.loc[broken["node_id"] == "recommendation", "supports"] = "no_break"
    with pytest.raises(ValueError, match="cycle"):
        argmap.graph(broken)
