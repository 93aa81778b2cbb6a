"""Old import paths, kept for a term so that notebooks saved with them still run.

The package was reorganised by role (see the module map in :mod:`syrialev`). Each old module is now
a few lines that call :func:`forward`: importing it warns (:class:`MovedWarning`) and hands
back the module at its new place, so ``from syrialev import record`` still gives the held-up
chapter's code. :data:`MOVED` lists every old path and its new one.
"""

from __future__ import annotations

import importlib
import sys
import warnings

#: Old module -> new module.
MOVED = {
    "syrialev.timeline": "syrialev.chapters.long_ties",
    "syrialev.network": "syrialev.chapters.axis",
    "syrialev.debate": "syrialev.chapters.debate",
    "syrialev.record": "syrialev.chapters.held_up",
    "syrialev.argmap": "syrialev.chapters.argument_map",
    "syrialev.appendix": "syrialev.chapters.appendix",
    "syrialev.selfcheck": "syrialev.classroom.selfcheck",
    "syrialev.labs": "syrialev.classroom.labs",
    "syrialev.state": "syrialev.classroom.state",
    "syrialev.explorers.backtest": "syrialev.explorers.held_up",
    "syrialev.explorers.base": "syrialev.explorers",
}


class MovedWarning(FutureWarning):
    """An old import path was used. A ``FutureWarning`` (the deprecation warning meant for end
    users), so a notebook shows it: Python hides plain ``DeprecationWarning`` raised inside imports."""


def _importer_level() -> int:
    """The ``stacklevel`` of the code that wrote the import: past these shims (``warnings`` itself
    passes over importlib's frames without counting them)."""
    frame, level = sys._getframe(1), 1
    while frame is not None and (frame.f_code.co_filename.startswith("<frozen importlib")
                                 or frame.f_globals.get("__name__") in MOVED
                                 or frame.f_globals.get("__name__") == __name__):
        if not frame.f_code.co_filename.startswith("<frozen importlib"):
            level += 1
        frame = frame.f_back
    return level


def warn(old: str) -> str:
    """Warn that ``old`` has moved; return its new name."""
    new = MOVED[old]
    warnings.warn(f"{old} has moved to {new}; the old name will be removed after this term. "
                  f"Change the import to use {new}.", MovedWarning, stacklevel=_importer_level())
    return new


def forward(old: str) -> None:
    """Make the module being imported as ``old`` the module at its new place."""
    sys.modules[old] = importlib.import_module(warn(old))
