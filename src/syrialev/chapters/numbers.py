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

Each number also says how prose would type it by hand (``typed``: a regular expression in which
``{v}`` stands for the number, for example ``r"{v} claims"``). The tests scan the book's Markdown
for that phrase with the number written out, in digits or in words, and fail naming the file and
line: a computed number typed by hand is a number that can drift.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["Text", "number", "REGISTRY", "TYPED", "NumberError", "in_words", "spellings", "typed_by_hand",
           "quoted_phrases"]

#: Every registered number: name -> (function computing its text, what it is).
REGISTRY: dict[str, tuple[Callable[[], str], str]] = {}
#: How the prose would type each number by hand: name -> regular expression with ``{v}``.
TYPED: dict[str, str] = {}


class NumberError(AttributeError):
    """An unknown number, or a function that did not return text."""


class Text(str):
    """A number as the prose shows it. Its ``repr`` is the text itself, so a notebook front end
    that shows the value of ``N.claims_total`` shows ``17``, not ``'17'``."""

    def __repr__(self) -> str:
        return str(self)

    def _repr_markdown_(self) -> str:
        return str(self)


def number(name: str, what: str = "", typed: str = ""):
    """Decorator: register ``func`` (no arguments, returns the formatted text) as ``N.<name>``.

    ``typed`` is the phrase in which prose would type the number by hand, a regular expression
    with ``{v}`` where the number stands (``r"{v} claims"``); the drift check searches for it.
    """
    if not name.isidentifier():
        raise ValueError(f"a number's name must be an identifier, not {name!r}")
    if typed and "{v}" not in typed:
        raise ValueError(f"number {name!r}: its typed phrase {typed!r} has no {{v}} for the number")

    def register(func: Callable[[], str]) -> Callable[[], str]:
        if name in REGISTRY and REGISTRY[name][0].__qualname__ != func.__qualname__:
            raise ValueError(f"two numbers are named {name!r}")
        REGISTRY[name] = (func, what or (func.__doc__ or "").strip().split("\n")[0])
        TYPED[name] = typed
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


_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
          "twenty"]


def in_words(n: int) -> str:
    """A whole number as prose writes it: words to twenty, digits above (``17`` -> ``seventeen``)."""
    if int(n) != n or n < 0:
        raise ValueError(f"in_words takes a whole number of zero or more, not {n!r}")
    return _WORDS[int(n)] if n <= 20 else f"{int(n):,}"


def spellings(text: str) -> list[str]:
    """Every way prose could type a number's text by hand: the text itself, and for a whole
    number its digits and its words (``"seventeen"`` -> ``["seventeen", "17"]``); a decimal
    also without a trailing zero (``"0.30"`` -> ``["0.30", "0.3"]``)."""
    out = [text]
    low = text.strip().lower()
    if low in _WORDS:
        out.append(str(_WORDS.index(low)))
    elif low.replace(",", "").isdigit():
        n = int(low.replace(",", ""))
        out += [str(n), in_words(n)] if n <= 20 else [str(n), f"{n:,}"]
    elif "." in low and low.replace(".", "", 1).isdigit():
        out.append(low.rstrip("0").rstrip("."))
    seen: list[str] = []
    for s in out:
        if s not in seen:
            seen.append(s)
    return seen


#: A number inserted by the build (``{eval}`N.name```): not typed by hand.
_EVAL_ROLE = re.compile(r"\{eval\}`[^`]*`")


_QUOTED = re.compile(r"\{eval\}`N\.(\w+)`")
#: A word, a number or one mark of punctuation: the tokens a quotation's phrase is made of.
_TOKEN = re.compile(r"[A-Za-z][\w'\u2019-]*|\d[\d.,]*\d|\d|[^\s\w`]")


def quoted_phrases(texts) -> dict[str, set[str]]:
    """The phrases in which the Markdown ``texts`` quote each number with ``{eval}``: for each
    quotation, at least three tokens (words or marks) around it, one of them a word: two before
    and one after where the text has them, more before (up to four) or after (up to three) where
    it does not (another quotation or 80 characters end the search), as a
    ``typed`` pattern (``a belief of {eval}`N.mu` in`` gives ``r"belief\\s*of\\s*{v}\\s*in"``;
    a table cell ``| Lab 2 | {eval}`N.n` |`` gives ``r"2\\s*\\|\\s*{v}\\s*\\|"``). The same tokens
    around the number typed by hand elsewhere are a copy that can drift; :func:`typed_by_hand` looks
    for them beside each number's own ``typed`` phrase. A quotation gives no phrase unless two words,
    or one word and two marks, stand around it (``({eval}`N.n`)`` would match any number in brackets)."""
    found: dict[str, set[str]] = {}
    for text in texts:
        for m in _QUOTED.finditer(text):
            head = _EVAL_ROLE.split(text[max(0, m.start() - 80):m.start()])[-1]
            tail = _EVAL_ROLE.split(text[m.end():m.end() + 80])[0]
            heads, tails = _TOKEN.findall(head), _TOKEN.findall(tail)
            nb_, na = min(2, len(heads)), min(1, len(tails))
            while nb_ + na < 3 or not any(t[0].isalpha() for t in heads[len(heads) - nb_:] + tails[:na]):
                if nb_ < min(4, len(heads)):
                    nb_ += 1
                elif na < min(3, len(tails)):
                    na += 1
                else:
                    break
            before, after = heads[len(heads) - nb_:], tails[:na]
            words = sum(t[0].isalpha() for t in before + after)
            if not (words >= 2 or (words and len(before) + len(after) >= 3)):
                continue
            parts = [re.escape(t) for t in before] + ["{v}"] + [re.escape(t) for t in after]
            found.setdefault(m.group(1), set()).add(r"\s*".join(parts))
    return found


def typed_by_hand(text: str, values: dict[str, str],
                  phrases: dict[str, set[str]] | None = None) -> list[tuple[int, str, str]]:
    """Where ``text`` (Markdown) types a registered number by hand, in the phrase its ``typed``
    pattern describes or in a phrase in which the book quotes it (``phrases``, from
    :func:`quoted_phrases`): a list of (line, number's name, what was typed). ``values`` maps each
    number's name to its text (``N.known()``). Numbers the build inserts are skipped; line breaks
    inside a phrase are allowed."""
    clean = _EVAL_ROLE.sub(lambda m: "\u2063" * len(m.group(0)), text)
    found = []
    for name, value in values.items():
        patterns = {TYPED.get(name, "")} | set((phrases or {}).get(name, ()))
        patterns.discard("")
        for phrase, spelled in ((ph, sp) for ph in sorted(patterns) for sp in spellings(value)):
            number_re = r"(?<![\w.])" + re.escape(spelled) + r"(?![\w]|\.\d)"
            pattern = phrase.replace(" ", r"\s+").replace("{v}", number_re)
            for m in re.finditer(pattern, clean, flags=re.IGNORECASE):
                found.append((text.count("\n", 0, m.start()) + 1, name, re.sub(r"\s+", " ", m.group(0))))
    return sorted(set(found))
