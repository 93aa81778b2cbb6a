"""M2: issue linkage, or "a prize bigger than Syria".

Sources: Fearon (1995) notes that side payments and linkage can make an apparently indivisible
issue divisible; Tollison and Willett (1979, *International Organization* 33(4)) show when
linking issues makes a deal mutually advantageous; Morgan (1990, *American Journal of Political
Science* 34(2)) shows when linkage fails in crisis bargaining. The form below is a minimal
stylisation for teaching, not a model from any one of them.

Set-up (stylised): Russia concedes a share ``d`` of what it holds in Syria (d = 1: it breaks with
Assad). The concession is worth ``v_r*d`` to Russia (a loss) and ``v_us*d`` to the United States
(a gain). In return Washington pays a prize in another issue (recognition of the annexation of
Crimea, a sphere in Ukraine, a halt to NATO and EU enlargement) worth ``k`` to Russia and costing
the United States ``h`` (allies, norms, law, its position in Europe). A domestic ceiling
``h_ceiling`` is the largest price Congress and the public would ratify: Putnam's (1988) two-level
logic, in which a deal struck abroad must fit the domestic win-set. (The 2017 act requiring
congressional review before Russia sanctions are eased wrote such a ceiling into law.)
All values are in the same stylised units; only their ratios matter. Assumptions: one-shot
exchange, both sides keep their promises (no commitment problem), values are common knowledge.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["LinkageResult", "linkage_deal"]


@dataclass(frozen=True)
class LinkageResult:
    """Which of the three conditions of a linked deal hold.

    ``russia_accepts``: the prize is worth at least what Russia gives up (k >= v_r*d);
    ``us_accepts``: the concession is worth the price to Washington (v_us*d >= h);
    ``ratifiable``: the price is within the domestic ceiling (h <= h_ceiling);
    ``exists``: all three hold. ``russia_surplus`` = k - v_r*d and ``us_surplus`` = v_us*d - h
    measure by how much each side's condition holds (negative: fails).
    """

    russia_accepts: bool
    us_accepts: bool
    ratifiable: bool
    exists: bool
    russia_surplus: float = 0.0
    us_surplus: float = 0.0


def linkage_deal(v_r: float, v_us: float, d: float, k: float, h: float,
                 h_ceiling: float = math.inf) -> LinkageResult:
    """Does a linked deal exist? (Stylised after Tollison and Willett 1979; Fearon 1995.)

    Parameters
    ----------
    v_r : Russia's valuation of its position in Syria, >= 0 (stylised units).
    v_us : the U.S. valuation of the same position changing hands, >= 0.
    d : the share Russia concedes, in [0, 1].
    k : the prize's value to Russia, >= 0.
    h : the prize's cost to the United States, >= 0.
    h_ceiling : the largest cost U.S. domestic politics would ratify, >= 0 (default: no limit).

    Ties count as acceptance (a side indifferent between deal and no deal accepts).
    """
    for name, value in (("v_r", v_r), ("v_us", v_us), ("k", k), ("h", h)):
        if not (float(value) >= 0.0) or math.isinf(float(value)):
            raise ValueError(f"{name} must be a finite number >= 0; got {value}")
    if not (0.0 <= float(d) <= 1.0):
        raise ValueError(f"d must be a share in [0, 1]; got {d}")
    if not (float(h_ceiling) >= 0.0):
        raise ValueError(f"h_ceiling must be >= 0 (math.inf for no limit); got {h_ceiling}")
    russia = k >= v_r * d
    us = v_us * d >= h
    ratifiable = h <= h_ceiling
    return LinkageResult(russia_accepts=bool(russia), us_accepts=bool(us), ratifiable=bool(ratifiable),
                         exists=bool(russia and us and ratifiable),
                         russia_surplus=float(k - v_r * d), us_surplus=float(v_us * d - h))
