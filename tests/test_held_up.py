"""Chapter 'How the argument held up': the scorecard, the record and the back-test explorer."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syrialev import data
from syrialev.chapters import held_up
from syrialev.explorers.held_up import OUTCOME_KEYS, Backtest
from syrialev.explorers import held_up as bt


@pytest.fixture(scope="module")
def explorer():
    return Backtest()


# --------------------------------------------------------------------------- the scorecard


def test_counts_add_up(scorecard):
    counts = held_up.verdict_counts(scorecard)
    assert counts.loc["all claims", "total"] == len(scorecard)
    body = counts.drop(index="all claims")
    # every claim is counted once, in its own type and verdict
    for t in held_up.CLAIM_TYPES:
        assert body.loc[t, "total"] == (scorecard["claim_type"] == t).sum()
    for v in held_up.VERDICTS:
        assert counts.loc["all claims", held_up.VERDICT_LABELS[v]] == (scorecard["verdict"] == v).sum()


def test_counts_keep_empty_categories():
    tiny = pd.DataFrame({"claim_type": ["prediction"], "verdict": ["failed"]})
    counts = held_up.verdict_counts(tiny)
    assert list(counts.columns) == [held_up.VERDICT_LABELS[v] for v in held_up.VERDICTS] + ["total"]
    assert counts.loc["description"].sum() == 0
    assert counts.loc["prediction", "failed"] == 1


def test_shares(scorecard):
    judged = held_up.verdict_shares(scorecard)
    assert "cannot_be_judged" not in judged
    assert math.isclose(sum(judged.values()), 1.0)
    everything = held_up.verdict_shares(scorecard, judged_only=False)
    assert math.isclose(sum(everything.values()), 1.0)
    n_open = (scorecard["verdict"] == "cannot_be_judged").sum()
    assert math.isclose(everything["cannot_be_judged"], n_open / len(scorecard))


def test_no_prescription_that_was_never_tried_is_scored_as_failed(scorecard):
    # A prescription can only be 'failed' if it was tried; the table must say so in its reasoning.
    for r in scorecard[scorecard["claim_type"] == "prescription"].itertuples():
        if r.verdict == "failed":
            assert "tried" in r.reasoning


def test_scorecard_markdown_cites_every_source(scorecard):
    md = held_up.scorecard_markdown(scorecard)
    assert md.count("\n| **c") == len(scorecard)
    cited = set(k for block in re.findall(r"\{cite:p\}`([^`]+)`", md) for k in block.split(","))
    wanted = set(k for s in scorecard["source"] for k in s.split(";"))
    assert cited == wanted


def test_short_labels_fall_back_to_the_claim():
    assert held_up.short_label("c01") == held_up.SHORT_LABELS["c01"]
    label = held_up.short_label("zz9", "A very long claim about many things " * 5)
    assert label.endswith("...") and len(label) <= 44


# --------------------------------------------------------------------------- the record


def test_record_end_is_the_latest_event(timeline):
    end = held_up.record_end(timeline)
    starts = [data.event_start(d, p) for d, p in zip(timeline["date"], timeline["date_precision"])]
    assert end["timestamp"] == max(starts)
    assert end["event_id"] in set(timeline["event_id"])


def test_record_end_respects_precision():
    base = dict(title="x", source="s", description="d", category="diplomacy", actors="russia",
                confidence="high", notes="")
    tl = pd.DataFrame([{**base, "event_id": "a", "date": "2026-01-28", "date_precision": "day"},
                       {**base, "event_id": "b", "date": "2026-01", "date_precision": "month"}])
    # a month-only date means "some day in January": it is placed at 1 January, never later
    assert held_up.record_end(tl)["event_id"] == "a"
    tl.loc[1, "date"] = "2026-02"
    assert held_up.record_end(tl)["event_id"] == "b"


def test_links_are_exactly_the_pairs_with_a_shared_source(scorecard, timeline):
    links = held_up.claim_event_links(scorecard, timeline)
    got = set(zip(links["claim_id"], links["event_id"]))
    brute = set()
    for c, cs in zip(scorecard["claim_id"], scorecard["source"]):
        for e, es in zip(timeline["event_id"], timeline["source"]):
            if set(cs.split(";")) & set(es.split(";")):
                brute.add((c, e))
    assert got == brute
    for r in links.itertuples():
        assert r.shared and all(k in scorecard.set_index("claim_id").loc[r.claim_id, "source"].split(";")
                                for k in r.shared.split(";"))


def test_record_outcomes_point_at_real_rows(scorecard, timeline):
    claims, events = set(scorecard["claim_id"]), set(timeline["event_id"])
    oc = held_up.outcome_table()
    for key in OUTCOME_KEYS:
        o = oc.loc[key]
        assert o["claim_id"] in claims
        assert set(str(o["event_ids"]).split(";")) <= events
    # the second strike happened: its event is a strike by the United States in April 2018
    strike = timeline.set_index("event_id").loc["a17_013"]
    assert strike["date"].startswith("2018-04") and "united_states" in strike["actors"]
    assert held_up.happened("strikes_again") is True
    assert held_up.outcome("strikes_again")["date"] == strike["date"]


def test_events_markdown(timeline):
    md = held_up.events_markdown(["a17_013", "a17_033"], timeline)
    assert md.count("{cite:p}") == 2 and "2018-04-14" in md
    with pytest.raises(KeyError, match="a17_999"):
        held_up.events_markdown(["a17_999"], timeline)


def test_figures_have_alt_text_from_the_data(scorecard, timeline):
    alt = held_up.scorecard_alt(scorecard)
    for v in held_up.VERDICTS:
        n = (scorecard["verdict"] == v).sum()
        assert f"{held_up.VERDICT_LABELS[v]}: {n}" in alt
    talt = held_up.timeline_alt(scorecard, timeline)
    assert held_up.record_end(timeline)["date"] in talt
    assert held_up.show_scorecard(scorecard).png[:4] == b"\x89PNG"
    assert held_up.show_timeline(scorecard, timeline).png[:4] == b"\x89PNG"


# --------------------------------------------------------------------------- the back-test


def test_default_by_hand(explorer):
    """The default values (the book's shared defaults) worked through the formulas by hand."""
    from syrialev.models import defaults as DF

    res = explorer.compute(**{p.name: p.default for p in explorer.params})
    assert (bt.C_BAR_US, bt.LAM, bt.KAPPA, bt.RHO) == (2.0, 0.3, 0.02, 0.03), "the leverage chapter's"
    # M2: Russia's surplus k - v_r = 0.45 - 0.53 < 0; U.S. surplus v_us - h = 0.3 - 0.6 < 0
    assert (DF.V_R, DF.PRIZE, DF.V_US, DF.H) == (0.53, 0.45, 0.3, 0.6)
    assert not res.deal.russia_accepts and not res.deal.us_accepts and not res.predicted["grand_bargain"]
    # M3: mu = (p*G + a)/c_bar = (0.5*0.3 + 0.1)/2 = 0.125; mu' = 0.125/(0.125 + 0.875*0.5) = 2/9
    assert math.isclose(res.mu, 0.125)
    assert math.isclose(res.mu_post, 2 / 9)
    # Russia complies iff mu'(p*S_R + c_R) >= S_R + phi: (2/9)(0.265 + 0.3) = 0.126 < 0.63
    assert math.isclose(res.comply_lhs, 2 / 9 * (0.5 * 0.53 + 0.3)) and math.isclose(res.comply_rhs, 0.63)
    assert not res.complies
    # another strike: resolved types strike, unresolved ones with chance r = 0.5: 2/9 + 7/9 * 0.5
    assert math.isclose(res.p_strike, 2 / 9 + 7 / 9 * 0.5)
    assert res.predicted["strikes_again"] and math.isclose(res.margins["strikes_again"], res.p_strike - 0.5)


def test_chapters_share_one_set_of_defaults():
    """Chapters 1, 3 and 4 start from the same Russia, Washington and prizes."""
    from syrialev.explorers import all_explorers
    from syrialev.models import defaults as DF
    from syrialev.models import stake

    ex = all_explorers()
    lev = {p.name: p.default for p in ex["bigger_than_syria"].params}
    cred = {p.name: p.default for p in ex["credibility_after_shayrat"].params}
    back = {p.name: p.default for p in ex["backtest"].params}
    assert lev["v_r"] == back["v_r"] == round(stake.valuation(), 2) == DF.V_R
    assert lev["v_us"] == back["v_us"] and lev["k"] == back["k"] == stake.DEFAULT_PRIZES["crimea"]
    assert lev["h"] == back["h"] and lev["h_ceiling"] == back["h_ceiling"]
    assert cred["p"] == back["p"] and cred["a"] == back["a"] and cred["r"] == back["r"]
    assert cred["c_r"] == back["c_r"] and cred["phi"] == back["phi"] and cred["c_bar_us"] == bt.C_BAR_US
    build = {p.name: p.default for p in ex["buildup_or_bluff"].params}
    assert build["K"] == back["K"] and build["delta"] == back["delta"]
    assert (build["lam"], build["kappa"], build["rho"]) == (bt.LAM, bt.KAPPA, bt.RHO)


def test_brier_score_by_hand(explorer):
    res = explorer.compute(**{p.name: p.default for p in explorer.params})
    f = {k: float(res.predicted[k]) for k in OUTCOME_KEYS}
    f["strikes_again"] = res.mu_post + (1 - res.mu_post) * res.r
    o = {k: float(held_up.happened(k, "2020")) for k in OUTCOME_KEYS}
    assert math.isclose(res.brier, sum((f[k] - o[k]) ** 2 for k in OUTCOME_KEYS) / 4)


def _payoff(m, p0, c_r, delta, K):
    """M4 written out independently of the package."""
    pm = p0 + (1 - p0) * (1 - np.exp(-bt.LAM * m))
    return np.minimum(1, pm + c_r) - bt.KAPPA * m - delta * m ** 2 - (1 - np.exp(-bt.RHO * m)) * K


@pytest.mark.parametrize("vals", [dict(), dict(K=0.2, delta=0.0, c_r=0.0), dict(p=0.1, K=0.5),
                                  dict(delta=0.5), dict(K=10.0)])
def test_buildup_against_brute_force(explorer, vals):
    v = {**{p.name: p.default for p in explorer.params}, **vals}
    res = explorer.compute(**v)
    grid = np.linspace(0, bt.M_MAX, 200001)
    pay = _payoff(grid, v["p"], v["c_r"], v["delta"], v["K"])
    best = pay.max()
    assert _payoff(res.m_star, v["p"], v["c_r"], v["delta"], v["K"]) >= best - 1e-6
    assert res.predicted["buildup"] == (res.m_star >= bt.LARGE_BUILDUP)


def test_scenarios_show_the_mismatch_their_captions_promise(explorer):
    defaults = {p.name: p.default for p in explorer.params}
    expect = {
        "Syria matters little to Moscow and Washington is resolved": "russia_breaks",
        "A grand bargain is on offer": "grand_bargain",
        "A clash would be cheap, a build-up popular, and Russia's war costs low": "buildup",
        "Washington barely values Syria, pays nothing to back down, and strikes are costly": "strikes_again",
    }
    assert set(expect) == set(explorer.scenarios)
    for caption, key in expect.items():
        res = explorer.compute(**{**defaults, **explorer.scenarios[caption]})
        assert not res.matches[key], caption


values = st.fixed_dictionaries({p.name: st.floats(p.min, p.max, allow_nan=False) for p in Backtest.params})
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.function_scoped_fixture])


