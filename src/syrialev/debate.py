"""Moved to :mod:`syrialev.chapters.debate` (this name forwards there, with a warning, for a term)."""

from ._moved import forward

forward(__name__)
