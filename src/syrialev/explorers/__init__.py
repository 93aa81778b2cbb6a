"""The book's explorers (widgets). Each module defines and registers one or more explorers.

``all_explorers()`` imports every module of this package and returns the registry, so tests and
``make bench`` see every explorer in the book without a list kept by hand.
"""

from __future__ import annotations

import importlib
import pkgutil

from .base import REGISTRY, Explorer, Gallery, Param, ParameterError, register

__all__ = ["Explorer", "Gallery", "Param", "ParameterError", "register", "REGISTRY", "all_explorers"]


def all_explorers() -> dict[str, type]:
    """Every registered explorer class, by name."""
    for mod in pkgutil.iter_modules(__path__):
        if mod.name != "base":
            importlib.import_module(f"{__name__}.{mod.name}")
    return dict(sorted(REGISTRY.items()))
