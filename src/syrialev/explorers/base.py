"""Moved: :class:`Param` and :class:`ParameterError` to :mod:`syrialev.explorers.params`,
:class:`Explorer` to :mod:`syrialev.explorers.explorer`, :class:`Gallery` to
:mod:`syrialev.explorers.gallery` (all importable from :mod:`syrialev.explorers`). This name forwards
there, with a warning, for a term."""

from .._moved import warn

warn(__name__)

from .explorer import REGISTRY, Explorer, register  # noqa: E402
from .gallery import Gallery  # noqa: E402
from .params import Param, ParameterError  # noqa: E402

__all__ = ["Param", "ParameterError", "Explorer", "Gallery", "REGISTRY", "register"]
