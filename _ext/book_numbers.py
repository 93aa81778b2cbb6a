"""Numbers in the prose, computed by the package: the ``{eval}`N.name``` role in the built book.

The chapters quote computed numbers as ``{eval}`N.claims_total``` (see
:mod:`syrialev.chapters.numbers`). In JupyterLab the kernel evaluates the expression; in the built
book no kernel runs (notebooks are executed through a cache), so this extension replaces myst-nb's
``eval`` role: it evaluates ``N.<name>`` from the package's registry and inserts the text. Any other
expression, or an unknown name, is an error that names the page and line, so the strict build fails
rather than print something wrong.
"""

from __future__ import annotations

import re

from docutils import nodes

_EXPRESSION = re.compile(r"N\.([A-Za-z_]\w*)")


def number_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    match = _EXPRESSION.fullmatch(text.strip())
    if not match:
        msg = inliner.reporter.error(
            f"{{eval}}`{text}`: the built book evaluates only numbers of the package, written "
            "N.<name> (see syrialev.chapters.numbers)", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    from syrialev.chapters import N
    from syrialev.chapters.numbers import NumberError

    try:
        value = getattr(N, match.group(1))
    except NumberError as exc:
        msg = inliner.reporter.error(f"{{eval}}`{text}`: {exc}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, msg)], [msg]
    return [nodes.inline(rawtext, str(value), classes=["syrialev-number"])], []


def setup(app):
    # after myst-nb (loaded first by Jupyter Book), so this role is the one the build uses
    app.add_role("eval", number_role, override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
