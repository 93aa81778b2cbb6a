"""Choices a student makes in one chapter's live explorer that another chapter's live explorer uses.

Only live widgets (a running kernel) read or write these. Everything the book's build produces
(static figures, galleries, alt text) uses the package's defaults, so the published book never
depends on what someone last chose on the machine that built it. The values are kept by
:mod:`syrialev.state`; the models in :mod:`syrialev.models` never read or write them.
"""

from __future__ import annotations

import math
import warnings

from ..classroom import state
from ..models.stake import DEFAULT_VALUATION

__all__ = ["VALUATION_KEY", "save_valuation", "load_valuation"]

#: Key under which the student's valuation of Syria (v_R) is saved for the leverage chapter.
VALUATION_KEY = "russia_valuation_of_syria"


def _check_valuation(v) -> float:
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or not 0 <= v <= 1:
        raise ValueError(f"a valuation must be a number in [0, 1], not {v!r}")
    return float(v)


def save_valuation(v: float) -> None:
    """Save the student's v_R for the leverage chapter (key :data:`VALUATION_KEY`)."""
    state.put(VALUATION_KEY, _check_valuation(v))


def load_valuation(default: float = DEFAULT_VALUATION) -> float:
    """The v_R the student saved in the chapter "Russia and Syria, the long ties", or ``default``.

    A saved value that is not a number in [0, 1] (a hand-edited file) is ignored with a warning.
    """
    saved = state.get(VALUATION_KEY, None)
    if saved is None:
        return _check_valuation(default)
    try:
        return _check_valuation(saved)
    except ValueError as exc:
        warnings.warn(f"ignoring the saved valuation of Syria: {exc}", stacklevel=2)
        return _check_valuation(default)
