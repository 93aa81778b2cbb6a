"""Self-checks: students check a numeric or categorical answer from inside a notebook.

Answers are stored only as salted SHA-256 digests in ``selfcheck_answers.json`` beside this
module, so the student edition can carry the checks without showing the answers in its source.

- A **categorical** answer is normalised (case, spaces, punctuation) before hashing; several
  accepted spellings may be stored.
- A **numeric** answer with tolerance ``tol`` is hashed as the integer ``round(x / tol)``; the check
  also tries the two neighbouring bins, so any answer within about ``tol`` of the key is accepted.

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


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, runs of spaces collapsed."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", " ", text.lower())
    return text.strip()


def digest(label: str, token: str) -> str:
    return hashlib.sha256(f"{_SALT}|{label}|{token}".encode()).hexdigest()


def _numeric_token(value: float, tol: float, shift: int = 0) -> str:
    return f"n:{round(value / tol) + shift}"


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
        tol = spec["tol"]
        ok = any(digest(label, _numeric_token(value, tol, s)) in spec["hashes"] for s in (-1, 0, 1))
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
        if tol <= 0:
            raise ValueError("tol must be positive")
        hashes = [digest(label, _numeric_token(float(a), tol)) for a in answers]
        entry = {"kind": "numeric", "tol": tol, "hashes": hashes}
    else:
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
