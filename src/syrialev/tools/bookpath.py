"""The reading path: which pages are the core of a unit and which are deep dives.

``_path.yml`` at the root of the book lists every page of ``_toc.yml`` once, with

- ``path``: ``core`` (what a one-week unit must read), ``deep`` (a deep dive: read it for a longer
  unit or a paper), ``reference`` (looked up, not read through) or ``instructor`` (for the teacher);
- ``about``: one line on what the page gives a reader (the landing page's chapter map shows it).

The book's extension ``_ext/book_path.py`` reads it for the line at the top of every page, the
chapter map and the planning table; the tests read it to check that the plans and the map agree.
"""

from __future__ import annotations

from pathlib import Path

import yaml

__all__ = ["PATH_LABELS", "PathError", "load_path", "toc_parts", "toc_docs", "check_covers"]

#: The kinds of page, as the book names them.
PATH_LABELS = {"core": "Core path", "deep": "Deep dive", "reference": "Reference",
               "instructor": "For instructors"}


class PathError(ValueError):
    """A malformed ``_path.yml``: the message names the file and the page."""


def load_path(file: Path) -> dict[str, dict]:
    """``{page: {"path": ..., "about": ...}}`` from ``_path.yml``, validated."""
    file = Path(file)
    raw = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    pages = raw.get("pages")
    if not isinstance(pages, dict) or not pages:
        raise PathError(f"{file}: expected a mapping 'pages:' of page -> {{path, about}}")
    out = {}
    for doc, entry in pages.items():
        if not isinstance(entry, dict):
            raise PathError(f"{file}: page {doc!r} must be a mapping with 'path' and 'about'")
        kind = entry.get("path")
        if kind not in PATH_LABELS:
            raise PathError(f"{file}: page {doc!r} has path {kind!r}, which is not one of "
                            f"{', '.join(PATH_LABELS)}")
        about = entry.get("about")
        if not isinstance(about, str) or not about.strip():
            raise PathError(f"{file}: page {doc!r} has no 'about' line")
        out[doc] = {"path": kind, "about": about.strip()}
    return out


def _files(entries) -> list[str]:
    docs = []
    for entry in entries or []:
        if "file" in entry:
            docs.append(entry["file"])
        docs += _files(entry.get("sections"))
    return docs


def toc_parts(toc: dict, with_root: bool = True) -> list[tuple[str | None, list[str]]]:
    """``[(caption, [page, ...]), ...]`` in the order of the table of contents.

    The root page comes first, under no caption, unless ``with_root`` is false. A table of
    contents without parts (the short edition's) is one part without a caption.
    """
    out = [(None, [toc["root"]])] if with_root else []
    if "parts" in toc:
        out += [(p.get("caption"), _files(p.get("chapters"))) for p in toc["parts"]]
    else:
        out.append((None, _files(toc.get("chapters"))))
    return out


def toc_docs(toc: dict) -> list[str]:
    """Every page of the table of contents, root first."""
    return [d for _, docs in toc_parts(toc) for d in docs]


def check_covers(path: dict[str, dict], toc: dict) -> list[str]:
    """Problems: pages of the contents missing from the path, or listed there but not in the book."""
    docs = toc_docs(toc)
    problems = [f"_path.yml does not list {d}" for d in docs if d not in path]
    problems += [f"_path.yml lists {d}, which is not in _toc.yml" for d in path if d not in docs]
    return problems
