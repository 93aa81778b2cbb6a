"""One place for the book's look: palette, sizes, and figures shown with alt text.

The palette is Okabe and Ito's colour-universal-design set, distinguishable with the common forms
of colour blindness (Okabe and Ito 2008). Every figure the book shows goes through
:func:`show`, which renders it once to PNG and displays it as an HTML ``<img>`` with alt text
(and a caption), so the built book, JupyterLab, VS Code and Colab all see the same picture and a
screen reader hears what it shows.
"""

from __future__ import annotations

import base64
import contextlib
import html
import io
import struct
import zlib

import matplotlib

__all__ = ["OKABE_ITO", "PALETTE", "WIDTH", "BOOK_STYLE", "styled", "style", "new_figure", "png_bytes", "rgba_png",
           "compact_png", "Figure", "show", "Details", "details", "code"]

#: Okabe-Ito colours by name.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "grey": "#999999",
}
#: A cycle of the Okabe-Ito colours in an order that keeps neighbours apart.
PALETTE = [OKABE_ITO[k] for k in (
    "blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue", "yellow", "grey",
    "black",
)]
#: Width in inches of a figure at the book's text width.
WIDTH = 8.0
DPI = 110


#: The book's matplotlib style (palette, fonts, no top/right spines).
BOOK_STYLE = {
        "axes.prop_cycle": matplotlib.cycler(color=PALETTE),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
        "axes.labelsize": 10,
        "font.size": 10,
        "legend.frameon": False,
        "figure.dpi": DPI,
        "savefig.dpi": DPI,
        "figure.autolayout": False,
        # unhinted glyphs: smooth at any zoom, and a quarter quicker to draw on live updates
        "text.hinting": "no_hinting",
}
#: ``BOOK_STYLE`` as matplotlib stores it (validated: ``10`` becomes ``10.0`` and so on).
_BOOK_VALUES = dict(matplotlib.RcParams(BOOK_STYLE))


class _Styled(contextlib.ContextDecorator):
    """What :func:`styled` returns: sets the book's values of the ``BOOK_STYLE`` keys that differ
    now, and on leaving puts back what was there. Unlike ``matplotlib.rc_context``, it does not copy
    and restore all of ``rcParams`` (about a millisecond, several times in every live update); the
    package changes no other key inside it. Inside another ``styled()`` block it changes nothing."""

    def _recreate_cm(self):  # a fresh one for each call of a decorated function (re-entrant)
        return type(self)()

    def __enter__(self):
        rc = matplotlib.rcParams
        self._saved = {k: rc[k] for k, v in _BOOK_VALUES.items() if rc[k] != v}
        if self._saved:
            rc.update({k: _BOOK_VALUES[k] for k in self._saved})
        return self

    def __exit__(self, *exc):
        if self._saved:
            matplotlib.rcParams.update(self._saved)
        return False


def styled():
    """The book's style for the duration of a ``with`` block (or of a function it decorates).

    Every figure function of the package draws inside it, so a student's own plots keep the
    matplotlib settings the student chose: nothing here changes the global ``rcParams``.
    """
    return _Styled()


def style() -> None:
    """Make the book's style the default for *your own* plots too (changes global rcParams)."""
    matplotlib.rcParams.update(BOOK_STYLE)


def new_figure(height: float = 4.0, width: float = WIDTH, **subplots_kw):
    """A figure and axes at the book's width, not registered with pyplot (no stray display)."""
    from matplotlib.figure import Figure as MplFigure

    with styled():
        fig = MplFigure(figsize=(width, height), dpi=DPI)
        axes = fig.subplots(**subplots_kw)
    return fig, axes


def png_bytes(fig, tight: bool = True) -> bytes:
    """Render ``fig`` to PNG bytes.

    ``tight=True`` trims the margins (one extra layout pass); explorers pass ``False`` and fix
    their layout once when the figure is built, so each update renders only once.
    """
    buf = io.BytesIO()
    with styled():  # text is rasterised now, in the book's style
        _save(fig, buf, tight)
    return buf.getvalue()


def _save(fig, buf, tight: bool) -> None:
    if tight:
        fig.savefig(buf, format="png", dpi=DPI, bbox_inches="tight")
    else:  # fast path for live updates: light compression
        fig.savefig(buf, format="png", dpi=DPI, pil_kwargs={"compress_level": 1})


