"""Moved to :mod:`syrialev.classroom.state` (this name forwards there, with a warning, for a term)."""

from ._moved import forward

forward(__name__)
