"""Back-test: set the book's leverage models to 2017 as you see it, and compare with what happened.

The student chooses stylised values describing April 2017 (what Syria is worth to Moscow and to
Washington, what a "prize bigger than Syria" would be worth and cost, how resolved Washington is,
how much a one-off strike reveals, Russia's costs). Three models from ``syrialev.models`` then
predict four outcomes, and each is set beside the record (``data/outcomes.csv``, read through
``syrialev.chapters.held_up.outcome_table``):

1. a linked grand bargain (M2, ``linkage.linkage_deal``): record, none;
2. Russia breaks with Assad under U.S. pressure (M3, ``credibility.russia_complies`` with the
   belief about U.S. resolve *after* the April 2017 strike, ``posterior_after_strike``): record, no;
3. the United States strikes again when its line is tested (M3: the probability Russia should
   assign to a resolved U.S., read as a forecast): record, yes (April 2018);
4. a large U.S. build-up is optimal (M4, ``buildup.optimal_buildup``): record, no.

All numbers are stylised (common units, only ratios matter), not estimates. The defaults are the
book's one set (``syrialev.models.defaults``), shared with the long-ties and leverage chapters.
Fixed, stated assumptions: Russia concedes everything (``d = 1``) in the linked deal; the U.S. cost
of executing its threat is uniform on [0, 2] (``c_bar_us``, as in the leverage chapter); Russia's
stake in the threat game is its valuation of Syria (``S_R = v_r``) and Washington's gain from
compliance is its valuation (``G = v_us``, so the prior belief in U.S. resolve is
``defaults.MU_BACKTEST``, not the leverage chapter's ``MU_THREAT_GAME``: a different question);
the build-up model uses ``p0 = p`` and the leverage chapter's ``lam``, ``kappa`` and ``rho``, and
reads ``c_r`` (Russia's cost of a U.S. campaign, in the threat game's absolute units) directly as a
share of the good, i.e. with ``v_r = 1`` in M4's demand ``p(m) + c_r/v_r``: dividing by the
back-test's ``v_r`` would put the demand at the whole good before any build-up at the defaults, and
the build-up question would be decided by that unit conversion rather than by the costs it asks
about; a build-up counts as "large" from ``m = 1`` (the scale runs 0 to 10). A match is not a
confirmation: one history cannot test a probability (see the chapter).
"""

from __future__ import annotations

import functools
import itertools
import textwrap
from dataclasses import dataclass

import numpy as np

from .. import plots
from ..chapters import held_up as chapter
from ..models import buildup, credibility, linkage
from ..models import defaults as DF
from .explorer import Explorer, register
from .params import Param

__all__ = ["Backtest", "BacktestResult", "OUTCOME_KEYS"]

OUTCOME_KEYS = chapter.BACKTEST_OUTCOMES
D_CONCEDED = DF.D
C_BAR_US = DF.C_BAR_US
LAM, KAPPA, RHO = DF.LAM, DF.KAPPA, DF.RHO
LARGE_BUILDUP = 1.0
M_MAX = 10.0
CLIP = 1.5


@dataclass(frozen=True)
class BacktestResult:
    """Model outputs, predictions, margins and the comparison with the chapter."""

    deal: linkage.LinkageResult
    mu: float            # probability the U.S. is resolved, before the strike
    mu_post: float       # the same after one strike (Bayes)
    comply_lhs: float    # mu' * (p*S_R + c_R): Russia's expected loss from resisting
    comply_rhs: float    # S_R + phi: Russia's loss from complying
    complies: bool
    m_star: float        # optimal build-up
    predicted: dict      # outcome -> bool
    margins: dict        # outcome -> float (> = 0 means the model predicts "yes")
    happened: dict       # outcome -> bool (the record)
    brier: float         # mean squared error of the four forecasts (probabilities) vs the record
    ceiling_slack: float = 0.0  # h_ceiling - h: >= 0 when the price could be ratified
    resolve_index: float = 0.0  # (p*G + a)/c_bar_us before capping at 1
    r: float = 0.0              # chance an unresolved U.S. strikes once
    gain_at_one: float = 0.0    # U.S. payoff of a build-up of 1 minus that of none
    p_strike: float = 0.0       # chance of another strike when the line is tested: mu' + (1 - mu') r

    @property
    def matches(self) -> dict:
        return {k: self.predicted[k] == self.happened[k] for k in OUTCOME_KEYS}

    @property
    def n_match(self) -> int:
        return sum(self.matches.values())


