"""Reading times, the reading path and the chapter map, computed when the book is built.

- Once Sphinx has read a page, :func:`syrialev.tools.readingtime.doctree_load` counts its prose
  (without code, citations, solutions and alt text) and its exercises; the counts are kept in the
  build environment.
- At the top of every page a line says whether the page is on the **core path** or a **deep
  dive** (from ``_path.yml``, the one list of both) and how long it takes to read.
- ``{chapter-map}`` (a directive) draws the landing page's chapter map from ``_toc.yml``: every
  page of the table of contents, by part, with what it examines, its path and its reading time.
- ``{reading-times}`` (a directive) draws the planning table: words, minutes, solutions, exercises
  and the exercises that need a running notebook, page by page, with totals.
- ``{reading-time}`doc``` (a role) inserts one page's minutes and, for a page on the path, whether
  it is core or a deep dive ("12 min, core path") into running text.

The tables and the role are filled in after every page has been read, so they see every count;
pages holding them are written again whenever any page changes.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.util import logging

from syrialev.tools import readingtime
from syrialev.tools.bookpath import PATH_LABELS, load_path, toc_parts

logger = logging.getLogger(__name__)


class chapter_map(nodes.General, nodes.Element):
    """Placeholder for the chapter map."""


class reading_times(nodes.General, nodes.Element):
    """Placeholder for the planning table."""


class reading_time_ref(nodes.Inline, nodes.Element):
    """Placeholder for one page's minutes."""


class ChapterMap(Directive):
    has_content = False

    def run(self):
        return [chapter_map()]


class ReadingTimes(Directive):
    has_content = False

    def run(self):
        return [reading_times()]


def reading_time_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    node = reading_time_ref(rawtext)
    node["target"] = text.strip()
    node["line"] = lineno
    return [node], []


# ----------------------------------------------------------------------------- counting


def _store(env):
    if not hasattr(env, "syrialev_reading"):
        env.syrialev_reading = {}
    return env.syrialev_reading


def _on_doctree_read(app, doctree):
    _store(app.env)[app.env.docname] = readingtime.doctree_load(doctree)


def _on_purge(app, env, docname):
    _store(env).pop(docname, None)


def _on_merge(app, env, docnames, other):
    _store(env).update({d: v for d, v in _store(other).items() if d in docnames})


def _on_updated(app, env):
    """Pages that show counts of other pages are written again on every build."""
    return [d for d in ("intro", "instructors/planning", "short/index", "coursework/instructor_guide")
            if d in env.found_docs]


# ----------------------------------------------------------------------------- rendering


def _path(app) -> dict:
    src = Path(app.srcdir)
    return load_path(src / "_path.yml") if (src / "_path.yml").is_file() else {}


def _link(app, fromdoc: str, todoc: str) -> nodes.Node:
    title = app.env.titles.get(todoc)
    text = title.astext() if title is not None else todoc
    ref = nodes.reference("", "", internal=True,
                          refuri=app.builder.get_relative_uri(fromdoc, todoc))
    ref += nodes.Text(text)
    return ref


def _table(headers: list[str], rows: list[list], widths: list[int] | None = None,
           classes: list[str] | None = None) -> nodes.table:
    table = nodes.table(classes=classes or [])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for w in widths or [1] * len(headers):
        group += nodes.colspec(colwidth=w)
    thead = nodes.thead()
    group += thead
    row = nodes.row()
    for h in headers:
        row += nodes.entry("", nodes.paragraph("", h))
    thead += row
    tbody = nodes.tbody()
    group += tbody
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            para = nodes.paragraph()
            if isinstance(cell, nodes.Node):
                para += cell
            else:
                para += nodes.Text(str(cell))
            row += nodes.entry("", para)
        tbody += row
    return table


def _header(app, docname: str, path: dict) -> nodes.paragraph | None:
    counts = _store(app.env).get(docname)
    if counts is None:
        return None
    para = nodes.paragraph(classes=["reading-time"])
    entry = path.get(docname)
    if entry:
        para += nodes.strong("", PATH_LABELS[entry["path"]])
        para += nodes.Text(" · ")
    words = counts["words"]
    para += nodes.Text(f"{readingtime.minutes(words)} min read · {words:,} words")
    if counts["solution_words"]:
        para += nodes.Text(f" (solutions {readingtime.minutes(counts['solution_words'])} min more)")
    return para


