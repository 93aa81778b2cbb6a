"""A counterfactual audit after Tetlock and Belkin (1996).

Source: Philip E. Tetlock and Aaron Belkin (eds.), *Counterfactual Thought Experiments in World
Politics* (Princeton University Press, 1996), whose introduction proposes criteria for judging
counterfactual arguments: clarity (specify the antecedent and the consequent), logical consistency
or cotenability (the facts one changes must fit with the facts one keeps), historical consistency
(a "minimal rewrite" of the record), theoretical consistency, statistical consistency, and
projectability (the argument should have testable implications). Fearon (1991, *World Politics*)
explains why small-N arguments rest on counterfactuals; Tetlock and Lebow (2001, *American
Political Science Review*) find that experts who unpack scenarios inflate the sum of their
probabilities, so this audit makes the student spend a probability budget that sums to one.

The audit is mechanical and deliberately modest: it flags what a program can check (empty or
vague statements, too many rewrites, known incompatible rewrites, a budget that does not sum to
one, no testable implication). Theoretical and statistical consistency cannot be checked by
string rules; the result lists them as criteria the student must argue in words.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["FACTS_2017", "INCOMPATIBLE", "PRESUPPOSED", "VAGUE_WORDS", "Strain", "AuditResult", "audit",
           "rebalance", "normalise", "audit_markdown"]

#: Rewrites of the record of 2017 a student may make, with the timeline row that records the fact
#: being changed (data/timeline.csv ``event_id``) or ``None`` for a hypothetical policy.
FACTS_2017: dict[str, tuple[str, str | None]] = {
    "no_sarin_attack": ("No chemical attack at Khan Shaykhun on 4 April 2017", "khan_shaykhun_2017"),
    "no_strike": ("Washington does not strike Shayrat on 7 April", "shayrat_strike_2017"),
    "larger_strike": ("Washington strikes many regime bases, not one", "shayrat_strike_2017"),
    "no_warning": ("Russian forces are not warned before the strike", "shayrat_strike_2017"),
    "russian_casualties": ("Russian personnel are killed at Shayrat", "shayrat_strike_2017"),
    "mou_kept": ("Russia keeps the air-safety memorandum in force", "russia_suspends_mou_2017"),
    "no_veto": ("Russia lets the 12 April draft on the attack pass", "unsc_veto_2017_04"),
    "us_buildup": ("A large U.S. build-up in western Syria", None),
    "crimea_offer": ("Washington offers to recognise the annexation of Crimea", None),
    "iran_withdraws": ("Iran pulls its militias out of Syria", None),
}

#: Pairs of rewrites that cannot both be made (they contradict each other or one presupposes
#: what the other removes), with the reason shown to the student.
INCOMPATIBLE: dict[frozenset, str] = {
    frozenset({"no_strike", "larger_strike"}): "a strike cannot be both absent and larger",
    frozenset({"no_strike", "no_warning"}): "a warning about a strike presupposes a strike",
    frozenset({"no_strike", "russian_casualties"}): "casualties at Shayrat presuppose a strike",
    frozenset({"no_sarin_attack", "no_veto"}):
        "the 12 April draft was about the attack: without the attack there is no draft to pass",
}

#: Rewrites that remove the cause of a fact the scenario keeps: (fact that must also be
#: rewritten, reason). Keeping the effect while removing its cause strains cotenability.
PRESUPPOSED: dict[str, tuple[str, str]] = {
    "no_sarin_attack": ("no_strike", "the strike of 7 April answered the attack: without the attack, "
                        "say why Washington strikes anyway, or rewrite the strike too"),
}

#: Words that make a statement too vague to be tested (clarity criterion).
VAGUE_WORDS = ("somehow", "things", "better", "worse", "maybe", "might", "probably", "some way",
               "stuff", "etc")

CRITERIA = ("clarity", "cotenability", "historical consistency", "theoretical consistency",
            "statistical consistency", "projectability", "probability budget")
NOT_CHECKED = ("theoretical consistency", "statistical consistency")


@dataclass(frozen=True)
class Strain:
    """One criterion the scenario strains, and why."""

    criterion: str
    reason: str


@dataclass(frozen=True)
class AuditResult:
    """The audit's findings.

    ``strains``: the criteria strained, each with a reason; ``total``: the sum of the probability
    budget; ``normalised``: the budget rescaled to sum to one (empty if it sums to zero);
    ``not_checked``: criteria the student must argue in words.
    """

    strains: tuple
    total: float
    normalised: dict
    not_checked: tuple = NOT_CHECKED

    @property
    def strained(self) -> tuple:
        """Names of the strained criteria, without repeats, in the order of :data:`CRITERIA`."""
        names = {s.criterion for s in self.strains}
        return tuple(c for c in CRITERIA if c in names)

    @property
    def passes(self) -> bool:
        return not self.strains


def _vague(text: str, min_words: int) -> str | None:
    words = re.findall(r"[\w'-]+", text.lower())
    if not words:
        return "is empty"
    if len(words) < min_words:
        return f"has only {len(words)} word(s): say who does what, when"
    hits = [w for w in VAGUE_WORDS if re.search(rf"\b{re.escape(w)}\b", text.lower())]
    if hits:
        return "uses vague words (" + ", ".join(hits) + ")"
    return None


def audit(antecedent: str, consequent: str, changed_facts: list[str],
          probabilities: dict[str, float], implication: str = "", *, max_changes: int = 2,
          min_words: int = 4, tol: float = 1e-6) -> AuditResult:
    """Audit a counterfactual against Tetlock and Belkin's criteria (those a program can check).

    Parameters
    ----------
    antecedent : the "if" (what is different), in words.
    consequent : the "then" (what would have followed), in words.
    changed_facts : keys of :data:`FACTS_2017`: the facts of 2017 the scenario rewrites.
    probabilities : outcome -> probability: a budget spread over exhaustive, exclusive outcomes.
    implication : a testable implication (evidence that would show the claim wrong), in words.
    max_changes : more rewrites than this strain historical consistency (minimal rewrite).
    min_words : statements shorter than this strain clarity.
    tol : how far the budget's sum may be from 1.

    Raises :class:`ValueError` for an unknown fact or a negative or non-finite probability:
    those are errors, not strains.
    """
    strains = []
    for label, text in (("antecedent", antecedent), ("consequent", consequent)):
        problem = _vague(text or "", min_words)
        if problem:
            strains.append(Strain("clarity", f"the {label} {problem}"))
    changed = list(dict.fromkeys(changed_facts))
    unknown = [f for f in changed if f not in FACTS_2017]
    if unknown:
        raise ValueError(f"unknown fact(s) {', '.join(unknown)}; known: {', '.join(FACTS_2017)}")
    if len(changed) > max_changes:
        strains.append(Strain("historical consistency",
                              f"{len(changed)} facts of 2017 rewritten (more than {max_changes}): "
                              "not a minimal rewrite"))
    for i, a in enumerate(changed):
        for b in changed[i + 1:]:
            reason = INCOMPATIBLE.get(frozenset({a, b}))
            if reason:
                strains.append(Strain("cotenability", f"{a} with {b}: {reason}"))
    for fact, (needed, reason) in PRESUPPOSED.items():
        if fact in changed and needed not in changed:
            strains.append(Strain("cotenability", f"{fact} while keeping the record of {needed[3:]}: {reason}"))
    if not (implication or "").strip():
        strains.append(Strain("projectability", "no testable implication is stated"))
    for name, value in probabilities.items():
        if not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            raise ValueError(f"probability of {name!r} must be a finite number >= 0; got {value!r}")
    total = float(sum(probabilities.values()))
    if len(probabilities) < 2:
        strains.append(Strain("probability budget",
                              "fewer than two outcomes: list exhaustive alternatives (include 'other')"))
    if abs(total - 1.0) > tol:
        strains.append(Strain("probability budget",
                              f"the probabilities sum to {total:.3f}, not 1: the outcomes are "
                              "exclusive and exhaustive, so the budget is exactly one"))
    return AuditResult(strains=tuple(strains), total=total, normalised=normalise(probabilities))


def normalise(probabilities: dict[str, float]) -> dict[str, float]:
    """Rescale non-negative weights to sum to one (empty dict if they sum to zero)."""
    total = float(sum(probabilities.values()))
    if total <= 0:
        return {}
    return {k: float(v) / total for k, v in probabilities.items()}


def rebalance(probabilities: dict[str, float], key: str, value: float) -> dict[str, float]:
    """Set outcome ``key`` to ``value`` and rescale the others so the budget still sums to one.

    The others keep their proportions; if they were all zero they share ``1 - value`` equally.
    This is what the audit form's sliders do, so that spending probability on one outcome takes
    it from the rest (Tetlock and Lebow 2001).
    """
    if key not in probabilities:
        raise KeyError(key)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"a probability must be in [0, 1]; got {value}")
    others = [k for k in probabilities if k != key]
    rest = 1.0 - value
    out = {key: float(value)}
    if not others:
        out[key] = 1.0
        return out
    weight = sum(max(0.0, probabilities[k]) for k in others)
    for k in others:
        out[k] = rest * (probabilities[k] / weight if weight > 0 else 1.0 / len(others))
    return {k: out[k] for k in probabilities}


def audit_markdown(result: AuditResult, antecedent: str = "", consequent: str = "") -> str:
    """The audit as a short Markdown report (for the static book and the live form)."""
    lines = []
    if antecedent or consequent:
        lines.append(f"**If** {antecedent or '(no antecedent)'} **then** {consequent or '(no consequent)'}.")
        lines.append("")
    if result.passes:
        lines.append("- No checkable criterion is strained.")
    for s in result.strains:
        lines.append(f"- **{s.criterion.capitalize()}** strained: {s.reason}.")
    lines.append(f"- Not checkable by a program, argue them in words: {', '.join(result.not_checked)}.")
    if result.normalised:
        budget = "; ".join(f"{k}: {v:.2f}" for k, v in result.normalised.items())
        lines.append(f"- Budget (sum {result.total:.2f}; normalised): {budget}.")
    return "\n".join(lines)
