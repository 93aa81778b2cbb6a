"""The leverage chapter's explorers: they show what the models say, read the saved valuation, and
carry a working counterfactual audit. (The shared contract is in test_explorer_contract.py.)"""

from __future__ import annotations

import numpy as np
import pytest

from syrialev.explorers import all_explorers
from syrialev.models import audit as au
from syrialev.models.bargaining import bargaining_range, private_cost_offer
from syrialev.models.buildup import optimal_buildup
from syrialev.models.credibility import posterior_after_strikes, resolve_probability
from syrialev.models.linkage import linkage_deal

NAMES = ("bigger_than_syria", "buildup_or_bluff", "credibility_after_shayrat")


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    monkeypatch.setenv("SYRIALEV_STATE", str(tmp_path / "state.json"))


@pytest.fixture
def explorers():
    reg = all_explorers()
    return {n: reg[n] for n in NAMES}


def test_all_three_are_registered(explorers):
    assert set(explorers) == set(NAMES)


def test_static_figures_never_read_the_saved_valuation(explorers):
    from syrialev.explorers import choices
    from syrialev.models import stake

    e = explorers["bigger_than_syria"]()
    assert e.values["v_r"] == pytest.approx(stake.DEFAULT_VALUATION, abs=0.005)  # rounded to the step
    before = [(f.png, f.alt, verdict) for _, f, verdict in e.static().items]
    choices.save_valuation(0.97)
    e2 = explorers["bigger_than_syria"]()
    assert e2.values["v_r"] == pytest.approx(e.values["v_r"])
    after = [(f.png, f.alt, verdict) for _, f, verdict in e2.static().items]
    assert after == before, "the built book's figures must not depend on a saved choice"


def test_the_live_widget_starts_from_the_saved_valuation(explorers):
    from syrialev.explorers import choices

    choices.save_valuation(0.1)
    e = explorers["bigger_than_syria"]()
    assert not e.result["link"].russia_accepts     # the default v_r = 0.53 > k = 0.45
    e.widget()
    assert e.values["v_r"] == pytest.approx(0.1)
    assert e.result["link"].russia_accepts         # k = 0.45 >= 0.1 * 1
    choices.save_valuation(0.9)
    e2 = explorers["bigger_than_syria"]()
    e2.widget()
    assert e2.values["v_r"] == pytest.approx(0.9) and not e2.result["link"].russia_accepts
    # a value given explicitly wins over the saved one
    e3 = explorers["bigger_than_syria"](v_r=0.4)
    e3.widget()
    assert e3.values["v_r"] == pytest.approx(0.4)
    # static() of a live explorer still shows the defaults
    assert "0.10" not in e.static().items[0][1].alt


def test_linkage_verdict_agrees_with_the_model(explorers):
    e = explorers["bigger_than_syria"](v_r=0.5)
    for values in [{}, dict(d=0.3, k=0.2, h=0.05, v_us=0.4), dict(k=0.9, h=0.9, h_ceiling=1.0, v_us=1.0)]:
        e.update(**{**{p.name: p.default for p in e.params if p.name != "v_r"}, **values})
        v = e.values
        model = linkage_deal(v["v_r"], v["v_us"], v["d"], v["k"], v["h"], v["h_ceiling"])
        assert e.result["link"] == model
        assert e.last_verdict.startswith("A linked deal exists") == model.exists


def test_buildup_panel_shows_that_p_drops_out(explorers):
    e = explorers["buildup_or_bluff"]()
    r = e.result
    flat = ~r["capped"]
    assert flat.any() and r["capped"].any()
    assert np.allclose(r["war"][flat], r["war"][0])       # P(war) flat while the cap is slack
    assert r["p"][flat][-1] > r["p"][0] + 0.2              # although p rises a lot
    assert np.all(np.diff(r["war"][r["capped"]]) <= 1e-12)  # and falls only once the cap binds
    v = e.values
    # Russia's private cost, relative to its stake as in M1, is uniform on [0, 2 c_r / v_r]
    assert r["war"][0] == pytest.approx(private_cost_offer(v["p0"], v["c_a"], 2 * v["c_r"] / v["v_r"]).p_war)
    best = optimal_buildup(v["p0"], v["lam"], v["c_r"], v["kappa"], v["delta"], v["rho"], v["K"], v_r=v["v_r"])
    assert r["best"].m == pytest.approx(best.m, abs=0.03)


