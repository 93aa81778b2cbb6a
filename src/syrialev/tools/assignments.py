"""Autograded assignments with otter-grader: the self-checked exercises and the five labs.

``python -m syrialev.tools.assignments --out _build/assignments`` (what ``make assignments`` runs)
makes two assignments, ``exercises`` and ``labs``, each in otter's notebook format (v1: raw cells
``# ASSIGNMENT CONFIG``, ``# BEGIN QUESTION``, ``# BEGIN SOLUTION``, ``# BEGIN TESTS``...), and runs
``otter assign`` on it. For each assignment ``OUT/<name>/`` then holds:

- ``student/<name>.ipynb``: what students get (no solution; a ``grader.check`` cell under each
  question runs its public tests);
- ``autograder/<name>.ipynb``: the solution notebook, and ``autograder/<name>-autograder.zip``:
  the autograder with hidden tests, for Gradescope or for ``otter run`` on one's own machine;
- ``source/<name>.ipynb``: the otter source notebook this module wrote.

Where the questions come from:

- **exercises**: every self-check cell of the chapters (``chapters/text/*.md``). The wording is the
  chapter's exercise and the prompt of its self-check; the key, the answer variable, the range a
  public test accepts and the points are in ``instructors/assignments.yml``. Each key is checked
  against the self-check's stored hash, and the hidden test is that same check, so the grade and
  the practice check cannot disagree.
- **labs**: the five labs of ``chapters/06_labs``. The public test calls the student's function once
  and checks the kind of value it returns; the hidden test is the lab's behaviour check
  (:func:`syrialev.classroom.labs.check`). The solution in ``assignments.yml`` must pass it.

A self-check without a key, a key that the self-check rejects, or a lab without a solution is an
:class:`AssignmentError` naming the file and line.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["AssignmentError", "SelfCheckCell", "LabCell", "load_spec", "selfcheck_cells", "lab_cells",
           "exercises_notebook", "labs_notebook", "build", "main", "SPEC", "CHAPTERS", "NAMES"]

SPEC = Path("instructors") / "assignments.yml"
CHAPTERS = Path("chapters") / "text"
LABS_CHAPTER = CHAPTERS / "06_labs.md"
NAMES = ("exercises", "labs")

_SELFCHECK = re.compile(r'selfcheck\.check\("(?P<label>[^"]+)",\s*answer\)')
_PROMPT = re.compile(r"^answer\s*=\s*(None|\"\")\s*(#\s*your answer:\s*(?P<prompt>.*))?$")
_CITE = re.compile(r"\s*\{cite:[pt]\}`[^`]*`")
_ROLE = re.compile(r"\{(?:doc|ref|numref|term)\}`(?:([^<`]*?)\s*<[^>]*>|([^`]*))`")


class AssignmentError(ValueError):
    """An exercise or lab that cannot become an assignment question; names the file and line."""


# ----------------------------------------------------------------------------- the spec


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records the line of every mapping (``__line__``)."""