@register
class Backtest(Explorer):
    name = "backtest"
    title = "Back-test: the leverage models, set to 2017, against what happened"
    size = (8.0, 3.6)
    params = (
        Param("v_r", "Russia's valuation of Syria", DF.V_R, 0.0, 3.0, 0.05, "stylised units",
              "what its position in Syria (bases, prestige, the Assad order) is worth to Moscow; "
              "also Russia's stake S_R in the threat game"),
        Param("v_us", "U.S. valuation of Syria", DF.V_US, 0.0, 3.0, 0.05, "stylised units",
              "what a Russian break with Assad is worth to Washington; also the U.S. gain G if "
              "Russia complies"),
        Param("k", "Prize's value to Russia", DF.PRIZE, 0.0, 3.0, 0.05, "stylised units",
              "what a 'prize bigger than Syria' (recognising the annexation of Crimea, a sphere in "
              "Ukraine, a halt to NATO and EU enlargement) is worth to Moscow"),
        Param("h", "Prize's price to the U.S.", DF.H, 0.0, 3.0, 0.05, "stylised units",
              "what paying that prize costs Washington (allies, norms, law, Europe)"),
        Param("h_ceiling", "Domestic ceiling on the price", DF.H_CEILING, 0.0, 3.0, 0.05, "stylised units",
              "the largest price Congress and the public would ratify (Putnam's two-level logic)"),
        Param("p", "U.S. chance of prevailing", DF.P_CAMPAIGN, 0.0, 1.0, 0.05, "probability",
              "the chance U.S. force prevails if used; also the starting point p0 of the build-up model"),
        Param("a", "U.S. audience cost of backing down", DF.A, 0.0, 1.0, 0.05, "stylised units",
              "what the U.S. president pays at home for threatening and then backing down"),
        Param("r", "Chance an unresolved U.S. strikes once", DF.R, 0.0, 1.0, 0.05, "probability",
              "how cheap a one-off strike like Shayrat is: 1 means any president would strike, "
              "so the strike reveals nothing; 0 means only a resolved one would"),
        Param("c_r", "Russia's cost of a fight", DF.C_R_CAMPAIGN, 0.0, 2.0, 0.05, "stylised units",
              "what a U.S. campaign would cost Russia beyond its stake; also raises what the U.S. "
              "can demand in the build-up model"),
        Param("phi", "Russia's face cost of complying", DF.PHI, 0.0, 2.0, 0.05, "stylised units",
              "the prestige Putin loses by being seen to give way (Schelling's point on compellence)"),
        Param("K", "Cost of a U.S.-Russian clash", DF.K, 0.0, 10.0, 0.1, "units of the good",
              "what an inadvertent clash between U.S. and Russian forces would cost Washington"),
        Param("delta", "Domestic unpopularity of a build-up", DF.DELTA, 0.0, 0.5, 0.001, "per unit squared",
              "how fast a larger deployment loses support at home (the essay: 'hard-pressed to sell')"),
    )
    #: In the built book: how cheap the strike was (r, which moves the second-strike forecast),
    #: what Syria is worth to Washington (and so U.S. resolve), and the cost of a clash (the build-up).
    explore = {"r": (0.1, 0.5, 0.9), "v_us": (0.3, 0.6, 1.0), "K": (1.0, 3.0)}
    scenarios = {
        "Syria matters little to Moscow and Washington is resolved": dict(
            v_r=0.3, v_us=1.0, a=1.0, r=0.1, phi=0.1),
        "A grand bargain is on offer": dict(k=2.0, h=0.6, v_us=1.0, h_ceiling=1.0),
        "A clash would be cheap, a build-up popular, and Russia's war costs low": dict(K=0.2, delta=0.0, c_r=0.0),
        "Washington barely values Syria, pays nothing to back down, and strikes are costly": dict(
            v_us=0.1, a=0.0, r=0.2),
    }

    # ------------------------------------------------------------------ model
    def compute(self, v_r, v_us, k, h, h_ceiling, p, a, r, c_r, phi, K, delta):
        deal = linkage.linkage_deal(v_r, v_us, D_CONCEDED, k, h, h_ceiling)
        mu = credibility.resolve_probability(p, v_us, a, C_BAR_US)
        # mu = 0 and r = 0 would make the strike itself impossible: keep the prior then.
        mu_post = credibility.posterior_after_strike(mu, r) if (mu > 0 or r > 0) else mu
        complies = credibility.russia_complies(mu_post, p, v_r, c_r, phi)
        lhs, rhs = mu_post * (p * v_r + c_r), v_r + phi
        opt = buildup.optimal_buildup(p, LAM, c_r, KAPPA, delta, RHO, K, m_max=M_MAX, n=401)
        args = (p, LAM, c_r, KAPPA, delta, RHO, K)
        gain_at_one = buildup.us_payoff(LARGE_BUILDUP, *args) - buildup.us_payoff(0.0, *args)
        # Resolved types strike whenever the line is tested; unresolved ones, as at Shayrat, with
        # chance r. So the chance of another strike is mu' + (1 - mu') r, not the belief mu' alone.
        p_strike = mu_post + (1.0 - mu_post) * r
        predicted = {
            "grand_bargain": deal.exists,
            "russia_breaks": complies,
            "strikes_again": p_strike >= 0.5,
            "buildup": opt.m >= LARGE_BUILDUP,
        }
        margins = {
            "grand_bargain": min(deal.russia_surplus, deal.us_surplus, h_ceiling - h),
            "russia_breaks": lhs - rhs,
            "strikes_again": p_strike - 0.5,
            "buildup": opt.m - LARGE_BUILDUP,
        }
        happened = {key: self._record[key] for key in OUTCOME_KEYS}
        forecasts = {key: float(predicted[key]) for key in OUTCOME_KEYS}
        forecasts["strikes_again"] = p_strike  # the one forecast the model gives as a probability
        brier = float(np.mean([(forecasts[key] - happened[key]) ** 2 for key in OUTCOME_KEYS]))
        return BacktestResult(deal, mu, mu_post, lhs, rhs, complies, opt.m, predicted, margins,
                              happened, brier, h_ceiling - h, (p * v_us + a) / C_BAR_US, r,
                              gain_at_one, p_strike)

    # ------------------------------------------------------------------ figure
    def build(self):
        ax = self.axes
        n = len(OUTCOME_KEYS)
        self._ys = list(range(n))[::-1]
        oc = chapter.outcome_table()
        self._record = {key: bool(oc.loc[key, "happened_2020"]) for key in OUTCOME_KEYS}
        self._questions = {key: oc.loc[key, "question"] for key in OUTCOME_KEYS}
        labels = [textwrap.fill(oc.loc[key, "short"], 16) for key in OUTCOME_KEYS]
        ax.axvline(0, color="#333333", lw=1)
        self._bars = ax.barh([y + 0.12 for y in self._ys], [0.0] * n, height=0.42,
                             color=plots.OKABE_ITO["grey"])
        self._values = [ax.text(-CLIP + 0.03, y - 0.3, "", va="center", ha="left", fontsize=7.5,
                                color="#333333") for y in self._ys]
        mono = {"family": "monospace", "fontsize": 8.5}
        self._verdicts = [ax.text(1.05, y, "", va="center", transform=ax.get_yaxis_transform(), **mono)
                          for y in self._ys]
        ax.text(1.05, n - 0.45, f"{'model':<7}{'record':<8}result", va="bottom", color="#555555",
                transform=ax.get_yaxis_transform(), **mono)
        ax.set_yticks(self._ys, labels, fontsize=8.5)
        ax.set_xlim(-CLIP, CLIP)
        ax.set_xticks([-1, 0, 1])
        ax.set_ylim(-0.6, n - 0.45)
        ax.set_xlabel("margin for 'yes' (stylised; > 0: model says yes)", fontsize=8.5)
        self._score = self.fig.text(0.01, 0.98, "", ha="left", va="top", fontsize=10, fontweight="bold")
        self.fig.subplots_adjust(left=0.17, right=0.66, top=0.87, bottom=0.14)
        # what draw() changes, drawn over a cached background on live updates (see base.py)
        self._dynamic = [*self._bars, *self._values, *self._verdicts, self._score]

    def draw(self, res):
        for key, bar, txt, ver in zip(OUTCOME_KEYS, self._bars, self._values, self._verdicts):
            shown = float(np.clip(res.margins[key], -CLIP, CLIP))
            match = res.matches[key]
            bar.set_width(shown)
            bar.set_color(plots.OKABE_ITO["bluish_green"] if match else plots.OKABE_ITO["vermillion"])
            txt.set_text(self._detail(key, res))
            pred = "yes" if res.predicted[key] else "no"
            hap = "yes" if res.happened[key] else "no"
            ver.set_text(f"{pred:<7}{hap:<8}{'match' if match else 'MISMATCH'}")
            ver.set_color("#222222" if match else plots.OKABE_ITO["vermillion"])
        self._score.set_text(f"The models match the record on {res.n_match} of 4 outcomes; "
                             f"Brier {res.brier:.2f}")

    @staticmethod
    def _detail(key, res) -> str:
        d = res.deal
        if key == "grand_bargain":
            return (f"Russia {d.russia_surplus:+.2f}, U.S. {d.us_surplus:+.2f}, "
                    f"ceiling {res.ceiling_slack:+.2f}")
        if key == "russia_breaks":
            return f"resist costs {res.comply_lhs:.2f} vs comply {res.comply_rhs:.2f}"
        if key == "strikes_again":
            return (f"resolved {res.mu:.2f} -> {res.mu_post:.2f} (pG+a {res.resolve_index:.2f}); "
                    f"strike {res.mu_post:.2f} + {1 - res.mu_post:.2f} x {res.r:.2f} = {res.p_strike:.2f}")
        return f"best m* = {res.m_star:.2f}; m = 1 vs none: {res.gain_at_one:+.2f}"

    # ------------------------------------------------------------------ words
    def verdict(self, res) -> str:
        parts = []
        for key in OUTCOME_KEYS:
            short = {"grand_bargain": "grand bargain", "russia_breaks": "Russian break with Assad",
                     "strikes_again": "second U.S. strike", "buildup": "large U.S. build-up"}[key]
            pred = "yes" if res.predicted[key] else "no"
            tag = "" if res.matches[key] else " (MISMATCH)"
            parts.append(f"{short}: {pred}{tag}")
        return (f"The models match the record on {res.n_match} of 4 outcomes ("
                + "; ".join(parts) + f"). Brier score {res.brier:.2f} (0 is perfect).")

    def alt(self, res) -> str:
        rows = []
        for key in OUTCOME_KEYS:
            pred = "yes" if res.predicted[key] else "no"
            hap = "yes" if res.happened[key] else "no"
            rows.append(f"{self._questions[key]} model {pred}, margin "
                        f"{res.margins[key]:+.2f}; record {hap}; "
                        f"{'match' if res.matches[key] else 'mismatch'}")
        return (f"Bar chart of four outcomes predicted by the leverage models for 2017, each bar the "
                f"model's margin for 'yes', green where it matches the record and red where it does "
                f"not. " + " ".join(r + "." for r in rows)
                + f" Belief in U.S. resolve {res.mu:.2f} before and {res.mu_post:.2f} after the strike; "
                  f"best build-up {res.m_star:.2f}. {res.n_match} of 4 match; Brier score {res.brier:.2f}.")


