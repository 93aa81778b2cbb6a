"""Models of the leverage chapter (M1-M4 and the counterfactual audit).

Every closed form is checked against an independent computation: a brute-force search over a
grid of the choice variable, a Monte Carlo draw of the private types, exact enumeration with
fractions, or nashpy's support enumeration for Chicken.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from syrialev.models import audit as au
from syrialev.models.bargaining import (bargaining_range, clip_range, expected_utility_of_offer,
                                        private_cost_offer)
from syrialev.models.buildup import (chicken_collision_probability, chicken_mixed, chicken_payoffs,
                                     clash_risk, optimal_buildup, us_payoff, win_probability)
from syrialev.models.credibility import (compliance_threshold, posterior_after_strike,
                                         posterior_after_strikes, resolve_probability,
                                         russia_complies)
from syrialev.models.linkage import linkage_deal

prob = st.floats(0.0, 1.0, allow_nan=False)
cost = st.floats(0.0, 2.0, allow_nan=False)
pos = st.floats(0.01, 3.0, allow_nan=False)


# ----------------------------------------------------------------------------- M1 bargaining range
def test_bargaining_range_is_fearons_with_unit_valuations():
    assert bargaining_range(0.4, 0.1, 0.2) == pytest.approx((0.3, 0.6))


def test_range_brute_force_both_sides_prefer_deal_to_war():
    """Grid over x: the set where A's deal beats its war payoff AND B's does is the formula's range."""
    p, c_a, c_b, v_a, v_b = 0.35, 0.12, 0.3, 0.8, 1.7
    xs = np.linspace(-1, 2, 30001)
    ok = (xs * v_a >= p * v_a - c_a) & ((1 - xs) * v_b >= (1 - p) * v_b - c_b)
    lo, hi = bargaining_range(p, c_a, c_b, v_a, v_b)
    assert xs[ok].min() == pytest.approx(lo, abs=2e-4)
    assert xs[ok].max() == pytest.approx(hi, abs=2e-4)


def test_higher_russian_valuation_narrows_range_toward_p():
    highs = [bargaining_range(0.3, 0.1, 0.2, 1.0, v)[1] for v in (0.25, 0.5, 1.0, 2.0, 4.0)]
    assert all(a > b for a, b in zip(highs, highs[1:]))
    assert highs[-1] - 0.3 == pytest.approx(0.05)


@given(prob, cost, cost, pos, pos)
def test_range_properties(p, c_a, c_b, v_a, v_b):
    lo, hi = bargaining_range(p, c_a, c_b, v_a, v_b)
    assert lo <= p <= hi
    clo, chi = clip_range((lo, hi))
    assert 0 <= clo <= p <= chi <= 1


@pytest.mark.parametrize("bad", [dict(p=1.2), dict(c_a=-0.1), dict(v_b=0.0)])
def test_range_refuses_bad_inputs(bad):
    args = dict(p=0.5, c_a=0.1, c_b=0.1, v_a=1.0, v_b=1.0) | bad
    with pytest.raises(ValueError):
        bargaining_range(**args)


# ----------------------------------------------------------------------------- M1 private costs
def brute_force_offer(p, c_a, c_bar, n=200001):
    """A's best demand on a fine grid of all feasible shares [0, 1], and B's chance of fighting it."""
    xs = np.linspace(0.0, 1.0, n)
    q = np.clip((xs - p) / c_bar, 0.0, 1.0)
    u = (1 - q) * xs + q * (p - c_a)
    i = int(np.argmax(u))
    return xs[i], q[i], u[i]


CASES = [
    (0.3, 0.1, 0.5),   # interior: x* = 0.3 + 0.2
    (0.2, 0.6, 0.5),   # c_a >= c_bar: no risk taken, x* = p
    (0.9, 0.0, 0.8),   # the cap at 1 binds: x* = 1, P(war) = (1 - p)/c_bar
    (0.5, 0.2, 1.8),   # large uncertainty, cap binds
    (0.0, 0.05, 0.3),  # A hopeless in war
    (1.0, 0.1, 0.4),   # A sure to win: nothing to bargain over
]


