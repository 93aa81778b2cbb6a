"""Self-checks: students check a numeric or categorical answer from inside a notebook.

Answers are stored only as salted SHA-256 digests in ``selfcheck_answers.json`` beside this
module, so the student edition can carry the checks without showing the answers in its source.

- A **categorical** answer is normalised (case, accents, spaces, punctuation; letters of any
  script are kept) before hashing; several accepted spellings may be stored. A key that normalises
  to nothing (only punctuation, say) is refused.
- A **numeric** key with tolerance ``tol`` is stored as the digest of its position on a grid of
  step ``tol / 50``; the check hashes every grid point within ``tol`` of the answer, so an answer
  is accepted when it lies within ``tol`` of the key (to a fiftieth of ``tol``, the grid's
  rounding), on either side alike.

Instructors add or change an answer with
``python -m syrialev.selfcheck add LABEL ANSWER [--numeric --tol 0.01] [--hint TEXT]``.
Hashing hides answers from a casual look, not from a determined search over a small answer
space (a categorical answer among a few options can be guessed by trying them): use self-checks
for practice, never for grading.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ANSWERS_FILE", "Feedback", "check", "normalise", "digest", "add_answer", "labels"]

ANSWERS_FILE = Path(__file__).with_name("selfcheck_answers.json")
_SALT = "syrialev-selfcheck-v1"


# Grid points per tolerance: a numeric key is rounded to tol / _GRID.
_GRID = 50


def normalise(text: str) -> str:
    """Case folded, accents and punctuation removed, runs of spaces collapsed; any script kept."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[\W_]+", " ", text)
    return text.strip()


def digest(label: str, token: str) -> str:
    return hashlib.sha256(f"{_SALT}|{label}|{token}".encode()).hexdigest()


def _grid_token(index: int) -> str:
    return f"g:{index}"


def _numeric_ok(label: str, value: float, tol: float, hashes) -> bool:
    """Is a key stored in ``hashes`` within ``tol`` of ``value``? Tries every grid point there."""
    step = tol / _GRID
    low = math.ceil((value - tol) / step - 1e-9)
    high = math.floor((value + tol) / step + 1e-9)
    return any(digest(label, _grid_token(k)) in hashes for k in range(low, high + 1))


def _load() -> dict:
    if not ANSWERS_FILE.is_file():
        return {}
    return json.loads(ANSWERS_FILE.read_text(encoding="utf-8"))


def labels() -> list[str]:
    """Exercise labels that have a self-check."""
    return sorted(_load())


@dataclass(frozen=True)
class Feedback:
    label: str
    correct: bool
    message: str

    def __bool__(self):
        return self.correct

    def _repr_html_(self):
        mark, colour = ("✔ Correct", "#009E73") if self.correct else ("✘ Not yet", "#D55E00")
        return (f'<p style="border-left:4px solid {colour};padding-left:0.6em">'
                f"<strong>{mark}</strong> ({html.escape(self.label)}): {html.escape(self.message)}</p>")

    def __repr__(self):
        return f"{'Correct' if self.correct else 'Not yet'} ({self.label}): {self.message}"


def check(label: str, answer) -> Feedback:
    """Check ``answer`` to exercise ``label``; returns feedback (shown nicely in a notebook)."""
    spec = _load().get(label)
    if spec is None:
        known = ", ".join(labels()) or "none"
        raise KeyError(f"no self-check for exercise {label!r}; self-checks exist for: {known}")
    hint = spec.get("hint", "")
    if spec["kind"] == "numeric":
        try:
            value = float(answer)
        except (TypeError, ValueError):
            return Feedback(label, False, f"give a number (you gave {answer!r}).")
        if not math.isfinite(value):
            return Feedback(label, False, "give a finite number.")
        ok = _numeric_ok(label, value, spec["tol"], set(spec["hashes"]))
    else:
        ok = digest(label, "c:" + normalise(answer)) in spec["hashes"]
    if ok:
        return Feedback(label, True, spec.get("praise", "that matches the answer key."))
    return Feedback(label, False, hint or "that does not match the answer key; look again.")


def add_answer(label: str, answers: list, numeric: bool = False, tol: float = 0.01,
               hint: str = "", praise: str = "") -> dict:
    """Add (or replace) the answer key of ``label`` in the answers file; returns its entry."""
    data = _load()
    if numeric:
        if not tol > 0:
            raise ValueError(f"{label}: tol must be positive, not {tol!r}")
        values = [float(a) for a in answers]
        if not all(math.isfinite(v) for v in values):
            raise ValueError(f"{label}: a numeric key must be a finite number, not {answers!r}")
        hashes = [digest(label, _grid_token(round(v / (tol / _GRID)))) for v in values]
        entry = {"kind": "numeric", "tol": tol, "hashes": hashes}
    else:
        empty = [a for a in answers if not normalise(a)]
        if empty:
            raise ValueError(f"{label}: the key {empty[0]!r} normalises to nothing (no letter or "
                             "digit), so it would match any answer made only of punctuation")
        entry = {"kind": "categorical", "hashes": [digest(label, "c:" + normalise(a)) for a in answers]}
    if hint:
        entry["hint"] = hint
    if praise:
        entry["praise"] = praise
    data[label] = entry
    ANSWERS_FILE.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return entry


def _main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m syrialev.selfcheck")
    sub = ap.add_subparsers(dest="cmd", required=True)
    add = sub.add_parser("add", help="add or replace an exercise's answer key")
    add.add_argument("label")
    add.add_argument("answers", nargs="+")
    add.add_argument("--numeric", action="store_true")
    add.add_argument("--tol", type=float, default=0.01)
    add.add_argument("--hint", default="")
    add.add_argument("--praise", default="")
    sub.add_parser("list", help="list exercises with a self-check")
    args = ap.parse_args(argv)
    if args.cmd == "add":
        add_answer(args.label, args.answers, args.numeric, args.tol, args.hint, args.praise)
        print(f"answer key for {args.label} saved in {ANSWERS_FILE}")
    else:
        print("\n".join(labels()))


if __name__ == "__main__":
    _main()
