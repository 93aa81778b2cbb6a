"""Reading times: one counter over the text a reader sees in the built page.

The book's extension ``_ext/book_path.py`` calls :func:`doctree_load` on every page once Sphinx has
read it (the notebooks executed, their outputs in place). The counter walks the page's text and
leaves out what a reader does not read as prose:

- code (``literal_block``: code cells, code blocks, plain-text outputs), raw HTML and formulas;
- citations (``{cite:p}`` references; the bibliography page is counted as it shows);
- comments and build messages;
- images, and with them their alt text (an attribute, never a text node).

Worked solutions are counted apart, because students may read them or not. The same numbers go
into the header of every page ("12 min read"), the planning table, the landing page's chapter map
and the short edition's lesson plan, so they cannot disagree.

Minutes are words divided by a reading rate; the default, 200 words a minute, is an assumption for
careful reading of argued prose with figures, not a measured rate.
"""

from __future__ import annotations

import re

from docutils import nodes

__all__ = ["WORDS_PER_MINUTE", "WORD", "words_in", "doctree_load", "minutes", "is_solution",
           "is_exercise"]

#: Assumed rate of careful reading, in words a minute.
WORDS_PER_MINUTE = 200

#: A word: letters or digits, with inner apostrophes, points or hyphens ("don't", "1.5", "Iran-led").
WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’.-][A-Za-z0-9\u00C0-\u024F]+)*")

#: Node types whose text is not read as prose.
SKIPPED = (nodes.literal_block, nodes.raw, nodes.math, nodes.math_block, nodes.comment,
           nodes.system_message, nodes.image, nodes.doctest_block)


def words_in(text: str) -> int:
    """Words in a piece of plain text."""
    return len(WORD.findall(text))


def is_solution(node: nodes.Node) -> bool:
    """A worked solution (sphinx-exercise's ``solution`` node, or anything classed ``solution``)."""
    if type(node).__name__ in ("solution_node", "solution_start_node"):
        return True
    return isinstance(node, nodes.Element) and "solution" in node.get("classes", [])


def is_exercise(node: nodes.Node) -> bool:
    """An exercise (sphinx-exercise's ``exercise`` node, numbered or not)."""
    return type(node).__name__ in ("exercise_node", "exercise_enumerable_node")


def _is_citation(node: nodes.Node) -> bool:
    if not isinstance(node, nodes.Element):
        return False
    if node.tagname == "pending_xref" and node.get("refdomain") == "cite":
        return True
    # resolved citations (sphinxcontrib-bibtex) and docutils' own citation references
    return isinstance(node, nodes.citation_reference)


def doctree_load(doctree: nodes.Node) -> dict:
    """Words of prose, words of solutions and the exercises of one page's doctree.

    Returns ``{"words": int, "solution_words": int, "exercises": [label, ...],
    "kernel_exercises": [label, ...]}``; an exercise classed ``needs-kernel`` is one that needs a
    running notebook.
    """
    counts = {"words": 0, "solution_words": 0, "exercises": [], "kernel_exercises": []}

    def walk(node: nodes.Node, in_solution: bool) -> None:
        if isinstance(node, SKIPPED) or _is_citation(node):
            return
        if isinstance(node, nodes.Text):
            counts["solution_words" if in_solution else "words"] += words_in(node.astext())
            return
        if is_exercise(node):
            label = node.get("label") or ""
            counts["exercises"].append(label)
            if "needs-kernel" in node.get("classes", []):
                counts["kernel_exercises"].append(label)
        in_solution = in_solution or is_solution(node)
        for child in node.children:
            walk(child, in_solution)

    walk(doctree, False)
    return counts


def minutes(words: int, wpm: float = WORDS_PER_MINUTE) -> int:
    """Minutes to read ``words`` at ``wpm`` words a minute, rounded, and at least 1 for any text."""
    if wpm <= 0:
        raise ValueError(f"the reading rate must be positive, not {wpm}")
    if words < 0:
        raise ValueError(f"a number of words cannot be negative, not {words}")
    return max(1, round(words / wpm)) if words else 0
