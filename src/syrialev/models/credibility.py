"""M3: compellence, credibility and what one strike teaches.

Sources: Schelling, *Arms and Influence* (1966): compellence (making an adversary act) is harder
than deterrence because compliance is visible. Fearon (1994, *American Political Science Review*
88(3)): a leader who threatens and backs down pays domestic audience costs. Fearon (1997,
*Journal of Conflict Resolution* 41(1)): tying hands versus sinking costs. The threat game below
is a stylisation for teaching that combines these ideas; it is not taken whole from any of them.

Stylised threat game. The United States demands that Russia restrain Assad and join a U.S.-led
process.

- Russia complies: the U.S. gets ``G``; Russia loses ``S_R + phi`` (its stake plus the face cost
  of visible compliance, Schelling's point).
- Russia resists and the U.S. executes the threat: U.S. ``p*G - c_US``; Russia ``-p*S_R - c_R``.
- Russia resists and the U.S. backs down: U.S. ``-a`` (the audience cost); Russia ``0``.

The U.S. cost of executing, ``c_US``, is private and uniform on ``[0, c_bar_US]``. All payoffs are
in the same stylised units. Assumptions: risk neutrality; one round; Russia knows every number
except ``c_US``; audience costs are paid in full if the U.S. backs down.
"""

from __future__ import annotations

import math

__all__ = ["resolve_probability", "russia_complies", "compliance_threshold",
           "posterior_after_strike", "posterior_after_strikes"]


def _finite(name, value, low=None):
    value = float(value)
    if not math.isfinite(value) or (low is not None and value < low):
        bound = "" if low is None else f" >= {low}"
        raise ValueError(f"{name} must be a finite number{bound}; got {value}")
    return value


def resolve_probability(p: float, g: float, a: float, c_bar_us: float) -> float:
    """Probability that the U.S. is *resolved* (would execute its threat if defied).

    A U.S. type with cost ``c_US`` executes iff ``p*g - c_US >= -a``, that is iff
    ``c_US <= p*g + a``. With ``c_US ~ Uniform[0, c_bar_us]``:
    ``mu = min(1, (p*g + a)/c_bar_us)``.

    Parameters
    ----------
    p : probability that executing the threat achieves ``g``, in [0, 1].
    g : value to the U.S. of Russian compliance, >= 0 (stylised units).
    a : audience cost of backing down, >= 0.
    c_bar_us : upper bound of the U.S. cost of executing, > 0.
    """
    if not 0.0 <= float(p) <= 1.0:
        raise ValueError(f"p must be a probability in [0, 1]; got {p}")
    g, a = _finite("g", g, 0.0), _finite("a", a, 0.0)
    c_bar_us = _finite("c_bar_us", c_bar_us, 0.0)
    if c_bar_us <= 0.0:
        raise ValueError("c_bar_us must be > 0")
    return min(1.0, (float(p) * g + a) / c_bar_us)


def compliance_threshold(p: float, s_r: float, c_r: float, phi: float) -> float:
    """The belief ``mu`` at which Russia is indifferent: ``(s_r + phi)/(p*s_r + c_r)``.

    Returns ``math.inf`` when ``p*s_r + c_r = 0`` (a threat that costs Russia nothing never
    compels). A threshold above 1 means no belief compels Russia.
    """
    s_r, c_r, phi = _finite("s_r", s_r, 0.0), _finite("c_r", c_r, 0.0), _finite("phi", phi, 0.0)
    denom = float(p) * s_r + c_r
    if denom == 0.0:
        return math.inf if s_r + phi > 0 else 0.0
    return (s_r + phi) / denom


def russia_complies(mu: float, p: float, s_r: float, c_r: float, phi: float) -> bool:
    """Whether Russia complies with the U.S. demand, given its belief ``mu`` that the U.S. is resolved.

    Complying gives Russia ``-(s_r + phi)``; resisting gives ``mu*(-p*s_r - c_r) + (1 - mu)*0``.
    Russia complies iff ``mu*(p*s_r + c_r) >= s_r + phi`` (ties: it complies).

    Parameters
    ----------
    mu : Russia's belief that the U.S. is resolved, in [0, 1].
    p : probability that a U.S. strike campaign takes away Russia's stake, in [0, 1].
    s_r : Russia's stake in the outcome the U.S. demands it give up, >= 0.
    c_r : Russia's other costs of a U.S. campaign (losses, escalation risk), >= 0.
    phi : the face cost of visibly complying, >= 0 (Schelling's compellence penalty).
    """
    if not 0.0 <= float(mu) <= 1.0:
        raise ValueError(f"mu must be a probability in [0, 1]; got {mu}")
    if not 0.0 <= float(p) <= 1.0:
        raise ValueError(f"p must be a probability in [0, 1]; got {p}")
    s_r, c_r, phi = _finite("s_r", s_r, 0.0), _finite("c_r", c_r, 0.0), _finite("phi", phi, 0.0)
    return bool(mu * (p * s_r + c_r) >= s_r + phi)


def posterior_after_strike(mu: float, r: float) -> float:
    """Russia's belief that the U.S. is resolved after it sees one U.S. strike (Bayes' rule).

    Resolved types strike for sure; unresolved types strike with probability ``r`` (a cheap,
    one-off strike, like Shayrat, can be worth it even to a type that would not run a campaign).
    ``P(strike) = mu + (1 - mu)*r`` and ``mu' = mu/(mu + (1 - mu)*r)``, never below ``mu``.

    Edge cases (documented behaviour):

    - ``r = 1``: everyone strikes, the strike says nothing: ``mu' = mu``.
    - ``r = 0`` and ``mu > 0``: only resolved types strike, so a strike reveals resolve: 1.
    - ``mu = 0`` and ``r > 0``: a belief of zero is never revised: 0.
    - ``mu = 0`` and ``r = 0``: the model says a strike cannot happen; Bayes' rule is silent.
      Raises :class:`ValueError` rather than invent a belief.
    """
    if not 0.0 <= float(mu) <= 1.0:
        raise ValueError(f"mu must be a probability in [0, 1]; got {mu}")
    if not 0.0 <= float(r) <= 1.0:
        raise ValueError(f"r must be a probability in [0, 1]; got {r}")
    denom = mu + (1.0 - mu) * r
    if denom == 0.0:
        raise ValueError("with mu = 0 and r = 0 a strike has probability zero: the posterior is undefined")
    return float(mu / denom)


def posterior_after_strikes(mu: float, r: float, n: int) -> float:
    """The belief after ``n`` independent strikes: ``mu/(mu + (1 - mu)*r**n)`` (n = 0: the prior)."""
    if int(n) != n or n < 0:
        raise ValueError(f"n must be a whole number >= 0; got {n}")
    if n == 0:
        if not 0.0 <= float(mu) <= 1.0:
            raise ValueError(f"mu must be a probability in [0, 1]; got {mu}")
        return float(mu)
    return posterior_after_strike(mu, float(r) ** int(n))
