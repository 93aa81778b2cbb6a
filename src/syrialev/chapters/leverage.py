"""Numbers the leverage chapter, the models page and the labs quote from the book's defaults.

Each is computed from :mod:`syrialev.models.defaults` and registered with
:func:`syrialev.chapters.numbers.number`, so the prose writes ``{eval}`N.mu_threat_game``` and never
types the value.
"""

from __future__ import annotations

from ..models import buildup
from ..models import defaults as DF
from .numbers import number

__all__: list[str] = []


def _best():
    return buildup.optimal_buildup(DF.P0, DF.LAM, DF.C_R_BUILDUP, DF.KAPPA, DF.DELTA, DF.RHO, DF.K,
                                   v_r=DF.V_R_BUILDUP)


@number("mu_threat_game", "The leverage chapter's prior belief that Washington is resolved (G = 1).")
def mu_threat_game() -> str:
    return f"{DF.MU_THREAT_GAME:.2f}"


@number("mu_backtest", "The back-test's prior belief that Washington is resolved (G = v_US).")
def mu_backtest() -> str:
    return f"{DF.MU_BACKTEST:.3f}"


@number("v_r", "Russia's valuation of Syria, the long-ties chapter's default.")
def v_r() -> str:
    return f"{DF.V_R:.2f}"


@number("v_us", "What Syria is worth to Washington (the book's default).")
def v_us() -> str:
    return f"{DF.V_US:.1f}"


@number("m1_upper", "The most Washington can demand short of the no-deal path, p + c_R/v_R, at the defaults.")
def m1_upper() -> str:
    return f"{min(1.0, DF.P_BARGAIN + DF.C_R_BARGAIN / DF.V_R):.2f}"


@number("buildup_best_m", "The best U.S. build-up at the defaults (M4).")
def buildup_best_m() -> str:
    return f"{_best().m:.2f}"


@number("buildup_gain", "What the best build-up gains over none at the defaults (M4).")
def buildup_gain() -> str:
    return f"{_best().gain_over_none:.3f}"