@pytest.mark.parametrize("p,c_a,c_bar", CASES)
def test_private_cost_offer_matches_brute_force(p, c_a, c_bar):
    res = private_cost_offer(p, c_a, c_bar)
    x, q, u = brute_force_offer(p, c_a, c_bar)
    assert res.offer == pytest.approx(x, abs=1e-4)
    assert res.p_war == pytest.approx(q, abs=1e-3)
    assert expected_utility_of_offer(res.offer, p, c_a, c_bar) >= u - 1e-12


def test_private_cost_closed_form_and_p_drops_out():
    for p in (0.1, 0.3, 0.5):
        res = private_cost_offer(p, 0.1, 0.5)
        assert not res.capped
        assert res.offer == pytest.approx(p + 0.2)
        assert res.p_war == pytest.approx((0.5 - 0.1) / (2 * 0.5))


def test_cap_at_one_brings_p_back():
    """When x* would exceed 1, A demands the whole good and P(war) = (1 - p)/c_bar falls with p."""
    res = private_cost_offer(0.9, 0.0, 0.8)
    assert res.capped and res.offer == 1.0
    assert res.p_war == pytest.approx(0.1 / 0.8)
    assert res.p_war < 0.5  # the uncapped formula would give (0.8 - 0)/(1.6) = 0.5


def test_monte_carlo_war_probability():
    """Draw B's private cost; the share who fight the optimal demand matches p_war."""
    rng = np.random.default_rng(1995)
    p, c_a, c_bar = 0.4, 0.1, 0.6
    res = private_cost_offer(p, c_a, c_bar)
    c_b = rng.uniform(0, c_bar, 200_000)
    fights = np.mean(c_b < res.offer - p)
    assert fights == pytest.approx(res.p_war, abs=4 * math.sqrt(0.25 / 200_000))


@settings(max_examples=200, deadline=None)
@given(prob, cost, st.floats(0.01, 2.0))
def test_private_cost_properties(p, c_a, c_bar):
    res = private_cost_offer(p, c_a, c_bar)
    assert 0.0 <= res.p_war <= 0.5 + 1e-12   # never more than half: t* <= c_bar/2
    assert p - 1e-12 <= res.offer <= 1.0 + 1e-12
    uncapped = max(0.0, (c_bar - c_a) / (2 * c_bar))
    if res.capped:
        assert res.p_war == pytest.approx((1 - p) / c_bar) and res.p_war <= uncapped + 1e-12
    else:
        assert res.p_war == pytest.approx(uncapped)
    # optimal: no grid demand does better
    xs = np.linspace(0, 1, 2001)
    best = max(expected_utility_of_offer(x, p, c_a, c_bar) for x in xs)
    assert expected_utility_of_offer(res.offer, p, c_a, c_bar) >= best - 1e-9


@given(prob, st.floats(0.0, 0.5), st.floats(0.05, 1.0), st.floats(0.0, 0.5))
def test_more_risk_tolerant_a_risks_more_war(p, c_a, c_bar, extra):
    assert private_cost_offer(p, c_a, c_bar).p_war >= private_cost_offer(p, c_a + extra, c_bar).p_war - 1e-12


def test_private_cost_refuses_zero_uncertainty():
    with pytest.raises(ValueError, match="c_bar"):
        private_cost_offer(0.5, 0.1, 0.0)


# ----------------------------------------------------------------------------- M2 linkage
def test_linkage_examples():
    crimea = linkage_deal(v_r=0.53, v_us=0.3, d=1.0, k=0.45, h=0.6, h_ceiling=0.3)
    assert not crimea.russia_accepts and not crimea.us_accepts and not crimea.ratifiable
    assert not crimea.exists
    small = linkage_deal(v_r=0.53, v_us=0.4, d=0.3, k=0.2, h=0.05, h_ceiling=0.3)
    assert small.exists and small.russia_surplus == pytest.approx(0.2 - 0.159)


