"""One set of defaults: the chapters' code takes every model value from ``syrialev.models.defaults``.

An AST scan of the modules that run the models for the chapters, the labs and the explorers finds
model values typed in again: a numeric literal given as an explorer control's default, bound to a
model parameter's name (``dict(p0=0.3)``, ``{"c_r": 0.3}``, ``KAPPA = 0.02``, ``def f(c_us=0.05)``)
outside the explorers' deliberately different scenarios and galleries. It also checks the two
reconciliations the defaults module states: one demand for M1 and M4, two named priors for two
questions.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from syrialev.models import bargaining, buildup, credibility
from syrialev.models import defaults as DF

SRC = Path(__file__).resolve().parents[1] / "src" / "syrialev"
SCANNED = ("chapters/debate.py", "classroom/labs.py", "explorers/leverage.py", "explorers/held_up.py",
           "chapters/held_up.py", "chapters/leverage.py")

#: Names under which a model parameter is passed (the models' own argument names).
PARAM_NAMES = {"p", "p0", "lam", "c_r", "c_us", "c_a", "c_bar", "c_bar_us", "v_r", "v_us", "d", "k", "h",
               "h_ceiling", "g", "a", "r", "s_r", "phi", "kappa", "delta", "rho", "K"}
#: Literals that are not model defaults, each with its reason (kept short and explicit).
ALLOWED = {
    "explorers/leverage.py": {"default c_bar=0.5"},  # the neutrality figure draws exercise ex-lev-3's case
}
#: Class attributes that hold values chosen to differ from the defaults (scenarios, galleries, audits).
EXEMPT_ATTRIBUTES = {"scenarios", "explore", "audit_example"}


def _is_number(node) -> bool:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        node = node.operand
    return isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
        and not isinstance(node.value, bool)


def retyped_values(source: str, filename: str = "<module>") -> list[str]:
    """Every place in ``source`` where a model value is typed as a literal (see the module docstring)."""
    tree = ast.parse(source)
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for stmt in node.body:
                if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id in EXEMPT_ATTRIBUTES
                                                        for t in stmt.targets):
                    exempt.update(id(n) for n in ast.walk(stmt))
    found = []
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        where = f"{filename}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if name == "Param" and len(node.args) >= 3 and _is_number(node.args[2]):
                found.append(f"{where}: the control {ast.literal_eval(node.args[0])!r} has a typed default")
            found += [f"{where}: {kw.arg}={ast.unparse(kw.value)}" for kw in node.keywords
                      if kw.arg in PARAM_NAMES and _is_number(kw.value)]
        elif isinstance(node, ast.Dict):
            found += [f"{where}: {k.value!r}: {ast.unparse(v)}" for k, v in zip(node.keys, node.values)
                      if isinstance(k, ast.Constant) and k.value in PARAM_NAMES and _is_number(v)]
        elif isinstance(node, ast.Assign) and _is_number(node.value):
            found += [f"{where}: {t.id} = {ast.unparse(node.value)}" for t in node.targets
                      if isinstance(t, ast.Name) and (t.id in PARAM_NAMES or t.id.lower() in PARAM_NAMES)]
        elif isinstance(node, (ast.FunctionDef, ast.Lambda)):
            args = node.args.args[len(node.args.args) - len(node.args.defaults):]
            found += [f"{where}: default {a.arg}={ast.unparse(v)}" for a, v in zip(args, node.args.defaults)
                      if a.arg in PARAM_NAMES and _is_number(v)]
    return found


@pytest.mark.parametrize("module", SCANNED)
def test_no_model_value_is_typed_again(module):
    path = SRC / module
    found = retyped_values(path.read_text(encoding="utf-8"), module)
    assert [f for f in found if f.split(": ", 1)[1] not in ALLOWED.get(module, set())] == []


@pytest.mark.parametrize("module", ["chapters/debate.py", "classroom/labs.py", "explorers/leverage.py",
                                    "explorers/held_up.py"])
def test_the_modules_read_the_defaults(module):
    assert "from ..models import defaults as DF" in (SRC / module).read_text(encoding="utf-8")


@pytest.mark.parametrize("planted", [
    "BUILDUP = dict(p0=0.3, lam=0.3)",
    "CASE = {'c_r': 0.3}",
    "KAPPA = 0.02",
    "def f(c_us=0.05):\n    return c_us",
    "class E:\n    params = (Param('g', 'Value', 1.0, 0.1, 2.0, 0.05, 'u', 'w'),)",
])
def test_the_scan_finds_a_retyped_value(planted):
    assert retyped_values(planted)


def test_the_scan_leaves_scenarios_and_derived_values_alone():
    ok = ("class E:\n    scenarios = {'x': dict(p0=0.85, c_r=0.3)}\n    explore = {'rho': (0.0, 0.2)}\n"
          "    params = (Param('g', 'Value', DF.G, 0.1, 2.0, 0.05, 'u', 'w'),)\n"
          "CASE = dict(p=DF.P_CAMPAIGN)\nM_MAX = 10.0\n")
    assert retyped_values(ok) == []


def test_m1_and_m4_use_one_demand():
    """With no build-up M4 asks for M1's upper end, p + c_R/v_R, with the same Russia and chance."""
    assert (DF.P0, DF.C_R_BUILDUP, DF.V_R_BUILDUP) == (DF.P_BARGAIN, DF.C_R_BARGAIN, DF.V_R)
    upper = bargaining.bargaining_range(DF.P_BARGAIN, DF.C_US_BARGAIN, DF.C_R_BARGAIN, v_b=DF.V_R)[1]
    assert buildup.demand(0.0, DF.P0, DF.LAM, DF.C_R_BUILDUP, DF.V_R_BUILDUP) == pytest.approx(min(1.0, upper))
    none = buildup.us_payoff(0.0, DF.P0, DF.LAM, DF.C_R_BUILDUP, DF.KAPPA, DF.DELTA, DF.RHO, DF.K,
                             v_r=DF.V_R_BUILDUP)
    assert none == pytest.approx(min(1.0, upper))
    # v_r = 1 is Fearon's unscaled range p + c_R, and a higher valuation lowers the demand
    assert buildup.demand(0.0, 0.3, 0.3, 0.2, 1.0) == pytest.approx(0.5)
    assert buildup.demand(0.0, 0.3, 0.3, 0.2, 0.8) > buildup.demand(0.0, 0.3, 0.3, 0.2, 0.9)
    with pytest.raises(ValueError, match="v_r"):
        buildup.demand(1.0, 0.3, 0.3, 0.2, 0.0)


