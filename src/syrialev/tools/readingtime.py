"""Reading times computed from the chapters' own text.

A chapter's reading load is the prose of its Markdown cells: code, cell outputs, directive options
(``:label: ...``), citations and mathematics are left out, and the worked solutions are counted
apart because students may read them or not. Minutes are words divided by a reading rate; the
default, 200 words a minute, is an assumption for careful reading of argued prose with figures,
not a measured rate: pass your own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from .edition import strip_solutions

__all__ = ["WORDS_PER_MINUTE", "prose", "count_words", "notebook_text", "chapter_load", "table",
           "markdown"]

#: Assumed rate of careful reading, in words a minute.
WORDS_PER_MINUTE = 200

_OPTION = re.compile(r"^\s*:[\w-]+:.*$", re.M)
_DIRECTIVE = re.compile(r"^\s*(`{3,}|:{3,})(\{[^}]*\}[^\n]*)?\s*$", re.M)
_CITE = re.compile(r"\{cite(:[a-z]+)?\}`[^`]*`")
_ROLE = re.compile(r"\{[a-z:]+\}`(?:([^`<]*?)\s*<[^`>]*>|([^`]*))`")
_MATH_BLOCK = re.compile(r"\$\$.*?\$\$", re.S)
_MATH = re.compile(r"\$[^$\n]+\$")
_HTML = re.compile(r"<!--.*?-->|<[^>]+>", re.S)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’.-][A-Za-z0-9\u00C0-\u024F]+)*")


def _drop_code(text: str) -> str:
    """Remove code blocks; keep the bodies of directives (admonitions, exercises...), not their fences."""
    out, stack, code = [], [], None
    for line in text.splitlines():
        s = line.strip()
        m = re.match(r"^(`{3,}|~{3,}|:{3,})(.*)$", s)
        if code:
            if s == code:
                code = None
            continue
        if m:
            fence, rest = m.groups()
            if rest.startswith("{"):
                stack.append(fence)
                continue
            if stack and rest.strip() == "" and fence == stack[-1]:
                stack.pop()
                continue
            if fence[0] != ":":
                code = fence
                continue
        out.append(line)
    return "\n".join(out)


def prose(text: str) -> str:
    """MyST Markdown reduced to the words a reader reads."""
    text = _drop_code(text)
    text = _MATH_BLOCK.sub(" ", text)
    text = _OPTION.sub("", text)
    text = _DIRECTIVE.sub("", text)
    text = _CITE.sub("", text)
    text = _ROLE.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _MATH.sub(" ", text)
    text = _HTML.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    return text


def count_words(text: str) -> int:
    """Words of prose in MyST text."""
    return len(_WORD.findall(prose(text)))


def notebook_text(path: Path) -> str:
    """The Markdown cells of a notebook, joined."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    parts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            src = cell["source"]
            parts.append("".join(src) if isinstance(src, list) else src)
    return "\n\n".join(parts)


def chapter_load(path: Path, wpm: float = WORDS_PER_MINUTE) -> dict:
    """Words and minutes of one chapter (a notebook or a Markdown page)."""
    if wpm <= 0:
        raise ValueError(f"the reading rate must be positive, not {wpm}")
    path = Path(path)
    text = notebook_text(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
    without, _ = strip_solutions(text)
    total = count_words(text)
    main = count_words(without)
    title = next((line[2:].strip() for line in text.splitlines() if line.startswith("# ")), path.stem)
    return {
        "chapter": title,
        "file": path.name,
        "words": main,
        "solution_words": total - main,
        "exercises": len(re.findall(r"\{exercise\}", text)),
        "minutes": round(main / wpm),
        "minutes_with_solutions": round(total / wpm),
    }


def table(chapters_dir: Path, wpm: float = WORDS_PER_MINUTE, pattern: str = "[0-9]*.ipynb") -> pd.DataFrame:
    """One row per chapter (files matching ``pattern``, in name order), with a total row."""
    rows = [chapter_load(p, wpm) for p in sorted(Path(chapters_dir).glob(pattern))]
    if not rows:
        raise FileNotFoundError(f"no chapters matching {pattern} in {chapters_dir}")
    frame = pd.DataFrame(rows)
    total = {"chapter": "All chapters", "file": "",
             **{c: int(frame[c].sum()) for c in ("words", "solution_words", "exercises")}}
    total["minutes"] = round(total["words"] / wpm)
    total["minutes_with_solutions"] = round((total["words"] + total["solution_words"]) / wpm)
    return pd.concat([frame, pd.DataFrame([total])], ignore_index=True)


def markdown(frame: pd.DataFrame) -> str:
    """The reading-time table as Markdown (chapter, words, minutes, with solutions, exercises)."""
    lines = ["| Chapter | Words | Minutes | With solutions | Exercises |", "|---|---:|---:|---:|---:|"]
    for r in frame.itertuples():
        name = f"**{r.chapter}**" if not r.file else r.chapter
        lines.append(f"| {name} | {r.words:,} | {r.minutes} | {r.minutes_with_solutions} | {r.exercises} |")
    return "\n".join(lines)
