"""Labs: students change a model by writing a short function, and a check judges its behaviour.

Each lab asks for one function (its arguments are fixed; its body is the student's). The check
calls it on a grid, tests the properties the lab is about, and answers in plain words: what holds,
what fails, and a hint. It judges behaviour, not a typed number, so different correct functions
pass. A function that raises, returns the wrong kind of value or runs too long gets a message that
names the problem, never a traceback from inside the package.

The labs and the models they change:

- ``lab-neutrality`` (bargaining with private information, chapter 3): Russia's war pay-off.
- ``lab-counter-buildup`` (the build-up model): a Russian response to a U.S. build-up that costs
  Russia its forces and a share of the clash risk, so it is made only where it pays Moscow.
- ``lab-sechser`` (the credibility model): a face cost that grows with the demand (Sechser 2010).
- ``lab-russian-audience`` (the credibility model): Russia's own audience cost of backing down,
  built from Weeks's (2008) conditions for autocratic audience costs.
- ``lab-valuation`` (what Syria is worth to Moscow, chapter 1): how the scores are combined.

Numbers are stylised, as everywhere in the book; each lab reads the model values it uses from
:mod:`syrialev.models.defaults`, the defaults of the explorer whose model it changes.
"""

from __future__ import annotations

import html
import inspect
import math
import signal
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..models import defaults as DF
from ..models.buildup import clash_risk, demand

__all__ = ["LABS", "Lab", "LabReport", "check", "TIME_LIMIT"]

#: Seconds a whole check may take before it is stopped.
TIME_LIMIT = 5.0


class StudentCodeProblem(Exception):
    """The student's function failed in a way the check can describe in words."""


@dataclass
class LabReport:
    """The check's answer: what holds, what fails, and a hint."""

    lab: str
    passed: bool
    holds: list = field(default_factory=list)
    fails: list = field(default_factory=list)
    hint: str = ""

    def __bool__(self):
        return self.passed

    def text(self) -> str:
        head = "Done" if self.passed else "Not yet"
        lines = [f"{head} ({self.lab})."]
        lines += [f"Holds: {h}" for h in self.holds]
        lines += [f"Fails: {f}" for f in self.fails]
        if self.hint and not self.passed:
            lines.append(f"Hint: {self.hint}")
        return "\n".join(lines)

    def __repr__(self):
        return self.text()

    def _repr_html_(self):
        colour = "#009E73" if self.passed else "#D55E00"
        head = "✔ Done" if self.passed else "✘ Not yet"
        items = [f"<li>✔ {html.escape(h)}</li>" for h in self.holds]
        items += [f"<li>✘ {html.escape(f)}</li>" for f in self.fails]
        hint = (f"<p><em>Hint:</em> {html.escape(self.hint)}</p>" if self.hint and not self.passed else "")
        return (f'<div style="border-left:4px solid {colour};padding-left:0.6em">'
                f"<p><strong>{head}</strong> ({html.escape(self.lab)})</p><ul>{''.join(items)}</ul>"
                f"{hint}</div>")


@dataclass(frozen=True)
class Lab:
    """A lab: the function it asks for, what it is about, and the check that judges it."""

    label: str
    title: str
    args: tuple          # the argument names the student's function takes
    returns: str         # "number" or "true/false"
    run: Callable        # run(call) -> LabReport; ``call(*args)`` calls the student's function safely
    hint: str


# ----------------------------------------------------------------------------- safe calls