def test_two_priors_for_two_questions():
    """The threat game values compliance at the whole good (G = 1); the back-test at Syria's worth to
    Washington (G = v_US). Same formula, two named priors."""
    assert pytest.approx(credibility.resolve_probability(DF.P_CAMPAIGN, 1.0, DF.A,
                                                                              DF.C_BAR_US)) == DF.MU_THREAT_GAME
    assert pytest.approx(credibility.resolve_probability(DF.P_CAMPAIGN, DF.V_US, DF.A,
                                                                           DF.C_BAR_US)) == DF.MU_BACKTEST
    assert DF.G_BACKTEST == DF.V_US and DF.MU_BACKTEST < DF.MU_THREAT_GAME
    from syrialev.explorers import all_explorers

    ex = all_explorers()
    cred = {p.name: p.default for p in ex["credibility_after_shayrat"].params}
    back = {p.name: p.default for p in ex["backtest"].params}
    assert credibility.resolve_probability(cred["p"], cred["g"], cred["a"], cred["c_bar_us"]) == DF.MU_THREAT_GAME
    res = ex["backtest"]().compute(**back)
    assert res.mu == pytest.approx(DF.MU_BACKTEST)


# ------------------------------------------------------------------------------------------ prose
PAGES = ("chapters/text/03_leverage.md", "chapters/text/06_labs.md", "chapters/models.md")
#: A symbol written with a number in the prose, and the defaults that symbol can stand for.
SYMBOLS = {"v_R": ["V_R"], "v_{US}": ["V_US"], "H_{US}": ["H_CEILING"], r"\mu": ["MU_THREAT_GAME", "MU_BACKTEST"],
           "c_R": ["C_R_BARGAIN", "C_R_CAMPAIGN", "C_R_BUILDUP"], "c_{US}": ["C_US_BARGAIN"], "p_0": ["P0"],
           r"\lambda": ["LAM"], r"\kappa": ["KAPPA"], r"\delta": ["DELTA"], r"\rho": ["RHO"], "K": ["K"],
           r"\varphi": ["PHI"], r"\phi": ["PHI"], "S_R": ["S_R"], "G": ["G"], "a": ["A"], "r": ["R"],
           "p": ["P_CAMPAIGN", "P_BARGAIN"]}
#: Numbers that equal a default but are an exercise's own inputs (their self-check keys depend on
#: them), with where they are.
EXERCISE_INPUTS = {("chapters/text/03_leverage.md", "c_R = 0.2"),   # ex-lev-1, the range by hand
                   ("chapters/text/03_leverage.md", "p = 0.5"),     # ex-lev-3, P(war) for three p
                   ("chapters/text/03_leverage.md", r"\mu = 0.3")}  # ex-lev-4, Bayes by hand


def typed_defaults(text: str) -> list[str]:
    """Every ``symbol = number`` (or ``\\approx``) in ``text`` whose number is a default that symbol
    stands for: a default typed into the prose instead of quoted with ``{eval}`N.name```."""
    pattern = re.compile(r"(?<![\w\\{])(" + "|".join(re.escape(k) for k in sorted(SYMBOLS, key=len, reverse=True))
                         + r")\s*(?:=|\\approx)\s*(\d+(?:\.\d+)?)(?![\d.])")
    return [m.group(0) for m in pattern.finditer(text)
            if any(abs(getattr(DF, name) - float(m.group(2))) < 1e-9 for name in SYMBOLS[m.group(1)])]


@pytest.mark.parametrize("page", PAGES)
def test_the_prose_quotes_defaults_through_N(page):
    root = SRC.parents[1]
    found = [t for t in typed_defaults((root / page).read_text(encoding="utf-8"))
             if (page, t) not in EXERCISE_INPUTS]
    assert found == [], f"{page}: defaults typed into the prose; quote them with {{eval}}`N.d_<name>`"


def test_the_prose_scan_finds_a_typed_default():
    assert typed_defaults(r"Russia's valuation ($v_R = 0.53$) and a prior $\mu \approx 0.3$") == \
        ["v_R = 0.53", r"\mu \approx 0.3"]
    assert typed_defaults(r"with $v_R = 1$ and $p = 0.4$") == []


def test_every_default_can_be_quoted():
    from syrialev.chapters import N

    for name in DF.__all__:
        value = getattr(DF, name)
        if isinstance(value, (int, float)):
            assert float(getattr(N, f"d_{name.lower()}")) == pytest.approx(value)
