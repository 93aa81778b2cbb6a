"""The student edition: the book with every exercise and no solution.

``python -m syrialev.edition student --out _build/student`` (what ``make student`` runs):

1. copies the book's sources into ``OUT/src`` and removes, from every notebook and Markdown page,
   the ``solution`` directives (backtick or colon fences, matched by fence length so nested code
   blocks are safe) and the instructors' part of the table of contents;
2. builds that copy with sphinx-exercise's ``hide_solutions`` also set (belt and braces), strictly,
   into ``OUT/html``;
3. writes ``OUT/html/student-notebooks.zip``: the stripped notebooks with the data, the companion
   package and the requirements, so students can run everything locally.

Only non-gated solutions are used in this book: sphinx-exercise's ``hide_solutions`` crashes on
gated solutions (sphinx-exercise issue 89), and stripping the sources makes the download buttons
and the notebooks safe as well.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import yaml

__all__ = ["strip_solutions", "strip_notebook", "student_toc", "instructor_docs", "drop_links_to",
           "prepare_sources", "build", "main"]

_OPEN = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|:{3,})\{solution\}")
#: Caption of the table-of-contents part that the student edition leaves out.
INSTRUCTOR_PART = "For instructors"
#: What the edition's build copies. ``src`` is there because pages show code read from the package
#: (``literalinclude`` on the models page).
COPY = ["_config.yml", "_toc.yml", "intro.md", "references.md", "references.bib", "bib", "_ext",
        "_static", "chapters", "coursework", "data", "src"]


def strip_solutions(text: str) -> tuple[str, int]:
    """Remove every ``{solution}`` directive from MyST text; return the text and how many went.

    A directive opened with N backticks (or colons) ends at the first line holding exactly N of
    the same character, so a solution may contain shorter code fences.
    """
    lines = text.splitlines(keepends=True)
    out, removed, i = [], 0, 0
    while i < len(lines):
        m = _OPEN.match(lines[i])
        if not m:
            out.append(lines[i])
            i += 1
            continue
        fence = m.group("fence")
        closing = re.compile(rf"^\s*{re.escape(fence)}\s*$")
        j = i + 1
        while j < len(lines) and not closing.match(lines[j]):
            j += 1
        if j == len(lines):
            raise ValueError(f"a solution opened at line {i + 1} is never closed with {fence}")
        removed += 1
        i = j + 1
    return "".join(out), removed


def strip_notebook(nb: dict) -> tuple[dict, int]:
    """A copy of notebook JSON ``nb`` with solutions removed from its Markdown cells."""
    nb = json.loads(json.dumps(nb))
    total = 0
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        stripped, n = strip_solutions(source)
        total += n
        cell["source"] = stripped
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
        nb, n = strip_notebook(json.loads(path.read_text(encoding="utf-8")))
        for cell in nb["cells"]:
            if cell["cell_type"] == "markdown":
                cell["source"], _ = drop_links_to(cell["source"], hidden)
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        counts[str(path.relative_to(dest))] = n
    for path in sorted(dest.rglob("*.md")):
        text, n = strip_solutions(path.read_text(encoding="utf-8"))
        text, _ = drop_links_to(text, hidden)
        path.write_text(text, encoding="utf-8")
        counts[str(path.relative_to(dest))] = n
    return counts


def _zip_notebooks(root: Path, src: Path, target: Path) -> None:
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path in sorted((src / "chapters").glob("*.ipynb")):
            z.write(path, f"student-notebooks/chapters/{path.name}")
        for path in sorted((root / "data").iterdir()):
            if path.is_file():
                z.write(path, f"student-notebooks/data/{path.name}")
        for path in sorted((root / "src" / "syrialev").rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                z.write(path, f"student-notebooks/src/syrialev/{path.relative_to(root / 'src' / 'syrialev')}")
        for name in ("requirements.txt", "constraints.txt", "pyproject.toml", "references.bib", "README.md"):
            z.write(root / name, f"student-notebooks/{name}")


def build(root: Path, out: Path, jupyter_book: str | None = None) -> Path:
    """Prepare, build strictly and package the student edition; returns the HTML folder."""
    src = out / "src"
    prepare_sources(root, src)
    exe = jupyter_book or str(Path(sys.executable).with_name("jupyter-book"))
    proc = subprocess.run([exe, "build", str(src), "-W", "-n", "--keep-going",
                           "--path-output", str(out)], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout[-5000:] + proc.stderr[-5000:])
        raise SystemExit(f"the student edition did not build (exit {proc.returncode})")
    html = out / "_build" / "html"
    _zip_notebooks(root, src, html / "student-notebooks.zip")
    return html


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python -m syrialev.edition")
    ap.add_argument("edition", choices=["student"])
    ap.add_argument("--out", default="_build/student")
    ap.add_argument("--root", default=".")
    args = ap.parse_args(argv)
    html = build(Path(args.root).resolve(), Path(args.out).resolve())
    print(f"The student edition is at {html / 'index.html'}")
    print(f"Student notebooks with data: {html / 'student-notebooks.zip'}")


if __name__ == "__main__":
    main()
