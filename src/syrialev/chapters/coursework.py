"""Numbers the coursework quotes: exercise counts, and each role card's number from a model.

Every role card carries one number from the book's models, computed here from the shared
defaults (:mod:`syrialev.models.defaults`) with the assumption it rests on written beside it on
the card. The numbers are **stylised**, like the models: they show what follows from an
assumption, not an estimate of 2017. The exercise counts are read from the chapters' notebooks,
where an exercise that needs a running notebook carries the class ``needs-kernel``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .. import book
from ..explorers.axis import VetoPlayers
from ..models import buildup, credibility, defaults, winsets
from .numbers import number

__all__ = ["exercises", "SMALL_DEMAND", "R_RANGE"]

#: The smaller demand of the credibility model ("restrain Assad", not "break with him").
SMALL_DEMAND = 0.1
#: The range of r (how likely an unresolved Washington strikes once anyway) the DNI reports.
R_RANGE = (0.2, 0.9)

_EXERCISE = re.compile(r"^(`{3,}|:{3,})\{exercise\}[^\n]*\n((?::[\w-]+:[^\n]*\n)*)", re.M)


def exercises(chapters: Path | None = None) -> list[dict]:
    """Every exercise of the chapters' notebooks: ``{"chapter", "label", "kernel"}``, in order."""
    folder = Path(chapters) if chapters else book.root() / "chapters"
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for m in _EXERCISE.finditer(src):
                options = dict(re.findall(r"^:([\w-]+):\s*(.*)$", m.group(2), re.M))
                found.append({"chapter": path.stem, "label": options.get("label", ""),
                              "kernel": "needs-kernel" in options.get("class", "").split()})
    return found


@number("exercises_total", "How many exercises the chapters and labs hold.")
def exercises_total() -> str:
    return str(len(exercises()))


@number("exercises_kernel", "How many of them need a running notebook.")
def exercises_kernel() -> str:
    return str(sum(e["kernel"] for e in exercises()))


@number("exercises_paper", "How many work in the built book, on paper or on a projected page.")
def exercises_paper() -> str:
    return str(sum(not e["kernel"] for e in exercises()))


def _chapter_count(stem: str):
    def count() -> str:
        return str(sum(e["chapter"] == stem for e in exercises()))
    count.__qualname__ = f"exercises_in_{stem}"
    return count


for _stem, _name in (("00_argument_at_a_glance", "exercises_ch0"), ("01_long_ties", "exercises_ch1"),
                     ("02_iran_russia_axis", "exercises_ch2"), ("03_leverage", "exercises_ch3"),
                     ("04_debate_2017", "exercises_ch4"), ("05_held_up", "exercises_ch5"),
                     ("06_labs", "exercises_labs")):
    number(_name, f"How many exercises {_stem} holds.")(_chapter_count(_stem))


# ----------------------------------------------------------------------------- the role cards


def _f(x: float) -> str:
    return f"{x:.2f}"


def _pct(x: float) -> str:
    return f"{100 * x:.0f} percent"


def _prior() -> float:
    return credibility.resolve_probability(defaults.P_CAMPAIGN, defaults.G, defaults.A, defaults.C_BAR_US)


def _best():
    return buildup.optimal_buildup(defaults.P0, defaults.LAM, defaults.C_R_BUILDUP, defaults.KAPPA,
                                   defaults.DELTA, defaults.RHO, defaults.K)


@number("card_prior", "Russia's belief in U.S. resolve before Shayrat (credibility model).")
def card_prior() -> str:
    return _f(_prior())


@number("card_prior_no_audience", "The same belief if backing down cost Washington nothing.")
def card_prior_no_audience() -> str:
    return _f(credibility.resolve_probability(defaults.P_CAMPAIGN, defaults.G, 0.0, defaults.C_BAR_US))


@number("card_audience_cost", "The U.S. audience cost of backing down (credibility model).")
def card_audience_cost() -> str:
    return f"{defaults.A:g}"


@number("card_r", "How likely an unresolved Washington strikes once anyway (credibility model).")
def card_r() -> str:
    return f"{defaults.R:g}"


@number("card_posterior", "Russia's belief in U.S. resolve after one strike.")
def card_posterior() -> str:
    return _f(credibility.posterior_after_strike(_prior(), defaults.R))


@number("card_r_low", "The low end of the range of r the DNI reports.")
def card_r_low() -> str:
    return f"{R_RANGE[0]:g}"


@number("card_r_high", "The high end of the range of r the DNI reports.")
def card_r_high() -> str:
    return f"{R_RANGE[1]:g}"


@number("card_posterior_r_low", "The belief after one strike when r is at the low end.")
def card_posterior_r_low() -> str:
    return _f(credibility.posterior_after_strike(_prior(), R_RANGE[0]))