def test_ratification_ceiling_alone_can_block():
    res = linkage_deal(v_r=0.5, v_us=1.0, d=1.0, k=0.6, h=0.5, h_ceiling=0.4)
    assert res.russia_accepts and res.us_accepts and not res.ratifiable and not res.exists


@given(prob, prob, prob, prob, prob, st.one_of(prob, st.just(math.inf)))
def test_linkage_is_the_conjunction(v_r, v_us, d, k, h, ceil):
    res = linkage_deal(v_r, v_us, d, k, h, ceil)
    assert res.russia_accepts == (k >= v_r * d)
    assert res.us_accepts == (v_us * d >= h)
    assert res.ratifiable == (h <= ceil)
    assert res.exists == (res.russia_accepts and res.us_accepts and res.ratifiable)


@given(prob, prob, prob, prob, st.floats(0, 1), st.floats(0, 1))
def test_bigger_prize_never_hurts_russia_side(v_r, d, k, h, dk, dv):
    assert (linkage_deal(v_r, 1, d, min(1, k + dk), h).russia_accepts
            >= linkage_deal(v_r, 1, d, k, h).russia_accepts)
    # a Russia that values Syria more is never easier to buy
    assert (linkage_deal(v_r + dv, 1, d, k, h).russia_accepts
            <= linkage_deal(v_r, 1, d, k, h).russia_accepts)


def test_linkage_refuses_bad_share():
    with pytest.raises(ValueError, match="d"):
        linkage_deal(0.5, 0.5, 1.5, 0.5, 0.5)


# ----------------------------------------------------------------------------- M3 credibility
def test_resolve_probability_by_monte_carlo():
    """Draw U.S. cost types; the share who execute (p*g - c >= -a) matches mu."""
    rng = np.random.default_rng(2017)
    p, g, a, c_bar = 0.5, 1.0, 0.2, 2.0
    c = rng.uniform(0, c_bar, 400_000)
    share = np.mean(p * g - c >= -a)
    assert share == pytest.approx(resolve_probability(p, g, a, c_bar), abs=0.004)
    assert resolve_probability(1.0, 2.0, 1.0, 2.0) == 1.0


def test_compliance_by_direct_expected_payoffs():
    """Russia compares the payoffs of the game tree directly, on a grid of beliefs."""
    p, s_r, c_r, phi = 0.5, 0.1, 0.3, 0.05
    for mu in np.linspace(0, 1, 201):
        comply = -(s_r + phi)
        resist = mu * (-p * s_r - c_r) + (1 - mu) * 0.0
        assert russia_complies(mu, p, s_r, c_r, phi) == (comply >= resist - 1e-15)
    thr = compliance_threshold(p, s_r, c_r, phi)
    assert thr == pytest.approx(0.15 / 0.35)
    assert not russia_complies(thr - 1e-9, p, s_r, c_r, phi)
    assert russia_complies(min(1, thr + 1e-9), p, s_r, c_r, phi)


def test_a_large_demand_cannot_be_compelled():
    # s_r + phi > p*s_r + c_r: even certainty of a U.S. strike does not compel
    assert compliance_threshold(0.5, 0.5, 0.3, 0.1) > 1
    assert not russia_complies(1.0, 0.5, 0.5, 0.3, 0.1)


def test_posterior_by_exact_enumeration():
    """A population of 1,000 U.S. types with rational shares: count resolved strikers exactly."""
    for mu, r in [(Fraction(3, 10), Fraction(1, 2)), (Fraction(1, 20), Fraction(9, 10)),
                  (Fraction(7, 8), Fraction(1, 4))]:
        n = 1000
        resolved = mu * n
        unresolved_strikers = (1 - mu) * n * r
        exact = resolved / (resolved + unresolved_strikers)
        assert posterior_after_strike(float(mu), float(r)) == pytest.approx(float(exact), rel=1e-12)