@SETTINGS
@given(values)
def test_invariants(explorer, v):
    res = explorer.compute(**v)
    assert 0 <= res.mu <= 1 and 0 <= res.mu_post <= 1 and 0 <= res.brier <= 1
    assert res.mu_post - 1e-12 <= res.p_strike <= 1 + 1e-12  # an unresolved type may strike too
    assert res.mu_post >= res.mu - 1e-12  # a strike never lowers the belief in resolve
    assert 0 <= res.m_star <= bt.M_MAX
    for key in OUTCOME_KEYS:  # the bar's side and the prediction always agree
        assert res.predicted[key] == (res.margins[key] >= 0), key
    assert res.n_match == sum(res.predicted[k] == res.happened[k] for k in OUTCOME_KEYS)


def _bump(v, name, to):
    return {**v, name: to}


@SETTINGS
@given(values, st.floats(0, 1))
def test_monotone_effects(explorer, v, u):
    base = explorer.compute(**v)
    spec = {p.name: p for p in Backtest.params}

    def up(name):
        p = spec[name]
        return explorer.compute(**_bump(v, name, v[name] + u * (p.max - v[name])))

    # a bigger prize never destroys a deal; a higher price never creates one
    if base.predicted["grand_bargain"]:
        assert up("k").predicted["grand_bargain"]
    if not base.predicted["grand_bargain"]:
        assert not up("h").predicted["grand_bargain"]
    # higher audience costs never lower the belief in resolve; a cheaper strike never raises it
    assert up("a").mu_post >= base.mu_post - 1e-12
    assert up("r").mu_post <= base.mu_post + 1e-12
    # a higher face cost never turns resistance into compliance
    if not base.complies:
        assert not up("phi").complies
    # a costlier clash or a less popular build-up never makes the best build-up larger
    # (decreasing differences in (m, K) and (m, delta); tolerance: the optimiser's grid step)
    step = bt.M_MAX / 400
    assert up("K").m_star <= base.m_star + step
    assert up("delta").m_star <= base.m_star + step


