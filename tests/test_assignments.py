"""Autograded assignments (otter-grader): the questions, their keys, and grading with `otter run`."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
import pytest

from syrialev.classroom import labs, selfcheck
from syrialev.tools import assignments

ROOT = Path(__file__).resolve().parents[1]


def _spec():
    return assignments.load_spec(ROOT / assignments.SPEC)


def test_every_selfcheck_of_the_chapters_is_a_question():
    cells = assignments.selfcheck_cells(ROOT)
    assert sorted(c.label for c in cells) == selfcheck.labels()
    lev3 = next(c for c in cells if c.label == "ex-lev-3")
    assert lev3.exercise == "ex-lev-3" and lev3.chapter == "chapters/text/03_leverage.md"
    assert "P(war) for p = 0.5" in lev3.prompt


def test_every_lab_is_a_question_with_its_starting_function():
    found = assignments.lab_cells(ROOT)
    assert sorted(lab.label for lab in found) == sorted(labs.LABS)
    first = found[0]
    assert first.function == "russia_war_payoff" and "1 - p - 0.5 * theta" in first.start
    assert "{cite" not in "".join(lab.text for lab in found)


def _questions(nb) -> list[str]:
    return [re.search(r"name: (\S+)", c.source).group(1) for c in nb.cells
            if c.cell_type == "raw" and c.source.startswith("# BEGIN QUESTION")]


def test_otter_source_notebooks_have_one_question_per_check_with_hidden_tests():
    spec = _spec()
    ex = assignments.exercises_notebook(ROOT, spec)
    assert len(_questions(ex)) == len(selfcheck.labels())
    assert ex.cells[0].source.startswith("# ASSIGNMENT CONFIG")
    hidden = [c.source for c in ex.cells if c.cell_type == "code" and "hidden: true" in c.source]
    assert len(hidden) == len(selfcheck.labels())
    assert all("selfcheck.check(" in h for h in hidden)
    lab_nb = assignments.labs_notebook(ROOT, spec)
    assert _questions(lab_nb) == ["lab_neutrality", "lab_counter_buildup", "lab_sechser",
                                  "lab_russian_audience", "lab_valuation"]
    solutions = [c.source for c in lab_nb.cells if c.cell_type == "code" and "# BEGIN SOLUTION" in c.source]
    assert len(solutions) == 5 and all(s.startswith("def ") for s in solutions)


# ----------------------------------------------------------------------------- bad input


@pytest.fixture
def tree(tmp_path):
    """A copy of what the assignments read: the chapters' text, the spec and the config."""
    for rel in ("chapters/text", "instructors/assignments.yml", "_config.yml", "requirements.txt"):
        src, dst = ROOT / rel, tmp_path / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, dst)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_exercise_without_key_names_the_chapter_file_and_line(tree):
    spec_file = tree / assignments.SPEC
    _edit(spec_file, "  ex-lev-3:           {variable: p_war_mid, key: 0.4, range: [0, 1], points: 1}\n", "")
    line = _line_of(tree / "chapters/text/03_leverage.md", 'selfcheck.check("ex-lev-3"')
    with pytest.raises(assignments.AssignmentError,
                       match=rf"chapters/text/03_leverage\.md, line {line}: exercise 'ex-lev-3' .* has no key"):
        assignments.exercises_notebook(tree, assignments.load_spec(spec_file))


def test_key_the_selfcheck_rejects_names_the_spec_line(tree):
    spec_file = tree / assignments.SPEC
    _edit(spec_file, "key: 0.4,", "key: 0.5,")
    line = _line_of(spec_file, "ex-lev-3:")
    with pytest.raises(assignments.AssignmentError,
                       match=rf"instructors/assignments\.yml, line {line}: the key 0\.5 of 'ex-lev-3' is not"):
        assignments.exercises_notebook(tree, assignments.load_spec(spec_file))


def test_lab_solution_that_fails_its_check_names_the_spec_line(tree):
    spec_file = tree / assignments.SPEC
    _edit(spec_file, "key=lambda n: labs.russia_payoff(m, n, kappa_r))\n", "key=lambda n: 0.0)\n")
    line = _line_of(spec_file, "lab-counter-buildup:")
    with pytest.raises(assignments.AssignmentError,
                       match=rf"assignments\.yml, line {line}: the solution of 'lab-counter-buildup' fails"):
        assignments.labs_notebook(tree, assignments.load_spec(spec_file))


