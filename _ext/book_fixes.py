"""Small Sphinx fixes for the built book.

- sphinx-thebe registers its inline configuration script once per read phase; when Jupyter Book
  reads sources in more than one phase, pages get the script twice and the browser raises
  "Identifier 'THEBE_JS_URL' has already been declared". Keep only the first copy of each script.
"""


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    files = context.get("script_files")
    if not files:
        return
    seen, kept = set(), []
    for js in files:
        attrs = getattr(js, "attributes", {}) or {}
        # the same inline script comes once with filename None and once with ""
        key = (getattr(js, "filename", str(js)) or None, attrs.get("body"))
        if key in seen:
            continue
        seen.add(key)
        kept.append(js)
    files[:] = kept


def setup(app):
    app.connect("html-page-context", _dedupe_scripts, priority=999)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
