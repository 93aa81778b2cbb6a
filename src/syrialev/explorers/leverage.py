"""Explorers for the chapter "The leverage argument": the essay's three steps, one widget each.

- ``bigger_than_syria``: issue linkage (M2) and the bargaining range (M1). Russia's valuation of
  Syria is the long-ties chapter's default; the live widget starts from the one the student saved
  there (``choices.load_valuation``), while the static figures of the built book never read it.
- ``buildup_or_bluff``: the U.S. pay-off of a build-up against clash risk and domestic cost (M4),
  beside the private-cost result of M1 (the risk of war need not fall as the balance shifts).
- ``credibility_after_shayrat``: the compliance condition of the threat game and how one strike
  moves Russia's belief that Washington will strike again (M3).

Every explorer also carries a counterfactual audit after Tetlock and Belkin (1996): a worked
example for the built book (:meth:`AuditedExplorer.audit_static`) and a form for a running kernel
(:meth:`AuditedExplorer.audit_widget`); the logic is in :mod:`syrialev.models.audit`.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from types import MappingProxyType

import numpy as np
from matplotlib.patches import Rectangle

from .. import plots
from ..models import defaults as DF
from ..models import audit as audit_model
from ..models.bargaining import bargaining_range, clip_range, private_cost_offer
from ..models.buildup import (chicken_collision_probability, chicken_mixed, clash_risk,
                              optimal_buildup, us_payoff, win_probability)
from ..models.credibility import (compliance_threshold, posterior_after_strike,
                                  posterior_after_strikes, resolve_probability, russia_complies)
from ..models.linkage import linkage_deal
from .explorer import Explorer, register
from .params import Param

__all__ = ["AuditedExplorer", "BiggerThanSyria", "BuildupOrBluff", "CredibilityAfterShayrat"]

C = plots.OKABE_ITO


def _saved_valuation(low: float, high: float) -> float:
    """v_R saved by the student in the long-ties chapter's live explorer, or that chapter's default.

    Read only by the live widget: the book's static figures use the package default.
    """
    from ..models.stake import DEFAULT_VALUATION
    from .choices import load_valuation

    try:
        value = float(load_valuation())
    except ValueError as exc:  # an unreadable state file: say so, use that chapter's default
        import warnings

        warnings.warn(f"using the default valuation of Syria: {exc}", stacklevel=3)
        value = float(DEFAULT_VALUATION)
    return round(min(high, max(low, value)), 2)  # to the slider's step of 0.01


class AuditedExplorer(Explorer):
    """An explorer with a Tetlock-Belkin counterfactual audit (not registered itself).

    Subclasses set ``audit_outcomes`` (exclusive, exhaustive outcomes for the probability budget)
    and ``audit_example`` (keyword arguments of :func:`syrialev.models.audit.audit`).
    """

    audit_outcomes: tuple = ()
    audit_example: Mapping = MappingProxyType({})

    def _two_panels(self):
        """Replace the base class's single axes by two side by side (done once, in build)."""
        self.fig.delaxes(self.axes)
        self.axes = self.fig.subplots(1, 2)
        return self.axes

    def audit_static(self):
        """The worked example's audit as Markdown (for the built book)."""
        from IPython.display import Markdown

        ex = self.audit_example
        result = audit_model.audit(**ex)
        facts = "; ".join(audit_model.FACTS_2017[f][0] for f in ex["changed_facts"]) or "none"
        head = (f"*Worked example for \"{self.title}\".* Facts of 2017 rewritten: {facts}. "
                f"Testable implication: {ex.get('implication') or '(none)'}.\n\n")
        return Markdown(head + audit_model.audit_markdown(result, ex["antecedent"], ex["consequent"]))

    def audit_widget(self):
        """A small form: antecedent, consequent, implication, 2017 facts, a budget that sums to one."""
        import ipywidgets as w

        lay = w.Layout(width="95%")
        ante = w.Textarea(description="If (antecedent)", layout=lay, style={"description_width": "initial"})
        cons = w.Textarea(description="Then (consequent)", layout=lay, style={"description_width": "initial"})
        impl = w.Textarea(description="Testable implication", layout=lay,
                          style={"description_width": "initial"})
        facts = {k: w.Checkbox(description=label, value=False, indent=False, layout=lay)
                 for k, (label, _) in audit_model.FACTS_2017.items()}
        n = len(self.audit_outcomes)
        sliders = {o: w.FloatSlider(description=o, min=0.0, max=1.0, step=0.01, value=round(1.0 / n, 2),
                                    readout_format=".2f", layout=lay, continuous_update=False,
                                    style={"description_width": "initial"})
                   for o in self.audit_outcomes}
        report = w.HTML()
        busy = {"flag": False}

        def refresh(*_):
            probs = {o: s.value for o, s in sliders.items()}
            try:
                res = audit_model.audit(ante.value, cons.value, [k for k, c in facts.items() if c.value],
                                        probs, impl.value)
                items = "".join(f"<li><b>{html.escape(s.criterion)}</b>: {html.escape(s.reason)}</li>"
                                for s in res.strains) or "<li>No checkable criterion is strained.</li>"
                report.value = (f"<ul>{items}<li>Argue in words: {', '.join(res.not_checked)}</li></ul>")
            except ValueError as exc:
                report.value = f"<p>{html.escape(str(exc))}</p>"

        def on_slider(change):
            if busy["flag"]:
                return
            busy["flag"] = True
            try:
                key = change["owner"].description
                new = audit_model.rebalance({o: s.value for o, s in sliders.items()}, key, change["new"])
                for o, s in sliders.items():
                    if o != key:
                        s.value = round(new[o], 4)
            finally:
                busy["flag"] = False
            refresh()

        for s in sliders.values():
            s.observe(on_slider, names="value")
        for widget in (ante, cons, impl, *facts.values()):
            widget.observe(refresh, names="value")
        refresh()
        from .live import FORM_NOTE, LiveBox

        return LiveBox([w.HTML(f"<b>Counterfactual audit: {html.escape(self.title)}</b>"), ante, cons, impl,
                       w.HTML("Facts of 2017 you rewrite:"), *facts.values(),
                       w.HTML("Probability budget (sums to one):"), *sliders.values(), report],
                       note=FORM_NOTE)