@number("card_posterior_r_high", "The belief after one strike when r is at the high end.")
def card_posterior_r_high() -> str:
    return _f(credibility.posterior_after_strike(_prior(), R_RANGE[1]))


@number("card_threshold_break", "The belief in U.S. resolve at which Russia would break with Assad.")
def card_threshold_break() -> str:
    return _f(credibility.compliance_threshold(defaults.P_CAMPAIGN, defaults.S_R,
                                               defaults.C_R_CAMPAIGN, defaults.PHI))


@number("card_break_verdict", "What that threshold means: whether any belief compels a break.")
def card_break_verdict() -> str:
    threshold = credibility.compliance_threshold(defaults.P_CAMPAIGN, defaults.S_R,
                                                 defaults.C_R_CAMPAIGN, defaults.PHI)
    if threshold > 1:
        return "above 1, so no belief compels a break"
    return "below 1, so a belief above it compels a break"


@number("card_small_demand", "Russia's stake in the smaller demand (restraint).")
def card_small_demand() -> str:
    return f"{SMALL_DEMAND:g}"


@number("card_stake_break", "Russia's stake in a break with Assad (credibility model).")
def card_stake_break() -> str:
    return f"{defaults.S_R:g}"


@number("card_threshold_small", "The belief at which Russia would accept the smaller demand.")
def card_threshold_small() -> str:
    return _f(credibility.compliance_threshold(defaults.P_CAMPAIGN, SMALL_DEMAND,
                                               defaults.C_R_CAMPAIGN, defaults.PHI))


@number("card_best_buildup", "The build-up that pays Washington best (build-up model).")
def card_best_buildup() -> str:
    return _f(_best().m)


@number("card_clash_best", "The chance of a U.S.-Russian clash at that build-up.")
def card_clash_best() -> str:
    return _pct(_best().clash)


@number("card_clash_double", "The chance of a clash at twice that build-up.")
def card_clash_double() -> str:
    return _pct(buildup.clash_risk(2 * _best().m, defaults.RHO))


@number("card_rho", "The clash hazard per unit of force (build-up model).")
def card_rho() -> str:
    return f"{defaults.RHO:g}"


@number("card_clash_cost", "The cost of a U.S.-Russian clash, in units of the good (build-up model).")
def card_clash_cost() -> str:
    return f"{defaults.K:g}"


@number("card_p0", "The U.S. chance of prevailing with no build-up.")
def card_p0() -> str:
    return _f(defaults.P0)


@number("card_p_best", "The U.S. chance of prevailing at the best build-up.")
def card_p_best() -> str:
    return _f(_best().p)


@number("card_v_r", "Russia's valuation of its position in Syria (long-ties chapter default).")
def card_v_r() -> str:
    return _f(defaults.V_R)


@number("card_v_us", "What Syria changing hands is worth to Washington.")
def card_v_us() -> str:
    return _f(defaults.V_US)


@number("card_prize", "The value to Russia of recognising the annexation of Crimea (the default prize).")
def card_prize() -> str:
    return _f(defaults.PRIZE)


@number("card_prize_cost", "What paying such a prize costs Washington.")
def card_prize_cost() -> str:
    return _f(defaults.H)


@number("card_ceiling", "The largest price U.S. domestic politics would ratify.")
def card_ceiling() -> str:
    return _f(defaults.H_CEILING)


@number("card_price_verdict", "How the price of the default prize compares with the ceiling.")
def card_price_verdict() -> str:
    return "above it" if defaults.H > defaults.H_CEILING else "within it"


def _veto_defaults() -> tuple[dict[str, float], float]:
    values = {p.name: p.default for p in VetoPlayers.params}
    ideals = {"Washington": values["washington"], "Moscow": values["moscow"], "Tehran": values["tehran"]}
    return ideals, values["status_quo"]


def _span(lo: float, hi: float) -> str:
    return f"{lo:.2f} to {hi:.2f}"


@number("card_winset_washington", "Washington's win-set on the veto players' axis.")
def card_winset_washington() -> str:
    ideals, q = _veto_defaults()
    return _span(*winsets.win_set(ideals["Washington"], q))


@number("card_winset_moscow", "Moscow's win-set on the same axis.")
def card_winset_moscow() -> str:
    ideals, q = _veto_defaults()
    return _span(*winsets.win_set(ideals["Moscow"], q))


@number("card_winset_common", "What all three veto players accept.")
def card_winset_common() -> str:
    ideals, q = _veto_defaults()
    lo, hi = winsets.common_settlements(ideals, q)
    if hi - lo < 1e-9:
        return f"only the status quo ({q:.2f})"
    return f"the settlements from {_span(lo, hi)}"
