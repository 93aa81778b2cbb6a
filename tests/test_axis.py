"""Tests of the Iran-Russia axis chapter: win-sets (Tsebelis's veto players, M5), the
actor network and the coalition-strength arithmetic, and the chapter's two explorers.

Closed forms are checked against brute force on a grid (the definition |x - r| <= |q - r|
evaluated point by point); network sums are checked against the CSV files read independently
with the csv module, not against the package's own loader.
"""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syrialev.chapters import axis
from syrialev.explorers import all_explorers
from syrialev.models import winsets
from syrialev.models.winsets import accepts, common_settlements, deal_exists, win_set

ROOT = Path(__file__).resolve().parents[1]
unit = st.floats(0.0, 1.0, allow_nan=False, allow_infinity=False)
GRID = np.linspace(0.0, 1.0, 401)
TOL = 1e-9


def _rows(name):
    with open(ROOT / "data" / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# ----------------------------------------------------------------------------- win-sets


def _brute_accepted(ideal, q):
    """Grid points (plus q itself, which need not be on the grid) that satisfy the definition."""
    return [x for x in [*GRID, q] if accepts(x, ideal, q)]


@pytest.mark.parametrize("ideal,q", list(itertools.product(np.linspace(0, 1, 11), repeat=2)))
def test_win_set_matches_brute_force_on_a_grid(ideal, q):
    lo, hi = win_set(ideal, q)
    for x in GRID:
        inside = lo - TOL <= x <= hi + TOL
        if min(abs(x - lo), abs(x - hi)) < 1e-7:
            continue  # on the boundary: floating-point ties are not a disagreement
        assert inside == accepts(x, ideal, q), (ideal, q, x, lo, hi)
    accepted = _brute_accepted(ideal, q)
    assert accepted, "q itself is always accepted"
    assert min(accepted) >= lo - 1.0 / 400 and max(accepted) <= hi + 1.0 / 400


def test_win_set_examples_worked_by_hand():
    # ideal 0.2, q 0.35: mirror image of q about 0.2 is 0.05
    assert win_set(0.2, 0.35) == pytest.approx((0.05, 0.35))
    # ideal 0.75, q 0.35: mirror 1.15 is clipped to 1
    assert win_set(0.75, 0.35) == pytest.approx((0.35, 1.0))
    # a player content with the status quo accepts nothing else
    assert win_set(0.4, 0.4) == (0.4, 0.4)


@pytest.mark.parametrize("bad", [-0.01, 1.01, float("nan"), float("inf"), "0.5", None, True])
def test_win_set_refuses_values_outside_the_axis_and_names_the_argument(bad):
    with pytest.raises(ValueError, match="ideal"):
        win_set(bad, 0.5)
    with pytest.raises(ValueError, match="status_quo"):
        win_set(0.5, bad)


def test_common_settlements_names_the_bad_player():
    with pytest.raises(ValueError, match="Tehran"):
        common_settlements({"Moscow": 0.2, "Tehran": 1.5}, 0.3)
    with pytest.raises(ValueError, match="status_quo"):
        common_settlements({"Moscow": 0.2}, -0.1)


def test_no_veto_players():
    assert common_settlements({}, 0.3) is None
    assert deal_exists({}, 0.3) is True


@pytest.mark.parametrize("ideals,q", [
    ({"W": 0.75, "M": 0.2, "T": 0.05}, 0.35),
    ({"W": 0.75, "M": 0.5, "T": 0.45}, 0.35),
    ({"W": 0.3, "M": 0.2, "T": 0.05}, 0.35),
    ({"W": 0.75, "M": 0.2, "T": 0.05}, 0.02),
    ({"W": 0.9, "M": 0.9}, 0.0),
    ({"W": 0.5, "M": 0.5, "T": 0.5}, 0.5),
])
def test_common_settlements_match_brute_force(ideals, q):
    lo, hi = common_settlements(ideals, q)
    everyone = [x for x in [*GRID, q] if all(accepts(x, r, q) for r in ideals.values())]
    assert everyone, "the status quo is always acceptable to everyone"
    assert lo <= q <= hi
    for x in GRID:
        if min(abs(x - lo), abs(x - hi)) < 1e-7:
            continue
        assert (lo <= x <= hi) == all(accepts(x, r, q) for r in ideals.values())
    # a deal exists iff some grid point other than q is acceptable to all (grid fine enough here)
    assert deal_exists(ideals, q) == any(abs(x - q) > 1e-7 for x in everyone)


def test_the_books_default_has_no_deal_and_tehran_binds_when_both_move():
    assert not deal_exists({"Washington": 0.75, "Moscow": 0.2, "Tehran": 0.05}, 0.35)
    ideals = {"Washington": 0.75, "Moscow": 0.5, "Tehran": 0.45}
    assert deal_exists(ideals, 0.35)
    # Tehran's ideal is nearest q on the upper side, so its win-set (0.35-0.55) is the limit
    assert winsets.binding_players(ideals, 0.35) == ["Tehran"]
    assert common_settlements(ideals, 0.35) == pytest.approx((0.35, 0.55))


@settings(max_examples=300, deadline=None)
@given(unit, unit)
def test_win_set_invariants(ideal, q):
    lo, hi = win_set(ideal, q)
    assert 0.0 <= lo <= hi <= 1.0
    assert lo <= q <= hi, "the status quo is always in the win-set"
    assert lo <= ideal <= hi, "a player always accepts its own ideal point"
    assert hi - lo <= 2 * abs(q - ideal) + 1e-12, "never wider than twice the distance to q"


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["W", "M", "T", "A"]), unit, min_size=1), unit)
def test_deal_exists_iff_everyone_wants_to_move_the_same_way(ideals, q):
    # Theory: in one dimension every win-set has q as an endpoint, so the intersection has
    # positive length exactly when all ideal points lie strictly on one side of q.
    same_side = all(r > q for r in ideals.values()) or all(r < q for r in ideals.values())
    assert deal_exists(ideals, q) == same_side
    lo, hi = common_settlements(ideals, q)
    assert 0.0 <= lo <= q <= hi <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["W", "M", "T"]), unit, min_size=1), unit, unit)
