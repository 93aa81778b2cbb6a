"""Small Sphinx fixes for the built book.

- Explorer widgets run only with a kernel; in the built book their cells' outputs are removed and
  each explorer shows static figures instead. Executed notebooks still carry the widgets' saved
  state, which myst-nb would embed in every page as a script; it would do nothing without the
  widget JavaScript (not loaded: the book works offline), so it is dropped.

- sphinx-thebe registers its inline configuration script once per read phase; when Jupyter Book
  reads sources in more than one phase, pages get the script twice and the browser raises
  "Identifier 'THEBE_JS_URL' has already been declared". Keep only the first copy of each script.

- docutils writes each bibliography entry as ``<div class="citation" role="doc-biblioentry">``
  inside ``<div role="list" class="citation-list">``. DPUB-ARIA 1.1 deprecates ``doc-biblioentry``,
  and a list whose items have no ``listitem`` role has, for assistive technology, no items at all
  (axe-core: ``aria-deprecated-role``, ``aria-required-children``). Each entry is a ``listitem``.
"""

import re

#: The opening tag of a citation entry as docutils writes it, with its deprecated role.
_BIBLIOENTRY = re.compile(r'(<div\b[^>]*\bclass="citation"[^>]*?\brole=")doc-biblioentry(")')


def listitem_citations(body: str) -> str:
    """``body`` with each citation entry's ``doc-biblioentry`` role replaced by ``listitem``."""
    return _BIBLIOENTRY.sub(r"\1listitem\2", body)


def _fix_citation_roles(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and "doc-biblioentry" in body:
        context["body"] = listitem_citations(body)


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    files = context.get("script_files")
    if not files:
        return
    seen, kept = set(), []
    for js in files:
        attrs = getattr(js, "attributes", {}) or {}
        if attrs.get("type") == "application/vnd.jupyter.widget-state+json":
            continue
        # the same inline script comes once with filename None and once with ""
        key = (getattr(js, "filename", str(js)) or None, attrs.get("body"))
        if key in seen:
            continue
        seen.add(key)
        kept.append(js)
    files[:] = kept


def setup(app):
    app.connect("html-page-context", _dedupe_scripts, priority=999)
    app.connect("html-page-context", _fix_citation_roles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
