"""The static face of an explorer in the built book: a :class:`Gallery` of captioned scenarios,
opened by the explorer's in-page controls (:class:`.offline.OfflineExplorer`).
"""

from __future__ import annotations

import html

from .offline import OfflineExplorer

__all__ = ["Gallery"]


class Gallery:
    """Several captioned figures shown together (the static face of an explorer).

    Given the explorer, the gallery opens with its in-page controls (hidden where no script runs).
    """

    def __init__(self, title: str, items: list, explorer=None):
        self.title = title
        self.items = items  # (caption, plots.Figure, verdict)
        self.explorer = explorer
        self._offline = None

    @property
    def offline(self):
        """The in-page explorer (computed once, on first use), or None."""
        if self._offline is None and self.explorer is not None:
            self._offline = OfflineExplorer(self.explorer)
        return self._offline

    def _repr_html_(self) -> str:
        cells = [self.offline._repr_html_()] if self.explorer is not None else []
        for caption, fig, verdict in self.items:
            cells.append(
                '<div class="syrialev-scenario" style="margin-bottom:1.2em">'
                f"<p><strong>{html.escape(caption)}.</strong> {html.escape(verdict)}</p>"
                f"{fig._repr_html_()}</div>")
        return "".join(cells)

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = "\n".join(f"{c}: {v}" for c, _, v in self.items)
        return {"text/html": self._repr_html_(), "text/plain": text}

    def __len__(self):
        return len(self.items)
