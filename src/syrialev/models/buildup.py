"""M4: a U.S. military build-up, its pay-off and its risks; Chicken as the companion game.

Sources: Slantchev, *Military Threats: The Costs of Coercion and the Price of Peace* (2011):
mobilisation both sinks costs (a signal) and raises the probability of winning. Schelling,
*Arms and Influence* (1966): the "threat that leaves something to chance", here the chance of an
inadvertent clash between U.S. and Russian forces. Fearon (1995) for the demand a stronger side can
make. The functional forms are a stylisation for teaching, not estimates: a build-up ``m >= 0`` is
in abstract units of force (0 = the April 2017 posture; 10 = a very large deployment).

Assumptions stated once:

- the win probability rises with ``m`` with diminishing returns:
  ``p(m) = p0 + (1 - p0)*(1 - exp(-lam*m))``;
- with complete information the United States can demand the upper end of M1's bargaining
  range, ``p(m) + c_r/v_r`` of the good, capped at the whole good (1): the same demand, in the same
  units, as M1 (``c_r`` is Russia's cost of the no-deal path and ``v_r`` its valuation of Syria,
  so ``c_r/v_r`` is that cost relative to the stake; ``v_r = 1`` gives Fearon's ``p + c_r``);
- the build-up costs ``kappa*m`` (money and forces, a sunk cost) and ``delta*m**2`` (domestic
  unpopularity, rising faster than linearly: the essay's "hard-pressed to sell" point);
- each unit of force near Russian forces adds a hazard ``rho`` of an inadvertent clash:
  ``r(m) = 1 - exp(-rho*m)``, and a clash costs ``K`` (in units of the good).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = ["win_probability", "clash_risk", "demand", "us_payoff", "BuildupOptimum", "optimal_buildup",
           "chicken_payoffs", "chicken_mixed", "chicken_collision_probability", "chicken_equilibria"]


def win_probability(m, p0: float, lam: float):
    """``p(m) = p0 + (1 - p0)*(1 - exp(-lam*m))``: the U.S. chance of prevailing after a build-up.

    ``m``: build-up (>= 0, abstract units; array allowed); ``p0``: the chance with no build-up, in
    [0, 1]; ``lam``: how fast extra force raises it (>= 0, per unit of force). Rises from ``p0``
    toward 1.
    """
    if not 0.0 <= p0 <= 1.0:
        raise ValueError(f"p0 must be a probability in [0, 1]; got {p0}")
    if not (0.0 <= lam < math.inf):
        raise ValueError(f"lam must be a finite number >= 0; got {lam}")
    m = np.asarray(m, dtype=float)
    if not np.all((m >= 0) & np.isfinite(m)):
        raise ValueError("m must be a finite number >= 0")
    out = p0 + (1.0 - p0) * (1.0 - np.exp(-lam * m))
    return float(out) if out.ndim == 0 else out


def clash_risk(m, rho: float):
    """``r(m) = 1 - exp(-rho*m)``: the chance of an inadvertent U.S.-Russian clash.

    ``rho`` (>= 0, per unit of force) is the hazard each unit adds (independent small chances).
    """
    if not (0.0 <= rho < math.inf):
        raise ValueError(f"rho must be a finite number >= 0; got {rho}")
    m = np.asarray(m, dtype=float)
    if not np.all((m >= 0) & np.isfinite(m)):
        raise ValueError("m must be a finite number >= 0")
    out = 1.0 - np.exp(-rho * m)
    return float(out) if out.ndim == 0 else out


def demand(m, p0: float, lam: float, c_r: float, v_r: float = 1.0):
    """What Washington can demand after a build-up ``m``: ``min(1, p(m) + c_r/v_r)``.

    This is the upper end of M1's bargaining range (:func:`syrialev.models.bargaining.
    bargaining_range`) with ``p = p(m)``, capped at the whole good: the most Russia accepts rather
    than take the no-deal path. ``c_r`` (>= 0) is Russia's cost of that path and ``v_r`` (> 0) its
    valuation of Syria, both on the long-ties chapter's scale, exactly as in M1.
    """
    if not (0.0 <= c_r < math.inf):
        raise ValueError(f"c_r must be a finite number >= 0; got {c_r}")
    if not (0.0 < v_r < math.inf):
        raise ValueError(f"v_r must be a finite number > 0; got {v_r}")
    out = np.minimum(1.0, np.asarray(win_probability(m, p0, lam)) + c_r / v_r)
    return float(out) if np.ndim(out) == 0 else out


def us_payoff(m, p0: float, lam: float, c_r: float, kappa: float, delta: float, rho: float,
              K: float, v_r: float = 1.0):
    """The U.S. net pay-off of a build-up ``m`` (stylised; see the module's assumptions).

    ``min(1, p(m) + c_r/v_r) - kappa*m - delta*m**2 - r(m)*K``

    Parameters: ``p0``, ``lam`` as in :func:`win_probability`; ``c_r`` Russia's cost of war
    (>= 0) and ``v_r`` its valuation of Syria (> 0; default 1, Fearon's unscaled range), as in M1:
    see :func:`demand`; ``kappa`` sunk cost per unit of force (>= 0); ``delta`` domestic
    unpopularity coefficient (>= 0); ``rho`` clash hazard per unit of force (>= 0); ``K`` the cost
    of a clash (>= 0, units of the good). Accepts an array of ``m``.
    """
    for name, value in (("kappa", kappa), ("delta", delta), ("K", K)):
        if not (0.0 <= value < math.inf):
            raise ValueError(f"{name} must be a finite number >= 0; got {value}")
    m_arr = np.asarray(m, dtype=float)
    demand_m = np.asarray(demand(m_arr, p0, lam, c_r, v_r))
    out = demand_m - kappa * m_arr - delta * m_arr ** 2 - np.asarray(clash_risk(m_arr, rho)) * K
    return float(out) if np.ndim(out) == 0 else out


@dataclass(frozen=True)
class BuildupOptimum:
    """The best build-up on ``[0, m_max]``: ``m``, the pay-off there, ``p`` and the clash risk."""

    m: float
    payoff: float
    p: float
    clash: float
    gain_over_none: float


def optimal_buildup(p0: float, lam: float, c_r: float, kappa: float, delta: float, rho: float,
                    K: float, m_max: float = 10.0, n: int = 2001, v_r: float = 1.0) -> BuildupOptimum:
    """The build-up that maximises :func:`us_payoff` on ``[0, m_max]`` (numerical; no closed form).

    Method: evaluate the pay-off on a grid of ``n`` evenly spaced points (``m_max/(n-1)`` apart),
    take the best grid point, then refine by golden-section search on the bracket formed by its two
    neighbours. The pay-off need not be concave (the cap at 1 and the clash term bend it), so the
    grid, not a local optimiser alone, finds the global maximum up to the grid spacing; the
    refinement can only improve it. Ties go to the smaller build-up.
    """
    if not (m_max > 0):
        raise ValueError(f"m_max must be > 0; got {m_max}")
    if n < 3:
        raise ValueError("n must be >= 3")
    args = (p0, lam, c_r, kappa, delta, rho, K, v_r)
    grid = np.linspace(0.0, m_max, int(n))
    values = us_payoff(grid, *args)
    i = int(np.argmax(values))  # first maximum: ties go to the smaller build-up
    lo, hi = grid[max(0, i - 1)], grid[min(len(grid) - 1, i + 1)]
    best_m, best_v = float(grid[i]), float(values[i])
    invphi = (math.sqrt(5.0) - 1.0) / 2.0
    a, b = lo, hi
    c, d = b - invphi * (b - a), a + invphi * (b - a)
    fc, fd = us_payoff(c, *args), us_payoff(d, *args)
    for _ in range(60):
        if fc >= fd:
            b, d, fd = d, c, fc
            c = b - invphi * (b - a)
            fc = us_payoff(c, *args)
        else:
            a, c, fc = c, d, fd
            d = a + invphi * (b - a)
            fd = us_payoff(d, *args)
    cand = (a + b) / 2.0
    cand_v = us_payoff(cand, *args)
    if cand_v > best_v + 1e-12:
        best_m, best_v = float(cand), float(cand_v)
    none = us_payoff(0.0, *args)
    return BuildupOptimum(m=best_m, payoff=best_v, p=win_probability(best_m, p0, lam),
                          clash=clash_risk(best_m, rho), gain_over_none=best_v - none)


# ------------------------------------------------------------------------------- Chicken

def chicken_payoffs(K: float) -> tuple[np.ndarray, np.ndarray]:
    """Chicken's pay-off matrices (row player, column player); strategies (Swerve, Straight).

    (Swerve, Swerve) = (0, 0); (Swerve, Straight) = (-1, 1); (Straight, Swerve) = (1, -1);
    (Straight, Straight) = (-K, -K): a collision costs each side ``K``.
    """
    A = np.array([[0.0, -1.0], [1.0, -float(K)]])
    return A, A.T.copy()


def chicken_mixed(K: float) -> float:
    """Probability that each side goes Straight in Chicken's mixed equilibrium: ``1/K``.

    A player is indifferent when the other goes Straight with probability ``q``:
    Swerve gives ``-q``, Straight gives ``(1 - q) - K*q``; equal iff ``q = 1/K``. Requires
    ``K > 1``: with ``K <= 1`` a collision is no worse than swerving, Straight is (weakly)
    dominant and the game is not Chicken, so a :class:`ValueError` is raised.
    Schelling (1966) reads the game as a contest of risk-taking: the costlier a collision, the
    less often each side dares go Straight.
    """
    K = float(K)
    if not (K > 1.0) or math.isinf(K):
        raise ValueError(f"Chicken needs a finite collision cost K > 1; got {K}")
    return 1.0 / K


def chicken_collision_probability(K: float) -> float:
    """Probability of a collision in the symmetric mixed equilibrium: ``(1/K)**2``."""
    q = chicken_mixed(K)
    return q * q


def chicken_equilibria(K: float) -> list[tuple[float, float]]:
    """Every Nash equilibrium of Chicken as (P(row goes Straight), P(column goes Straight)).

    Found by nashpy's support enumeration (an optional dependency: ``pip install nashpy``), an
    independent check of :func:`chicken_mixed`.
    """
    import nashpy

    A, B = chicken_payoffs(K)
    return [(float(s1[1]), float(s2[1])) for s1, s2 in nashpy.Game(A, B).support_enumeration()]
