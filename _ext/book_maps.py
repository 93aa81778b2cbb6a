"""The map of Syria in a Markdown page: the ``{syria-map}`` directive.

Chapters that are notebooks show the map from a cell (``maps.syria_map()``). A page that is plain
Markdown (the role-play briefing, the short edition's reading) writes::

    ```{syria-map}
    ```

and the build draws the same figure, from the same table (``data/places.csv``) and vendored borders,
with the alt text written from the table, and embeds it in the page. Nothing is downloaded.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import Directive


class SyriaMap(Directive):
    has_content = False
    required_arguments = 0
    optional_arguments = 0

    def run(self):
        from syrialev import maps

        try:
            figure = maps.syria_map()
        except (ValueError, OSError) as exc:
            return [self.state_machine.reporter.error(f"syria-map: {exc}", line=self.lineno)]
        return [nodes.raw("", figure._repr_html_(), format="html")]


def setup(app):
    app.add_directive("syria-map", SyriaMap)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
