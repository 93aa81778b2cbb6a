"""Each chapter's code, in a module named after the chapter (see the module map in :mod:`syrialev`).

``N`` gives the numbers the chapters' prose quotes (:mod:`.numbers`): ``N.claims_total`` is the
text of the number registered under that name by a chapter module. The chapter modules are
imported the first time a number is asked for, so every registered number is known.
"""

from __future__ import annotations

import importlib
import pkgutil

from . import numbers as _numbers

__all__ = ["N"]


class _Numbers:
    """Attribute access to every registered number (``N.claims_total``)."""

    def _load(self) -> None:
        for mod in pkgutil.iter_modules(__path__):
            if mod.name != "numbers":
                importlib.import_module(f"{__name__}.{mod.name}")

    def __getattr__(self, name: str) -> _numbers.Text:
        if name.startswith("_"):
            raise AttributeError(name)
        self._load()
        return _numbers.compute(name)

    def __dir__(self):
        self._load()
        return sorted(_numbers.REGISTRY)

    def known(self) -> dict[str, str]:
        """Every registered number, computed: name -> text."""
        self._load()
        return {name: str(_numbers.compute(name)) for name in sorted(_numbers.REGISTRY)}


N = _Numbers()