# ===================================================================================== step 1
@register
class BiggerThanSyria(AuditedExplorer):
    """Issue linkage (M2) and the bargaining range with stakes (M1)."""

    name = "bigger_than_syria"
    title = "Bigger than Syria: a linked deal and the bargaining range"
    size = (8.0, 3.6)
    params = (
        Param("v_r", "Russia's valuation of Syria", DF.V_R, 0.05, 1.0, 0.01, "stylised units (0-1)",
              "what its position in Syria is worth to Moscow; the live explorer starts from the value "
              "saved in the long-ties chapter's explorer, else that chapter's default"),
        Param("v_us", "U.S. valuation of Syria", DF.V_US, 0.05, 1.0, 0.01, "stylised units (0-1)",
              "what the same position changing hands is worth to Washington"),
        Param("d", "Share Russia concedes", DF.D, 0.0, 1.0, 0.05, "share (0-1)",
              "1 = Moscow breaks with Assad; smaller = it restrains him and keeps its bases"),
        Param("k", "Prize's value to Russia", DF.PRIZE, 0.0, 1.0, 0.01, "stylised units (0-1)",
              "e.g. 0.45 recognition of Crimea, 0.7 a sphere in Ukraine, 0.85 a halt to NATO "
              "enlargement (the long-ties chapter's stylised values)"),
        Param("h", "Prize's cost to the U.S.", DF.H, 0.0, 1.0, 0.01, "stylised units (0-1)",
              "what paying the prize costs Washington: allies, norms, law, its position in Europe"),
        Param("h_ceiling", "Domestic ceiling", DF.H_CEILING, 0.0, 1.0, 0.01, "stylised units (0-1)",
              "the largest price Congress and the public would ratify (Putnam's two-level logic)"),
        Param("p", "U.S. chance of prevailing", DF.P_BARGAIN, 0.0, 1.0, 0.01, "probability",
              "Washington's expected share if bargaining fails and the contest over Syria goes on "
              "(in 2017: the civil war, with Russia and Iran winning), not a U.S.-Russian war"),
        Param("c_us", "U.S. cost of no deal", DF.C_US_BARGAIN, 0.0, 1.0, 0.01, "stylised units (0-1)",
              "what the no-deal path costs Washington (Fearon's cost of war)"),
        Param("c_r", "Russia's cost of no deal", DF.C_R_BARGAIN, 0.0, 1.0, 0.01, "stylised units (0-1)",
              "what the no-deal path costs Moscow (Fearon's cost of war)"),
    )
    #: In the built book: what Syria is worth to Washington, how much is asked, and to Moscow.
    explore = {"v_us": (0.3, 0.6, 0.9), "d": (0.3, 1.0), "v_r": (0.15, 0.3, 0.53, 0.8)}
    scenarios = {
        "A prize bigger than Syria: a sphere in Ukraine": dict(k=0.7, h=0.8),
        "A smaller ask: Russia restrains Assad and keeps its bases": dict(d=0.3, k=0.2, h=0.05, v_us=0.4),
        "Syria matters little to Moscow": dict(v_r=0.15, k=0.3, h=0.2, v_us=0.5),
    }
    audit_outcomes = ("Russia breaks with Assad", "Russia restrains Assad, no break", "No deal", "Other")
    audit_example = dict(
        antecedent="Washington offers to recognise Russia's annexation of Crimea in April 2017",
        consequent="Russia stops protecting Assad and backs a transition in Damascus",
        changed_facts=["crimea_offer"],
        probabilities={"Russia breaks with Assad": 0.2, "Russia restrains Assad, no break": 0.35,
                       "No deal": 0.35, "Other": 0.1},
        implication="Russian officials would have linked Syria to Ukraine in talks, and Russian "
                    "support for Assad would have fallen after a deal",
    )

    def __init__(self, **values):
        self._v_r_given = "v_r" in values
        super().__init__(**values)

    def widget(self):
        """The live controls, starting from the valuation saved in the long-ties chapter (if any,
        and unless ``v_r`` was given when the explorer was made).

        Only the live widget reads the saved choice; :meth:`static` and the build use the defaults.
        """
        if not self._v_r_given:
            v_r = next(p for p in self.params if p.name == "v_r")
            self.update(v_r=_saved_valuation(v_r.min, v_r.max))
        return super().widget()

    def build(self):
        ax1, ax2 = self._two_panels()
        self.ax_link, self.ax_range = ax1, ax2
        ax1.set(xlim=(0, 1), ylim=(0, 1.3), xlabel="prize's value to Russia, k",
                ylabel="prize's cost to the U.S., h", title="Linkage: is a deal possible?")
        self.deal_box = Rectangle((0, 0), 0, 0, color=C["bluish_green"], alpha=0.25, lw=0)
        ax1.add_patch(self.deal_box)
        (self.russia_line,) = ax1.plot([0.5, 0.5], [0, 1], color=C["vermillion"], lw=1.6,
                                       label="Russia's price v_r·d")
        self.us_line = ax1.axhline(0.5, color=C["blue"], lw=1.6, label="worth to U.S. v_us·d")
        self.ceiling_line = ax1.axhline(0.3, color=C["reddish_purple"], lw=1.6, ls="--",
                                        label="domestic ceiling")
        (self.prize_dot,) = ax1.plot([0.5], [0.5], "o", ms=9, color=C["black"], label="the prize")
        ax1.legend(loc="upper center", fontsize=7, ncol=2)  # in the band above 1: no data there
        ax1.set_xticks([0, 0.5, 1])
        ax1.set_yticks([0, 0.5, 1])
        ax2.set_xticks([0, 0.5, 1])
        ax2.set(xlim=(-0.02, 1.02), ylim=(-0.5, 1.5), xlabel="U.S. share of a Syrian settlement, x",
                title="Bargaining range (M1)")
        ax2.set_yticks([0, 1], ["v_r = 1", "v_r as set"])
        self.ref_bar = Rectangle((0, -0.2), 0, 0.4, color=C["grey"], alpha=0.5)
        self.range_bar = Rectangle((0, 0.8), 0, 0.4, color=C["orange"], alpha=0.8)
        ax2.add_patch(self.ref_bar)
        ax2.add_patch(self.range_bar)
        self.p_line = ax2.axvline(0.3, color=C["black"], lw=1.2, ls=":")
        self.range_text = ax2.text(0.5, 1.35, "", ha="center", fontsize=8)
        self.fig.subplots_adjust(left=0.08, right=0.98, bottom=0.16, top=0.9, wspace=0.3)
        self._dynamic = [self.deal_box, self.russia_line, self.us_line, self.ceiling_line, self.prize_dot,
                         self.ref_bar, self.range_bar, self.p_line, self.range_text]

    def compute(self, v_r, v_us, d, k, h, h_ceiling, p, c_us, c_r):
        link = linkage_deal(v_r, v_us, d, k, h, h_ceiling)
        raw = bargaining_range(p, c_us, c_r, v_a=v_us, v_b=v_r)
        ref = bargaining_range(p, c_us, c_r, v_a=v_us, v_b=1.0)
        return dict(link=link, raw=raw, range=clip_range(raw), ref=clip_range(ref),
                    values=dict(v_r=v_r, v_us=v_us, d=d, k=k, h=h, h_ceiling=h_ceiling, p=p))

    def draw(self, r):
        v = r["values"]
        need, worth = v["v_r"] * v["d"], v["v_us"] * v["d"]
        top = min(worth, v["h_ceiling"])
        self.deal_box.set_xy((need, 0))
        self.deal_box.set_width(max(0.0, 1.0 - need))
        self.deal_box.set_height(top)
        self.russia_line.set_xdata([need, need])
        self.us_line.set_ydata([worth, worth])
        self.ceiling_line.set_ydata([v["h_ceiling"]] * 2)
        self.prize_dot.set_data([v["k"]], [v["h"]])
        self.prize_dot.set_color(C["bluish_green"] if r["link"].exists else C["black"])
        lo, hi = r["range"]
        self.range_bar.set_xy((lo, 0.8))
        self.range_bar.set_width(hi - lo)
        rlo, rhi = r["ref"]
        self.ref_bar.set_xy((rlo, -0.2))
        self.ref_bar.set_width(rhi - rlo)
        self.p_line.set_xdata([v["p"]] * 2)
        raw_lo, raw_hi = r["raw"]
        self.range_text.set_text(f"range {lo:.2f} to {hi:.2f} (unclipped {raw_lo:.2f} to {raw_hi:.2f}); "
                                 f"p = {v['p']:.2f}")

    def verdict(self, r):
        link, v = r["link"], r["values"]
        fails = []
        if not link.russia_accepts:
            fails.append(f"the prize (k = {v['k']:.2f}) is smaller than what Russia gives up "
                         f"(v_r·d = {v['v_r'] * v['d']:.2f})")
        if not link.us_accepts:
            fails.append(f"the prize costs Washington more (h = {v['h']:.2f}) than the concession is "
                         f"worth to it ({v['v_us'] * v['d']:.2f})")
        if not link.ratifiable:
            fails.append(f"the price exceeds the domestic ceiling ({v['h_ceiling']:.2f})")
        hi = r["range"][1]
        tail = (f" Without a prize, the most Washington can demand short of war is a share of "
                f"{hi:.2f} (p = {v['p']:.2f}).")
        if link.exists:
            return "A linked deal exists: the prize is worth Russia's concession and Washington can pay it." + tail
        return "No linked deal: " + "; ".join(fails) + "." + tail

    def alt(self, r):
        v, link = r["values"], r["link"]
        lo, hi = r["range"]
        return (f"Left: the linkage plane with Russia's price {v['v_r'] * v['d']:.2f} (vertical line), "
                f"the U.S. willingness to pay {v['v_us'] * v['d']:.2f} and the ceiling "
                f"{v['h_ceiling']:.2f} (horizontal lines); the prize at k = {v['k']:.2f}, "
                f"h = {v['h']:.2f} is {'inside' if link.exists else 'outside'} the deal region. "
                f"Right: the bargaining range runs from {lo:.2f} to {hi:.2f} around p = {v['p']:.2f}, "
                f"against {r['ref'][0]:.2f} to {r['ref'][1]:.2f} if Russia's valuation were 1.")


