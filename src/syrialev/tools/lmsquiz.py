"""The concept quiz for a learning-management system: QTI for Canvas and GIFT for Moodle.

One source: the items and their choices are read from ``coursework/quiz.md`` (the page students
see), the keys and the reasons from the table in ``instructors/quiz_key.md``. From them:

- ``concept-quiz.txt``: the quiz in text2qti's plain-text format, and ``concept-quiz-qti.zip``, the
  QTI package text2qti makes from it (Canvas: Settings > Import Course Content > QTI .zip file);
- ``concept-quiz.gift``: the same items in Moodle's GIFT format (Question bank > Import > GIFT),
  each right answer with its reason as feedback.

``python -m syrialev.tools.lmsquiz --out _build/lms`` writes all three. A malformed item (no choices,
choices out of order, a key that is not one of its choices, MyST markup an LMS cannot show) is a
:class:`QuizError` naming the file and line.
"""

from __future__ import annotations

import argparse
import html
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = ["QuizError", "Item", "parse_items", "parse_keys", "load", "to_text2qti", "to_qti_zip",
           "to_gift", "write_all", "QUIZ", "KEY", "main"]

QUIZ = Path("coursework") / "quiz.md"
KEY = Path("instructors") / "quiz_key.md"
TITLE = "Leverage over Moscow? Concept quiz"
DESCRIPTION = ("Ten questions on the ideas the book uses. Take it before the first chapter and again "
               "after the last chapter or the role-play, and compare.")

_ITEM = re.compile(r"^(?P<num>\d+)\.\s+(?P<text>.*)$")
_CHOICE = re.compile(r"(?<![\w(])\((?P<letter>[a-z])\)\s+")
_KEY_ROW = re.compile(r"^\|\s*(?P<num>\d+)\s*\|\s*\((?P<letter>[a-z])\)\s*\|(?P<rest>.*)\|\s*$")
#: MyST that an LMS would show raw: roles, directives, targets, substitutions, math.
_MYST = re.compile(r"\{[a-z:-]+\}`|^\s*(```|:::)|\(\w[\w-]*\)=|\{\{|\$")


class QuizError(ValueError):
    """A quiz item or key that cannot be exported; the message names the file and line."""


@dataclass(frozen=True)
class Item:
    number: int
    stem: str
    choices: tuple  # ((letter, text), ...)
    key: str = ""
    why: str = ""
    line: int = 0

    @property
    def answer(self) -> str:
        return dict(self.choices)[self.key]


def _check_markup(text: str, where: str) -> None:
    m = _MYST.search(text)
    if m:
        raise QuizError(f"{where}: MyST markup {m.group(0)!r} in a quiz item; an LMS would show it "
                        "raw (write plain text, *emphasis* at most)")


def parse_items(text: str, source: str = str(QUIZ)) -> list[Item]:
    """The numbered items of the quiz page, each with its stem and lettered choices."""
    blocks, current = [], None
    for lineno, line in enumerate(text.splitlines(), start=1):
        m = _ITEM.match(line)
        if m:
            current = [int(m.group("num")), lineno, [m.group("text")]]
            blocks.append(current)
        elif current is not None:
            if line.strip() and not line.startswith((" ", "\t")):
                current = None  # prose after the list ends the item
            elif line.strip():
                current[2].append(line.strip())
    if not blocks:
        raise QuizError(f"{source}: no numbered quiz item ('1. ...') found")
    items = []
    for expected, (num, lineno, parts) in enumerate(blocks, start=1):
        where = f"{source}, line {lineno}"
        if num != expected:
            raise QuizError(f"{where}: item numbered {num}, expected {expected}")
        body = " ".join(parts)
        _check_markup(body, where)
        pieces = _CHOICE.split(body)
        stem = pieces[0].strip()
        raw = [p.strip() for p in pieces[2::2]]
        # a list of choices written as a sentence: "(a) ...; (b) ...; (c) ... ." ends its last choice
        # with a full stop that belongs to the sentence
        if len(raw) > 1 and all(r.endswith(";") for r in raw[:-1]) and raw[-1].endswith("."):
            raw[-1] = raw[-1][:-1]
        letters, texts = pieces[1::2], [r.rstrip(";").strip() for r in raw]
        if not stem:
            raise QuizError(f"{where}: item {num} has no question before its choices")
        if len(letters) < 2:
            raise QuizError(f"{where}: item {num} has {len(letters)} choice(s); write at least two as "
                            "(a) ... (b) ...")
        wanted = [chr(ord("a") + i) for i in range(len(letters))]
        if letters != wanted:
            raise QuizError(f"{where}: item {num}'s choices are ({')('.join(letters)}), expected "
                            f"({')('.join(wanted)})")
        for letter, choice in zip(letters, texts):
            if not choice:
                raise QuizError(f"{where}: item {num}, choice ({letter}) is empty")
        items.append(Item(num, stem, tuple(zip(letters, texts)), line=lineno))
    return items