def _construct_mapping(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    for key_node, _ in node.value:  # an entry's line is the line of its key
        value = mapping.get(loader.construct_object(key_node))
        if isinstance(value, dict):
            value["__line__"] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_spec(path: Path) -> dict:
    """``instructors/assignments.yml`` with the line of each entry (key ``__line__``)."""
    try:
        spec = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except yaml.YAMLError as exc:
        raise AssignmentError(f"{path}: not valid YAML: {exc}") from None
    for part in ("exercises", "labs"):
        if not isinstance(spec, dict) or not isinstance(spec.get(part), dict):
            raise AssignmentError(f"{path}: needs a mapping '{part}:'")
    return spec


# ----------------------------------------------------------------------------- the chapters


def _clean(text: str) -> str:
    """Exercise text for a plain notebook: citations dropped, cross-references as plain words."""
    text = _CITE.sub("", text)
    return _ROLE.sub(lambda m: (m.group(1) or m.group(2) or "").strip(), text)


@dataclass(frozen=True)
class SelfCheckCell:
    label: str
    prompt: str
    exercise: str        # the exercise's label
    title: str
    text: str            # the exercise's wording (Markdown)
    chapter: str         # chapters/text/03_leverage.md
    line: int            # of the self-check call


@dataclass(frozen=True)
class LabCell:
    label: str
    title: str
    text: str
    start: str           # the starting function (the book's model)
    function: str        # its name
    line: int


def _exercises(text: str, where: str):
    """Yield (start line index, end line index, title, label, body) of each {exercise} directive,
    found by the book's one MyST reader (:mod:`syrialev.tools.myst`)."""
    from .myst import directives

    for d in directives(text, {"exercise"}, where):
        body = d.body.splitlines()
        label = next((b.split(":", 2)[2].strip() for b in body if b.startswith(":label:")), "")
        words = "\n".join(b for b in body if not re.match(r"^:\w[\w-]*:", b)).strip()
        yield d.start, d.end - 1, d.argument, label, words


def selfcheck_cells(root: Path) -> list[SelfCheckCell]:
    """Every self-check of the chapters, in reading order, with the exercise it belongs to."""
    found = []
    for path in sorted((root / CHAPTERS).glob("*.md")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = text.splitlines()
        exercises = list(_exercises(text, rel))
        for n, line in enumerate(lines):
            m = _SELFCHECK.search(line)
            if not m:
                continue
            prompt = next((p.group("prompt") or "" for p in (_PROMPT.match(x.strip()) for x in lines[max(0, n - 3):n])
                           if p), None)
            if prompt is None:
                raise AssignmentError(f"{rel}, line {n + 1}: self-check {m.group('label')!r} has no "
                                      "`answer = None  # your answer: ...` line above it")
            before = [e for e in exercises if e[1] < n]
            if not before:
                raise AssignmentError(f"{rel}, line {n + 1}: self-check {m.group('label')!r} follows no exercise")
            _, _, title, label, text = before[-1]
            found.append(SelfCheckCell(m.group("label"), prompt.strip(), label, title, _clean(text), rel, n + 1))
    return found


def lab_cells(root: Path) -> list[LabCell]:
    """The labs of ``chapters/06_labs``: wording and starting function."""
    path = root / LABS_CHAPTER
    from .myst import directives

    source = path.read_text(encoding="utf-8")
    cells = directives(source, {"code-cell"}, LABS_CHAPTER.as_posix())
    labs = []
    for _, end, title, label, text in _exercises(source, LABS_CHAPTER.as_posix()):
        if not label.startswith("lab-"):
            continue
        cell = next((c for c in cells if c.start > end), None)
        k = cell.start if cell else end
        start = "\n".join(b for b in (cell.body if cell else "").splitlines()
                          if not b.startswith(":tags:")).strip()
        m = re.match(r"def\s+(\w+)\s*\(", start)
        if not m:
            raise AssignmentError(f"{LABS_CHAPTER.as_posix()}, line {k + 1}: lab {label!r} has no starting "
                                  "function in the code cell after it")
        labs.append(LabCell(label, title, _clean(text), start, m.group(1), k + 1))
    return labs


# ----------------------------------------------------------------------------- otter notebooks


def _nb(cells: list) -> dict:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = cells
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def _config(name: str, title: str) -> str:
    return (f"# ASSIGNMENT CONFIG\nname: {name}\nrequirements: requirements.txt\n"
            "overwrite_requirements: true\ninit_cell: true\ncheck_all_cell: true\nexport_cell: false\n"
            "solutions_pdf: false\nrun_tests: true\ngenerate: true\ntests:\n  files: false\n")


def _question(name: str, points: list, prompt_cells: list, solution: str, tests: list):
    import nbformat

    raw, md, code = nbformat.v4.new_raw_cell, nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [raw(f"# BEGIN QUESTION\nname: {name}\npoints: {json.dumps(points)}")]
    cells += [md(text) for text in prompt_cells]
    cells += [raw("# BEGIN SOLUTION"), code(solution), raw("# END SOLUTION"), raw("# BEGIN TESTS")]
    for hidden, body in tests:
        head = '""" # BEGIN TEST CONFIG\nhidden: true\n""" # END TEST CONFIG\n' if hidden else ""
        cells.append(code(head + body))
    cells += [raw("# END TESTS"), raw("# END QUESTION")]
    return cells


def _qname(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")


def exercises_notebook(root: Path, spec: dict) -> dict:
    """The otter source notebook of the exercises (keys checked against the self-checks)."""
    import nbformat

    from ..classroom import selfcheck

    cells = [nbformat.v4.new_raw_cell(_config("exercises", "Exercises")),
             nbformat.v4.new_markdown_cell(
                 "# Leverage over Moscow? Exercises with a number or a word for an answer\n\n"
                 "Each question is an exercise of the book's chapters. Put your answer in place of `...`, "
                 "run the cell, then run the `grader.check` cell under it: it runs the public tests, "
                 "which check only that your answer has the right form. Your grade comes from hidden "
                 "tests that check the answer itself. Numbers are the book's stylised ones.")]
    entries = spec["exercises"]
    seen_exercise = None
    checks = selfcheck_cells(root)
    if not checks:
        raise AssignmentError(f"{CHAPTERS.as_posix()}: no self-check cell found")
    for cell in checks:
        entry = entries.get(cell.label)
        if entry is None or "key" not in entry:
            raise AssignmentError(f"{cell.chapter}, line {cell.line}: exercise {cell.exercise!r} (self-check "
                                  f"{cell.label!r}) has no key in {SPEC.as_posix()}")
        where = f"{SPEC.as_posix()}, line {entry['__line__']}"
        if "variable" not in entry or not str(entry["variable"]).isidentifier():
            raise AssignmentError(f"{where}: {cell.label!r} needs a `variable:` that is a Python name")
        key, var = entry["key"], entry["variable"]
        if not selfcheck.check(cell.label, key):
            raise AssignmentError(f"{where}: the key {key!r} of {cell.label!r} is not the answer the "
                                  f"self-check in {cell.chapter} accepts")
        prompt = []
        if cell.exercise != seen_exercise:
            heading = next((ln[2:].strip() for ln in (root / cell.chapter).read_text(encoding="utf-8").splitlines()
                            if ln.startswith("# ")), Path(cell.chapter).stem)
            prompt.append(f"## {cell.title}\n\n*From the chapter \"{heading}\".*\n\n{cell.text}")
            seen_exercise = cell.exercise
        asked = entry.get("prompt") or cell.prompt
        if not asked:
            raise AssignmentError(f"{where}: the self-check {cell.label!r} in {cell.chapter} says no "
                                  "`# your answer: ...`; give a `prompt:` here")
        prompt.append(f"**Your answer:** {asked} (store it in `{var}`).")
        points = entry.get("points", 1)
        if isinstance(key, str):
            solution = f"{var} = {key!r}  # SOLUTION"
            public = f'assert isinstance({var}, str) and {var}.strip(), "{var} should be a non-empty text"'
        else:
            solution = f"{var} = {key!r}  # SOLUTION"
            low, high = entry.get("range", [float("-inf"), float("inf")])
            public = (f"assert isinstance({var}, (int, float)) and not isinstance({var}, bool), "
                      f'"{var} should be a number"\n'
                      f'assert {low} <= {var} <= {high}, "{var} should be between {low} and {high}"')
        hidden = ("from syrialev.classroom import selfcheck\n"
                  f'assert selfcheck.check("{cell.label}", {var}), "{var} is not the answer"')
        cells += _question(_qname(cell.label), [0, points], prompt, solution, [(False, public), (True, hidden)])
    unused = sorted(set(entries) - {c.label for c in checks} - {"__line__"})
    if unused:
        raise AssignmentError(f"{SPEC.as_posix()}, line {entries[unused[0]]['__line__']}: {unused[0]!r} is "
                              "no self-check of the chapters")
    return _nb(cells)


def labs_notebook(root: Path, spec: dict) -> dict:
    """The otter source notebook of the labs (hidden test: the lab's behaviour check)."""
    import nbformat

    from ..classroom import labs as labs_module

    cells = [nbformat.v4.new_raw_cell(_config("labs", "Labs")),
             nbformat.v4.new_markdown_cell(
                 "# Leverage over Moscow? Labs: change the models\n\n"
                 "Each lab asks for one short function. Write it in the cell under the lab, run the "
                 "cell, then run the `grader.check` cell: its public test calls your function once. "
                 "Your grade comes from the lab's behaviour check (the same one the book's labs run "
                 "with `labs.check`), which calls it on many inputs. More than one answer passes."),
             # the labs' helpers (labs.russia_payoff, labs.A_R_MAX, ...) as in the book's chapter
             nbformat.v4.new_code_cell("from syrialev.classroom import labs")]
    entries = spec["labs"]
    for lab in lab_cells(root):
        entry = entries.get(lab.label)
        if entry is None or "solution" not in entry:
            raise AssignmentError(f"{LABS_CHAPTER.as_posix()}, line {lab.line}: lab {lab.label!r} has no "
                                  f"solution in {SPEC.as_posix()}")
        where = f"{SPEC.as_posix()}, line {entry['__line__']}"
        namespace: dict = {"labs": labs_module}
        try:
            exec(entry["solution"], namespace)  # noqa: S102 - the book's own model answer
        except Exception as exc:
            raise AssignmentError(f"{where}: the solution of {lab.label!r} does not run: {exc}") from None
        func = namespace.get(lab.function)
        if func is None:
            raise AssignmentError(f"{where}: the solution of {lab.label!r} does not define {lab.function}()")
        if not labs_module.check(lab.label, func).passed:
            raise AssignmentError(f"{where}: the solution of {lab.label!r} fails the lab's check")
        sample = entry.get("sample")
        spec_lab = labs_module.LABS[lab.label]
        if not isinstance(sample, list) or len(sample) != len(spec_lab.args):
            raise AssignmentError(f"{where}: {lab.label!r} needs a `sample:` list of {len(spec_lab.args)} "
                                  "arguments for the public test")
        # the student sees the lab's signature and docstring; the body is the solution
        head = [ln for ln in lab.start.splitlines()[:2] if ln.startswith("def ") or '"""' in ln]
        body = entry["solution"].strip().splitlines()[1:]
        if body and body[0].strip().startswith('"""'):
            body = body[1:]
        solution = "\n".join([*head, "    # BEGIN SOLUTION", *body, "    # END SOLUTION"])
        prompt = [f"## {lab.title}\n\n{lab.text}",
                  f"The book's model, where the lab starts:\n\n```python\n{lab.start}\n```"]
        args = ", ".join(repr(a) for a in sample)
        kind = ("isinstance(out, bool)" if spec_lab.returns == "true/false"
                else "isinstance(out, (int, float)) and not isinstance(out, bool)")
        public = (f"out = {lab.function}({args})\n"
                  f'assert {kind}, f"{lab.function}({args}) returned {{out!r}}; it should return '
                  f'{"True or False" if spec_lab.returns == "true/false" else "a number"}"')
        hidden = ("from syrialev.classroom import labs\n"
                  f'report = labs.check("{lab.label}", {lab.function})\n'
                  "assert report.passed, report.text()")
        cells += _question(_qname(lab.label), [0, entry.get("points", 1)], prompt, solution,
                           [(False, public), (True, hidden)])
    return _nb(cells)


# ----------------------------------------------------------------------------- otter assign


def _requirements(root: Path) -> str:
    """What the autograder installs (Gradescope): the notebooks' packages and the book's package
    from the repository named in ``_config.yml``."""
    from .edition import student_requirements

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    url = config.get("repository", {}).get("url", "").rstrip("/")
    lines = [ln for ln in student_requirements(root).splitlines()
             if ln and not ln.startswith(("#", "-e", "jupyterlab"))]
    return "\n".join(lines + [f"syrialev @ git+{url}"]) + "\n"


def _otter() -> list[str]:
    here = Path(sys.executable).parent
    found = shutil.which("otter", path=str(here)) or shutil.which("otter")
    if not found:
        raise SystemExit(f"otter-grader is not installed next to {sys.executable} (run `make` first)")
    return [found]


def build(root: Path, out: Path, run_tests: bool = True) -> dict[str, dict[str, Path]]:
    """Write the otter source notebooks and run ``otter assign`` on each; return the paths.

    ``otter assign`` grades each solution against its tests unless ``run_tests`` is false, for a
    caller that grades the solution itself (the test suite does, with ``otter run`` and the
    autograder zip, as an instructor would).
    """
    import nbformat

    root, out = Path(root).resolve(), Path(out).resolve()
    spec = load_spec(root / SPEC)
    notebooks = {"exercises": exercises_notebook(root, spec), "labs": labs_notebook(root, spec)}
    made = {}
    for name, nb in notebooks.items():
        folder = out / name
        if folder.exists():
            shutil.rmtree(folder)
        source = folder / "source"
        source.mkdir(parents=True)
        nbformat.write(nb, source / f"{name}.ipynb")
        (source / "requirements.txt").write_text(_requirements(root), encoding="utf-8")
        flags = [] if run_tests else ["--no-run-tests"]
        proc = subprocess.run([*_otter(), "assign", "-v", *flags, f"{name}.ipynb", str(folder)], cwd=source,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout[-4000:] + proc.stderr[-4000:])
            raise SystemExit(f"otter assign failed on the {name} assignment (exit {proc.returncode})")
        zips = sorted((folder / "autograder").glob(f"{name}-autograder_*.zip"))
        if len(zips) != 1:
            raise SystemExit(f"otter assign left {len(zips)} autograder zips for {name}")
        target = folder / "autograder" / f"{name}-autograder.zip"
        zips[0].replace(target)
        made[name] = {"student": folder / "student" / f"{name}.ipynb",
                      "solution": folder / "autograder" / f"{name}.ipynb",
                      "autograder": target, "source": source / f"{name}.ipynb"}
    return made


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m syrialev.tools.assignments")
    ap.add_argument("--root", default=".")
    ap.add_argument("--out", default="_build/assignments")
    ap.add_argument("--no-run-tests", action="store_true",
                    help="do not let otter assign grade the solutions (for a caller that grades them itself)")
    args = ap.parse_args(argv)
    try:
        made = build(Path(args.root), Path(args.out), run_tests=not args.no_run_tests)
    except AssignmentError as exc:
        raise SystemExit(f"error: {exc}") from None
    for name, paths in made.items():
        print(f"{name}: students get {paths['student']}")
        print(f"{' ' * len(name)}  autograder  {paths['autograder']}")


if __name__ == "__main__":
    main()