def test_second_strike_probability_matches_a_simulation(explorer):
    """Draw resolved and unresolved presidents: after a first strike, how often is there a second?"""
    rng = np.random.default_rng(7)
    v = {p.name: p.default for p in explorer.params}
    res = explorer.compute(**v)
    n = 400_000
    resolved = rng.random(n) < res.mu
    first = resolved | (rng.random(n) < v["r"])
    second = resolved | (rng.random(n) < v["r"])
    assert abs(second[first].mean() - res.p_strike) < 0.005



# ----------------------------------------------------------------------------- outcomes as data


def test_every_outcome_is_sourced_dated_and_ruled():
    oc = data.load("outcomes")
    assert {"grand_bargain", "russia_breaks", "strikes_again", "buildup", "assad_out"} <= set(oc["outcome_id"])
    for r in oc.itertuples(index=False):
        assert r.source and (r.rule.startswith("Yes if") or r.rule.startswith("A test:")), r.outcome_id
        assert isinstance(r.part_of, str) == r.rule.startswith("A test:"), r.outcome_id
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", r.date), r.outcome_id


def test_code_holds_no_outcome():
    """What happened is read from data/outcomes.csv: the package names no outcome's answer."""
    from pathlib import Path

    src = Path(held_up.__file__).read_text(encoding="utf-8")
    for old in ("RECORD_OUTCOMES", "FORECAST_OUTCOMES", '"happened":'):
        assert old not in src
    assert not hasattr(held_up, "RECORD_OUTCOMES") and not hasattr(held_up, "FORECAST_OUTCOMES")


