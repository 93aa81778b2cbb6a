"""The role-play's facts, and the rule "only what could be known on 10 April 2017", as checks.

The role-play is set on Monday 10 April 2017. Every fact that its pages state is a row of
``data/roleplay_facts.csv`` with the day (or month) it became public. A page marks which facts a
paragraph or list item states with an HTML comment that readers never see::

    On 9 April the UN Ambassador said ... {cite:p}`thehill2017haley` <!-- facts: haley_tv -->

:func:`check_pages` then enforces three rules:

1. every fact named in a marker exists;
2. every source a block cites is a source of one of the facts it marks (scholarly works, the essay
   itself and the simulation's model are exempt: they are arguments, not facts of the week);
3. on a page set *before* the debrief (the briefing, the role cards, the short edition's cards), a
   block that uses a fact learned later must say so with *Later* in its text;
4. a role card (``:::{div} role-card``) is handed to a student before the meeting, so no text on
   it may use a fact learned later, marked or not: such facts go to the debrief.

:func:`anachronisms` is the table-level rule: a fact whose date is after the cutoff must be marked
``learned_later``. A month-precise date counts by its last day, so "2017-04" is after 10 April.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import data

__all__ = ["CUTOFF", "PAGES", "load_facts", "period_end", "anachronisms", "mislabelled",
           "Block", "blocks", "card_spans", "card_blocks", "bib_entry_types", "check_page",
           "check_pages", "procedure", "card_durations", "minutes_in"]

#: The day on which the role-play is set.
CUTOFF = pd.Timestamp("2017-04-10")

#: The pages that state facts, relative to the repository, and whether they are read before the
#: decision ("before": learned-later facts only in blocks marked *Later*) or after it ("after").
PAGES = {
    "coursework/roleplay.md": "before",
    "coursework/role_cards.md": "before",
    "short/mini_roleplay.md": "before",
    "short/reading.md": "after",
    "instructors/roleplay_guide.md": "after",
    "instructors/what_happened.md": "after",
}

#: Cited works that are arguments or methods rather than facts of the week.
EXEMPT_KEYS = {"essay2017", "essay2017atlantic", "cfr2016modeldiplomacy"}
SCHOLARLY_TYPES = {"book", "article", "incollection", "inproceedings", "phdthesis", "techreport"}

_MARKER = re.compile(r"<!--\s*facts?:\s*([a-z0-9_,\s]+?)\s*-->")
_CITE = re.compile(r"\{cite:[a-z]+\}`([^`]+)`")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")


def load_facts(directory: Path | None = None) -> pd.DataFrame:
    """The validated facts table, indexed by ``fact_id``."""
    return data.load("roleplay_facts", directory).set_index("fact_id", drop=False)


def period_end(date: str, precision: str) -> pd.Timestamp:
    """The last day a date of the given precision can mean (``'2017-04'`` -> 30 April 2017)."""
    start = data.event_start(date, precision)
    if precision == "day":
        return start
    if precision == "month":
        return start + pd.offsets.MonthEnd(0)
    return start + pd.offsets.YearEnd(0)


def anachronisms(facts: pd.DataFrame, cutoff: pd.Timestamp = CUTOFF) -> list[str]:
    """Facts public after ``cutoff`` that are not marked as learned later."""
    return [r.fact_id for r in facts.itertuples()
            if period_end(r.public_date, r.date_precision) > cutoff and r.learned_later != "yes"]


def mislabelled(facts: pd.DataFrame, cutoff: pd.Timestamp = CUTOFF) -> list[str]:
    """Facts marked as learned later although they were public by ``cutoff``."""
    return [r.fact_id for r in facts.itertuples()
            if period_end(r.public_date, r.date_precision) <= cutoff and r.learned_later == "yes"]


@dataclass(frozen=True)
class Block:
    """A paragraph or list item of a Markdown page, with the line it starts on, and the title of
    the role card it is on (``None`` outside a card)."""

    line: int
    text: str
    card: str | None = None

    @property
    def facts(self) -> list[str]:
        found = []
        for group in _MARKER.findall(self.text):
            found += [f for f in re.split(r"[,\s]+", group) if f]
        return found

    @property
    def cited(self) -> list[str]:
        keys = []
        for group in _CITE.findall(self.text):
            keys += [k.strip() for k in group.split(",") if k.strip()]
        return keys


def blocks(text: str) -> list[Block]:
    """Split MyST text into paragraphs and list items (code fences are skipped)."""
    out, current, start, fence, directives = [], [], 0, None, 0
    for i, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if fence:
            if stripped == fence:
                fence = None
            continue
        if stripped.startswith("```"):
            if "{" in stripped:
                directives += 1  # a directive's body is prose: keep reading it
            elif directives and stripped.strip("`") == "":
                directives -= 1
            else:
                fence = stripped[: len(stripped) - len(stripped.lstrip("`"))]
                continue
        new_item = bool(_ITEM.match(line))
        if not stripped or new_item or stripped.startswith(("#", ":::", "```", "|")):
            if current:
                out.append(Block(start, "\n".join(current)))
            current = []
            if not stripped or stripped.startswith(("#", ":::", "```")):
                continue
            if stripped.startswith("|"):
                out.append(Block(i, line))
                continue
        if not current:
            start = i
        current.append(line)
    if current:
        out.append(Block(start, "\n".join(current)))
    return out


def bib_entry_types(root: Path) -> dict[str, str]:
    """``{key: entry type}`` over references.bib and bib/*.bib."""
    types = {}
    for path in [root / "references.bib", *sorted((root / "bib").glob("*.bib"))]:
        for kind, key in re.findall(r"@(\w+)\s*\{\s*([^,\s]+)\s*,", path.read_text(encoding="utf-8")):
            types[key] = kind.lower()
    return types


def card_spans(text: str) -> list[tuple[int, int, str]]:
    """``(first line, last line, title)`` of every role card (``:::{div} role-card``) of a page."""
    spans, start, title = [], None, ""
    for i, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if start is None and stripped.startswith(":::{div}") and "role-card" in stripped:
            start, title = i, ""
        elif start is not None and not title and stripped.startswith("## "):
            title = stripped[3:].strip()
        elif start is not None and stripped == ":::":
            spans.append((start, i, title))
            start = None
    if start is not None:
        raise ValueError(f"the role card opened at line {start} ({title or 'no title'}) is never closed")
    return spans


def card_blocks(text: str) -> list[Block]:
    """The blocks of a page, each knowing the role card it is on."""
    spans = card_spans(text)
    out = []
    for b in blocks(text):
        card = next((t for lo, hi, t in spans if lo <= b.line <= hi), None)
        out.append(Block(b.line, b.text, card))
    return out


def check_page(path: Path, mode: str, facts: pd.DataFrame, types: dict[str, str],
               shown: str | None = None) -> list[str]:
    """Problems on one page, each naming the file and line."""
    shown = shown or str(path)
    problems = []
    for block in card_blocks(path.read_text(encoding="utf-8")):
        where = f"{shown}, line {block.line}"
        marked = block.facts
        unknown = [f for f in marked if f not in facts.index]
        if unknown:
            problems.append(f"{where}: unknown fact(s) {', '.join(unknown)}")
        known = [f for f in marked if f in facts.index]
        sources = set()
        for f in known:
            sources |= set(str(facts.loc[f, "source"]).split(";"))
        for key in block.cited:
            if key in EXEMPT_KEYS or types.get(key) in SCHOLARLY_TYPES:
                continue
            if key not in types:
                problems.append(f"{where}: cites {key}, which is in no bibliography")
            elif key not in sources:
                problems.append(f"{where}: cites {key} but marks no fact with that source"
                                + (f" (marked: {', '.join(marked)})" if marked else ""))
        if mode == "before":
            late = [f for f in known if facts.loc[f, "learned_later"] == "yes"]
            if late and block.card is not None:
                problems.append(f"{where}: the card {block.card!r} states {', '.join(late)}, learned "
                                "after 10 April 2017; a card is handed out before the meeting, so "
                                "this belongs to the debrief")
            elif late and "*Later" not in block.text:
                problems.append(f"{where}: states {', '.join(late)}, learned after 10 April 2017, "
                                "without marking it *Later*")
    return problems


def check_pages(root: Path, pages: dict[str, str] | None = None) -> list[str]:
    """Run :func:`check_page` over every page that exists; return all problems."""
    root = Path(root)
    facts = load_facts(root / "data")
    types = bib_entry_types(root)
    problems = []
    for rel, mode in (pages or PAGES).items():
        path = root / rel
        if path.is_file():
            problems += check_page(path, mode, facts, types, rel)
    return problems


def used_facts(root: Path, pages: dict[str, str] | None = None) -> set[str]:
    """Fact ids that the pages mark."""
    root = Path(root)
    found = set()
    for rel in (pages or PAGES):
        path = root / rel
        if path.is_file():
            for block in blocks(path.read_text(encoding="utf-8")):
                found |= set(block.facts)
    return found


# ----------------------------------------------------------------------------- clocks

_NUMBER_WORDS = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six",
                                              "seven", "eight", "nine", "ten", "eleven", "twelve"])}
_STEP = re.compile(r"^\s*\d+\.\s+\*\*(?P<name>[^*]+)\*\*\s*\((?P<min>\d+) min\)", re.M)
_DURATION = re.compile(r"\b(?P<n>\d+|" + "|".join(_NUMBER_WORDS) + r")[ -](?:minutes?|min)\b", re.I)


def procedure(text: str, heading: str) -> dict[str, int]:
    """``{step: minutes}`` of the numbered list under ``heading`` (steps written
    ``1. **Name** (N min)``); steps without a duration are left out."""
    if heading not in text:
        raise ValueError(f"no section {heading!r}")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    return {m.group("name").strip(): int(m.group("min")) for m in _STEP.finditer(section)}


def minutes_in(phrase: str) -> list[int]:
    """The durations a piece of text states ("five minutes", "(5 min)", "one-minute")."""
    out = []
    for m in _DURATION.finditer(phrase):
        n = m.group("n").lower()
        out.append(int(n) if n.isdigit() else _NUMBER_WORDS[n])
    return out


def card_durations(text: str) -> dict[str, list[int]]:
    """``{card title: [durations stated on it]}`` for every role card of a page."""
    lines = text.splitlines()
    return {title: minutes_in("\n".join(lines[lo - 1:hi])) for lo, hi, title in card_spans(text)}
