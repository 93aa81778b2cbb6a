"""The live face of an explorer: ipywidgets controls that need a running kernel.

:class:`LiveBox` is an ordinary ``ipywidgets.VBox`` with one addition: besides the widget itself,
its output carries a line of HTML saying what running the cell gives. A notebook front end
(JupyterLab, VS Code, Colab) shows the widget, which it prefers to HTML; the built book, where no
kernel runs, is configured to prefer the HTML (``nb_mime_priority_overrides`` in ``_config.yml``),
so the cell that opens a widget never stands there with nothing under it. The in-page controls
above it (:mod:`.offline`) are what works in the page itself.
"""

from __future__ import annotations

import html

import ipywidgets as w

__all__ = ["LiveBox", "EXPLORER_NOTE", "FORM_NOTE"]

#: What running an explorer's widget cell gives, as the built book shows it.
EXPLORER_NOTE = ("Run this cell in a notebook (JupyterLab, VS Code, or Binder and Colab from the "
                 "rocket icon at the top of the page) for the live explorer: every parameter, with "
                 "fine steps. In this page, the controls above show views computed when the book "
                 "was built.")
#: What running the counterfactual-audit form gives.
FORM_NOTE = ("Run this cell in a notebook (JupyterLab, VS Code, or Binder and Colab from the rocket "
             "icon at the top of the page) for the audit form: your own antecedent, consequent and "
             "probabilities, checked as you type. It needs a running notebook; this page has no "
             "form.")


class LiveBox(w.VBox):
    """A VBox whose output also carries a line saying what running the cell gives (see module)."""

    def __init__(self, children=(), note: str = EXPLORER_NOTE, **kwargs):
        super().__init__(children=list(children), **kwargs)
        self.note = note

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["text/html"] = (f'<p class="syrialev-live-note"><strong>Live in a notebook.</strong> '
                             f"{html.escape(self.note)}</p>")
        data["text/plain"] = f"Live in a notebook. {self.note}"
        return bundle