def test_posterior_by_simulation():
    rng = np.random.default_rng(7)
    mu, r, n = 0.3, 0.5, 400_000
    resolved = rng.random(n) < mu
    strikes = resolved | (rng.random(n) < r)
    est = resolved[strikes].mean()
    assert est == pytest.approx(posterior_after_strike(mu, r), abs=0.005)


def test_posterior_edge_cases():
    assert posterior_after_strike(0.4, 1.0) == pytest.approx(0.4)   # uninformative strike
    assert posterior_after_strike(0.4, 0.0) == 1.0                  # only resolved types strike
    assert posterior_after_strike(0.0, 0.3) == 0.0                  # dogmatic prior
    assert posterior_after_strike(1.0, 0.3) == 1.0
    with pytest.raises(ValueError, match="undefined"):
        posterior_after_strike(0.0, 0.0)
    assert posterior_after_strikes(0.3, 0.5, 0) == 0.3
    assert posterior_after_strikes(0.3, 0.5, 2) == pytest.approx(
        posterior_after_strike(posterior_after_strike(0.3, 0.5), 0.5))


@given(st.floats(0.001, 1.0), prob)
def test_posterior_properties(mu, r):
    post = posterior_after_strike(mu, r)
    assert 0.0 <= post <= 1.0
    assert post >= mu - 1e-12   # a strike never lowers the belief that the striker is resolved


@given(st.floats(0.01, 0.99), st.floats(0.01, 0.98), st.floats(0.001, 0.01))
def test_cheaper_strikes_teach_less(mu, r, dr):
    assert posterior_after_strike(mu, r + dr) <= posterior_after_strike(mu, r) + 1e-12


@given(prob, st.floats(0, 3), st.floats(0, 2), st.floats(0.1, 5))
def test_resolve_probability_properties(p, g, a, c_bar):
    mu = resolve_probability(p, g, a, c_bar)
    assert 0.0 <= mu <= 1.0
    assert resolve_probability(p, g, a + 0.1, c_bar) >= mu  # audience costs tie hands


# ----------------------------------------------------------------------------- M4 build-up
def test_win_probability_and_clash_risk_values():
    assert win_probability(0.0, 0.3, 0.5) == pytest.approx(0.3)
    assert win_probability(np.log(2) / 0.5, 0.3, 0.5) == pytest.approx(0.3 + 0.7 * 0.5)
    assert clash_risk(0.0, 0.2) == 0.0
    assert clash_risk(10.0, 0.1) == pytest.approx(1 - math.exp(-1))


@given(st.floats(0, 10), st.floats(0, 10), prob, st.floats(0, 2), st.floats(0, 1))
def test_buildup_monotone(m1, m2, p0, lam, rho):
    lo, hi = sorted((m1, m2))
    assert win_probability(lo, p0, lam) <= win_probability(hi, p0, lam) + 1e-12
    assert 0 <= clash_risk(lo, rho) <= clash_risk(hi, rho) + 1e-12 <= 1 + 1e-12


def test_us_payoff_formula_by_hand():
    m, args = 2.0, dict(p0=0.3, lam=0.3, c_r=0.15, kappa=0.02, delta=0.004, rho=0.03, K=3.0)
    p = 0.3 + 0.7 * (1 - math.exp(-0.6))
    expected = min(1, p + 0.15) - 0.04 - 0.016 - (1 - math.exp(-0.06)) * 3.0
    assert us_payoff(m, **args) == pytest.approx(expected)