# ===================================================================================== step 2
@register
class BuildupOrBluff(AuditedExplorer):
    """A U.S. build-up (M4) beside the private-cost bargaining result (M1)."""

    name = "buildup_or_bluff"
    title = "Build-up or bluff: the pay-off of force against the risk of a clash"
    size = (8.0, 3.6)
    M_MAX = 10.0
    params = (
        Param("p0", "U.S. chance with no build-up", DF.P0, 0.0, 0.95, 0.01, "probability",
              "probability of prevailing with the April 2017 posture"),
        Param("lam", "Effect of force", DF.LAM, 0.02, 1.0, 0.01, "per unit of force",
              "how fast extra force raises the chance of prevailing (diminishing returns)"),
        Param("c_r", "Russia's cost of war", DF.C_R_BUILDUP, 0.01, 0.5, 0.01, "stylised units (0-1)",
              "Russia's expected cost of war; in the right panel its true cost is private, uniform "
              "on [0, 2·c_r]"),
        Param("c_a", "U.S. cost of war", DF.C_A, 0.0, 0.5, 0.01, "stylised units (0-1)",
              "the U.S. cost of fighting (right panel)"),
        Param("kappa", "Cost per unit of force", DF.KAPPA, 0.0, 0.2, 0.005, "per unit of force",
              "the sunk cost of deploying force"),
        Param("delta", "Domestic unpopularity", DF.DELTA, 0.0, 0.05, 0.001, "per unit squared",
              "the political cost of owning the war, rising faster than the build-up"),
        Param("rho", "Clash hazard", DF.RHO, 0.0, 0.3, 0.005, "per unit of force",
              "the chance each unit of force adds of an inadvertent clash with Russian forces"),
        Param("K", "Cost of a clash", DF.K, 1.1, 10.0, 0.1, "multiples of the good's value",
              "the cost of a U.S.-Russian clash, relative to the whole Syrian stake"),
    )
    #: In the built book: the clash hazard and the cost of a clash.
    explore = {"rho": (0.0, 0.01, 0.03, 0.08, 0.2), "K": (1.5, 3.0, 6.0)}
    scenarios = {
        "A cheap, safe build-up (low clash hazard, no domestic cost)": dict(rho=0.002, delta=0.0, kappa=0.005),
        "A dangerous theatre (high clash hazard)": dict(rho=0.12, K=6.0),
        "Washington is nearly sure to win anyway": dict(p0=0.85, c_r=0.3),
    }
    audit_outcomes = ("Russia breaks with Assad", "Russia escalates, a clash", "Stand-off, no clash", "Other")
    audit_example = dict(
        antecedent="After Shayrat, Washington deploys a large air and ground force to western Syria",
        consequent="Russia abandons Assad without a clash between U.S. and Russian forces",
        changed_facts=["us_buildup", "no_veto", "iran_withdraws"],
        probabilities={"Russia breaks with Assad": 0.3, "Russia escalates, a clash": 0.3,
                       "Stand-off, no clash": 0.5, "Other": 0.1},
        implication="",
    )

    def build(self):
        ax1, ax2 = self._two_panels()
        self.m = np.linspace(0.0, self.M_MAX, 121)
        ax1.set(xlim=(0, self.M_MAX), ylim=(-1.0, 1.2), xlabel="build-up m (units of force)",
                ylabel="stylised units", title="U.S. pay-off of a build-up (M4)")
        ax1.axhline(0, color=C["grey"], lw=0.8)
        (self.l_demand,) = ax1.plot(self.m, self.m, color=C["blue"], label="demand min(1, p(m)+c_r)")
        (self.l_cost,) = ax1.plot(self.m, self.m, color=C["orange"], label="sunk + domestic cost")
        (self.l_clash,) = ax1.plot(self.m, self.m, color=C["reddish_purple"], label="clash risk × K")
        (self.l_net,) = ax1.plot(self.m, self.m, color=C["black"], lw=2.2, label="net pay-off")
        (self.opt,) = ax1.plot([0], [0], "D", color=C["bluish_green"], ms=8, label="best build-up")
        ax1.legend(loc="lower left", fontsize=7, ncol=2)
        ax1.set_xticks([0, 5, 10])
        ax1.set_yticks([-1, 0, 1])
        ax2.set(xlim=(0, self.M_MAX), ylim=(0, 1.05), xlabel="build-up m (units of force)",
                ylabel="probability / share", title="Private costs: the risk of war (M1)")
        (self.l_p,) = ax2.plot(self.m, self.m, color=C["blue"], label="U.S. win chance p(m)")
        (self.l_offer,) = ax2.plot(self.m, self.m, color=C["orange"], ls="--", label="U.S. demand x*")
        (self.l_war,) = ax2.plot(self.m, self.m, color=C["vermillion"], lw=2.2, label="P(war)")
        self.opt_line = ax2.axvline(0, color=C["bluish_green"], lw=1, ls=":")
        self.war_text = ax2.text(0.2, 0.03, "", fontsize=7.5)
        ax2.legend(loc="center right", fontsize=7)
        ax2.set_xticks([0, 5, 10])
        ax2.set_yticks([0, 0.5, 1])
        self.fig.subplots_adjust(left=0.08, right=0.98, bottom=0.14, top=0.9, wspace=0.28)
        self._dynamic = [self.l_demand, self.l_cost, self.l_clash, self.l_net, self.opt, self.l_p,
                         self.l_offer, self.l_war, self.opt_line, self.war_text]

    def compute(self, p0, lam, c_r, c_a, kappa, delta, rho, K):
        m = self.m
        args = (p0, lam, c_r, kappa, delta, rho, K)
        p = win_probability(m, p0, lam)
        best = optimal_buildup(*args, m_max=self.M_MAX, n=401)
        offers = [private_cost_offer(float(pi), c_a, 2.0 * c_r) for pi in p]
        return dict(
            p=p, demand=np.minimum(1.0, p + c_r), cost=kappa * m + delta * m ** 2,
            clash=clash_risk(m, rho) * K, net=us_payoff(m, *args), best=best,
            offer=np.array([o.offer for o in offers]), war=np.array([o.p_war for o in offers]),
            capped=np.array([o.capped for o in offers]), K=K, c_r=c_r, c_a=c_a,
        )

    def draw(self, r):
        self.l_demand.set_ydata(r["demand"])
        self.l_cost.set_ydata(r["cost"])
        self.l_clash.set_ydata(r["clash"])
        self.l_net.set_ydata(r["net"])
        self.opt.set_data([r["best"].m], [r["best"].payoff])
        self.l_p.set_ydata(r["p"])
        self.l_offer.set_ydata(r["offer"])
        self.l_war.set_ydata(r["war"])
        self.opt_line.set_xdata([r["best"].m] * 2)
        c_bar = 2.0 * r["c_r"]
        self.war_text.set_text(f"(c̄ − c_a)/(2c̄) = {max(0.0, (c_bar - r['c_a']) / (2 * c_bar)):.2f}"
                               f" with c_a = {r['c_a']:.2f}, c̄ = {c_bar:.2f}")

    def _war_story(self, r):
        war, capped = r["war"], r["capped"]
        if not capped.any():
            return (f"Under private costs the risk of war stays at {war[0]:.2f} at every build-up: "
                    "p drops out.")
        if capped[0]:
            return (f"Under private costs the demand is already the whole good at m = 0, so the risk of "
                    f"war, (1 - p)/c_bar, falls with the build-up: from {war[0]:.2f} to {war[-1]:.2f}.")
        first = float(self.m[int(np.argmax(capped))])
        return (f"Under private costs the risk of war stays at {war[0]:.2f} until m = {first:.1f}, "
                f"where the demand reaches the whole good; then it falls to {war[-1]:.2f} at m = {self.M_MAX:.0f}.")

    def verdict(self, r):
        b = r["best"]
        chicken = (f" In Chicken with this clash cost each side goes Straight with probability "
                   f"{chicken_mixed(r['K']):.2f} (collision {chicken_collision_probability(r['K']):.2f}).")
        if b.m < 0.05:
            head = (f"No build-up pays. Any force adds more cost and clash risk than it adds to "
                    f"the demand (pay-off {b.payoff:.2f} at m = 0).")
        else:
            head = (f"Build up to m = {b.m:.1f}: the pay-off rises from {b.payoff - b.gain_over_none:.2f} to "
                    f"{b.payoff:.2f}, with a win chance of {b.p:.2f} and a clash risk of {b.clash:.2f}.")
        return head + " " + self._war_story(r) + chicken

    def alt(self, r):
        b = r["best"]
        return (f"Left: demand, costs, clash risk times K = {r['K']:.1f}, and net pay-off against the "
                f"build-up from 0 to {self.M_MAX:.0f}; the expected cost of a clash reaches "
                f"{r['clash'][-1]:.2f} and the net pay-off {r['net'][-1]:.2f} at m = {self.M_MAX:.0f}; "
                f"the best build-up is m = {b.m:.1f} with pay-off {b.payoff:.2f} and clash risk "
                f"{b.clash:.2f}. Right: the win chance rises from "
                f"{r['p'][0]:.2f} to {r['p'][-1]:.2f} while the probability of war goes from "
                f"{r['war'][0]:.2f} to {r['war'][-1]:.2f}.")