def test_changing_an_outcome_in_the_table_changes_the_scores():
    oc = data.load("outcomes")
    flipped = oc.copy()
    flipped.loc[flipped["outcome_id"] == "russia_breaks", "happened_2020"] = "yes"
    a = held_up.forecast_scores(outcomes=oc).set_index("forecaster")
    b = held_up.forecast_scores(outcomes=flipped).set_index("forecaster")
    assert b.loc["Michael Kofman", "brier"] > a.loc["Michael Kofman", "brier"]
    assert held_up.happened("russia_breaks", "2020", flipped) and not held_up.happened("russia_breaks")


def test_strikes_again_has_tests_including_one_without_a_strike():
    tests = held_up.tests_of("strikes_again")
    assert len(tests) >= 3
    answers = [held_up.happened(t, "2020") for t in tests]
    assert any(answers) and not all(answers)
    assert held_up.happened("strikes_again") == any(answers), "the whole outcome is 'at least one test answered'"


def test_only_predictions_with_a_horizon_are_scored():
    fc = data.load("forecasts").copy()
    fc.loc[fc["forecast_id"] == "essay_assad", "claim_class"] = "description"
    fc.loc[fc["forecast_id"] == "haley_assad", "scored_horizon"] = "none"
    sc = held_up.forecast_scores(fc).set_index("forecaster")
    assert "Nikki Haley" not in sc.index
    assert "assad_out" not in sc.loc["the essay", "outcomes"].split(";")
    md = held_up.forecasts_markdown(fc)
    assert "no: a description" in md and "no: no horizon" in md


def test_claim_classes_and_prescription_rule_are_stated_once_in_the_descriptor(scorecard):
    from syrialev.chapters import N

    assert set(scorecard["claim_type"]) <= set(held_up.CLAIM_TYPES)
    rule = str(N.claim_class_rule)
    assert all(word in rule for word in ("prediction", "description", "prescription"))
    assert "followed" in str(N.prescription_rule)
    # one rule for every prescription: none is "held" or "failed" unless its course was followed,
    # which the record shows for none of the essay's prescriptions
    pres = scorecard[scorecard["claim_type"] == "prescription"]
    assert set(pres["verdict"]) == {"cannot_be_judged"}


# ----------------------------------------------------------------------------- contested codings


def test_every_coding_names_a_real_cell_holding_the_books_value():
    t = held_up.apply_codings(())
    cd = data.load("codings")
    keys = {"scorecard": "claim_id", "forecasts": "forecast_id", "outcomes": "outcome_id"}
    for r in cd.itertuples(index=False):
        table = t[r.table].set_index(keys[r.table])
        assert table.loc[r.row_id, r.column] == r.book_value
        assert r.book_value != r.other_value and r.case_for_book and r.case_for_other


def test_contested_items_the_chapter_promises_are_there():
    cd = data.load("codings")
    cells = set(zip(cd["table"], cd["row_id"], cd["column"]))
    assert ("scorecard", "c11", "verdict") in cells
    assert ("outcomes", "strikes_again", "scored_as") in cells
    assert ("forecasts", "essay_assad", "claim_class") in cells
    assert ("forecasts", "essay_strikes", "claim_class") in cells
    assert ("forecasts", "tillerson_assad", "scored_horizon") in cells
    assert ("forecasts", "aridi_strikes", "outcome") in cells


