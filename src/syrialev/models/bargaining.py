"""M1: the bargaining range and crisis bargaining with a private cost of war.

Source: James D. Fearon, "Rationalist Explanations for War", *International Organization* 49(3),
1995, pp. 379-414 (the bargaining range; private information as a cause of war). The "stakes"
variant and the take-it-or-leave-it offer with a uniformly distributed private cost are the
stylised teaching versions of Fearon's argument (as in textbook treatments of crisis bargaining);
the numbers used with them in the book are stylised, not estimates.

Common assumptions: two risk-neutral states, A (here the United States) and B (here Russia),
divide a good (a settlement in Syria) scaled to [0, 1]; ``x`` is A's share. War is a costly
lottery: A wins everything with probability ``p`` and loses everything otherwise, and each side
pays a cost of war. Costs are measured in the same units as the good (a cost of 0.2 means "war
costs as much as a fifth of the whole good").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["bargaining_range", "clip_range", "PrivateCostOffer", "private_cost_offer", "brute_force_offer", "check_table",
           "expected_utility_of_offer"]


def _check_probability(name: str, value: float) -> float:
    value = float(value)
    if not (0.0 <= value <= 1.0):
        raise ValueError(f"{name} must be a probability in [0, 1]; got {value}")
    return value


def _check_nonnegative(name: str, value: float) -> float:
    value = float(value)
    if not (value >= 0.0) or math.isinf(value):
        raise ValueError(f"{name} must be a finite number >= 0; got {value}")
    return value


def bargaining_range(p: float, c_a: float, c_b: float, v_a: float = 1.0,
                     v_b: float = 1.0) -> tuple[float, float]:
    """The bargaining range: the shares ``x`` for A that both sides prefer to war.

    Fearon (1995): A's war payoff is ``p*v_a - c_a`` and a deal gives it ``x*v_a``, so A accepts
    any ``x >= p - c_a/v_a``; B's war payoff is ``(1-p)*v_b - c_b`` and a deal gives it
    ``(1-x)*v_b``, so B accepts any ``x <= p + c_b/v_b``. With ``v_a = v_b = 1`` this is Fearon's
    range ``(p - c_a, p + c_b)``. A higher valuation of the good by B (a high Russian valuation
    of Syria) makes B's cost small *relative to the stake* and pulls the upper end, the most A can
    demand without war, down toward ``p``.

    Parameters
    ----------
    p : probability that A wins a war, in [0, 1].
    c_a, c_b : costs of war to A and to B, >= 0, in units of the good.
    v_a, v_b : how much A and B value the whole good, > 0 (1 = the good's own scale).

    Returns
    -------
    ``(low, high)`` with ``low <= p <= high``. **Not clipped** to [0, 1]: an end outside [0, 1]
    means that side prefers every feasible division to war. Use :func:`clip_range` for the
    feasible part (never empty, since ``p`` is in it).
    """
    p = _check_probability("p", p)
    c_a = _check_nonnegative("c_a", c_a)
    c_b = _check_nonnegative("c_b", c_b)
    for name, v in (("v_a", v_a), ("v_b", v_b)):
        if not (float(v) > 0.0) or math.isinf(float(v)):
            raise ValueError(f"{name} must be a finite number > 0; got {v}")
    return (p - c_a / float(v_a), p + c_b / float(v_b))


def clip_range(bounds: tuple[float, float]) -> tuple[float, float]:
    """Intersect a bargaining range with the feasible shares [0, 1]."""
    low, high = bounds
    return (min(1.0, max(0.0, low)), min(1.0, max(0.0, high)))


@dataclass(frozen=True)
class PrivateCostOffer:
    """A's optimal take-it-or-leave-it demand and the probability that B fights it.

    ``offer`` is A's demanded share x* in [0, 1]; ``p_war`` is the probability that B rejects it
    and fights; ``capped`` says whether the demand was held down by the whole good (x* = 1).
    """

    offer: float
    p_war: float
    capped: bool = False


def expected_utility_of_offer(x: float, p: float, c_a: float, c_bar: float) -> float:
    """A's expected payoff from demanding ``x`` when B's cost is uniform on [0, c_bar].

    B fights iff ``c_B < x - p`` (its war payoff ``1 - p - c_B`` beats ``1 - x``), so
    ``P(war) = clip((x - p)/c_bar, 0, 1)`` and
    ``U(x) = (1 - P(war)) * x + P(war) * (p - c_a)``.
    Used by the tests' brute-force search and by the figures.
    """
    q = min(1.0, max(0.0, (x - p) / c_bar))
    return (1.0 - q) * x + q * (p - c_a)


def private_cost_offer(p: float, c_a: float, c_bar: float) -> PrivateCostOffer:
    """A's optimal demand when B's cost of war is private (Fearon 1995, stylised).

    Game: A demands ``x``; B, who alone knows its cost ``c_B ~ Uniform[0, c_bar]``, accepts or
    fights. Writing ``t = x - p``, A's expected payoff for ``0 <= t <= c_bar`` is
    ``U = p + t - t**2/c_bar - t*c_a/c_bar``, a concave parabola with its peak at
    ``t* = (c_bar - c_a)/2``. Demands below ``p`` are dominated by ``x = p`` (B accepts both)
    and demands above ``p + c_bar`` are always fought. Hence

    - ``x* = p + max(0, (c_bar - c_a)/2)``; this never exceeds ``p + c_bar`` (the cap in
      MODELS.md never binds for ``c_a >= 0``) but may exceed 1, the whole good; then, U being
      concave, the best feasible demand is ``x* = 1``;
    - ``P(war) = (x* - p)/c_bar``, which is ``max(0, (c_bar - c_a)/(2*c_bar))`` when the cap at 1
      does not bind: **p drops out**. When it binds, ``P(war) = (1 - p)/c_bar``, which *does*
      fall as ``p`` rises: only a build-up that leaves almost nothing to bargain over lowers the
      risk of war in this model.

    Risk-tolerant A (low ``c_a``) or much uncertainty (high ``c_bar``) raise the risk of war;
    this is Fearon's risk-return trade-off.

    Parameters
    ----------
    p : probability that A wins, in [0, 1].
    c_a : A's cost of war, >= 0, in units of the good.
    c_bar : upper bound of B's private cost, > 0, in units of the good.
    """
    p = _check_probability("p", p)
    c_a = _check_nonnegative("c_a", c_a)
    c_bar = _check_nonnegative("c_bar", c_bar)
    if c_bar <= 0.0:
        raise ValueError("c_bar must be > 0 (with c_bar = 0 B's cost is known: use bargaining_range)")
    t = max(0.0, (c_bar - c_a) / 2.0)
    t = min(t, c_bar)  # never binds for c_a >= 0; kept to mirror the stated model
    capped = p + t > 1.0
    if capped:
        t = 1.0 - p
    return PrivateCostOffer(offer=p + t, p_war=t / c_bar, capped=capped)


def brute_force_offer(p: float, c_a: float, c_bar: float, n: int = 100001) -> PrivateCostOffer:
    """A's best demand found by searching a grid of ``n`` shares in [0, 1] (no calculus).

    An independent check of :func:`private_cost_offer`, accurate to the grid spacing ``1/(n-1)``.
    """
    import numpy as np

    xs = np.linspace(0.0, 1.0, int(n))
    q = np.clip((xs - p) / c_bar, 0.0, 1.0)
    u = (1.0 - q) * xs + q * (p - c_a)
    i = int(np.argmax(u))
    return PrivateCostOffer(offer=float(xs[i]), p_war=float(q[i]), capped=bool(xs[i] >= 1.0 and p < 1.0))


def check_table(cases) -> list[dict]:
    """Closed form against brute force for a list of ``(p, c_a, c_bar)``: rows for a table."""
    rows = []
    for p, c_a, c_bar in cases:
        f, b = private_cost_offer(p, c_a, c_bar), brute_force_offer(p, c_a, c_bar)
        rows.append({"p": p, "c_a": c_a, "c_bar": c_bar, "x* formula": round(f.offer, 4),
                     "x* grid": round(b.offer, 4), "P(war) formula": round(f.p_war, 4),
                     "P(war) grid": round(b.p_war, 4), "cap at 1 binds": f.capped})
    return rows
