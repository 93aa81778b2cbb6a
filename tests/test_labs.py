"""The labs' checks: correct answers pass (more than one each), typical wrong ones fail with a reason,
and broken student code gets a message rather than a traceback."""

from __future__ import annotations

import contextlib
import json
import re
import time

import numpy as np
import pytest

from syrialev.classroom import labs
from syrialev.models import bargaining, credibility

LABELS = ("lab-neutrality", "lab-counter-buildup", "lab-sechser", "lab-russian-audience", "lab-valuation")

# Each lab: (correct answers, wrong answers with a phrase the report must contain).
CASES = {
    "lab-neutrality": (
        [lambda p, theta: (1 - p) * (1 - 0.5 * theta),          # a cost that scales with the stake
         lambda p, theta: 1 - p * (0.5 + theta) - 0.1],         # private information about power
        [(lambda p, theta: 1 - p - 0.5 * theta, "p still drops out"),      # the book's model
         (lambda p, theta: 1 - p - 0.5 * theta ** 2, "p still drops out"),  # non-uniform, additive
         (lambda p, theta: p - theta, "rises with the U.S. chance")]),
    "lab-counter-buildup": (
        [lambda m, k: labs.russia_best_gain(m, k)[0],                       # Russia's best answer
         lambda m, k: max((0.0, 0.5 * m, m), key=lambda n: labs.russia_payoff(m, n, k)),  # best of three
         lambda m, k: m if k == 0 and m <= 2 else 0.0],                     # match small build-ups, if free
        [(lambda m, k: 0.0, "leaves a counter that pays unused"),           # Russia never answers
         (lambda m, k: m, "worse off than staying put"),                    # matching, whatever it costs
         (lambda m, k: 0.5 * m, "worse off than staying put"),              # half-matching
         (lambda m, k: -m, "cannot be negative")]),
    "lab-sechser": (
        [lambda s: 0.1 + 0.5 * s, lambda s: 0.05 + s ** 2],
        [(lambda s: 0.1, "no higher than"),
         (lambda s: 0.1 - s, "negative"),
         (lambda s: 0.1 + 0.01 * s, "can still compel")]),
    "lab-russian-audience": (
        [lambda c, d: labs.A_R_MAX * c * d,                 # both conditions scale the cost
         lambda c, d: labs.A_R_MAX * min(c, d),             # the weaker condition binds
         lambda c, d: labs.A_R_MAX * c * d ** 2],           # disapproval matters more than linearly
        [(lambda c, d: labs.A_R_MAX * (c + d) / 2, "cannot punish the leader"),   # additive: no AND
         (lambda c, d: labs.A_R_MAX * c, "does not mind a retreat"),              # disapproval ignored
         (lambda c, d: 0.0, "still imposes no cost"),                             # the book's rule
         (lambda c, d: labs.A_R_MAX * c * d * (1.5 - c), "falls as coordination"),  # a strongman purge
         (lambda c, d: 2.0 * c * d, "above the lab's scale"),
         (lambda c, d: -c * d, "negative")]),
    "lab-valuation": (
        [lambda s, w: sum(w[k] * s[k] for k in s), lambda s, w: max(w[k] * s[k] for k in s)],
        [(lambda s, w: sum(w[k] * s[k] for k in s) / (10 * sum(w[k] for k in s)), "lowers Syria's value"),
         (lambda s, w: 1.0, "worth 1"),
         (lambda s, w: -sum(s.values()), "lowers the value")]),
}


def test_every_lab_has_cases_and_the_registry_is_complete():
    assert set(CASES) == set(labs.LABS) == set(LABELS)


@pytest.mark.parametrize("label", LABELS)
def test_correct_answers_pass(label):
    for func in CASES[label][0]:
        report = labs.check(label, func)
        assert report.passed, report.text()
        assert not report.fails and report.holds


@pytest.mark.parametrize("label", LABELS)
def test_typical_wrong_answers_fail_with_a_reason_and_a_hint(label):
    for func, phrase in CASES[label][1]:
        report = labs.check(label, func)
        assert not report.passed
        assert any(phrase in f for f in report.fails), (phrase, report.text())
        assert report.hint and "Hint:" in report.text()


