"""Rubrics as files: ``coursework/rubrics/*.csv``, with point weights, read by the book and an LMS.

A rubric file has one row per criterion::

    criterion,weight,Excellent (4),Good (3),Developing (2),Insufficient (1)
    Recommendation,20,One clear option...,Clear option...,Option vague...,No recommendation

- ``weight``: the points the criterion is worth (the memo's weights add up to 100);
- each further column is a level, named with its score in brackets, best first; a level earns
  ``weight * score / top score`` points (Good on a criterion of weight 20 earns 15).

The book's tables are made from these files (``{rubric-table}`` directive, ``_ext/rubric_table.py``),
so the page and the file cannot disagree. ``python -m syrialev.tools.rubrics --out DIR`` writes, for
each rubric, one row per criterion and level (rubric, criterion, criterion points, level, level
points, descriptor): the layout LMS rubric importers and spreadsheets read. A malformed file (a row
without a weight, a level without a descriptor, a header without scores) is a :class:`RubricError`
naming the file and line.
"""

from __future__ import annotations

import argparse
import csv
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["RubricError", "Criterion", "Rubric", "load", "table_rows", "lms_rows", "write_lms",
           "RUBRICS", "main"]

#: The rubrics the book ships, by name (``coursework/rubrics/<name>.csv``).
RUBRICS = ("memo", "participation")
_LEVEL = re.compile(r"^\s*(?P<name>.+?)\s*\(\s*(?P<score>\d+(?:\.\d+)?)\s*\)\s*$")


class RubricError(ValueError):
    """A rubric file that cannot be read; the message names the file and the line."""


@dataclass(frozen=True)
class Criterion:
    name: str
    weight: float
    descriptors: tuple  # one per level, best first
    line: int


@dataclass(frozen=True)
class Rubric:
    name: str
    levels: tuple  # ((name, score), ...), best first
    criteria: tuple

    @property
    def total(self) -> float:
        """Points of the whole rubric (the sum of the weights)."""
        return sum(c.weight for c in self.criteria)

    @property
    def top(self) -> float:
        return self.levels[0][1]

    def points(self, criterion: str, level: str) -> float:
        """Points that ``level`` earns on ``criterion``."""
        crit = next((c for c in self.criteria if c.name == criterion), None)
        if crit is None:
            raise KeyError(f"rubric {self.name!r} has no criterion {criterion!r}")
        score = dict(self.levels).get(level)
        if score is None:
            raise KeyError(f"rubric {self.name!r} has no level {level!r}")
        return crit.weight * score / self.top

    def score(self, marks: dict) -> float:
        """Total points for ``marks`` = {criterion: level}; every criterion must be marked."""
        missing = [c.name for c in self.criteria if c.name not in marks]
        if missing:
            raise KeyError(f"rubric {self.name!r}: no level given for {', '.join(missing)}")
        return sum(self.points(c, lvl) for c, lvl in marks.items())


def _number(text: str):
    try:
        return float(text)
    except ValueError:
        return None


def load(path) -> Rubric:
    """Read and check one rubric file."""
    path = Path(path)
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RubricError(f"{where}: cannot read the rubric ({exc.strerror})") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows:
        raise RubricError(f"{where}: the file is empty; line 1 must be the header")
    header = [h.strip() for h in rows[0]]
    if header[:2] != ["criterion", "weight"] or len(header) < 4:
        raise RubricError(f"{where}, line 1: the header must be 'criterion,weight' and at least two "
                          f"levels such as 'Excellent (4)'; it is {','.join(header)!r}")
    levels = []
    for col in header[2:]:
        m = _LEVEL.match(col)
        if not m:
            raise RubricError(f"{where}, line 1: level column {col!r} has no score; write it as "
                              "'Name (score)', e.g. 'Good (3)'")
        levels.append((m.group("name"), float(m.group("score"))))
    scores = [s for _, s in levels]
    if any(a <= b for a, b in zip(scores, scores[1:])) or scores[-1] < 0:
        raise RubricError(f"{where}, line 1: level scores must fall from best to worst and not be "
                          f"negative; they are {scores}")
    criteria, seen = [], set()
    for lineno, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = [c.strip() for c in row]
        if len(cells) != len(header):
            raise RubricError(f"{where}, line {lineno}: {len(cells)} fields, the header has "
                              f"{len(header)} (a descriptor with a comma needs quotes)")
        name, weight = cells[0], cells[1]
        if not name:
            raise RubricError(f"{where}, line {lineno}: the criterion has no name")
        if not weight:
            raise RubricError(f"{where}, line {lineno}: criterion {name!r} has no weight")
        value = _number(weight)
        if value is None or value <= 0:
            raise RubricError(f"{where}, line {lineno}: criterion {name!r} has weight {weight!r}; "
                              "a weight is a positive number of points")
        if name in seen:
            raise RubricError(f"{where}, line {lineno}: criterion {name!r} appears twice")
        seen.add(name)
        for (level, _), desc in zip(levels, cells[2:]):
            if not desc:
                raise RubricError(f"{where}, line {lineno}: criterion {name!r} has no descriptor "
                                  f"for level {level!r}")
        criteria.append(Criterion(name, value, tuple(cells[2:]), lineno))
    if not criteria:
        raise RubricError(f"{where}: no criterion after the header")
    return Rubric(path.stem, tuple(levels), tuple(criteria))


def _fmt(x: float) -> str:
    return f"{x:g}"


def table_rows(rubric: Rubric) -> tuple[list[str], list[list[str]]]:
    """The book's table: header and rows, each level cell with the points it earns."""
    header = ["Criterion (points)"] + [f"{name} ({_fmt(score)})" for name, score in rubric.levels]
    rows = []
    for c in rubric.criteria:
        cells = [f"{c.name} ({_fmt(c.weight)})"]
        for (_, score), desc in zip(rubric.levels, c.descriptors):
            cells.append(f"{desc} [{_fmt(c.weight * score / rubric.top)}]")
        rows.append(cells)
    return header, rows


LMS_HEADER = ["rubric", "criterion", "criterion_points", "level", "level_points", "descriptor"]


def lms_rows(rubric: Rubric, title: str | None = None) -> list[list[str]]:
    """One row per criterion and level, best level first."""
    title = title or rubric.name
    out = []
    for c in rubric.criteria:
        for (level, score), desc in zip(rubric.levels, c.descriptors):
            out.append([title, c.name, _fmt(c.weight), level, _fmt(c.weight * score / rubric.top), desc])
    return out


def write_lms(root: Path, out: Path) -> list[Path]:
    """Write ``<out>/<name>-rubric.csv`` for every rubric of the book."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in RUBRICS:
        rubric = load(root / "coursework" / "rubrics" / f"{name}.csv")
        target = out / f"{name}-rubric.csv"
        with target.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(LMS_HEADER)
            w.writerows(lms_rows(rubric))
        written.append(target)
    return written


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m syrialev.tools.rubrics")
    ap.add_argument("--root", default=".")
    ap.add_argument("--out", default="_build/lms")
    args = ap.parse_args(argv)
    for path in write_lms(Path(args.root).resolve(), Path(args.out)):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
