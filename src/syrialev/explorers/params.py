"""The parameters of an explorer: :class:`Param` (one control: range, step, unit, meaning) and
:class:`ParameterError` (a value that is unknown or out of its documented range).

Shared by :mod:`.explorer` (live widgets, static pages) and :mod:`.offline` (the in-page controls of
the built book).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Param", "ParameterError"]


class ParameterError(ValueError):
    """A parameter is unknown or out of its documented range."""


@dataclass(frozen=True)
class Param:
    """One control: its range, step, unit and meaning.

    ``kind`` is ``"float"``, ``"int"``, ``"bool"`` or ``"choice"`` (then ``options`` lists the
    allowed values).
    """

    name: str
    label: str
    default: Any
    min: float | None = None
    max: float | None = None
    step: float | None = None
    unit: str = ""
    doc: str = ""
    kind: str = "float"
    options: tuple = field(default_factory=tuple)

    def check(self, value):
        """Return ``value`` converted to the parameter's kind, or raise :class:`ParameterError`."""
        where = f"{self.label} ({self.name})"
        if self.kind == "bool":
            if not isinstance(value, (bool, int)) or value not in (0, 1, True, False):
                raise ParameterError(f"{where} must be true or false, not {value!r}")
            return bool(value)
        if self.kind == "choice":
            if value not in self.options:
                allowed = ", ".join(map(repr, self.options))
                raise ParameterError(f"{where} must be one of {allowed}, not {value!r}")
            return value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ParameterError(f"{where} must be a number, not {value!r}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ParameterError(f"{where} must be a finite number, not {value!r}")
        if self.kind == "int":
            if int(value) != value:
                raise ParameterError(f"{where} must be a whole number, not {value!r}")
            value = int(value)
        else:
            value = float(value)
        if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
            unit = f" {self.unit}" if self.unit else ""
            raise ParameterError(
                f"{where} must be between {self.min} and {self.max}{unit}; got {value}")
        return value

    def describe(self) -> str:
        """One line for documentation: name, range, unit, meaning."""
        if self.kind == "choice":
            rng = "one of " + ", ".join(map(str, self.options))
        elif self.kind == "bool":
            rng = "true or false"
        else:
            rng = f"{self.min} to {self.max}" + (f" {self.unit}" if self.unit else "")
        return f"`{self.name}` ({rng}, default {self.default}): {self.doc}"