# ===================================================================================== step 3
@register
class CredibilityAfterShayrat(AuditedExplorer):
    """The threat game's compliance condition and the belief update after one strike (M3)."""

    name = "credibility_after_shayrat"
    title = "Credibility after Shayrat: does one strike compel?"
    size = (8.0, 3.6)
    params = (
        Param("p", "Chance a campaign succeeds", DF.P_CAMPAIGN, 0.05, 1.0, 0.01, "probability",
              "probability that a U.S. strike campaign takes away what Russia would not concede"),
        Param("g", "Value of compliance to the U.S.", DF.G, 0.1, 2.0, 0.05, "stylised units",
              "what Russian compliance is worth to Washington"),
        Param("a", "Audience cost", DF.A, 0.0, 1.0, 0.05, "stylised units",
              "what backing down after a threat costs the U.S. leader at home"),
        Param("c_bar_us", "Highest U.S. cost of a campaign", DF.C_BAR_US, 0.5, 5.0, 0.1, "stylised units",
              "the U.S. cost of executing the threat is private, uniform from 0 to this value"),
        Param("r", "Chance an unresolved U.S. strikes once", DF.R, 0.0, 1.0, 0.01, "probability",
              "how likely a U.S. that would not run a campaign still fires one cheap strike"),
        Param("s_r", "Russia's stake in the demand", DF.S_R, 0.0, 1.0, 0.01, "stylised units",
              "what Russia gives up by complying: large for 'break with Assad', small for 'join a process'"),
        Param("c_r", "Russia's cost of a U.S. campaign", DF.C_R_CAMPAIGN, 0.0, 1.0, 0.01, "stylised units",
              "losses and escalation risk Russia bears if the U.S. executes"),
        Param("phi", "Face cost of complying", DF.PHI, 0.0, 1.0, 0.01, "stylised units",
              "the cost of being seen to give in (Schelling: compellence is visible)"),
    )
    #: In the built book: the size of the demand, how cheap the strike was, and tied hands.
    explore = {"s_r": (0.1, 0.3, 0.5), "r": (0.1, 0.5, 0.9), "a": (0.1, 1.0)}
    scenarios = {
        "A smaller demand: join a U.S.-led process": dict(s_r=0.1, phi=0.05),
        "Smaller demand, but the strike was cheap (Press)": dict(s_r=0.1, phi=0.05, r=0.9),
        "Hands tied by a large audience cost, smaller demand": dict(a=1.0, s_r=0.1, phi=0.05),
    }
    audit_outcomes = ("Russia restrains Assad and joins the process", "Russia resists, U.S. strikes again",
                      "Russia resists, U.S. backs down", "Other")
    audit_example = dict(
        antecedent="The United States does not strike Shayrat after the Khan Shaykhun attack",
        consequent="Russia treats later U.S. threats in Syria as bluffs",
        changed_facts=["no_strike", "no_warning"],
        probabilities={"Russia restrains Assad and joins the process": 0.1,
                       "Russia resists, U.S. strikes again": 0.2,
                       "Russia resists, U.S. backs down": 0.5, "Other": 0.2},
        implication="Russian statements after April 2017 would cite the absence of a strike, and "
                    "chemical attacks would recur sooner",
    )

    def build(self):
        ax1, ax2 = self._two_panels()
        self.grid = np.linspace(0.0, 1.0, 101)
        ax1.set(xlim=(0, 1), ylim=(0, 1.05), xlabel="prior belief μ that the U.S. is resolved",
                ylabel="belief after one strike, μ'", title="What one strike teaches (Bayes)")
        ax1.plot([0, 1], [0, 1], color=C["grey"], lw=0.8, ls=":")
        (self.curve,) = ax1.plot(self.grid, self.grid, color=C["blue"], lw=2, label="μ' for this r")
        self.thr1 = ax1.axhline(0.5, color=C["vermillion"], ls="--", lw=1.4, label="belief that compels")
        (self.pt,) = ax1.plot([0.3], [0.3], "o", color=C["black"], ms=8, label="April 2017")
        self.mu_text = ax1.text(0.03, 0.97, "", va="top", fontsize=7.5)
        ax1.legend(loc="lower right", fontsize=7)
        ax1.set_xticks([0, 0.5, 1])
        ax1.set_yticks([0, 0.5, 1])
        self.ax_bars = ax2
        ax2.set(ylim=(0, 1.05), ylabel="Russia's belief μ", title="Belief after n strikes")
        self.labels = ("before", "1 strike", "2 strikes", "3 strikes")
        self.bars = ax2.bar(range(4), [0.1] * 4, color=C["grey"])
        ax2.set_xticks(range(4), self.labels)
        ax2.set_yticks([0, 0.5, 1])
        self.thr2 = ax2.axhline(0.5, color=C["vermillion"], ls="--", lw=1.4)
        self.fig.subplots_adjust(left=0.08, right=0.98, bottom=0.16, top=0.9, wspace=0.28)
        self._dynamic = [self.curve, self.thr1, self.pt, ax1.get_legend(), self.mu_text, *self.bars,
                         self.thr2, ax2.title]

    def compute(self, p, g, a, c_bar_us, r, s_r, c_r, phi):
        mu = resolve_probability(p, g, a, c_bar_us)
        if r == 0.0:
            curve = np.where(self.grid > 0, 1.0, 0.0)
        else:
            curve = self.grid / (self.grid + (1.0 - self.grid) * r)
        beliefs = [posterior_after_strikes(mu, r, n) for n in range(4)]
        thr = compliance_threshold(p, s_r, c_r, phi)
        complies = [russia_complies(b, p, s_r, c_r, phi) for b in beliefs]
        return dict(mu=mu, post=posterior_after_strike(mu, r), curve=curve, beliefs=beliefs,
                    thr=thr, complies=complies, r=r, ratio=(p * g + a) / c_bar_us)

    def draw(self, res):
        thr_draw = min(res["thr"], 1.2)
        self.curve.set_ydata(res["curve"])
        self.thr1.set_ydata([thr_draw] * 2)
        self.thr2.set_ydata([thr_draw] * 2)
        self.pt.set_data([res["mu"]], [res["post"]])
        for bar, b, ok in zip(self.bars, res["beliefs"], res["complies"]):
            bar.set_height(b)
            bar.set_color(C["bluish_green"] if ok else C["grey"])
        self.mu_text.set_text(f"μ = min(1, (p·g + a)/c̄) = min(1, {res['ratio']:.2f})")
        t = res["thr"]
        self.ax_bars.set_title(f"Compels at μ ≥ {t:.2f}" if t <= 1
                               else f"No belief compels (needs {t:.2f})"
                               if np.isfinite(t) else "No belief compels")

    def verdict(self, res):
        mu, post, thr = res["mu"], res["post"], res["thr"]
        before = "complies" if res["complies"][0] else "resists"
        after = "complies" if res["complies"][1] else "resists"
        need = f"{thr:.2f}" if np.isfinite(thr) else "more than certainty"
        if thr > 1:
            return (f"No belief compels: Russia would need a belief of {need} that Washington is resolved "
                    f"(prior {mu:.2f}, {post:.2f} after one strike). Lower the demand or raise Russia's costs.")
        if res["complies"][1] and not res["complies"][0]:
            return (f"The strike tips the balance: Russia's belief rises from {mu:.2f} to {post:.2f}, past "
                    f"the {need} it takes to compel, so Russia {after}.")
        return (f"Russia {before} before the strike and {after} after it: its belief moves from {mu:.2f} "
                f"to {post:.2f}; compliance needs {need}.")

    def alt(self, res):
        b = res["beliefs"]
        thr = res["thr"]
        need = f"{thr:.2f}" if np.isfinite(thr) else "infinite"
        return (f"Left: the belief after a strike against the prior belief, for r = {res['r']:.2f}; "
                f"April 2017 prior {res['mu']:.2f} becomes {res['post']:.2f}. Right: bars of Russia's "
                f"belief before and after 1, 2 and 3 strikes ({b[0]:.2f}, {b[1]:.2f}, {b[2]:.2f}, "
                f"{b[3]:.2f}) against the compelling threshold {need}.")


