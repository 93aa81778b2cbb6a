"""One reader for the book's MyST Markdown and notebooks, used by the tools and the tests.

MyST text is read with myst-parser's own markdown-it parser (the one Jupyter Book uses), so a
directive is found exactly where the book builder finds it: fences of three or more backticks or
colons, nested fences, fences inside list items. Each fence token carries its directive name and
its line range. Notebooks are read with :mod:`nbformat` (a cell's source is one string).

- :func:`directives` lists the directives of a text (optionally only some names);
- :func:`strip_directives` removes them (the student edition removes ``{solution}``);
- :func:`read_notebook`, :func:`cell_sources` and :func:`markdown_of` read notebooks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat

__all__ = ["Directive", "MystError", "directives", "strip_directives", "read_notebook", "cell_sources",
           "markdown_of"]

#: The MyST extensions the book enables (``_config.yml``, ``parse.myst_enable_extensions``).
EXTENSIONS = ("colon_fence", "dollarmath", "deflist", "substitution")
_NAME = re.compile(r"^\{(?P<name>[A-Za-z][\w:.-]*)\}\s*(?P<argument>.*)$")


class MystError(ValueError):
    """A MyST text is malformed (an unclosed directive); the message names the line."""


@dataclass(frozen=True)
class Directive:
    """A directive of a MyST text: ``{name} argument``, on lines ``start`` to ``end`` (0-based,
    ``end`` excluded: the closing fence is the line ``end - 1``), and its ``body`` (the lines
    between the fences, options included)."""

    name: str
    argument: str
    start: int
    end: int
    body: str
    fence: str


@lru_cache(maxsize=1)
def _parser():
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    return create_md_parser(MdParserConfig(enable_extensions=set(EXTENSIONS)), RendererHTML)


def _closed(lines: list[str], end: int, fence: str) -> bool:
    if end == 0 or end > len(lines):
        return False
    last = lines[end - 1].strip()
    return len(last) >= len(fence) and set(last) == {fence[0]}


def directives(text: str, names: set[str] | tuple[str, ...] | None = None,
               where: str = "text") -> list[Directive]:
    """The directives of MyST ``text`` in order (outermost only: a directive's body is its own).

    ``names`` keeps only directives of those names. Raises :class:`MystError` naming ``where`` and
    the line of a directive that is never closed.
    """
    lines = text.splitlines()
    found = []
    for token in _parser().parse(text):
        if token.type not in ("fence", "colon_fence") or token.map is None:
            continue
        match = _NAME.match(token.info.strip())
        if not match or (names is not None and match["name"] not in names):
            continue
        start, end = token.map
        if not _closed(lines, end, token.markup) or end - start < 2:
            raise MystError(f"{where}, line {start + 1}: the {{{match['name']}}} directive opened here "
                            f"is never closed with {token.markup}")
        found.append(Directive(match["name"], match["argument"].strip(), start, end, token.content,
                               token.markup))
    return found


def strip_directives(text: str, names: set[str] | tuple[str, ...],
                     where: str = "text") -> tuple[str, int]:
    """``text`` without the directives named ``names``; returns the text and how many went."""
    found = directives(text, names, where)
    if not found:
        return text, 0
    lines = text.splitlines(keepends=True)
    drop = set()
    for d in found:
        drop.update(range(d.start, d.end))
    return "".join(line for i, line in enumerate(lines) if i not in drop), len(found)


def read_notebook(path: str | Path) -> nbformat.NotebookNode:
    """A notebook, read and checked by :mod:`nbformat` (version 4)."""
    return nbformat.read(str(path), as_version=4)


def cell_sources(nb: nbformat.NotebookNode | str | Path, cell_type: str | None = None) -> list[str]:
    """The source of every cell of ``nb`` (a notebook or its path), optionally of one type."""
    if not isinstance(nb, dict):
        nb = read_notebook(nb)
    return [cell.source if isinstance(cell.source, str) else "".join(cell.source)
            for cell in nb.cells if cell_type is None or cell.cell_type == cell_type]


def markdown_of(nb: nbformat.NotebookNode | str | Path) -> str:
    """All Markdown cells of a notebook, joined by blank lines."""
    return "\n\n".join(cell_sources(nb, "markdown"))