# ----------------------------------------------------------------------------- re-coding


def _coding_params() -> tuple:
    """One true/false control per contested coding of ``data/codings.csv`` (off: the book's reading)."""
    cd = chapter.data.load("codings")
    out = []
    for cid in chapter.coding_ids(cd):
        first = cd[cd["coding_id"] == cid].iloc[0]
        out.append(Param(cid, f"Other reading: {first['item']}", False, kind="bool",
                         doc=str(first["case_for_other"])))
    return tuple(out)


@functools.lru_cache(maxsize=4)
def _every_reading(data_dir: str) -> dict:
    """The scorecard and scores under every set of other readings (32 for five codings), from the
    tables in ``data_dir``: worked out once per process, so a switch redraws without recounting.
    Keyed by the data folder, so a copy of the tables elsewhere is read afresh. Read only."""
    ids = chapter.coding_ids()
    return {frozenset(other): chapter.recoded(other, "2020")
            for k in range(len(ids) + 1) for other in itertools.combinations(ids, k)}


@register
class Recode(Explorer):
    """The scorecard and the forecast scores under the other reading of each contested coding.

    Each control is a row group of ``data/codings.csv``; switching it on applies the other value to
    the cells it names (:func:`syrialev.chapters.held_up.apply_codings`). Left: the tally of
    verdicts and the number of claims of each kind. Right: every forecaster's Brier score to the end
    of 2020 beside both persistence forecasters on the same outcomes; a forecaster whose forecasts
    are all left out under a reading is marked "not scored".
    """

    name = "recode"
    title = "Re-code the scorecard: the other reading of each contested item"
    size = (7.6, 4.2)
    params = _coding_params()
    explore = {p.name: None for p in params}
    scenarios = {
        "Every other reading at once": {p.name: True for p in params},
        "Only 'will have to convince them through force' read as advice": {"strikes_kind": True},
        "Only 'strikes again if tested' scored test by test": {"strikes_tests": True},
    }

    def compute(self, **values):
        other = tuple(k for k, v in values.items() if v)
        res = _every_reading(str(chapter.data.data_dir()))[frozenset(other)]
        scores = res["scores"].set_index("forecaster")
        rows = {}
        for name in self._forecasters:
            if name in scores.index:
                r = scores.loc[name]
                rows[name] = (float(r["brier"]), float(r["persistence"]), float(r["persistence_after"]), int(r["n"]))
            else:
                rows[name] = None
        return {"other": other, "counts": res["counts"], "classes": res["classes"], "rows": rows}

    def build(self):
        self._forecasters = list(dict.fromkeys(chapter.data.load("forecasts")["forecaster"]))
        self.fig.delaxes(self.axes)
        ax, bx = self.axes = self.fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 1.5]})
        c = plots.OKABE_ITO
        vs = chapter.VERDICTS
        self._ys_v = list(range(len(vs)))[::-1]
        self._bars = ax.barh(self._ys_v, [0] * len(vs), color=[chapter.VERDICT_COLOURS[v] for v in vs],
                             height=0.6)
        self._counts = [ax.text(0.2, y, "", va="center", fontsize=8.5) for y in self._ys_v]
        ax.set_yticks(self._ys_v, [chapter.VERDICT_LABELS[v] for v in vs], fontsize=8.5)
        ax.set_xlim(0, 12)
        ax.set_xlabel("number of claims", fontsize=8.5)
        ax.set_title("Verdicts", loc="left", fontsize=10)
        self._classes = ax.text(0.0, -0.32, "", transform=ax.transAxes, fontsize=8, color="#333333")
        n = len(self._forecasters)
        self._ys_f = list(range(n))[::-1]
        for y in self._ys_f:
            bx.plot([0, 1], [y, y], color="#dddddd", lw=0.6, zorder=0)
        nan = [[float("nan"), float("nan")]] * n
        self._pers = bx.scatter([0] * n, self._ys_f, marker="s", color=c["grey"], s=30, zorder=2,
                                label="persistence, before the strike")
        self._pers_after = bx.scatter([0] * n, self._ys_f, marker="P", color=c["black"], s=30, zorder=2,
                                      label="persistence, after the strike")
        self._brier = bx.scatter([0] * n, self._ys_f, marker="o", color=c["vermillion"], s=36, zorder=3,
                                 edgecolor="white", linewidth=0.6, label="forecaster")
        for art in (self._pers, self._pers_after, self._brier):
            art.set_offsets(nan)
        self._values = [bx.text(1.02, y, "", va="center", fontsize=8, transform=bx.get_yaxis_transform())
                        for y in self._ys_f]
        bx.set_yticks(self._ys_f, [textwrap.shorten(f, 26, placeholder="...") for f in self._forecasters],
                      fontsize=8)
        bx.set_xlim(-0.02, 1.0)
        bx.set_xlabel("Brier score to 2020 (0 best)", fontsize=8.5)
        bx.set_title("Forecasts, on the same outcomes", loc="left", fontsize=10)
        bx.legend(loc="upper center", bbox_to_anchor=(0.45, -0.2), ncol=2, fontsize=7.5)
        self._head = self.fig.text(0.01, 0.98, "", ha="left", va="top", fontsize=9.5, fontweight="bold")
        self.fig.subplots_adjust(left=0.17, right=0.87, top=0.84, bottom=0.3, wspace=0.85)
        self._dynamic = [*self._bars, *self._counts, self._classes, self._pers, self._pers_after,
                         self._brier, *self._values, self._head]

    def draw(self, res):
        for v, bar, txt in zip(chapter.VERDICTS, self._bars, self._counts):
            n = res["counts"][v]
            bar.set_width(n)
            txt.set_x(n + 0.2)
            txt.set_text(str(n))
        cl = res["classes"]
        self._classes.set_text(" / ".join(f"{cl[k]} {k}s" for k in chapter.CLAIM_TYPES))
        pb, pa, br = [], [], []
        for name, y, txt in zip(self._forecasters, self._ys_f, self._values):
            row = res["rows"][name]
            if row is None:
                pb.append((float("nan"), y))
                pa.append((float("nan"), y))
                br.append((float("nan"), y))
                txt.set_text("not scored")
            else:
                brier, p0, p1, n = row
                pb.append((p0, y))
                pa.append((p1, y))
                br.append((brier, y))
                txt.set_text(f"{brier:.3f} ({n})")
        self._pers.set_offsets(pb)
        self._pers_after.set_offsets(pa)
        self._brier.set_offsets(br)
        k = len(res["other"])
        self._head.set_text("The book's codings" if not k else
                            f"Other reading of {k} of {len(self.params)} contested items")

    def _essay(self, res):
        return res["rows"].get("the essay")

    def verdict(self, res) -> str:
        c = res["counts"]
        tally = ", ".join(f"{c[v]} {chapter.VERDICT_LABELS[v]}" for v in chapter.VERDICTS)
        e = self._essay(res)
        ess = ("the essay is not scored" if e is None else
               f"the essay scores {e[0]:.3f} on {e[3]} outcomes, against {e[1]:.3f} for persistence "
               f"before the strike and {e[2]:.3f} after it")
        which = ("the book's codings" if not res["other"] else
                 "the other reading of " + ", ".join(self._label(k) for k in res["other"]))
        return f"Under {which}: claims {tally}; to 2020, {ess}."

    def _label(self, cid: str) -> str:
        return next(p.label for p in self.params if p.name == cid).removeprefix("Other reading: ")

    def alt(self, res) -> str:
        c, cl = res["counts"], res["classes"]
        parts = []
        for name in self._forecasters:
            row = res["rows"][name]
            parts.append(f"{name}: not scored" if row is None else
                         f"{name} {row[0]:.3f} on {row[3]} outcomes (persistence before {row[1]:.3f}, "
                         f"after {row[2]:.3f})")
        which = ("the book's codings" if not res["other"] else
                 "the other reading of " + "; ".join(self._label(k) for k in res["other"]))
        return (f"Two panels under {which}. Left, bars counting the claims by verdict: "
                + ", ".join(f"{chapter.VERDICT_LABELS[v]} {c[v]}" for v in chapter.VERDICTS)
                + "; kinds: " + ", ".join(f"{cl[k]} {k}s" for k in chapter.CLAIM_TYPES)
                + ". Right, Brier scores to 2020 (0 best) with both persistence forecasters on the same "
                  "outcomes: " + "; ".join(parts) + ".")