def test_buildup_demand_is_the_upper_end_of_the_bargaining_range(explorers):
    """M4 and M1 use one normalisation: with no build-up, M4's demand is M1's p + c_R/v_R, and the
    explorers start from the same Russia (c_R, v_R) and the same chance p."""
    build = {p.name: p.default for p in explorers["buildup_or_bluff"].params}
    bargain = {p.name: p.default for p in explorers["bigger_than_syria"].params}
    assert (build["c_r"], build["v_r"], build["p0"]) == (bargain["c_r"], bargain["v_r"], bargain["p"])
    e = explorers["buildup_or_bluff"]()
    upper = bargaining_range(bargain["p"], bargain["c_us"], bargain["c_r"], v_a=bargain["v_us"],
                             v_b=bargain["v_r"])[1]
    assert e.result["demand"][0] == pytest.approx(min(1.0, upper))
    e.update(v_r=1.0)  # Fearon's unscaled range: the demand falls back to p + c_R
    assert e.result["demand"][0] == pytest.approx(build["p0"] + build["c_r"])


def test_buildup_scenarios_contrast(explorers):
    e = explorers["buildup_or_bluff"]()
    verdicts = [v for _, _, v in e.static().items]
    assert any(v.startswith("No build-up pays") for v in verdicts)
    assert any(v.startswith("Build up") for v in verdicts)


def test_credibility_bars_are_bayes(explorers):
    e = explorers["credibility_after_shayrat"]()
    v = e.values
    mu = resolve_probability(v["p"], v["g"], v["a"], v["c_bar_us"])
    for n, bar in enumerate(e.bars):
        assert bar.get_height() == pytest.approx(posterior_after_strikes(mu, v["r"], n))
    e.update(r=1.0)   # an uninformative strike: every bar equals the prior
    assert all(b.get_height() == pytest.approx(mu) for b in e.bars)
    e.update(r=0.0)   # only resolved types strike
    assert [b.get_height() for b in e.bars][1:] == pytest.approx([1.0, 1.0, 1.0])


def test_credibility_strike_can_tip_compliance(explorers):
    e = explorers["credibility_after_shayrat"]()
    e.update(s_r=0.1, phi=0.05)
    assert e.result["complies"][:2] == [False, True]
    e.update(r=0.9)   # Press: a cheap strike teaches little
    assert e.result["complies"][:2] == [False, False]


@pytest.mark.parametrize("name", NAMES)
def test_each_explorer_carries_an_audit(explorers, name):
    e = explorers[name]()
    assert len(e.audit_outcomes) >= 3
    ex = e.audit_example
    assert set(ex["probabilities"]) == set(e.audit_outcomes)
    md = e.audit_static()
    assert "Not checkable" in md.data
    result = au.audit(**ex)
    for s in result.strains:
        assert s.reason in md.data


def test_worked_examples_differ_in_what_they_strain(explorers):
    strained = {n: au.audit(**explorers[n]().audit_example).strained for n in NAMES}
    assert strained["bigger_than_syria"] == ()
    assert {"historical consistency", "projectability", "probability budget"} <= set(strained["buildup_or_bluff"])
    assert "cotenability" in strained["credibility_after_shayrat"]


def test_audit_form_keeps_budget_at_one_and_reports(explorers):
    e = explorers["credibility_after_shayrat"]()
    form = e.audit_widget()
    sliders = [c for c in form.children if c.__class__.__name__ == "FloatSlider"]
    boxes = [c for c in form.children if c.__class__.__name__ == "Checkbox"]
    report = form.children[-1]
    assert len(sliders) == len(e.audit_outcomes) and len(boxes) == len(au.FACTS_2017)
    sliders[0].value = 0.7
    assert sum(s.value for s in sliders) == pytest.approx(1.0, abs=1e-3)
    assert sliders[0].value == pytest.approx(0.7)
    before = report.value
    assert "clarity" in before                       # empty form: antecedent is empty
    boxes[0].value = True                             # no_sarin_attack without no_strike
    assert "cotenability" in report.value


def test_unreadable_state_falls_back_to_default(explorers, tmp_path, monkeypatch):
    from syrialev.models import stake

    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    monkeypatch.setenv("SYRIALEV_STATE", str(bad))
    e = explorers["bigger_than_syria"]()
    with pytest.warns(UserWarning, match="default valuation"):
        e.widget()
    assert e.values["v_r"] == pytest.approx(stake.DEFAULT_VALUATION, abs=0.005)
