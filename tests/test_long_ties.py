"""Chapter "Russia and Syria, the long ties": the valuation model, its hand-over to the leverage
chapter, the timeline helpers and the chapter's explorers."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syrialev import data
from syrialev.chapters import long_ties as T
from syrialev.classroom import state
from syrialev.explorers import choices
from syrialev.explorers.long_ties import SyriaWorthExplorer, TimelineExplorer
from syrialev.models import stake

SCORE = st.floats(0, 10, allow_nan=False, allow_infinity=False)
SCORES = st.fixed_dictionaries({c: SCORE for c in stake.COMPONENTS})
SCHEME = st.sampled_from(tuple(stake.WEIGHTINGS))
WEIGHTS = st.fixed_dictionaries({c: st.floats(0.01, 10, allow_nan=False) for c in stake.COMPONENTS})


@pytest.fixture
def scratch_state(tmp_path, monkeypatch):
    path = tmp_path / "state.json"
    monkeypatch.setenv("SYRIALEV_STATE", str(path))
    return path


# ----------------------------------------------------------------------------- the valuation model

def test_default_valuation_is_the_mean_of_the_default_scores():
    # Equal weights: v = (8 + 7 + 6 + 5 + 4 + 2) / (6 * 10) = 32 / 60.
    assert stake.DEFAULT_VALUATION == pytest.approx(32 / 60)
    assert 0 < stake.DEFAULT_VALUATION < 1


def test_weighted_mean_agrees_with_brute_force_least_squares():
    """The weighted mean is the point x minimising sum_i w_i (s_i/10 - x)^2: find it on a grid."""
    rng = np.random.default_rng(7)
    grid = np.linspace(0, 1, 100_001)
    for _ in range(20):
        scores = dict(zip(stake.COMPONENTS, rng.uniform(0, 10, len(stake.COMPONENTS))))
        weights = dict(zip(stake.COMPONENTS, rng.uniform(0.1, 5, len(stake.COMPONENTS))))
        s = np.array([scores[c] for c in stake.COMPONENTS]) / 10
        w = np.array([weights[c] for c in stake.COMPONENTS])
        loss = ((s[None, :] - grid[:, None]) ** 2 * w[None, :]).sum(axis=1)
        assert stake.valuation(weights, **scores) == pytest.approx(grid[loss.argmin()], abs=2e-5)


@settings(max_examples=200, deadline=None)
@given(SCORES, SCHEME)
def test_valuation_is_in_unit_interval_and_between_min_and_max_score(scores, scheme):
    v = stake.valuation(scheme, **scores)
    assert 0 <= v <= 1
    assert min(scores.values()) / 10 - 1e-12 <= v <= max(scores.values()) / 10 + 1e-12


@settings(max_examples=200, deadline=None)
@given(SCORE, WEIGHTS)
def test_equal_scores_give_that_score_whatever_the_weights(s, weights):
    assert stake.valuation(weights, **{c: s for c in stake.COMPONENTS}) == pytest.approx(s / 10)


@settings(max_examples=200, deadline=None)
@given(SCORES, SCHEME, st.sampled_from(stake.COMPONENTS), st.floats(0.5, 10))
def test_raising_a_score_raises_the_valuation(scores, scheme, component, bump):
    raised = {**scores, component: min(10.0, scores[component] + bump)}
    before, after = stake.valuation(scheme, **scores), stake.valuation(scheme, **raised)
    assert after >= before
    if raised[component] - scores[component] > 1e-6:  # every scheme gives every part a positive weight
        assert after > before


@settings(max_examples=100, deadline=None)
@given(SCORES, WEIGHTS, st.floats(0.1, 100))
def test_only_weight_ratios_matter_and_contributions_add_up(scores, weights, factor):
    a = stake.assess(weights, **scores)
    b = stake.assess({c: w * factor for c, w in weights.items()}, **scores)
    assert a.value == pytest.approx(b.value)
    assert math.fsum(a.contributions.values()) == pytest.approx(a.value)
    assert math.fsum(a.weights.values()) == pytest.approx(1.0)


def test_weighting_schemes_shift_the_value_the_way_they_say():
    # A stake that is all prestige and counter-extremism is worth more under "status" weights ...
    status_heavy = {c: 0.0 for c in stake.COMPONENTS} | {"prestige": 10.0, "counter_extremism": 10.0}
    assert stake.valuation("status", **status_heavy) > stake.valuation("equal", **status_heavy)
    # ... and one that is all bases and arms is worth more under "material" weights.
    bases = {c: 0.0 for c in stake.COMPONENTS} | {"mediterranean": 10.0, "arms_economy": 10.0}
    assert stake.valuation("material", **bases) > stake.valuation("equal", **bases)
    assert stake.valuation("material", **bases) == pytest.approx(4 / 7.5)


@pytest.mark.parametrize("bad", [
    {"prestige": 10.5}, {"prestige": -1}, {"prestige": float("nan")}, {"prestige": "high"},
    {"no_such_part": 3.0}, {"prestige": True},
])
def test_bad_scores_are_refused(bad):
    with pytest.raises(ValueError):
        stake.valuation(**bad)


@pytest.mark.parametrize("weights", ["nonsense", {"prestige": -1}, {c: 0 for c in stake.COMPONENTS},
                                     {"unknown": 1.0}])
def test_bad_weights_are_refused(weights):
    with pytest.raises(ValueError):
        stake.valuation(weights)


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 1), st.floats(0, 1))
def test_bigger_than_syria_is_the_linkage_condition_and_monotone_in_the_share(prize, v, d1, d2):
    assert stake.bigger_than_syria(prize, v, d1) == (prize >= v * d1)
    lo, hi = sorted((d1, d2))
    if stake.bigger_than_syria(prize, v, hi):  # conceding less can only be cheaper to buy
        assert stake.bigger_than_syria(prize, v, lo)


# ----------------------------------------------------------------------------- hand-over to the leverage chapter

def test_save_and_load_round_trip(scratch_state):
    assert choices.load_valuation() == stake.DEFAULT_VALUATION  # nothing saved yet
    assert choices.load_valuation(default=0.25) == 0.25
    choices.save_valuation(0.8)
    assert choices.load_valuation() == 0.8
    assert json.loads(scratch_state.read_text())[choices.VALUATION_KEY] == 0.8


@pytest.mark.parametrize("bad", [1.2, -0.1, float("nan"), "0.5", None])
def test_save_refuses_values_outside_the_scale(scratch_state, bad):
    with pytest.raises(ValueError):
        choices.save_valuation(bad)
    assert not scratch_state.exists()


def test_a_corrupt_saved_value_falls_back_to_the_default_with_a_warning(scratch_state):
    state.put(choices.VALUATION_KEY, 7)  # e.g. typed on the 0-10 scale by hand
    with pytest.warns(UserWarning, match="ignoring"):
        assert choices.load_valuation() == stake.DEFAULT_VALUATION


def test_update_never_writes_but_the_live_widget_saves(scratch_state):
    ex = SyriaWorthExplorer()
    ex.update(prestige=10.0)
    ex.static()
    assert not scratch_state.exists(), "update() and static() must not write the student's choices"
    box = ex.widget()
    slider = next(c for c in box.children if getattr(c, "_syrialev_name", None) == "church_culture")
    slider.value = 9.0
    assert choices.load_valuation() == pytest.approx(ex.result["val"].value)
    assert choices.load_valuation() == pytest.approx(stake.valuation(**{**stake.DEFAULT_SCORES,
                                                                       "prestige": 10.0, "church_culture": 9.0}))
    assert "Saved for the leverage chapter" in box.children[-1].value


# ----------------------------------------------------------------------------- explorers

def test_syria_worth_verdict_counts_the_prizes_bigger_than_syria():
    ex = SyriaWorthExplorer()
    ex.update(**{c: 0.0 for c in stake.COMPONENTS})
    assert "Every prize is bigger" in ex.last_verdict
    ex.update(**{c: 10.0 for c in stake.COMPONENTS}, prize_crimea=0.9, prize_ukraine=0.9, prize_nato=0.95)
    assert "No prize" in ex.last_verdict
    ex.update(prize_nato=1.0)  # v = 1 and a prize of 1: equal counts as big enough
    assert "halt to NATO/EU enlargement" in ex.last_verdict and "No prize" not in ex.last_verdict


@settings(max_examples=60, deadline=None)
@given(st.integers(1840, 2017), st.integers(1840, 2017))
def test_timeline_years_can_be_given_in_either_order(a, b):
    ex = TimelineExplorer()
    ex.update(start_year=a, end_year=b)
    first = list(ex.result["events"].index)
    ex.update(start_year=b, end_year=a)
    assert list(ex.result["events"].index) == first


# ----------------------------------------------------------------------------- timeline helpers

@pytest.fixture(scope="module")
def tl():
    return T.prepare(data.load("timeline"))


def test_prepare_keeps_the_dates_as_written(tl):
    raw = data.load("timeline")
    assert sorted(tl["date"]) == sorted(raw["date"])
    assert (tl["start"].diff().dropna() >= pd.Timedelta(0)).all()
    row = tl.set_index("event_id").loc["tartus_facility_1971"]
    assert row["date"] == "1971" and row["date_precision"] == "year"


def test_categories_partition_the_events(tl):
    counts = T.category_counts(tl)
    assert counts.sum() == len(tl)
    for c in T.CATEGORIES:
        assert len(T.filter_events(tl, 1800, 2017, c)) == counts[c]


@settings(max_examples=100, deadline=None)
@given(st.integers(1840, 2017), st.integers(1840, 2017), st.integers(1840, 2017), st.integers(1840, 2017))
def test_a_wider_window_never_shows_fewer_events(a, b, c, d):
    inner_lo, inner_hi = sorted((a, b))
    outer = (min(inner_lo, c, d), max(inner_hi, c, d))
    tl_ = T.prepare(data.load("timeline"))
    inner = set(T.filter_events(tl_, inner_lo, inner_hi).index)
    assert inner <= set(T.filter_events(tl_, *outer).index)


def test_moscow_filter_is_the_union_of_empire_ussr_and_russia(tl):
    moscow = set(T.filter_events(tl, 1800, 2017, actor="moscow").index)
    union = set()
    for a in T.MOSCOW:
        union |= set(T.filter_events(tl, 1800, 2017, actor=a).index)
    assert moscow == union and len(moscow) > 0


def test_eras_cover_the_timeline_without_overlap():
    for (_, _, last), (_, first, _) in zip(T.ERAS, T.ERAS[1:]):
        assert first == last + 1
    assert T.era_of(1944.5) == "Soviet Union" and T.era_of(1991.99) == "Soviet Union"
    with pytest.raises(ValueError):
        T.era_of(2030)


def test_veto_counts_are_consistent():
    v = data.load("unsc_vetoes")
    counts = T.veto_counts(v)
    cum = T.cumulative_vetoes(v)
    assert cum["russia"].iloc[-1] == counts["russia"] and cum["china"].iloc[-1] == counts["china"]
    assert (cum["russia"].diff().dropna() >= 0).all()
    solo = sum(len(str(x).split(";")) == 1 for x in v["vetoed_by"])
    assert counts["joint"] + solo == len(v)


def test_figures_have_alt_text_with_the_numbers(tl):
    fig = T.timeline_figure(tl)
    assert f"{len(tl)} events" in fig.alt
    v = data.load("unsc_vetoes")
    assert f"Russia vetoed {T.veto_counts(v)['russia']} drafts" in T.vetoes_figure(v).alt
    arms = data.load("arms_share")
    assert "72 to 78%" in T.arms_share_figure(arms).alt
    f = data.load("fighters_fsu")
    assert f"{len(f)} attributed estimates" in T.fighters_figure(f).alt


def test_fighter_estimates_for_russia_alone_are_below_those_that_add_the_former_ussr():
    """Where one source gives both, Russia alone must be the smaller number."""
    f = data.load("fighters_fsu").set_index("estimate_id")
    for ru, fsu in (("putin_2017_02_russia", "putin_2017_02_fsu"), ("soufan_2017_10_russia", "soufan_2017_10_fsu")):
        assert f.loc[ru, "high"] < f.loc[fsu, "low"]
    assert set(f["attributor_type"]) == {"russian_official", "independent_research"}
