"""Rubric tables made from the rubric files: ``{rubric-table}`` in the book's pages.

````md
```{rubric-table} rubrics/memo.csv
```
````

reads the CSV (path relative to the page) with :mod:`syrialev.tools.rubrics` and inserts its table:
each criterion with its points, each level with its descriptor and the points it earns, and the
total. A malformed file is a build error naming the file and line, so the strict build fails.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective


def _table(header, rows, widths):
    table = nodes.table(classes=["rubric-table"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for w in widths:
        group += nodes.colspec(colwidth=w)
    thead = nodes.thead()
    group += thead
    head_row = nodes.row()
    for text in header:
        head_row += nodes.entry("", nodes.paragraph(text=text))
    thead += head_row
    body = nodes.tbody()
    group += body
    for cells in rows:
        row = nodes.row()
        for text in cells:
            row += nodes.entry("", nodes.paragraph(text=text))
        body += row
    return table


class RubricTable(SphinxDirective):
    required_arguments = 1
    has_content = False

    def run(self):
        from syrialev.tools.rubrics import RubricError, load, table_rows

        page = Path(self.env.doc2path(self.env.docname)).parent
        path = (page / self.arguments[0]).resolve()
        self.env.note_dependency(str(path))
        try:
            rubric = load(path)
        except RubricError as exc:
            return [self.state_machine.reporter.error(str(exc), line=self.lineno)]
        header, rows = table_rows(rubric)
        widths = [16] + [21] * (len(header) - 1)
        total = nodes.paragraph(text=(
            f"Total {rubric.total:g} points. A level earns the criterion's points times its score "
            f"over {rubric.top:g}; the points each level earns are in square brackets. The rubric "
            f"is also a file for a spreadsheet or an LMS: coursework/rubrics/{path.name}."))
        return [_table(header, rows, widths), total]


def setup(app):
    app.add_directive("rubric-table", RubricTable)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
