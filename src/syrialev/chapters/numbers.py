"""Numbers the chapters' prose quotes, computed by the package: typed nowhere, so they cannot drift.

A chapter module registers each number its prose needs with :func:`number`: a function that
computes it and returns it formatted as the prose shows it (``"0.30"``, ``"17"``, ``"seventeen"``).
The prose writes ``{eval}`N.claims_total``` where it quotes the number, and a hidden set-up cell
of the notebook runs ``from syrialev.chapters import N``:

- in JupyterLab (``jupyterlab-myst``) the kernel evaluates ``N.claims_total`` once the cells have
  run, and shows the text;
- in the built book, where no kernel runs (the book executes notebooks through a cache), the
  book's extension ``_ext/book_numbers.py`` evaluates the same name from this registry.

So a reader and a student see the same number, computed by the same function.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Text", "number", "REGISTRY", "NumberError", "in_words"]

#: Every registered number: name -> (function computing its text, what it is).
REGISTRY: dict[str, tuple[Callable[[], str], str]] = {}


class NumberError(AttributeError):
    """An unknown number, or a function that did not return text."""


class Text(str):
    """A number as the prose shows it. Its ``repr`` is the text itself, so a notebook front end
    that shows the value of ``N.claims_total`` shows ``17``, not ``'17'``."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return str(self)


def number(name: str, what: str = ""):
    """Decorator: register ``func`` (no arguments, returns the formatted text) as ``N.<name>``."""
    if not name.isidentifier():
        raise ValueError(f"a number's name must be an identifier, not {name!r}")

    def register(func: Callable[[], str]) -> Callable[[], str]:
        if name in REGISTRY and REGISTRY[name][0].__qualname__ != func.__qualname__:
            raise ValueError(f"two numbers are named {name!r}")
        REGISTRY[name] = (func, what or (func.__doc__ or "").strip().split("\n")[0])
        return func

    return register


def compute(name: str) -> Text:
    """The text of the number called ``name``."""
    if name not in REGISTRY:
        known = ", ".join(sorted(REGISTRY)) or "none"
        raise NumberError(f"no number is called {name!r}; the numbers are: {known}")
    value = REGISTRY[name][0]()
    if not isinstance(value, str):
        raise NumberError(f"the number {name!r} must be formatted as text by its function, "
                          f"not returned as {type(value).__name__} ({value!r})")
    return Text(value)


_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen", "twenty"]


def in_words(n: int) -> str:
    """A whole number as prose writes it: words to twenty, digits above (``17`` -> ``seventeen``)."""
    if int(n) != n or n < 0:
        raise ValueError(f"in_words takes a whole number of zero or more, not {n!r}")
    return _WORDS[int(n)] if n <= 20 else f"{int(n):,}"
