"""Moved to :mod:`syrialev.classroom.selfcheck` (this name forwards there, with a warning, for a term)."""

from ._moved import forward

forward(__name__)
