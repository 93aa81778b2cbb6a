"""The student edition: the book with every exercise and no solution.

``python -m syrialev.tools.edition student --out _build/student`` (what ``make student`` runs):

1. copies the book's sources into ``OUT/src`` and removes, from every notebook and Markdown page,
   the ``solution`` directives (backtick or colon fences, matched by fence length so nested code
   blocks are safe) and the instructors' part of the table of contents;
2. builds that copy with sphinx-exercise's ``hide_solutions`` also set (belt and braces), strictly,
   into ``OUT/html``;
3. writes ``OUT/html/student-notebooks.zip``: the stripped notebooks with the data, the companion
   package and the requirements, so students can run everything locally.

``python -m syrialev.tools.edition short --out _build/short`` (what ``make short`` runs) builds the
45-minute edition from ``short/`` alone: its own table of contents, no solutions and no instructor
material, strictly, into ``OUT/_build/html``.

The notebook download carries its own ``README.md`` (install, open, self-check, where the book is)
and a ``requirements.txt`` with only what the notebooks need, pinned from the book's own files.

``python -m syrialev.tools.edition wheelhouse --out .venv/wheelhouse`` (what ``make`` runs with the
environment) downloads every wheel that the download's install needs, so the test that installs it
in a fresh folder, as its README says, runs with pip's index switched off.

Only non-gated solutions are used in this book: sphinx-exercise's ``hide_solutions`` crashes on
gated solutions (sphinx-exercise issue 89), and stripping the sources makes the download buttons
and the notebooks safe as well.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import nbformat
import yaml

from . import myst

__all__ = ["strip_solutions", "strip_notebook", "student_toc", "instructor_docs", "drop_links_to",
           "prepare_sources", "build", "student_requirements", "wheelhouse_requirements", "fetch_wheelhouse",
           "STUDENT_README", "student_readme", "python_floor",
           "SHORT_PAGES",
           "short_toc", "prepare_short", "build_short", "main"]

#: Caption of the table-of-contents part that the student edition leaves out.
INSTRUCTOR_PART = "For instructors"
#: What the edition's build copies. ``src`` is there because pages show code read from the package
#: (``literalinclude`` on the models page).
COPY = ["_config.yml", "_toc.yml", "_path.yml", "intro.md", "references.md", "references.bib", "bib", "_ext",
        "_static", "chapters", "coursework", "instructors", "data", "src"]


def strip_solutions(text: str, where: str = "text") -> tuple[str, int]:
    """Remove every ``{solution}`` directive from MyST text; return the text and how many went.

    Read with myst-parser's own parser (:mod:`syrialev.tools.myst`), so a solution ends where the
    book builder ends it (nested code fences, colon fences and list items included); an unclosed
    solution is an error naming ``where`` and its line.
    """
    return myst.strip_directives(text, {"solution"}, where)


def strip_notebook(nb: dict, where: str = "notebook") -> tuple[dict, int]:
    """A copy of notebook ``nb`` with solutions removed from its Markdown cells."""
    nb = nbformat.from_dict(copy.deepcopy(nb))
    total = 0
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            continue
        source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        stripped, n = strip_solutions(source, f"{where}, cell {i + 1}")
        total += n
        cell.source = stripped
    return nb, total


def instructor_docs(toc: dict) -> list[str]:
    """Documents (``coursework/instructor_guide``) in the instructors' part of the contents."""
    docs = []
    for part in toc.get("parts", []):
        if part.get("caption") == INSTRUCTOR_PART:
            docs += [c["file"] for c in part.get("chapters", [])]
    return docs


def drop_links_to(text: str, docs: list[str]) -> tuple[str, int]:
    """Remove lines (table rows, list items) that link with ``{doc}`` to one of ``docs``.

    The student edition leaves those documents out, so a link to them would be broken.
    """
    names = [d.rsplit("/", 1)[-1] for d in docs]
    pattern = re.compile(r"\{doc\}`[^`]*(" + "|".join(map(re.escape, names)) + r")>?`") if names else None
    if pattern is None:
        return text, 0
    kept, dropped = [], 0
    for line in text.splitlines(keepends=True):
        if pattern.search(line):
            dropped += 1
            continue
        kept.append(line)
    return "".join(kept), dropped