def test_another_veto_player_never_widens_the_common_ground(ideals, q, extra):
    lo, hi = common_settlements(ideals, q)
    lo2, hi2 = common_settlements({**ideals, "X": extra}, q)
    assert lo2 >= lo and hi2 <= hi


@settings(max_examples=200, deadline=None)
@given(unit, unit, unit)
def test_a_player_farther_from_q_has_a_weakly_wider_win_set(q, a, b):
    # the win-set grows as the player's ideal point moves away from the status quo
    # (on the same side). Compare two ideals on the same side of q.
    near, far = sorted([a, b], key=lambda r: abs(r - q))
    if (near - q) * (far - q) < 0:
        return
    w_near, w_far = win_set(near, q), win_set(far, q)
    assert w_far[1] - w_far[0] >= w_near[1] - w_near[0] - 1e-12


# ----------------------------------------------------------------------------- the network


def test_graph_has_every_actor_and_relation_from_the_csv():
    actors, rels = _rows("actors"), _rows("actor_relations")
    g = axis.build_graph()
    assert set(g.nodes) == {r["actor_id"] for r in actors}
    got = sorted((u, v, d["relation"]) for u, v, d in g.edges(data=True))
    want = sorted((r["from_actor"], r["to_actor"], r["relation"]) for r in rels)
    assert got == want


def test_every_relation_kind_has_a_drawn_style_and_every_side_a_colour():
    for r in _rows("actor_relations"):
        assert axis.RELATION_CLASS[r["relation"]] in axis.RELATION_CLASSES
    for r in _rows("actors"):
        assert r["side"] in axis.SIDE_COLOURS


def _csv_sums(side="pro_government", removed=()):
    lo = hi = 0
    for r in _rows("actors"):
        if r["side"] == side and r["strength_low"] and r["actor_id"] not in removed:
            lo += int(r["strength_low"])
            hi += int(r["strength_high"])
    return lo, hi


def test_full_coalition_sum_matches_the_csv():
    cs = axis.coalition_strength()
    assert (cs.full_low, cs.full_high) == _csv_sums()
    assert (cs.low, cs.high) == (cs.full_low, cs.full_high)
    assert cs.broken == () and cs.orphans == ()
    # the years really do differ: this is why every sum carries a caveat
    assert len(cs.years) > 1
    assert "order of magnitude" in axis.sum_caveat(cs.years)


def test_removing_the_irgc_orphans_exactly_the_groups_it_alone_sponsors():
    rows = _rows("actors")
    alone = {r["actor_id"] for r in rows
             if r["side"] == "pro_government" and r["sponsor"] == "irgc_quds_force"}
    cs = axis.coalition_strength(removed=["irgc_quds_force"])
    assert set(cs.orphans) == alone
    assert "syrian_arab_army" not in cs.orphans, "the army also has Russia as a sponsor"
    both = axis.coalition_strength(removed=["irgc_quds_force", "russian_forces"])
    assert "syrian_arab_army" in both.orphans