def parse_keys(text: str, source: str = str(KEY)) -> dict[int, tuple[str, str, int]]:
    """The key table: item number -> (letter, reason, line)."""
    keys = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        m = _KEY_ROW.match(line)
        if not m:
            continue
        num = int(m.group("num"))
        if num in keys:
            raise QuizError(f"{source}, line {lineno}: a second key for item {num} "
                            f"(the first is on line {keys[num][2]})")
        why = m.group("rest").split("|")[0].strip()
        keys[num] = (m.group("letter"), why, lineno)
    return keys


def load(root: Path) -> list[Item]:
    """The quiz's items with their keys, from ``coursework/quiz.md`` and ``instructors/quiz_key.md``."""
    root = Path(root)
    items = parse_items((root / QUIZ).read_text(encoding="utf-8"), str(QUIZ))
    keys = parse_keys((root / KEY).read_text(encoding="utf-8"), str(KEY))
    out = []
    for item in items:
        if item.number not in keys:
            raise QuizError(f"{QUIZ}, line {item.line}: item {item.number} has no key in {KEY}")
        letter, why, kline = keys[item.number]
        if letter not in dict(item.choices):
            raise QuizError(f"{KEY}, line {kline}: the key of item {item.number} is ({letter}), "
                            f"which is not one of its choices")
        out.append(Item(item.number, item.stem, item.choices, letter, why, item.line))
    extra = sorted(set(keys) - {i.number for i in items})
    if extra:
        raise QuizError(f"{KEY}, line {keys[extra[0]][2]}: a key for item {extra[0]}, which the quiz "
                        "does not have")
    return out


# ----------------------------------------------------------------------------- text2qti and QTI


def to_text2qti(items: list[Item]) -> str:
    """The quiz in text2qti's plain-text format (Markdown in the texts, as on the quiz page)."""
    lines = [f"Quiz title: {TITLE}", f"Quiz description: {DESCRIPTION}", "Shuffle answers: false",
             "Show correct answers: true", ""]
    for item in items:
        lines += [f"Title: Item {item.number}", "Points: 1", f"{item.number}.  {item.stem}"]
        for letter, text in item.choices:
            mark = "*" if letter == item.key else ""
            lines.append(f"{mark}{letter})  {text}")
            if letter == item.key and item.why:  # feedback on the right choice: why it is right
                lines.append(f"... {item.why}")
        lines.append("")
    return "\n".join(lines)


def to_qti_zip(items: list[Item]) -> bytes:
    """The QTI package (a zip) that text2qti makes for Canvas."""
    from text2qti.config import Config
    from text2qti.err import Text2qtiError
    from text2qti.qti import QTI
    from text2qti.quiz import Quiz

    try:
        quiz = Quiz(to_text2qti(items), config=Config(), source_name="concept-quiz.txt")
    except Text2qtiError as exc:  # pragma: no cover - the items were checked above
        raise QuizError(f"text2qti rejected the quiz: {exc}") from None
    return QTI(quiz).zip_bytes()


# ----------------------------------------------------------------------------- GIFT


def _gift_escape(text: str) -> str:
    return re.sub(r"([~=#{}:\\])", r"\\\1", text)


def _html(text: str) -> str:
    """Plain text with *emphasis* as HTML."""
    escaped = html.escape(text, quote=False)
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", escaped)


def to_gift(items: list[Item]) -> str:
    """The quiz in Moodle's GIFT format: one multiple-choice question per item, HTML text."""
    out = [f"// {TITLE}", "// Generated from coursework/quiz.md and instructors/quiz_key.md.", "",
           "$CATEGORY: $course$/Leverage over Moscow/Concept quiz", ""]
    for item in items:
        out.append(f"::Item {item.number}::[html]{_gift_escape(_html(item.stem))} {{")
        for letter, text in item.choices:
            if letter == item.key:
                feedback = f"#{_gift_escape(_html(item.why))}" if item.why else ""
                out.append(f"\t={_gift_escape(_html(text))}{feedback}")
            else:
                out.append(f"\t~{_gift_escape(_html(text))}")
        out += ["}", ""]
    return "\n".join(out)


def write_all(root: Path, out: Path) -> dict[str, Path]:
    """Write the text2qti source, the QTI zip and the GIFT file into ``out``."""
    items = load(root)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"text2qti": out / "concept-quiz.txt", "qti": out / "concept-quiz-qti.zip",
             "gift": out / "concept-quiz.gift"}
    paths["text2qti"].write_text(to_text2qti(items), encoding="utf-8")
    paths["qti"].write_bytes(to_qti_zip(items))
    paths["gift"].write_text(to_gift(items), encoding="utf-8")
    return paths


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m syrialev.tools.lmsquiz")
    ap.add_argument("--root", default=".")
    ap.add_argument("--out", default="_build/lms")
    args = ap.parse_args(argv)
    try:
        paths = write_all(Path(args.root).resolve(), Path(args.out))
    except QuizError as exc:
        raise SystemExit(f"error: {exc}") from None
    for path in paths.values():
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