OPT_CASES = [
    dict(p0=0.3, lam=0.3, c_r=0.15, kappa=0.02, delta=0.004, rho=0.03, K=3.0),
    dict(p0=0.3, lam=0.3, c_r=0.15, kappa=0.005, delta=0.0, rho=0.002, K=3.0),
    dict(p0=0.3, lam=0.3, c_r=0.15, kappa=0.02, delta=0.004, rho=0.12, K=6.0),
    dict(p0=0.85, lam=0.3, c_r=0.3, kappa=0.02, delta=0.004, rho=0.03, K=3.0),
    dict(p0=0.0, lam=1.0, c_r=0.0, kappa=0.0, delta=0.0, rho=0.0, K=0.0),
]


@pytest.mark.parametrize("args", OPT_CASES)
def test_optimal_buildup_beats_a_fine_independent_grid(args):
    best = optimal_buildup(**args, m_max=10.0)
    ms = np.linspace(0, 10, 100_001)
    values = us_payoff(ms, **args)
    assert best.payoff >= values.max() - 1e-9
    assert best.m == pytest.approx(ms[int(np.argmax(values))], abs=2e-3) or \
        us_payoff(best.m, **args) == pytest.approx(values.max(), abs=1e-9)
    assert 0 <= best.m <= 10


def test_interior_optimum_satisfies_first_order_condition():
    args = OPT_CASES[0]
    b = optimal_buildup(**args)
    assert 0 < b.m < 10 and win_probability(b.m, 0.3, 0.3) + 0.15 < 1  # interior, cap slack
    deriv = (0.7 * 0.3 * math.exp(-0.3 * b.m) - 0.02 - 2 * 0.004 * b.m
             - 0.03 * 3.0 * math.exp(-0.03 * b.m))
    assert deriv == pytest.approx(0.0, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(prob, st.floats(0.02, 1), st.floats(0, 0.5), st.floats(0, 0.2), st.floats(0, 0.05),
       st.floats(0, 0.3), st.floats(0, 10))
def test_optimal_buildup_never_worse_than_none(p0, lam, c_r, kappa, delta, rho, K):
    b = optimal_buildup(p0, lam, c_r, kappa, delta, rho, K, n=401)
    assert b.gain_over_none >= -1e-12
    # a costlier clash never raises the best pay-off
    b2 = optimal_buildup(p0, lam, c_r, kappa, delta, rho, K + 1.0, n=401)
    assert b2.payoff <= b.payoff + 1e-6


# ----------------------------------------------------------------------------- Chicken
import nashpy  # noqa: E402  (pinned in requirements.txt: a missing nashpy is an error, not a skip)


@pytest.mark.parametrize("K", [2.0, 5.0, 10.0, 1.5, 3.7])
def test_chicken_mixed_equilibrium_matches_nashpy(K):
    A, B = chicken_payoffs(K)
    game = nashpy.Game(A, B)
    mixed = [(s1, s2) for s1, s2 in game.support_enumeration()
             if 0 < s1[1] < 1 and 0 < s2[1] < 1]
    assert len(mixed) == 1
    s1, s2 = mixed[0]
    assert s1[1] == pytest.approx(chicken_mixed(K))
    assert s2[1] == pytest.approx(chicken_mixed(K))
    assert s1[1] * s2[1] == pytest.approx(chicken_collision_probability(K))
    assert chicken_collision_probability(K) == pytest.approx(1 / K ** 2)


def test_chicken_needs_costly_collision():
    for K in (1.0, 0.5, math.inf):
        with pytest.raises(ValueError, match="K > 1"):
            chicken_mixed(K)


@given(st.floats(1.01, 100), st.floats(0.01, 10))
def test_costlier_collisions_are_rarer(K, dK):
    assert chicken_collision_probability(K + dK) < chicken_collision_probability(K)


# ----------------------------------------------------------------------------- the audit
GOOD = dict(
    antecedent="Washington offers to recognise the annexation of Crimea in April 2017",
    consequent="Russia stops protecting Assad at the Security Council",
    changed_facts=["crimea_offer"],
    probabilities={"break": 0.2, "no break": 0.7, "other": 0.1},
    implication="Russian vetoes on Syria would stop after the offer",
)


def test_a_clear_minimal_audit_passes():
    res = au.audit(**GOOD)
    assert res.passes and res.strained == ()
    assert set(res.not_checked) == {"theoretical consistency", "statistical consistency"}


@pytest.mark.parametrize("change,criterion", [
    (dict(antecedent=""), "clarity"),
    (dict(consequent="things get better"), "clarity"),
    (dict(antecedent="maybe Washington somehow leans on Moscow harder"), "clarity"),
    (dict(changed_facts=["crimea_offer", "us_buildup", "iran_withdraws"]), "historical consistency"),
    (dict(changed_facts=["no_strike", "larger_strike"]), "cotenability"),
    (dict(changed_facts=["no_sarin_attack"]), "cotenability"),
    (dict(implication="  "), "projectability"),
    (dict(probabilities={"break": 0.5, "no break": 0.7}), "probability budget"),
    (dict(probabilities={"break": 1.0}), "probability budget"),
])
def test_each_criterion_can_be_strained(change, criterion):
    res = au.audit(**(GOOD | change))
    assert criterion in res.strained
    assert not res.passes


def test_rewriting_the_cause_with_its_effect_is_cotenable():
    res = au.audit(**(GOOD | dict(changed_facts=["no_sarin_attack", "no_strike"])))
    assert "cotenability" not in res.strained


def test_every_incompatible_pair_names_known_facts():
    for pair in au.INCOMPATIBLE:
        assert len(pair) == 2 and pair <= set(au.FACTS_2017)
    for fact, (needed, _) in au.PRESUPPOSED.items():
        assert {fact, needed} <= set(au.FACTS_2017)


def test_audit_refuses_negative_probability_and_unknown_fact():
    with pytest.raises(ValueError, match="probability"):
        au.audit(**(GOOD | dict(probabilities={"a": -0.1, "b": 1.1})))
    with pytest.raises(ValueError, match="unknown fact"):
        au.audit(**(GOOD | dict(changed_facts=["putin_resigns"])))


@given(st.dictionaries(st.text(min_size=1, max_size=5), st.floats(0, 1), min_size=2, max_size=6),
       st.floats(0, 1))
def test_rebalance_keeps_the_budget_at_one(probs, value):
    key = next(iter(probs))
    out = au.rebalance(probs, key, value)
    assert set(out) == set(probs)
    assert out[key] == value
    assert sum(out.values()) == pytest.approx(1.0)
    assert all(v >= 0 for v in out.values())
    assert not au.audit(**(GOOD | dict(probabilities=out)), tol=1e-9).strained


def test_rebalance_keeps_proportions_of_the_others():
    out = au.rebalance({"a": 0.5, "b": 0.3, "c": 0.2}, "a", 0.0)
    assert out == pytest.approx({"a": 0.0, "b": 0.6, "c": 0.4})
    assert au.normalise({"a": 2, "b": 2}) == {"a": 0.5, "b": 0.5}
    assert au.normalise({"a": 0, "b": 0}) == {}


@pytest.mark.parametrize("call", [
    lambda: win_probability(1.0, 0.3, float("nan")),
    lambda: win_probability(-1.0, 0.3, 0.5),
    lambda: clash_risk(1.0, -0.1),
    lambda: us_payoff(1.0, 0.3, 0.3, 0.1, 0.02, 0.0, 0.03, float("inf")),
    lambda: resolve_probability(0.5, 1.0, 0.1, 0.0),
    lambda: russia_complies(1.2, 0.5, 0.1, 0.1, 0.1),
    lambda: posterior_after_strike(float("nan"), 0.5),
    lambda: linkage_deal(float("nan"), 0.5, 0.5, 0.5, 0.5),
])
def test_models_refuse_invalid_inputs(call):
    with pytest.raises(ValueError):
        call()