def _describe(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _caller(func, lab: Lab):
    """Wrap the student's function: plain-word errors for raising, wrong type, or not finite."""
    name = getattr(func, "__name__", "your function")

    def call(*args):
        def shown():
            return ", ".join(f"{a}={_describe(v)}" for a, v in zip(lab.args, args, strict=True))

        try:
            out = func(*args)
        except _TimeUp:
            raise
        except Exception as exc:  # the student's code: any error becomes a message
            raise StudentCodeProblem(f"`{name}({shown()})` raised {type(exc).__name__}: {exc}") from None
        if lab.returns == "true/false":
            if not isinstance(out, (bool, np.bool_)):
                raise StudentCodeProblem(f"`{name}({shown()})` returned {_describe(out)} "
                                         f"({type(out).__name__}); it should return True or False")
            return bool(out)
        if isinstance(out, (bool, np.bool_)) or not isinstance(out, (int, float, np.integer, np.floating)):
            raise StudentCodeProblem(f"`{name}({shown()})` returned {_describe(out)} "
                                     f"({type(out).__name__}); it should return a number")
        out = float(out)
        if not math.isfinite(out):
            raise StudentCodeProblem(f"`{name}({shown()})` returned {out}; it should return a finite number")
        return out

    return call


class _TimeUp(BaseException):
    """Raised by the alarm inside the student's code (a BaseException, so `except Exception` in
    the student's own function cannot swallow it)."""


def _run_with_limit(job, seconds: float):
    """Run ``job()`` for at most ``seconds``; None means it ran out of time."""
    if threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer"):
        def alarm(signum, frame):
            raise _TimeUp()

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return job()
        except _TimeUp:
            return None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    box = {}

    def target():  # pragma: no cover - platforms without SIGALRM (Windows) or a worker thread
        try:
            box["out"] = job()
        except BaseException as exc:  # handed back to the caller below
            box["err"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():  # pragma: no cover
        return None
    if "err" in box:  # pragma: no cover
        raise box["err"]
    return box.get("out")


def check(label: str, func, time_limit: float = TIME_LIMIT) -> LabReport:
    """Run lab ``label``'s check on the student's function ``func``; return the report."""
    lab = LABS.get(label)
    if lab is None:
        raise KeyError(f"no lab {label!r}; the labs are {', '.join(sorted(LABS))}")
    if not callable(func):
        return LabReport(label, False, fails=[f"expected a function, got {_describe(func)} "
                                              f"({type(func).__name__})"], hint=lab.hint)
    try:
        inspect.signature(func).bind(*lab.args)
    except TypeError:
        wanted = ", ".join(lab.args)
        return LabReport(label, False, fails=[f"the function must take ({wanted}); yours takes "
                                              f"{inspect.signature(func)}"], hint=lab.hint)
    except ValueError:  # builtins without a signature: let the call decide
        pass
    call = _caller(func, lab)

    def job():
        try:
            return lab.run(call)
        except StudentCodeProblem as exc:
            return LabReport(label, False, fails=[str(exc)], hint=lab.hint)

    report = _run_with_limit(job, time_limit)
    if report is None:
        return LabReport(label, False, fails=[f"the check took longer than {time_limit:g} s: does your "
                                              "function loop forever, or do a lot of work per call?"],
                         hint=lab.hint)
    return report


# ----------------------------------------------------------------------------- the labs

# Lab: neutrality. Bargaining with private information about Russia's side (chapter 3).
NEUTRAL_P = (0.2, 0.3, 0.4, 0.5)
NEUTRAL_C_US = DF.C_US_NEUTRALITY  # the U.S. cost of war (stylised, units of the good)


def war_risk_at_best_demand(war_payoff: Callable, p: float, c_us: float = NEUTRAL_C_US,
                            n_types: int = 401, n_demands: int = 1001) -> tuple[float, float]:
    """The U.S. best take-it-or-leave-it demand and the chance Russia fights it (by grid search).

    Russia's type ``theta`` is uniform on [0, 1] and known only to Russia; with a U.S. win chance
    ``p`` its war pay-off is ``war_payoff(p, theta)``. It rejects a demand ``x`` (the U.S. share)
    and fights iff its war pay-off beats ``1 - x``. The U.S. picks ``x`` to maximise
    ``(1 - P(war)) x + P(war) (p - c_us)``. Returns ``(x*, P(war at x*))``.
    """
    thetas = (np.arange(n_types) + 0.5) / n_types
    values = np.sort(np.array([war_payoff(p, float(t)) for t in thetas]))
    xs = np.linspace(0.0, 1.0, n_demands)
    # P(war | x) = share of types whose war pay-off exceeds 1 - x
    fight = 1.0 - np.searchsorted(values, 1.0 - xs, side="right") / n_types
    utility = (1.0 - fight) * xs + fight * (p - c_us)
    best = int(np.argmax(utility))
    return float(xs[best]), float(fight[best])


def _run_neutrality(call) -> LabReport:
    holds, fails = [], []
    for p_low, p_high in zip(NEUTRAL_P, NEUTRAL_P[1:]):
        for t in (0.1, 0.5, 0.9):
            if call(p_high, t) > call(p_low, t) + 1e-9:
                fails.append(f"Russia's war pay-off rises with the U.S. chance of winning (type {t}, "
                             f"p from {p_low} to {p_high}): a stronger Washington should not make war "
                             "better for Moscow")
                return LabReport("lab-neutrality", False, holds, fails, LABS["lab-neutrality"].hint)
    holds.append("Russia's war pay-off never rises with the U.S. chance of winning")
    risks = [war_risk_at_best_demand(call, p)[1] for p in NEUTRAL_P]
    shown = ", ".join(f"{r:.2f}" for r in risks)
    spread = max(risks) - min(risks)
    if spread < 0.02:
        fails.append(f"at the U.S.'s best demand the chance of war is {shown} for p = "
                     f"{', '.join(map(str, NEUTRAL_P))}: p still drops out (neutrality holds)")
        return LabReport("lab-neutrality", False, holds, fails, LABS["lab-neutrality"].hint)
    holds.append(f"the chance of war at the U.S.'s best demand now depends on p: {shown} for p = "
                 f"{', '.join(map(str, NEUTRAL_P))} (neutrality fails)")
    return LabReport("lab-neutrality", True, holds, fails)


# Lab: a Russian counter-build-up that costs Russia (the build-up model, with the book's defaults).
#: The build-up model's numbers, all read from the book's one set of defaults (M4 = M1's demand).
BUILDUP = dict(p0=DF.P0, lam=DF.LAM, c_r=DF.C_R_BUILDUP, v_r=DF.V_R_BUILDUP, kappa=DF.KAPPA,
               delta=DF.DELTA, rho=DF.RHO, K=DF.K)
BUILDUP_GRID = np.linspace(0.0, 10.0, 41)
#: What each unit of Russian force costs Moscow: nothing (forces already in theatre), and the same
#: sunk cost per unit as Washington's.
KAPPA_R = (0.0, DF.KAPPA)
COUNTER_GRID = np.linspace(0.0, 10.0, 201)   # the deployments Russia could choose
COUNTER_MIN_GAIN = 0.002                      # an answer "pays" when it gains Moscow at least this


def _demand(m: float, n: float, q: dict = BUILDUP) -> float:
    """The U.S. demand when Washington adds ``m`` and Russia answers with ``n``: M1's upper end with
    the U.S. edge ``max(0, m - n)`` setting the chance of prevailing."""
    return float(demand(max(0.0, m - n), q["p0"], q["lam"], q["c_r"], q["v_r"]))


def russia_payoff(m: float, n: float, kappa_r: float, q: dict = BUILDUP) -> float:
    """Russia's pay-off when Washington builds up ``m`` and Russia answers with ``n`` (stylised).

    Russia keeps ``1 - x`` of a good it values at ``v_r`` (``x`` the U.S. demand, which falls as
    Russia's answer erodes the U.S. edge), pays ``kappa_r`` per unit of force it sends, and bears the
    same cost ``K`` of a clash as Washington, whose chance grows with all the forces in theatre,
    ``m + n``: ``v_r (1 - x) - kappa_r n - r(m + n) K``.
    """
    return (q["v_r"] * (1.0 - _demand(m, n, q)) - kappa_r * n
            - float(clash_risk(m + n, q["rho"])) * q["K"])


def russia_best_gain(m: float, kappa_r: float) -> tuple[float, float]:
    """Russia's best answer to ``m`` on a grid of deployments, and what it gains over staying put."""
    values = [russia_payoff(m, float(n), kappa_r) for n in COUNTER_GRID]
    i = int(np.argmax(values))
    return float(COUNTER_GRID[i]), float(values[i] - values[0])


def buildup_payoffs(response: Callable | None, params: dict = BUILDUP, grid=BUILDUP_GRID) -> np.ndarray:
    """U.S. pay-off of each build-up ``m`` when Russia answers with ``response(m)`` (None: frozen).

    The U.S. edge is the force it adds beyond Russia's answer, ``max(0, m - n)``, which sets its
    win chance; the clash hazard grows with all the forces in theatre, ``m + n``. Otherwise this is
    the chapter's build-up model: ``min(1, p + c_r/v_r) - kappa m - delta m^2 - r K``.
    """
    q = params
    out = []
    for m in grid:
        n = 0.0 if response is None else response(float(m))
        r = clash_risk(m + n, q["rho"])
        out.append(_demand(float(m), n, q) - q["kappa"] * m - q["delta"] * m ** 2 - r * q["K"])
    return np.array(out)


def _run_counter(call) -> LabReport:
    holds, fails = [], []
    hint = LABS["lab-counter-buildup"].hint
    answers = {k: [call(float(m), k) for m in BUILDUP_GRID] for k in KAPPA_R}
    for k, row in answers.items():
        if min(row) < 0:
            m = BUILDUP_GRID[int(np.argmin(row))]
            fails.append(f"Russia's answer to a build-up of {m:g} (kappa_r = {k:g}) is {min(row):g}: a "
                         "deployment cannot be negative")
            return LabReport("lab-counter-buildup", False, holds, fails, hint)
    holds.append("Russia's answer is a deployment of zero or more at every U.S. build-up")
    for k, row in answers.items():
        for m, n in zip(BUILDUP_GRID, row):
            yours, stay = russia_payoff(float(m), n, k), russia_payoff(float(m), 0.0, k)
            if yours < stay - 1e-9:
                fails.append(f"with kappa_r = {k:g}, answering a build-up of {m:g} with {n:.2f} leaves "
                             f"Moscow worse off than staying put ({yours:.3f} against {stay:.3f}): a "
                             "threat to answer that Russia would not carry out is one Washington can ignore")
                return LabReport("lab-counter-buildup", False, holds, fails, hint)
    holds.append("at every build-up Russia's answer leaves it no worse off than staying put: the "
                 "threat to answer is credible")
    for k, row in answers.items():
        for m, n in zip(BUILDUP_GRID, row):
            best_n, best = russia_best_gain(float(m), k)
            if best < COUNTER_MIN_GAIN:
                continue
            gain = russia_payoff(float(m), n, k) - russia_payoff(float(m), 0.0, k)
            if gain < 0.5 * best:
                fails.append(f"with kappa_r = {k:g}, Russia could gain {best:.3f} by answering a build-up "
                             f"of {m:g} (for example with {best_n:.2f}); your answer gains {gain:.3f}: "
                             "it leaves a counter that pays unused")
                return LabReport("lab-counter-buildup", False, holds, fails, hint)
    holds.append("wherever answering pays Moscow, your answer takes at least half of what the best "
                 "answer would gain it")
    frozen = buildup_payoffs(None)
    m_frozen, gain_frozen = float(BUILDUP_GRID[int(np.argmax(frozen))]), float(frozen.max() - frozen[0])
    for k in KAPPA_R:
        table = dict(zip(BUILDUP_GRID, answers[k]))
        answered = buildup_payoffs(lambda m, table=table: table[m])
        m_best = float(BUILDUP_GRID[int(np.argmax(answered))])
        holds.append(f"with kappa_r = {k:g}, a Washington that foresees your answer builds up to "
                     f"m = {m_best:.2f} and gains {float(answered.max() - answered[0]):.3f} over none "
                     f"(against a frozen Russia: m = {m_frozen:.2f}, gain {gain_frozen:.3f})")
    return LabReport("lab-counter-buildup", True, holds, fails)


# Lab: Sechser's face cost (the credibility model, with the explorer's defaults).
SECHSER = dict(p=DF.P_CAMPAIGN, c_r=DF.C_R_CAMPAIGN)
BOOK_PHI = DF.PHI
DEMANDS = np.linspace(0.0, 1.0, 101)


def largest_compellable_demand(face_cost: Callable, mu: float = 1.0, p: float = SECHSER["p"],
                               c_r: float = SECHSER["c_r"]) -> float:
    """The largest demand ``s`` on a grid of [0, 1] that Russia accepts at belief ``mu``.

    Russia complies iff ``mu (p s + c_r) >= s + face_cost(s)`` (the chapter's credibility model
    with the face cost made a function of the demand). Returns -1 if it accepts none.
    """
    ok = [s for s in DEMANDS if mu * (p * s + c_r) >= s + face_cost(float(s)) - 1e-12]
    return float(max(ok)) if ok else -1.0


def _run_sechser(call) -> LabReport:
    holds, fails = [], []
    costs = [call(float(s)) for s in DEMANDS]
    if min(costs) < 0:
        fails.append(f"the face cost is negative ({min(costs):g}) somewhere: complying would be a gain "
                     "in itself")
        return LabReport("lab-sechser", False, holds, fails, LABS["lab-sechser"].hint)
    holds.append("the face cost is zero or more for every demand")
    if costs[-1] <= costs[0] + 1e-9:
        fails.append(f"the face cost of the largest demand ({costs[-1]:.2f}) is no higher than of the "
                     f"smallest ({costs[0]:.2f}); in Sechser's argument, giving in to a big demand "
                     "invites more demands, so it costs more face")
        return LabReport("lab-sechser", False, holds, fails, LABS["lab-sechser"].hint)
    holds.append(f"the face cost grows with the demand ({costs[0]:.2f} for the smallest, "
                 f"{costs[-1]:.2f} for the largest)")
    book = largest_compellable_demand(lambda s: BOOK_PHI)
    yours = largest_compellable_demand(call)
    words = "no demand at all" if yours < 0 else f"demands up to {yours:.2f}"
    if yours <= 0.8 * book:
        holds.append(f"even a Washington that Russia is sure is resolved (mu = 1) can now compel only "
                     f"{words}, against {book:.2f} with the book's fixed face cost of {BOOK_PHI}: "
                     "strength does not buy compliance with large demands")
        return LabReport("lab-sechser", True, holds, fails)
    fails.append(f"a certainly resolved Washington can still compel {words} (book: {book:.2f}): the face "
                 "cost hardly grows with the demand")
    return LabReport("lab-sechser", False, holds, fails, LABS["lab-sechser"].hint)


# Lab: Russia's own audience cost, after Weeks (2008) (the credibility model).
#: The largest audience cost the Kremlin could pay for backing down, in units of the good (stylised:
#: as large as Russia's face cost and stake in a break together, so that it can decide the outcome).
A_R_MAX = DF.S_R + DF.PHI
WEEKS_LEVELS = (0.0, 0.25, 0.5, 0.75, 1.0)
#: Two stylised readings of the Kremlin in 2017 for the report: elites who could hardly coordinate
#: against Putin (a personalist reading), and elites who could (a more institutionalised one).
WEEKS_READINGS = {"a personalist Kremlin (coordination 0.2)": 0.2,
                  "an elite-constrained Kremlin (coordination 0.8)": 0.8}
WEEKS_DISAPPROVAL = 0.75   # stylised: backing down over Syria would be widely seen as a defeat


def compellable_with_audience(a_r: float, mu: float = 1.0, p: float = DF.P_CAMPAIGN,
                              c_r: float = DF.C_R_CAMPAIGN, phi: float = DF.PHI) -> float:
    """The largest stake ``s`` on a grid of [0, 1] that Russia gives up when backing down costs it
    ``a_r`` at home: ``mu (p s + c_r) >= s + phi + a_r`` (the threat game with Russia's audience cost
    added to the side of complying). Returns -1 if it gives up none."""
    ok = [s for s in DEMANDS if mu * (p * s + c_r) >= s + phi + a_r - 1e-12]
    return float(max(ok)) if ok else -1.0


def _run_audience(call) -> LabReport:
    holds, fails = [], []
    hint = LABS["lab-russian-audience"].hint
    grid = {(c, d): call(c, d) for c in WEEKS_LEVELS for d in WEEKS_LEVELS}
    low = min(grid.values())
    if low < 0:
        fails.append(f"the audience cost is negative ({low:g}) somewhere: backing down would be rewarded")
        return LabReport("lab-russian-audience", False, holds, fails, hint)
    high = max(grid.values())
    if high > A_R_MAX + 1e-9:
        fails.append(f"the audience cost reaches {high:g}, above the lab's scale of {A_R_MAX:g} (Russia's "
                     "stake and face cost together): keep it between 0 and that")
        return LabReport("lab-russian-audience", False, holds, fails, hint)
    holds.append(f"the audience cost lies between 0 and {A_R_MAX:g}")
    for d in WEEKS_LEVELS:
        if grid[(0.0, d)] > 1e-9:
            fails.append(f"with no group able to coordinate against the leader (coordination 0) backing "
                         f"down still costs {grid[(0.0, d)]:g} (disapproval {d:g}): in Weeks's account a "
                         "domestic audience that cannot punish the leader imposes no cost")
            return LabReport("lab-russian-audience", False, holds, fails, hint)
    for c in WEEKS_LEVELS:
        if grid[(c, 0.0)] > 1e-9:
            fails.append(f"with an audience that does not mind a retreat (disapproval 0) backing down still "
                         f"costs {grid[(c, 0.0)]:g} (coordination {c:g}): nobody would punish it")
            return LabReport("lab-russian-audience", False, holds, fails, hint)
    holds.append("without an audience that can coordinate, or one that minds a retreat, backing down "
                 "costs nothing")
    for i, lo in enumerate(WEEKS_LEVELS[:-1]):
        hi = WEEKS_LEVELS[i + 1]
        for other in WEEKS_LEVELS:
            if grid[(hi, other)] < grid[(lo, other)] - 1e-9 or grid[(other, hi)] < grid[(other, lo)] - 1e-9:
                fails.append(f"the audience cost falls as coordination or disapproval rises (around "
                             f"{lo:g} to {hi:g}): a more capable or more hostile audience should cost the "
                             "leader more, not less")
                return LabReport("lab-russian-audience", False, holds, fails, hint)
    holds.append("the cost never falls as the audience becomes better able to coordinate or more hostile")
    if grid[(0.5, 0.5)] <= 1e-9 or grid[(1.0, 1.0)] <= 1e-9:
        fails.append("an audience that can coordinate and minds a retreat still imposes no cost: Weeks's "
                     "point is that such autocratic audiences do")
        return LabReport("lab-russian-audience", False, holds, fails, hint)
    holds.append("an autocratic audience that can coordinate and minds a retreat imposes a cost")
    base = compellable_with_audience(0.0)
    parts = []
    for words, c in WEEKS_READINGS.items():
        a_r = call(c, WEEKS_DISAPPROVAL)
        s_max = compellable_with_audience(a_r)
        shown = "no demand at all" if s_max < 0 else f"stakes up to {s_max:.2f}"
        parts.append(f"{words}: audience cost {a_r:.2f}, a Washington sure to act compels {shown}")
    holds.append("; ".join(parts) + f" (with no audience cost: stakes up to {base:.2f})")
    return LabReport("lab-russian-audience", True, holds, fails)


# Lab: how the valuation of Syria combines its parts (chapter 1).
VALUATION_SCORES = {"prestige": 8.0, "mediterranean": 7.0, "counter_extremism": 6.0,
                    "iran_partnership": 5.0, "arms_economy": 4.0, "church_culture": 2.0}


def _run_valuation(call) -> LabReport:
    holds, fails = [], []
    weights = {k: 1.0 for k in VALUATION_SCORES}
    zero = call({k: 0.0 for k in VALUATION_SCORES}, weights)
    if abs(zero) > 1e-9:
        fails.append(f"a Syria that matters in no domain is worth {zero:g}, not 0")
        return LabReport("lab-valuation", False, holds, fails, LABS["lab-valuation"].hint)
    holds.append("a Syria that matters in no domain is worth 0")
    base = call(dict(VALUATION_SCORES), weights)
    for k in VALUATION_SCORES:
        raised = call({**VALUATION_SCORES, k: min(10.0, VALUATION_SCORES[k] + 2.0)}, weights)
        if raised < base - 1e-9:
            fails.append(f"raising the {k} score lowers the value ({base:.3g} to {raised:.3g})")
            return LabReport("lab-valuation", False, holds, fails, LABS["lab-valuation"].hint)
    holds.append("raising any score never lowers the value")
    added = call({**VALUATION_SCORES, "grain_exports": 1.0}, {**weights, "grain_exports": 1.0})
    if added < base - 1e-9:
        fails.append(f"adding a domain in which Syria matters a little (score 1) lowers Syria's value "
                     f"from {base:.3g} to {added:.3g}: more reasons to hold on cannot make Syria worth less")
        return LabReport("lab-valuation", False, holds, fails, LABS["lab-valuation"].hint)
    holds.append(f"adding a domain never lowers the value ({base:.3g} before, {added:.3g} after)")
    return LabReport("lab-valuation", True, holds, fails)


LABS = {lab.label: lab for lab in (
    Lab("lab-neutrality", "Does more U.S. strength lower the risk of war?", ("p", "theta"), "number",
        _run_neutrality,
        "Neutrality holds whenever p and the demand reach Russia's choice only through their "
        "difference, x - p, whatever the shape of the cost. What would Russia have to be uncertain "
        "about, or what would its cost of war have to depend on, for p to reach it another way?"),
    Lab("lab-counter-buildup", "A Russian counter-build-up that costs Russia", ("m", "kappa_r"), "number",
        _run_counter,
        "Moscow answers only if answering pays it. Compare what a few deployments would leave Russia, "
        "using labs.russia_payoff(m, n, kappa_r), and send the one that leaves it best off."),
    Lab("lab-sechser", "Goliath's curse: conceding invites more demands", ("s",), "number", _run_sechser,
        "Ask what giving in to a bigger demand tells Washington about the next one, and let Russia's "
        "cost of complying carry that. Then check that it matters: does it change what certainty of "
        "U.S. resolve can compel?"),
    Lab("lab-russian-audience", "Moscow's tied hands: an autocratic audience cost",
        ("coordination", "disapproval"), "number", _run_audience,
        "Weeks names conditions that must hold together for an autocrat to pay at home for backing "
        "down. Which arithmetic makes a cost vanish when either condition is absent?"),
    Lab("lab-valuation", "Syria's worth: a mean, a sum or a maximum?", ("scores", "weights"), "number",
        _run_valuation,
        "Ask what Syria's worth as a whole should do when one more reason to hold on to it is added. "
        "Which ways of combining numbers can never go down when a term that is zero or more is added?"),
)}