def test_apply_codings_changes_copies_only_and_refuses_unknown_or_stale_codings(scorecard):
    before = scorecard.copy()
    t = held_up.apply_codings({"c11_verdict"}, scorecard=scorecard)
    assert t["scorecard"].set_index("claim_id").loc["c11", "verdict"] == "failed"
    pd.testing.assert_frame_equal(scorecard, before)
    with pytest.raises(KeyError, match="no_such"):
        held_up.apply_codings({"no_such"})
    stale = scorecard.copy()
    stale.loc[stale["claim_id"] == "c11", "verdict"] = "held"
    with pytest.raises(ValueError, match="c11_verdict.*'held'"):
        held_up.apply_codings((), scorecard=stale)


def test_each_other_coding_changes_the_tally_or_the_scores():
    base = held_up.recoded(())
    for cid in held_up.coding_ids():
        res = held_up.recoded((cid,))
        changed = (res["counts"] != base["counts"] or res["classes"] != base["classes"]
                   or not res["scores"].equals(base["scores"]))
        assert changed, cid


def test_recoded_scores_by_hand_with_tests_scored_separately():
    """Per test, the essay's 0.75 meets three tests (no, yes, no) instead of one yes."""
    res = held_up.recoded(("strikes_tests",))
    pr = held_up.forecast_probabilities(held_up.apply_codings(("strikes_tests",))["forecasts"],
                                        outcomes=held_up.apply_codings(("strikes_tests",))["outcomes"])
    essay = pr[pr["forecaster"] == "the essay"]
    assert set(held_up.tests_of("strikes_again")) <= set(essay["outcome"])
    assert "strikes_again" not in set(essay["outcome"])
    assert math.isclose(res["essay"]["brier"], held_up.brier_score(essay["p"], essay["happened"]))
    assert res["essay"]["n"] == len(essay)


def test_c11_other_reading_adds_a_failed_claim():
    a, b = held_up.recoded(()), held_up.recoded(("c11_verdict",))
    assert b["counts"]["failed"] == a["counts"]["failed"] + 1
    assert b["counts"]["partly_held"] == a["counts"]["partly_held"] - 1


def test_effects_table_has_a_row_per_coding_plus_book_and_all():
    md = held_up.codings_effects_markdown()
    n = len(held_up.coding_ids())
    assert md.count("\n|") == n + 3
    assert "all as in the book" in md and "every other reading at once" in md
    assert held_up.codings_markdown().count("\n|") == n + 1


def test_recode_explorer_has_one_switch_per_coding_and_follows_the_package():
    from syrialev.explorers.held_up import Recode

    ex = Recode()
    assert [p.name for p in ex.params] == list(held_up.coding_ids())
    assert all(p.kind == "bool" and p.default is False for p in ex.params)
    book = held_up.recoded(())
    e = book["essay"]
    assert f"the essay scores {e['brier']:.3f} on {e['n']} outcomes" in ex.last_verdict
    v = ex.update(c11_verdict=True)
    assert f"{book['counts']['failed'] + 1} failed" in v
    ex.update(c11_verdict=False, horizons=True)
    assert ex.result["rows"]["Nikki Haley"] is None and "not scored" in ex.alt(ex.result)


def test_the_chapters_reading_of_the_margin_holds():
    """The chapter says: the essay beats persistence before the strike, loses to persistence after
    it, and its lead over the first disappears when 'will have to convince them through force' is
    read as advice. Checked here so the prose cannot outlive the data."""
    e = held_up.recoded(())["essay"]
    assert e["brier"] < e["persistence"] and e["brier"] > e["persistence_after"]
    advice = held_up.recoded(("strikes_kind",))["essay"]
    assert advice["brier"] >= advice["persistence"]


def test_chapter_title_and_headings_give_the_records_real_end():
    """Headings cannot insert computed numbers, so they are checked against the data here."""
    from pathlib import Path

    from syrialev.chapters import N

    text = (Path(__file__).resolve().parents[1] / "chapters" / "text" / "05_held_up.md").read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("# "))
    assert title.endswith(f"to {N.record_end_month}")
    assert "to today" not in text
    months = {"January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December"}
    for line in text.splitlines():
        m = re.search(r" to (\w+ \d{4})\)?$", line)
        if line.startswith("#") and m and m.group(1).split()[0] in months:
            assert m.group(1) == str(N.record_end_month), line