def test_lab_without_solution_names_the_lab_chapter_line(tree):
    spec_file = tree / assignments.SPEC
    text = spec_file.read_text(encoding="utf-8")
    start = text.index("  lab-valuation:")
    spec_file.write_text(text[:start], encoding="utf-8")
    line = _line_of(tree / "chapters/text/06_labs.md", "def syria_value")
    with pytest.raises(assignments.AssignmentError,
                       match=rf"06_labs\.md, line {line - 1}: lab 'lab-valuation' has no solution"):
        assignments.labs_notebook(tree, assignments.load_spec(spec_file))


# ----------------------------------------------------------------------------- graded with otter run


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("assignments")
    # otter assign would grade each solution too: the tests below grade it with `otter run` instead
    proc = subprocess.run([sys.executable, "-m", "syrialev.tools.assignments", "--root", str(ROOT),
                           "--out", str(out), "--no-run-tests"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return out


def _otter_run(made: Path, name: str, notebook: Path, tmp_path: Path) -> dict:
    out = Path(tempfile.mkdtemp(prefix=f"results-{name}-", dir=tmp_path))
    otter = Path(sys.executable).with_name("otter")
    proc = subprocess.run([str(otter), "run", "-a", str(made / name / "autograder" / f"{name}-autograder.zip"),
                           "-o", str(out), str(notebook)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    tests = json.loads((out / "results.json").read_text(encoding="utf-8"))["tests"]
    return {t["name"]: t for t in tests if "max_score" in t}


def _total(results: dict) -> tuple[float, float]:
    return (sum(t["score"] for t in results.values()), sum(t["max_score"] for t in results.values()))


@pytest.mark.slow
@pytest.mark.parametrize("name, full", [("exercises", 13), ("labs", 10)])
def test_solution_gets_full_marks_and_blank_gets_zero(made, tmp_path, name, full):
    solution = _otter_run(made, name, made / name / "autograder" / f"{name}.ipynb", tmp_path)
    assert _total(solution) == (full, full)
    blank = made / name / "student" / f"{name}.ipynb"
    assert "# SOLUTION" not in blank.read_text(encoding="utf-8")
    assert _total(_otter_run(made, name, blank, tmp_path)) == (0, full)


def _wrong(made: Path, name: str, tmp_path: Path, replace: dict) -> Path:
    """The solution notebook with some answers replaced by typical mistakes."""
    nb = nbformat.read(made / name / "autograder" / f"{name}.ipynb", as_version=4)
    for cell in nb.cells:
        for old, new in replace.items():
            if cell.cell_type == "code" and old in cell.source:
                cell.source = cell.source.replace(old, new)
                replace = {k: v for k, v in replace.items() if k != old}
    assert not replace, f"not found in the solution: {list(replace)}"
    path = tmp_path / f"{name}.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_typical_wrong_labs_get_partial_marks_naming_the_failing_lab(made, tmp_path):
    # the book's own model, left unchanged: it runs and returns a number, so the public test passes
    wrong = _wrong(made, "labs", tmp_path, {"return 1 - p * (0.5 + theta) - 0.1": "return 1 - p - 0.5 * theta"})
    results = _otter_run(made, "labs", wrong, tmp_path)
    assert _total(results) == (8, 10)
    failing = [n for n, t in results.items() if t["score"] < t["max_score"]]
    assert failing == ["lab_neutrality"]
    assert "Not yet (lab-neutrality)" in results["lab_neutrality"]["output"]


@pytest.mark.slow
def test_typical_wrong_exercises_get_partial_marks_naming_the_failing_questions(made, tmp_path):
    # r = 0.2 and r = 0.9 swapped: both posteriors are plausible numbers, and both wrong
    wrong = _wrong(made, "exercises", tmp_path, {"posterior_r02 = 0.6818": "posterior_r02 = 0.3226",
                                                 "posterior_r09 = 0.3226": "posterior_r09 = 0.6818"})
    results = _otter_run(made, "exercises", wrong, tmp_path)
    assert _total(results) == (11, 13)
    assert sorted(n for n, t in results.items() if t["score"] < t["max_score"]) == ["ex_lev_4_r_0_2",
                                                                                   "ex_lev_4_r_0_9"]
    assert "posterior_r02 is not the answer" in results["ex_lev_4_r_0_2"]["output"]