def rgba_png(canvas) -> bytes:
    """Encode what an Agg canvas holds now as PNG, quickly (live updates).

    Every row is stored unfiltered (PNG filter type 0) and deflated at level 1. For the book's
    flat-colour figures that is about twice as fast as Pillow's encoder, which tries a filter on
    every row, and gives no more bytes; the picture is the same, pixel for pixel (PNG is lossless).
    """
    import numpy as np

    pixels = np.asarray(canvas.buffer_rgba())
    height, width, _ = pixels.shape
    rows = np.empty((height, 1 + 4 * width), dtype=np.uint8)
    rows[:, 0] = 0  # filter type: none
    rows[:, 1:] = pixels.reshape(height, 4 * width)
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8 bits, RGBA, no interlace
    return b"".join((b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header),
                     _chunk(b"IDAT", zlib.compress(rows.tobytes(), 1)), _chunk(b"IEND", b"")))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def compact_png(png: bytes, keep: int = 64) -> bytes:
    """The same picture as an indexed-colour PNG, about a quarter of the bytes.

    The book's figures are flat colours from a small palette plus their anti-aliased edges. Every
    Okabe-Ito colour the figure uses, white, and then the most frequent other colours, up to
    ``keep`` in all, are kept exactly; each rarer edge shade is mapped to its nearest kept colour.
    The palette stays exact and every label legible, while the page weight of the built book (each
    picture is embedded in its page) falls to about a quarter. Deterministic: the same input always
    gives the same bytes.
    """
    import numpy as np
    from PIL import Image

    def unpack(k):
        return np.stack([(k >> 16) & 255, (k >> 8) & 255, k & 255], axis=-1).astype(np.int32)

    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int32)
    keys = (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]
    colours, inverse, counts = np.unique(keys.ravel(), return_inverse=True, return_counts=True)
    fixed = {int(h[1:], 16) for h in OKABE_ITO.values()} | {0xFFFFFF}
    first = np.isin(colours, list(fixed))
    # exact palette colours first, then by frequency; ties broken by colour, so deterministic
    order = np.lexsort((colours, -counts, ~first))
    kept = colours[order[:max(keep, int(first.sum()))]]
    pal, every = unpack(kept), unpack(colours)
    nearest = np.argmin(((every[:, None, :] - pal[None, :, :]) ** 2).sum(axis=-1), axis=1)
    height, width = keys.shape
    image = Image.frombytes("P", (width, height), nearest[inverse].astype(np.uint8).tobytes())
    image.putpalette(pal.astype(np.uint8).ravel().tolist())
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


class Figure:
    """A rendered figure with alt text and an optional caption, displayable in any front end.

    Jupyter shows its HTML form (an ``<img>`` with ``alt``); plain consoles get the alt text.
    """

    def __init__(self, png: bytes, alt: str, caption: str = ""):
        if not alt or not alt.strip():
            raise ValueError("a figure needs alt text that says what it shows")
        self.png = png
        self.alt = alt.strip()
        self.caption = caption.strip()

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png).decode("ascii")
        img = (f'<img src="data:image/png;base64,{data}" alt="{html.escape(self.alt, quote=True)}"'
               ' style="max-width:100%;height:auto" class="syrialev-figure"/>')
        cap = f"<figcaption>{html.escape(self.caption)}</figcaption>" if self.caption else ""
        return f'<figure class="syrialev">{img}{cap}</figure>'

    def _repr_png_(self) -> bytes:
        return self.png

    def __repr__(self) -> str:
        return f"<Figure: {self.alt}>"

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": f"[Figure] {self.alt}"}


def show(fig, alt: str, caption: str = "") -> Figure:
    """Render a matplotlib figure to a :class:`Figure` with alt text (display it as a cell's result)."""
    return Figure(compact_png(png_bytes(fig)), alt, caption)


class Details:
    """Content shown collapsed under a summary line (HTML ``<details>``), e.g. "How we checked this".

    Used for verification tables that a reader may open but need not read: the built book,
    JupyterLab and Colab all render it as a closed disclosure; a console gets the plain text.
    """

    def __init__(self, summary: str, content):
        if not summary or not summary.strip():
            raise ValueError("a collapsed block needs a summary line that says what it holds")
        self.summary = summary.strip()
        self.content = content

    def _inner_html(self) -> str:
        c = self.content
        if hasattr(c, "_repr_html_"):
            return c._repr_html_()
        if hasattr(c, "to_html"):
            return c.to_html()
        return f"<pre>{html.escape(str(c))}</pre>"

    def _repr_html_(self) -> str:
        return (f'<details class="syrialev-details"><summary>{html.escape(self.summary)}</summary>'
                f"{self._inner_html()}</details>")

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(), "text/plain": f"{self.summary}\n{self.content}"}


def details(summary: str, content) -> Details:
    """``content`` (a table, a figure, text) collapsed under ``summary``."""
    return Details(summary, content)


class _Html:
    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return self.text

    def __str__(self) -> str:
        return self.text


def code(*functions, summary: str = "") -> Details:
    """The source of package functions, collapsed under "The code: ..." (read from the package).

    Placed beside a model's equations, it shows the code that computed the figures, read with
    ``inspect`` when the page is built, so equation and code cannot drift apart.
    """
    import inspect

    if not functions:
        raise ValueError("name at least one function to show")
    source = "\n\n".join(inspect.getsource(f).rstrip() for f in functions)
    names = ", ".join(f"{f.__module__}.{f.__qualname__}" for f in functions)
    try:
        from pygments import highlight
        from pygments.formatters import HtmlFormatter
        from pygments.lexers import PythonLexer

        body = highlight(source, PythonLexer(), HtmlFormatter(noclasses=True))
    except ImportError:  # pragma: no cover - pygments comes with IPython
        body = f"<pre>{html.escape(source)}</pre>"
    details = Details(summary or f"The code: {names}", _Html(body))
    details.source = source
    return details

