"""The book's explorers (widgets), one module per chapter.

- :mod:`.params`: :class:`Param` (one control) and :class:`ParameterError`;
- :mod:`.explorer`: the :class:`Explorer` contract and the registry;
- :mod:`.gallery`: the static face of an explorer in the built book;
- :mod:`.offline`: the in-page controls of the built book, computed when it is built;
- :mod:`.choices`: what one chapter's live explorer hands to another (a saved valuation);
- :mod:`.long_ties`, :mod:`.axis`, :mod:`.leverage`, :mod:`.held_up`: each chapter's explorers.

``all_explorers()`` imports every chapter module of this package and returns the registry, so tests
and ``make bench`` see every explorer in the book without a list kept by hand.
"""

from __future__ import annotations

import importlib
import pkgutil

from .explorer import REGISTRY, Explorer, register
from .gallery import Gallery
from .params import Param, ParameterError

__all__ = ["Explorer", "Gallery", "Param", "ParameterError", "register", "REGISTRY", "all_explorers"]

#: Modules of this package that hold the machinery, not a chapter's explorers; ``base`` and
#: ``backtest`` are the old names kept for a term (they warn and forward).
_NOT_CHAPTERS = frozenset({"params", "explorer", "gallery", "offline", "choices", "base", "backtest"})


def all_explorers() -> dict[str, type]:
    """Every registered explorer class, by name."""
    for mod in pkgutil.iter_modules(__path__):
        if mod.name not in _NOT_CHAPTERS:
            importlib.import_module(f"{__name__}.{mod.name}")
    return dict(sorted(REGISTRY.items()))