@settings(max_examples=60, deadline=None)
@given(st.sets(st.sampled_from(axis.REMOVABLE)))
def test_removal_arithmetic_over_all_subsets(removed):
    g = axis.build_graph()
    cs = axis.coalition_strength(removed=sorted(removed), graph=g)
    assert (cs.low, cs.high) == _csv_sums(removed=removed)
    assert 0 <= cs.low <= cs.high <= cs.full_high
    assert cs.low <= cs.full_low
    assert 0 <= cs.orphan_low <= cs.orphan_high <= cs.high
    n_touching = sum(1 for r in _rows("actor_relations")
                     if r["from_actor"] in removed or r["to_actor"] in removed)
    assert len(cs.broken) == n_touching
    # removing one more actor never raises the sums
    for extra in set(axis.REMOVABLE) - removed:
        more = axis.coalition_strength(removed=sorted(removed | {extra}), graph=g)
        assert more.low <= cs.low and more.high <= cs.high


def test_unknown_removal_is_refused():
    with pytest.raises(ValueError, match="no_such_actor"):
        axis.coalition_strength(removed=["no_such_actor"])


def test_share_range_by_hand():
    # Iran-led foreign forces: at their low bounds against everyone else at the high bounds,
    # and the reverse, computed here from the CSV.
    part = axis.GROUPS[2][2]
    p_lo, p_hi = _csv_sums()[0] - _csv_sums(removed=part)[0], _csv_sums()[1] - _csv_sums(removed=part)[1]
    o_lo, o_hi = _csv_sums(removed=part)
    lo, hi = axis.share_range(part)
    assert lo == pytest.approx(p_lo / (p_lo + o_hi))
    assert hi == pytest.approx(p_hi / (p_hi + o_lo))
    assert 0 < lo < hi < 1


def test_strength_table_cites_each_bound():
    md = axis.strength_table_markdown(side="pro_government")
    rows = [r for r in _rows("actors") if r["side"] == "pro_government" and r["strength_low"]]
    assert len(md.splitlines()) == 2 + len(rows)
    for r in rows:
        for key in (r["strength_low_source"] + ";" + r["strength_high_source"]).split(";"):
            assert key in md, f"{r['actor_id']}: source {key} is not cited"
        assert f"{int(r['strength_low']):,}–{int(r['strength_high']):,}" in md


def test_every_mark_in_the_strength_table_is_explained_under_it():
    import re

    table = axis.strength_table_markdown(side="pro_government")
    marks = set(re.findall(r"\(([a-e])\) \|", table))
    assert "e" in marks  # Hezbollah: the bounds come from different years
    text = (ROOT / "chapters" / "text" / "02_iran_russia_axis.md").read_text(encoding="utf-8")
    after = text.split("axis.strength_table_markdown(actors, side=\"pro_government\")", 1)[1]
    note = after.split("\n\n", 2)[1]  # the paragraph after the code cell
    for mark in marks:
        assert f"({mark})" in note, f"({mark}) is used in the table but not explained under it"


def test_coalition_summary_carries_the_caveat_and_the_csv_sums():
    text = axis.coalition_summary_markdown()
    lo, hi = _csv_sums()
    assert axis.fmt(lo) in text and axis.fmt(hi) in text
    assert "order of magnitude" in text and "{cite:p}" in text
    assert "{cite:p}" not in axis.coalition_summary_markdown(cite=False)


def test_alt_texts_say_what_the_figures_show():
    assert "Syria and Iraq" in axis.strengths_alt()
    alt = axis.network_alt()
    assert "18 armed actors" in alt and "50 sourced relations" in alt


# ----------------------------------------------------------------------------- explorers


@pytest.fixture(scope="module")
def explorers():
    reg = all_explorers()
    return reg["take_actor_away"](), reg["veto_players"]()


def test_take_actor_away_reports_caveat_and_losses(explorers):
    e, _ = explorers
    text = e.update(**{p.name: False for p in e.params})
    assert "order of magnitude" in text
    text = e.update(remove_ndf=True)
    lo, hi = _csv_sums(removed=["ndf"])
    assert axis.fmt(lo) in text and axis.fmt(hi) in text
    assert axis.fmt(lo) in e.alt(e.result)
    e.update(remove_ndf=False)


def test_veto_explorer_agrees_with_the_model(explorers):
    _, v = explorers
    text = v.update(washington=0.75, moscow=0.2, tehran=0.05, status_quo=0.35)
    assert text.startswith("No deal")
    text = v.update(moscow=0.5, tehran=0.45)
    assert text.startswith("A deal exists") and "0.55" in text
    v.update(**{p.name: p.default for p in v.params})