def student_toc(toc: dict) -> dict:
    """The table of contents without the instructors' part."""
    toc = json.loads(json.dumps(toc))
    toc["parts"] = [p for p in toc.get("parts", []) if p.get("caption") != INSTRUCTOR_PART]
    return toc


def prepare_sources(root: Path, dest: Path) -> dict:
    """Copy the book to ``dest`` with solutions and the instructors' part removed."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in COPY:
        src = root / name
        if src.is_dir():
            skip = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.egg-info")
            shutil.copytree(src, dest / name, ignore=skip)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    full_toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    hidden = instructor_docs(full_toc)
    for doc in hidden:
        for suffix in (".md", ".ipynb"):
            (dest / f"{doc}{suffix}").unlink(missing_ok=True)
    toc = student_toc(full_toc)
    (dest / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"{config.get('title', 'Book')} (student edition)"
    config.setdefault("sphinx", {}).setdefault("config", {})["hide_solutions"] = True
    (dest / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    counts = {}
    for path in sorted(dest.rglob("*.ipynb")):
        where = str(path.relative_to(dest))
        nb, n = strip_notebook(myst.read_notebook(path), where)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source, _ = drop_links_to(cell.source, hidden)
        nbformat.write(nb, str(path))
        counts[where] = n
    for path in sorted(dest.rglob("*.md")):
        text, n = strip_solutions(path.read_text(encoding="utf-8"), str(path.relative_to(dest)))
        text, _ = drop_links_to(text, hidden)
        path.write_text(text, encoding="utf-8")
        counts[str(path.relative_to(dest))] = n
    return counts


#: Packages of requirements.txt that the notebooks need (the rest build and test the book).
STUDENT_PACKAGES = ("ipykernel", "ipywidgets", "numpy", "pandas", "matplotlib", "networkx", "nashpy",
                    "jupyterlab")

#: The README of the notebook download. Its ``bash`` block is what the download's test runs.
STUDENT_README = """# Leverage over Moscow? The notebooks

These are the chapters of the book *Leverage over Moscow?* as Jupyter notebooks, with the data
tables (`data/`) and the small Python package they use (`src/syrialev`). The exercises are here;
the worked solutions are not.

## Install (once)

You need Python {python_floor} or newer. In a terminal, in this folder:

```bash
python3 -m venv .venv
.venv/bin/python -m pip install -r requirements.txt -c constraints.txt
```

On Windows use `py -m venv .venv` and then
`.venv\\Scripts\\python -m pip install -r requirements.txt -c constraints.txt`.
This installs JupyterLab, the scientific libraries and the book's package.

## Open the notebooks

```
.venv/bin/jupyter lab chapters/
```

(Windows: `.venv\\Scripts\\jupyter lab chapters`.) Open a chapter and run its cells from the top
(Run > Run All Cells). The explorers' sliders work only while the notebook runs. To run a whole
chapter without opening it:
`.venv/bin/jupyter nbconvert --to notebook --execute chapters/00_argument_at_a_glance.ipynb --output run.ipynb`.

## Check your answers

Exercises with a numeric or one-word answer have a **self-check** cell below them. Replace `None`
with your answer and run the cell: it says whether you are right without showing the answer. The
answers are stored as hashes; they are for practice, not for grading.

## Where the book is

The built book (the same chapters with their figures, and the role-play, glossary and references)
is the site your instructor gave you; this download was made with it, from its student edition.
Your choices in the explorer "What is Syria worth to Moscow?" are saved in
`~/.syrialev/state.json`, where the leverage chapter reads them.

## Licence

