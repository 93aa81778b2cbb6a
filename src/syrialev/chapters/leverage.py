"""Numbers that the chapter "How much leverage?" quotes (its figures and explorers live in
:mod:`syrialev.explorers.leverage`): the worked examples of the counterfactual audit."""

from __future__ import annotations

from .numbers import in_words, number


def _buildup_audit():
    from ..explorers.leverage import BuildupOrBluff
    from ..models import audit

    return BuildupOrBluff.audit_example, audit.audit(**BuildupOrBluff.audit_example)


@number("buildup_audit_strains", "How many criteria the build-up example's audit strains, in words.",
        typed=r"strains {v} criteria")
def buildup_audit_strains() -> str:
    return in_words(len(_buildup_audit()[1].strains))


@number("buildup_audit_facts", "How many facts of 2017 the build-up example rewrites, in words.",
        typed=r"rewrites {v} facts")
def buildup_audit_facts() -> str:
    return in_words(len(_buildup_audit()[0]["changed_facts"]))


@number("buildup_audit_total", "The probability the build-up example spends (its budget is 1).",
        typed=r"spends {v} of a budget")
def buildup_audit_total() -> str:
    return f"{_buildup_audit()[1].total:g}"
