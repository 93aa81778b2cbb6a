"""M5: veto players in one dimension: their win-sets and the settlements they share.

Source: George Tsebelis, *Veto Players: How Political Institutions Work* (Princeton, 2002). A veto
player is an actor whose agreement is needed to change the status quo; in Tsebelis's spatial model
each has an ideal point, its *win-set* is the set of outcomes it prefers to the status quo, and
change is possible only where all the win-sets overlap. This is not Putnam's two-level game (1988),
which has negotiators, domestic ratifiers and reverberation between the levels; the book uses
Putnam's logic in the ratification ceiling of the linkage model (``linkage.py``). This module is a
stylised, one-dimensional rendering:

- outcomes are points x in [0, 1] on one axis; in the book 0 = "Assad fully restored" and
  1 = "full transition";
- the status quo q is what happens if no agreement is reached;
- each veto player has an ideal point r and *symmetric* (distance-based) preferences, so it
  accepts x if and only if |x - r| <= |q - r| ("weakly prefers x to the status quo").

Then a player's win-set is the interval [min(q, 2r - q), max(q, 2r - q)], clipped to [0, 1]. It
always contains q (agreeing to the status quo changes nothing). All assumptions are stylised:
real constituents have many issues, uncertain preferences and no single ideal point.

Everything here is pure: no plotting, no widgets.
"""

from __future__ import annotations

import math

__all__ = ["win_set", "common_settlements", "deal_exists", "accepts", "binding_players", "sides"]


def _check_unit(value, name: str) -> float:
    """Return ``value`` as a float in [0, 1] or raise ValueError naming the argument."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"{name} must be a number in [0, 1], not {value!r}")
    value = float(value)
    if not math.isfinite(value) or not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be in [0, 1] (0 = Assad fully restored, "
                         f"1 = full transition); got {value}")
    return value


def win_set(ideal: float, status_quo: float) -> tuple[float, float]:
    """The outcomes that a veto player with ideal point ``ideal`` weakly prefers to the status quo.

    Returns the interval ``(low, high)`` of x in [0, 1] with |x - ideal| <= |status_quo - ideal|,
    that is [min(q, 2*ideal - q), max(q, 2*ideal - q)] clipped to [0, 1]. A player whose ideal
    point *is* the status quo has the one-point win-set (q, q): it accepts no change at all.

    Raises ValueError, naming the argument, if ``ideal`` or ``status_quo`` is outside [0, 1].
    """
    r = _check_unit(ideal, "ideal")
    q = _check_unit(status_quo, "status_quo")
    mirror = 2.0 * r - q
    low, high = min(q, mirror), max(q, mirror)
    return (max(0.0, low), min(1.0, high))


def accepts(x: float, ideal: float, status_quo: float) -> bool:
    """Whether a player with ideal point ``ideal`` weakly prefers outcome ``x`` to the status quo.

    The definition itself (|x - ideal| <= |q - ideal|), used by the tests to check :func:`win_set`
    by brute force.
    """
    x = _check_unit(x, "x")
    r = _check_unit(ideal, "ideal")
    q = _check_unit(status_quo, "status_quo")
    return abs(x - r) <= abs(q - r)


def common_settlements(ideals: dict[str, float], status_quo: float) -> tuple[float, float] | None:
    """The intersection of every veto player's win-set: the settlements all of them accept.

    ``ideals`` maps each veto player's name to its ideal point in [0, 1]. The result always
    contains the status quo q, because every win-set does. An interval of zero length, (q, q),
    means **no settlement is better than the status quo for everyone**: some player would veto
    every change. Returns ``None`` only when ``ideals`` is empty (there is nothing to intersect:
    with no veto player, no constraint is defined).

    Raises ValueError naming the argument (``status_quo`` or ``ideals['name']``) for a value
    outside [0, 1].
    """
    q = _check_unit(status_quo, "status_quo")
    if not isinstance(ideals, dict):
        raise ValueError(f"ideals must be a dict of name -> ideal point, not {type(ideals).__name__}")
    if not ideals:
        return None
    low, high = 0.0, 1.0
    for name, r in ideals.items():
        _check_unit(r, f"ideals[{name!r}]")
        lo, hi = win_set(r, q)
        low, high = max(low, lo), min(high, hi)
    # Every win-set contains q, so low <= q <= high holds exactly.
    return (low, high)


def deal_exists(ideals: dict[str, float], status_quo: float) -> bool:
    """True iff some outcome x != q lies in every win-set (the intersection has positive length).

    In one dimension this happens exactly when every veto player's ideal point lies strictly on
    the same side of the status quo: all want to move the same way. With no veto players
    (empty ``ideals``) any change passes, so the answer is True.
    """
    common = common_settlements(ideals, status_quo)
    if common is None:
        return True
    return common[1] > common[0]


def binding_players(ideals: dict[str, float], status_quo: float) -> list[str]:
    """The players whose win-set ends where the common range ends (the tightest constraint).

    In one dimension, when a deal exists, the party whose ideal point is closest to the status quo
    has the smallest win-set and marks the limit of the deal (a feasibility bound: the model has no
    bargaining in it, so it does not say who gets what inside the overlap). Returns an empty list
    when no deal exists (see :func:`sides` for who pulls which way).
    """
    if not deal_exists(ideals, status_quo) or not ideals:
        return []
    low, high = common_settlements(ideals, status_quo)
    q = float(status_quo)
    upward = high > q
    far = high if upward else low
    return [n for n, r in ideals.items()
            if math.isclose(win_set(r, q)[1 if upward else 0], far, abs_tol=1e-12)]


def sides(ideals: dict[str, float], status_quo: float) -> dict[str, list[str]]:
    """Which way each player wants to move from the status quo.

    Keys: ``"toward_1"`` (ideal above q), ``"toward_0"`` (ideal below q), ``"content"`` (ideal = q).
    A deal exists iff at most one of the first two lists is non-empty and ``"content"`` is empty.
    """
    q = _check_unit(status_quo, "status_quo")
    out = {"toward_1": [], "toward_0": [], "content": []}
    for name, r in ideals.items():
        r = _check_unit(r, f"ideals[{name!r}]")
        out["toward_1" if r > q else "toward_0" if r < q else "content"].append(name)
    return out