The code (`src/`, the notebooks' code cells) is under the MIT licence; the text, figures and data
tables under Creative Commons Attribution 4.0. See `LICENSE`.
"""


def python_floor(root: Path) -> str:
    """The lowest Python the book supports, as ``pyproject.toml`` states it (``>=3.11.5`` -> 3.11.5)."""
    spec = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    match = re.fullmatch(r">=\s*(\d+\.\d+(?:\.\d+)?)", spec.strip())
    if not match:
        raise ValueError(f"pyproject.toml: requires-python {spec!r} is not of the form '>=X.Y[.Z]'")
    return match.group(1)


def student_readme(root: Path) -> str:
    """The download's README, stating the Python floor that ``pyproject.toml`` declares."""
    return STUDENT_README.replace("{python_floor}", python_floor(root))


def student_requirements(root: Path) -> str:
    """The notebooks' part of ``requirements.txt``, pinned as in the book, plus the package itself."""
    keep = []
    for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines():
        name = re.split(r"[=<>~!\[ ]", line.strip(), maxsplit=1)[0].lower()
        if name in STUDENT_PACKAGES:
            keep.append(line.strip())
    missing = sorted(set(STUDENT_PACKAGES) - {re.split(r"[=<>~!\[ ]", k, maxsplit=1)[0].lower() for k in keep})
    if missing:
        raise ValueError(f"requirements.txt does not pin {', '.join(missing)}")
    head = ("# What the notebooks need, pinned as in the book; constraints.txt pins the rest.\n"
            "# Install with: python -m pip install -r requirements.txt -c constraints.txt\n")
    return head + "\n".join(keep) + "\n-e .\n"


def wheelhouse_requirements(root: Path) -> list[str]:
    """What the download's install needs from an index: its pins, the package's own dependencies
    (the project folder, read for its metadata) and the package's build requirements."""
    pins = [ln for ln in student_requirements(root).splitlines() if ln and not ln.startswith(("#", "-e"))]
    build = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]
    return pins + [str(root)] + list(build)


def fetch_wheelhouse(root: Path, dest: Path) -> Path:
    """Download into ``dest`` (with ``pip download``, constrained by ``constraints.txt``) every wheel
    that ``pip install -r requirements.txt -c constraints.txt`` in the download needs."""
    dest.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(dest),
           "-c", str(root / "constraints.txt"), *wheelhouse_requirements(root)]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"pip download into {dest} failed:\n{proc.stderr[-3000:]}")
    return dest