def _chapter_map(app, docname: str, path: dict) -> list[nodes.Node]:
    toc = yaml.safe_load((Path(app.srcdir) / "_toc.yml").read_text(encoding="utf-8"))
    out = []
    for caption, docs in toc_parts(toc, with_root=False):
        if caption:
            out.append(nodes.rubric("", caption))
        rows = []
        for doc in docs:
            entry = path.get(doc, {})
            counts = _store(app.env).get(doc)
            time = f"{readingtime.minutes(counts['words'])} min" if counts else ""
            label = PATH_LABELS.get(entry.get("path", ""), "")
            rows.append([_link(app, docname, doc), entry.get("about", ""), label, time])
        out.append(_table(["Page", "What it gives you", "Path",
                           f"Reading (at {readingtime.WORDS_PER_MINUTE} words a minute)"], rows, [3, 6, 2, 1],
                          ["chapter-map"]))
    return out


def _reading_times(app, docname: str, path: dict) -> list[nodes.Node]:
    toc = yaml.safe_load((Path(app.srcdir) / "_toc.yml").read_text(encoding="utf-8"))
    rows, totals = [], {"core": [0, 0, 0, 0], "all": [0, 0, 0, 0]}
    for _caption, docs in toc_parts(toc, with_root=True):
        for doc in docs:
            entry = path.get(doc, {})
            if entry.get("path") not in ("core", "deep"):
                continue
            c = _store(app.env).get(doc)
            if c is None:
                continue
            n, k = len(c["exercises"]), len(c["kernel_exercises"])
            for key in ("all", "core") if entry["path"] == "core" else ("all",):
                t = totals[key]
                t[0] += c["words"]
                t[1] += c["solution_words"]
                t[2] += n
                t[3] += k
            rows.append([_link(app, docname, doc), PATH_LABELS[entry["path"]], f"{c['words']:,}",
                         readingtime.minutes(c["words"]),
                         readingtime.minutes(c["words"] + c["solution_words"]), n, k])
    for key, name in (("core", "Core path"), ("all", "Core path and deep dives")):
        w, s, n, k = totals[key]
        rows.append([nodes.strong("", name), "", f"{w:,}", readingtime.minutes(w),
                     readingtime.minutes(w + s), n, k])
    return [_table(["Page", "Path", "Words", f"Minutes (at {readingtime.WORDS_PER_MINUTE} words a minute)",
                    "With solutions", "Exercises", "Need a kernel"], rows, [4, 2, 1, 1, 1, 1, 1], ["reading-times"])]


def _on_doctree_resolved(app, doctree, docname):
    path = _path(app)
    header = _header(app, docname, path)
    if header is not None:
        section = next(iter(doctree.findall(nodes.section)), None)
        if section is not None and section.children and isinstance(section[0], nodes.title):
            section.insert(1, header)
    for node in list(doctree.findall(chapter_map)):
        node.replace_self(_chapter_map(app, docname, path))
    for node in list(doctree.findall(reading_times)):
        node.replace_self(_reading_times(app, docname, path))
    for node in list(doctree.findall(reading_time_ref)):
        target = node["target"]
        counts = _store(app.env).get(target)
        if counts is None:
            logger.warning(f"{{reading-time}}`{target}`: no page of this book is called {target!r}",
                           location=(docname, node["line"]))
            node.replace_self(nodes.Text(target))
            continue
        text = f"{readingtime.minutes(counts['words'])} min"
        kind = path.get(target, {}).get("path")
        if kind in ("core", "deep"):
            text += ", " + PATH_LABELS[kind].lower()
        node.replace_self(nodes.Text(text))


def setup(app):
    app.add_node(chapter_map)
    app.add_node(reading_times)
    app.add_node(reading_time_ref)
    app.add_directive("chapter-map", ChapterMap)
    app.add_directive("reading-times", ReadingTimes)
    app.add_role("reading-time", reading_time_role)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("env-purge-doc", _on_purge)
    app.connect("env-merge-info", _on_merge)
    app.connect("env-get-updated", _on_updated)
    app.connect("doctree-resolved", _on_doctree_resolved)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