# ===================================================================================== static figures
@plots.styled()
def private_cost_figure(c_bar: float = 0.5, c_as=(0.0, 0.1, 0.3)) -> plots.Figure:
    """P(war) against the U.S. win probability p for several U.S. costs of war (M1, private costs)."""
    fig, ax = plots.new_figure(height=3.2)
    ps = np.linspace(0.0, 1.0, 201)
    parts = []
    for colour, c_a in zip(plots.PALETTE, c_as):
        war = [private_cost_offer(float(p), c_a, c_bar).p_war for p in ps]
        ax.plot(ps, war, color=colour, lw=2, label=f"U.S. cost of war c_a = {c_a:.2f}")
        flat_until = 1.0 - max(0.0, (c_bar - c_a) / 2.0)
        parts.append(f"{war[0]:.2f} until p = {flat_until:.2f} when c_a = {c_a:.2f}")
    ax.set(xlabel="U.S. probability of winning, p", ylabel="probability of war", ylim=(0, 0.55),
           title=f"The risk of war does not fall as the balance shifts (Russia's cost uniform on [0, {c_bar}])")
    ax.legend(fontsize=8)
    alt = ("Line chart of the probability of war against the U.S. probability of winning. Each line is "
           "flat, at " + "; ".join(parts) + ", then falls to zero at p = 1, once the U.S. demand is "
           "capped at the whole good.")
    return plots.show(fig, alt)


@plots.styled()
def chicken_figure(Ks=None) -> plots.Figure:
    """Chicken's mixed equilibrium: P(Straight) = 1/K and P(collision) = 1/K**2 against K."""
    Ks = np.linspace(1.05, 10, 200) if Ks is None else np.asarray(Ks)
    fig, ax = plots.new_figure(height=3.0)
    ax.plot(Ks, [chicken_mixed(k) for k in Ks], color=C["blue"], lw=2, label="each side goes Straight, 1/K")
    ax.plot(Ks, [chicken_collision_probability(k) for k in Ks], color=C["vermillion"], lw=2,
            label="collision, 1/K²")
    ax.set(xlabel="cost of a collision K (the gain from winning = 1)", ylabel="probability", ylim=(0, 1),
           title="Chicken: the costlier a clash, the rarer (but never impossible)")
    ax.legend(fontsize=8)
    alt = ("Two falling curves against the cost of a collision K from 1 to 10: the probability that each "
           "side goes Straight, 1/K (0.50 at K = 2, 0.20 at K = 5, 0.10 at K = 10), and the probability "
           "of a collision, 1/K squared (0.25, 0.04 and 0.01).")
    return plots.show(fig, alt)