def _zip_notebooks(root: Path, src: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path in sorted((src / "chapters").glob("*.ipynb")):
            z.write(path, f"student-notebooks/chapters/{path.name}")
        for path in sorted((root / "data").iterdir()):
            if path.is_file():
                z.write(path, f"student-notebooks/data/{path.name}")
        for path in sorted((root / "src" / "syrialev").rglob("*")):
            # the book-building tools are not for students (nor in the package's wheel)
            if path.is_file() and "__pycache__" not in path.parts and "tools" not in path.parts:
                z.write(path, f"student-notebooks/src/syrialev/{path.relative_to(root / 'src' / 'syrialev')}")
        for name in ("constraints.txt", "pyproject.toml", "references.bib", "LICENSE"):
            z.write(root / name, f"student-notebooks/{name}")
        # the chapters link only to pages the edition has: they read its table of contents
        z.write(src / "_toc.yml", "student-notebooks/_toc.yml")
        z.writestr("student-notebooks/requirements.txt", student_requirements(root))
        z.writestr("student-notebooks/README.md", student_readme(root))


def jupyter_book_command() -> str:
    """The ``jupyter-book`` next to this Python (a virtual environment's ``bin`` or ``Scripts``)."""
    here = Path(sys.executable).parent
    found = shutil.which("jupyter-book", path=str(here)) or shutil.which("jupyter-book")
    if not found:
        raise SystemExit(f"jupyter-book is not installed next to {sys.executable} (run `make` first)")
    return found


def _strict_build(src: Path, out: Path, jupyter_book: str | None, what: str,
                  cache: Path | None = None) -> Path:
    """Build the book in ``src`` strictly (``-W -n``) into ``out``; return its HTML folder.

    ``cache``: an execution cache (``_build/.jupyter_cache``) to start from. The editions differ
    from the book only in Markdown (solutions and instructor links removed), which jupyter-cache
    does not hash, so every chapter the book has executed is reused rather than run again.
    """
    if cache is not None and Path(cache).is_dir():
        shutil.copytree(cache, out / "_build" / ".jupyter_cache", dirs_exist_ok=True)
    exe = jupyter_book or jupyter_book_command()
    proc = subprocess.run([exe, "build", str(src), "-W", "-n", "--keep-going",
                           "--path-output", str(out)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-5000:] + proc.stderr[-5000:])
        raise SystemExit(f"{what} did not build (exit {proc.returncode})")
    return out / "_build" / "html"


def build(root: Path, out: Path, jupyter_book: str | None = None, cache: Path | None = None) -> Path:
    """Prepare, build strictly and package the student edition; returns the HTML folder.

    ``cache``: the book's execution cache to start from (see :func:`_strict_build`)."""
    src = out / "src"
    prepare_sources(root, src)
    html = _strict_build(src, out, jupyter_book, "the student edition", cache)
    _zip_notebooks(root, src, html / "student-notebooks.zip")
    return html


#: The short edition's pages, in reading order (``short/index`` is its landing page).
SHORT_PAGES = ["short/reading", "short/argument_map", "short/credibility_pictures", "short/mini_roleplay"]
SHORT_COPY = ["references.bib", "bib", "_ext", "_static", "short"]


def short_toc() -> dict:
    """The short edition's table of contents."""
    return {"format": "jb-book", "root": "short/index",
            "chapters": [{"file": page} for page in SHORT_PAGES]}


def prepare_short(root: Path, dest: Path) -> None:
    """Copy what the 45-minute edition needs to ``dest``, with its own contents and title."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in SHORT_COPY:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        elif src.is_file():
            shutil.copy2(src, dest / name)
    (dest / "_toc.yml").write_text(yaml.safe_dump(short_toc(), sort_keys=False), encoding="utf-8")
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    config["title"] = f"{config.get('title', 'Book')} (45-minute edition)"
    config.setdefault("sphinx", {}).setdefault("config", {})["hide_solutions"] = True
    (dest / "_config.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (dest / "short" / "references.md").write_text(
        "# Sources\n\nEvery source this edition cites.\n\n```{bibliography}\n```\n",
        encoding="utf-8")
    toc = short_toc()
    toc["chapters"].append({"file": "short/references"})
    (dest / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    for path in sorted(dest.rglob("*.md")) + sorted(dest.rglob("*.ipynb")):
        if path.suffix == ".ipynb":
            nb, _ = strip_notebook(myst.read_notebook(path), str(path.relative_to(dest)))
            nbformat.write(nb, str(path))
        else:
            text, _ = strip_solutions(path.read_text(encoding="utf-8"), str(path.relative_to(dest)))
            path.write_text(text, encoding="utf-8")


def build_short(root: Path, out: Path, jupyter_book: str | None = None, cache: Path | None = None) -> Path:
    """Prepare and build the 45-minute edition strictly; returns its HTML folder."""
    src = out / "src"
    prepare_short(root, src)
    return _strict_build(src, out, jupyter_book, "the short edition", cache)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m syrialev.tools.edition")
    ap.add_argument("edition", choices=["student", "short", "wheelhouse"])
    ap.add_argument("--out", default=None)
    ap.add_argument("--root", default=".")
    ap.add_argument("--cache", default=None,
                    help="the book's execution cache to start from (make passes _build/.jupyter_cache)")
    args = ap.parse_args(argv)
    root = Path(args.root).resolve()
    cache = Path(args.cache).resolve() if args.cache else None
    if args.edition == "wheelhouse":
        dest = fetch_wheelhouse(root, Path(args.out or ".venv/wheelhouse").resolve())
        print(f"The notebook download's wheels are in {dest}")
        return
    if args.edition == "short":
        html = build_short(root, Path(args.out or "_build/short").resolve(), cache=cache)
        print(f"The 45-minute edition is at {html / 'index.html'}")
        return
    html = build(root, Path(args.out or "_build/student").resolve(), cache=cache)
    print(f"The student edition is at {html / 'index.html'}")
    print(f"Student notebooks with data: {html / 'student-notebooks.zip'}")


if __name__ == "__main__":
    main()
