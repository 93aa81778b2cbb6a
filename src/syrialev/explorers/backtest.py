"""Moved to :mod:`syrialev.explorers.held_up` (this name forwards there, with a warning, for a term)."""

from .._moved import forward

forward(__name__)