def test_starting_functions_in_the_notebook_are_the_books_models_and_do_not_pass(root):
    """The labs page's starting cells reproduce the chapters' models, so their checks say Not yet."""
    nb = json.loads((root / "chapters" / "06_labs.ipynb").read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    checked = {m.group(1): m.group(2) for c in cells for m in [re.search(r'labs\.check\("([\w-]+)", (\w+)\)', c)] if m}
    assert set(checked) == set(LABELS)
    for label, name in checked.items():
        # the cell defines the function, then runs its check: keep the definition
        source = next(c for c in cells if c.startswith(f"def {name}(")).split("\nlabs.check(")[0]
        space: dict = {}
        exec(source, space)
        assert not labs.check(label, space[name]).passed, label
    # and the labels the check uses are exercises on the page
    text = "".join("".join(c["source"]) for c in nb["cells"])
    for label in LABELS:
        assert f":label: {label}" in text and f"```{{solution}} {label}" in text


def test_the_neutrality_check_agrees_with_the_chapters_closed_form():
    """With the chapter's additive uniform cost, the grid search gives Fearon's P(war)."""
    c_bar = 0.5
    for p in labs.NEUTRAL_P:
        x, risk = labs.war_risk_at_best_demand(lambda q, t: 1 - q - c_bar * t, p)
        closed = bargaining.private_cost_offer(p, labs.NEUTRAL_C_US, c_bar)
        assert abs(x - closed.offer) < 2e-3 and abs(risk - closed.p_war) < 5e-3


def test_the_frozen_build_up_is_the_chapters_model():
    from syrialev.models import buildup
    from syrialev.models import defaults as DF

    q = labs.BUILDUP
    assert q == dict(p0=DF.P0, lam=DF.LAM, c_r=DF.C_R_BUILDUP, v_r=DF.V_R_BUILDUP, kappa=DF.KAPPA,
                     delta=DF.DELTA, rho=DF.RHO, K=DF.K)
    frozen = labs.buildup_payoffs(None)
    expected = buildup.us_payoff(labs.BUILDUP_GRID, q["p0"], q["lam"], q["c_r"], q["kappa"], q["delta"],
                                 q["rho"], q["K"], v_r=q["v_r"])
    assert np.allclose(frozen, expected)


def test_russias_counter_costs_russia_and_matching_does_not_pay():
    """The counter-deployment is not free: Moscow pays for its forces and shares the clash risk, so
    matching a build-up is worse for it than staying put once the build-up is large (it would not
    be carried out), and at the book's cost per unit of force no answer pays at all."""
    for m in (3.0, 5.0, 10.0):
        assert labs.russia_payoff(m, m, 0.0) < labs.russia_payoff(m, 0.0, 0.0)
    assert labs.russia_payoff(5.0, 5.0, 0.05) < labs.russia_payoff(5.0, 5.0, 0.0)  # forces cost money
    assert all(labs.russia_best_gain(m, labs.KAPPA_R[1])[1] < labs.COUNTER_MIN_GAIN for m in labs.BUILDUP_GRID)
    # with free forces a small build-up is worth answering, and the answer erodes the U.S. edge
    n, gain = labs.russia_best_gain(1.0, 0.0)
    assert n > 0 and gain > labs.COUNTER_MIN_GAIN
    assert labs._demand(1.0, n) < labs._demand(1.0, 0.0)


def test_the_audience_lab_starts_from_the_books_rule():
    book = labs.largest_compellable_demand(lambda s: labs.BOOK_PHI)
    assert abs(book - 0.4) < 1e-9
    assert credibility.russia_complies(1.0, 0.5, 0.4, 0.3, 0.1)
    # with no audience cost, the Weeks lab's compliance rule is the book's
    assert labs.compellable_with_audience(0.0) == book
    # an audience cost shrinks what can be compelled, and a large one leaves nothing
    assert labs.compellable_with_audience(0.1) < book and labs.compellable_with_audience(labs.A_R_MAX) < 0


@pytest.mark.parametrize("func, phrase", [
    (lambda p, theta: 1 / 0, "raised ZeroDivisionError: division by zero"),
    (lambda p, theta: "high", "returned 'high' (str); it should return a number"),
    (lambda p, theta: float("nan"), "it should return a finite number"),
    (lambda p, theta: [1 - p], "(list); it should return a number"),
    (lambda p: 1 - p, "the function must take (p, theta)"),
    (42, "expected a function"),
])
def test_broken_student_code_gets_a_message_not_a_traceback(func, phrase):
    report = labs.check("lab-neutrality", func)
    assert not report.passed
    assert any(phrase in f for f in report.fails), report.text()


def test_a_number_lab_refuses_true_or_false():
    report = labs.check("lab-russian-audience", lambda c, d: c > 0.5 and d > 0.5)
    assert not report.passed and "it should return a number" in report.fails[0]


def test_a_function_that_never_returns_is_stopped():
    def forever(m, kappa_r):
        while True:
            pass

    start = time.perf_counter()
    report = labs.check("lab-counter-buildup", forever, time_limit=0.5)
    assert time.perf_counter() - start < 3.0
    assert not report.passed and "took longer than 0.5 s" in report.fails[0]


def test_a_function_that_swallows_exceptions_is_still_stopped():
    def stubborn(m, kappa_r):
        while True:
            with contextlib.suppress(Exception):  # swallows errors, yet cannot swallow the time limit
                time.sleep(0.01)

    report = labs.check("lab-counter-buildup", stubborn, time_limit=0.3)
    assert "took longer" in report.fails[0]


def test_unknown_lab_names_the_labs():
    with pytest.raises(KeyError, match="lab-neutrality"):
        labs.check("lab-nope", lambda: 0)


def test_report_renders_for_notebooks():
    report = labs.check("lab-valuation", CASES["lab-valuation"][1][0][0])
    html = report._repr_html_()
    assert "Not yet" in html and "Hint:" in html and "<li>" in html
    assert "Done" in labs.check("lab-valuation", CASES["lab-valuation"][0][0])._repr_html_()
