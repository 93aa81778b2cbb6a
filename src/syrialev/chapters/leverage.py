"""Numbers the leverage chapter, the models page and the labs quote from the book's defaults.

Each is computed from :mod:`syrialev.models.defaults` and registered with
:func:`syrialev.chapters.numbers.number`, so the prose writes ``{eval}`N.mu_threat_game``` and never
types the value.
"""

from __future__ import annotations

from ..models import buildup
from ..models import defaults as DF
from .numbers import in_words, number

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


def _register_defaults() -> None:
    """Every number of :mod:`syrialev.models.defaults` as ``N.d_<name>`` (``N.d_v_r`` is ``0.53``)."""
    for name in DF.__all__:
        value = getattr(DF, name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number(f"d_{name.lower()}", f"The book's default {name} (syrialev.models.defaults).")(
                lambda value=value: f"{value:g}")
    for key, value in DF.PRIZES.items():
        number(f"d_prize_{key}", f"The stylised value of the prize {key!r} to Russia (the defaults).")(
            lambda value=value: f"{value:g}")


_register_defaults()


def _explorer_lambdas():
    """The effect-of-force values the build-up explorer's slider offers, from its minimum upward."""
    import numpy as np

    lam = next(p for p in _buildup_params() if p.name == "lam")
    return [round(float(x), 2) for x in np.arange(lam.min, lam.max + lam.step / 2, lam.step)]


def _buildup_params():
    from ..explorers.leverage import BuildupOrBluff

    return BuildupOrBluff.params


def _best_at(lam: float = DF.LAM, c_r: float = DF.C_R_BUILDUP):
    return buildup.optimal_buildup(DF.P0, lam, c_r, DF.KAPPA, DF.DELTA, DF.RHO, DF.K, m_max=10.0, n=401,
                                   v_r=DF.V_R_BUILDUP)


def _first_paying_lambda() -> float:
    return next(lam for lam in _explorer_lambdas() if _best_at(lam=lam).m >= 0.05)


@number("lam_none_pays", "The largest effect of force (on the explorer's slider) at which no build-up pays.")
def lam_none_pays() -> str:
    lams = _explorer_lambdas()
    return f"{lams[lams.index(_first_paying_lambda()) - 1]:.2f}"


@number("lam_token", "The smallest effect of force at which a build-up pays.")
def lam_token() -> str:
    return f"{_first_paying_lambda():.2f}"


@number("buildup_token_m", "The (token) best build-up at that smallest effect of force.")
def buildup_token_m() -> str:
    return f"{_best_at(lam=_first_paying_lambda()).m:.1f}"


#: Russia's higher cost of war in exercise ex-lev-lambda (an exercise input, not a default).
C_R_HIGH = 0.3


@number("buildup_best_m_high_cr", "The best build-up when Russia's cost of war is raised to 0.3.")
def buildup_best_m_high_cr() -> str:
    return f"{_best_at(c_r=C_R_HIGH).m:.1f}"


@number("buildup_best_m_1dp", "The best build-up at the defaults, to one decimal.")
def buildup_best_m_1dp() -> str:
    return f"{_best().m:.1f}"


def _lab2_gains() -> tuple[float, float]:
    """Lab 2: what Washington's best build-up gains over none against a frozen Russia, and against a
    Russia whose forces cost it nothing and which answers with its best (credible) deployment."""
    from ..classroom import labs

    frozen = labs.buildup_payoffs(None)
    answered = labs.buildup_payoffs(lambda m: labs.russia_best_gain(m, 0.0)[0])
    return float(frozen.max() - frozen[0]), float(answered.max() - answered[0])


@number("lab2_gain_frozen", "Lab 2: the U.S. gain from its best build-up against a frozen Russia.")
def lab2_gain_frozen() -> str:
    return f"{_lab2_gains()[0]:.3f}"


@number("lab2_gain_answered", "Lab 2: the same gain when Russia's forces cost it nothing and it answers.")
def lab2_gain_answered() -> str:
    return f"{_lab2_gains()[1]:.3f}"


@number("lab3_book_demand", "Lab 3: the largest demand a certainly resolved Washington compels, fixed face cost.")
def lab3_book_demand() -> str:
    from ..classroom import labs

    return f"{labs.largest_compellable_demand(lambda s: labs.BOOK_PHI):g}"


# The worked example of the counterfactual audit (the build-up explorer's).

def _buildup_audit():
    from ..explorers.leverage import BuildupOrBluff
    from ..models import audit

    return BuildupOrBluff.audit_example, audit.audit(**BuildupOrBluff.audit_example)


@number("buildup_audit_strains", "How many criteria the build-up example's audit strains, in words.",
        typed=r"strains {v} criteria")
def buildup_audit_strains() -> str:
    return in_words(len(_buildup_audit()[1].strains))


@number("buildup_audit_facts", "How many facts of 2017 the build-up example rewrites, in words.",
        typed=r"rewrites {v} facts")
def buildup_audit_facts() -> str:
    return in_words(len(_buildup_audit()[0]["changed_facts"]))


@number("buildup_audit_total", "The probability the build-up example spends (its budget is 1).",
        typed=r"spends {v} of a budget")
def buildup_audit_total() -> str:
    return f"{_buildup_audit()[1].total:g}"
