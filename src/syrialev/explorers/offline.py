"""Explorers that answer the reader of the built book, where no kernel runs.

The book is read mostly as static HTML. To let a reader still move an assumption and watch the
conclusion change, each explorer names a few of its parameters and the values a reader may pick
for each (``Explorer.explore``). When the book is built, :func:`frames` runs the explorer's own
model and figure at every combination of those values and keeps three things per combination:
the picture, its alt text and the verdict in words. :class:`OfflineExplorer` writes them into
the page as data; a small script shipped with the book (``_static/syrialev-explore.js``) turns
them into labelled controls. Moving a control shows the picture, alt text and verdict the package
computed for that combination, so the page can never disagree with the model: there is only one
model, and the page replays it.

Most pixels of every picture are the same in every view (axes, tick labels, legends), and the
pictures are what weighs on the page. So they are stored in layers: the default view's picture
whole (the *base*), and each view's as an *overlay* that holds only the pixels where it differs
from the base (:func:`overlay_png`); the script shows the overlay over the base.

Without the script (a notebook front end, a print-out) the block stays hidden and nothing on the
page looks like a control that does nothing; the static scenarios above it remain.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import itertools
import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import plots
from .params import Param, ParameterError

if TYPE_CHECKING:  # only for annotations: offline never imports the explorer module
    from .explorer import Explorer

__all__ = ["MAX_FRAMES", "FRAME_COLOURS", "Control", "Frames", "controls", "frames", "OfflineExplorer",
           "frame_index", "layered", "overlay_png"]

#: At most this many combinations per explorer: pictures are embedded in the page.
MAX_FRAMES = 40
#: Colours kept exactly in each view (every palette colour the figure uses among them); the views
#: are many (57 on the leverage page), so they are packed tighter than the book's other figures;
#: 24 keeps every label legible and saves about 8% of the bytes of 32.
FRAME_COLOURS = 24


@dataclass(frozen=True)
class Control:
    """One control of the offline explorer: a parameter and the values a reader can pick."""

    param: Param
    values: tuple

    @property
    def labels(self) -> tuple:
        """How each value is shown and announced (with the parameter's unit)."""
        return tuple(value_label(self.param, v) for v in self.values)

    @property
    def default_index(self) -> int:
        return self.values.index(self.param.default)


def value_label(param: Param, value) -> str:
    """A value as a reader sees it: ``0.53 stylised units (0-1)``, ``yes``, ``united nations``."""
    if param.kind == "bool":
        return "yes" if value else "no"
    if param.kind == "choice":
        return str(value).replace("_", " ")
    text = str(int(value)) if param.kind == "int" else f"{value:g}"
    return f"{text} {param.unit}".strip() if param.unit else text


def controls(explorer: Explorer) -> tuple:
    """The explorer's offline controls, checked against its parameters.

    ``explore`` maps a parameter name to the values a reader may pick, or to ``None`` for every
    option of a true/false or choice parameter. Each list must hold the parameter's default (so
    the page opens on the book's default scenario), be free of repeats, and pass the parameter's
    own range check; the product of the list lengths must stay within :data:`MAX_FRAMES`.
    """
    spec = getattr(explorer, "explore", None) or {}
    name = explorer.name or type(explorer).__name__
    if not spec:
        raise ParameterError(f"{name}: no offline controls declared (class attribute 'explore')")
    params = {p.name: p for p in explorer.params}
    out = []
    for key, values in spec.items():
        if key not in params:
            raise ParameterError(f"{name}: offline control {key!r} is not a parameter; the parameters "
                                 f"are {', '.join(params)}")
        p = params[key]
        if values is None:
            if p.kind == "bool":
                values = (False, True)
            elif p.kind == "choice":
                values = tuple(p.options)
            else:
                raise ParameterError(f"{name}: offline control {key!r} is numeric and needs its values")
        values = tuple(p.check(v) for v in values)
        if len(values) < 2:
            raise ParameterError(f"{name}: offline control {key!r} needs at least two values")
        if len(set(values)) != len(values):
            raise ParameterError(f"{name}: offline control {key!r} repeats a value: {values}")
        if p.default not in values:
            raise ParameterError(f"{name}: offline control {key!r} must include the default "
                                 f"{p.default!r}; got {values}")
        if p.kind in ("float", "int", "bool"):
            values = tuple(sorted(values))  # sliders run low to high; a checkbox is (off, on)
        out.append(Control(p, values))
    count = math.prod(len(c.values) for c in out)
    if count > MAX_FRAMES:
        raise ParameterError(f"{name}: {count} combinations of offline controls; at most {MAX_FRAMES}")
    return tuple(out)


def frame_index(sizes, positions) -> int:
    """Row-major position of a combination (the script computes the same)."""
    index = 0
    for size, pos in zip(sizes, positions, strict=True):
        if not 0 <= pos < size:
            raise IndexError(f"position {pos} outside 0..{size - 1}")
        index = index * size + pos
    return index


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _rgb(png: bytes):
    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def overlay_png(png: bytes, base) -> bytes:
    """The picture ``png`` as a layer over ``base`` (an RGB array of the same size).

    Every pixel whose colour equals the base's is fully transparent (palette index 0); every other
    pixel is opaque and has the picture's exact colour. Laid over the base it gives back the
    picture pixel for pixel. A view differs from the default one only where its bars, dots and a
    few texts moved (a few per cent of the pixels), so the overlay is mostly transparent runs that
    compress well: typically a third to a half of the whole picture's bytes (less is saved where
    the views rescale an axis and so move everything). An
    indexed-colour PNG whose palette is the changed pixels' colours, sorted, so the same input
    always gives the same bytes.
    """
    import numpy as np
    from PIL import Image

    rgb = _rgb(png).astype(np.int32)
    if rgb.shape != base.shape:
        raise ValueError(f"picture of {rgb.shape[:2]} pixels over a base of {base.shape[:2]}")
    changed = (rgb != base).any(axis=-1)
    keys = (rgb[..., 0] << 16) | (rgb[..., 1] << 8) | rgb[..., 2]
    colours, inverse = np.unique(keys[changed], return_inverse=True)
    if len(colours) > 255:  # the views are compact pictures of FRAME_COLOURS colours: never here
        raise ValueError(f"{len(colours)} changed colours; an overlay holds at most 255")
    index = np.zeros(keys.shape, dtype=np.uint8)
    index[changed] = inverse.ravel() + 1
    palette = [255, 255, 255]  # index 0, transparent: its colour is never seen
    for k in colours.tolist():
        palette += [(k >> 16) & 255, (k >> 8) & 255, k & 255]
    height, width = keys.shape
    image = Image.frombytes("P", (width, height), index.tobytes())
    image.putpalette(palette)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True, transparency=0)
    return buf.getvalue()


@dataclass
class Frames:
    """Every combination's picture (deduplicated), alt text and verdict, in row-major order.

    With a ``base`` (the default view's picture), ``images`` are overlays to lay over it (see
    :func:`overlay_png`); without one they are whole pictures. :meth:`picture` gives the picture a
    reader sees either way.
    """

    name: str
    title: str
    controls: tuple
    images: list       # PNG bytes, each distinct picture (or overlay) once
    frames: list       # per combination: {"img": index into images, "alt": ..., "verdict": ...}
    values: list       # per combination: the full parameter values used
    base: bytes | None = None  # PNG bytes of the default view, under every overlay; None: no layers

    def to_json(self) -> dict:
        data = {
            "name": self.name,
            "title": self.title,
            "controls": [{
                "name": c.param.name, "label": c.param.label, "kind": c.param.kind,
                "doc": c.param.doc, "labels": list(c.labels), "default": c.default_index,
            } for c in self.controls],
        }
        if self.base is not None:
            data["base"] = _data_uri(self.base)
        data["images"] = [_data_uri(png) for png in self.images]
        data["frames"] = self.frames
        return data

    def picture(self, i: int):
        """``images[i]`` as a reader sees it (laid over the base, if any): a PIL RGB image."""
        from PIL import Image

        top = Image.open(io.BytesIO(self.images[i])).convert("RGBA")
        if self.base is None:
            return top.convert("RGB")
        under = Image.open(io.BytesIO(self.base)).convert("RGBA")
        return Image.alpha_composite(under, top).convert("RGB")

    @property
    def nbytes(self) -> int:
        """What the data adds to the page, in bytes."""
        return len(json.dumps(self.to_json(), separators=(",", ":")))


def layered(pictures: list, start: int) -> tuple:
    """``(base, overlays, where)``: the pictures as overlays over ``pictures[start]``, each distinct
    overlay once (``where[i]`` is picture i's), or ``(None, pictures, identity)`` when the layers
    would not be smaller than the whole pictures or cannot be made (pictures of different sizes):
    the page script shows either form."""
    plain = (None, pictures, list(range(len(pictures))))
    base = _rgb(pictures[start]).astype("int32")
    overlays, seen, where = [], {}, []
    for png in pictures:
        try:
            layer = overlay_png(png, base)
        except ValueError:
            return plain
        digest = hashlib.sha256(layer).hexdigest()
        if digest not in seen:
            seen[digest] = len(overlays)
            overlays.append(layer)
        where.append(seen[digest])
    if len(pictures[start]) + sum(map(len, overlays)) >= sum(map(len, pictures)):
        return plain
    return pictures[start], overlays, where


def frames(explorer: Explorer) -> Frames:
    """Run the explorer at every combination of its offline controls; restore its state.

    Each view's picture is computed whole, exactly as a figure of the book; then the default
    view's picture becomes the base and every picture an overlay over it (:func:`layered`).
    """
    ctrls = controls(explorer)
    defaults = {p.name: p.default for p in explorer.params}
    saved = dict(explorer.values)
    images, seen, out, used = [], {}, [], []
    try:
        for combo in itertools.product(*(c.values for c in ctrls)):
            values = {**defaults, **{c.param.name: v for c, v in zip(ctrls, combo, strict=True)}}
            verdict = explorer.update(**values)
            png = plots.compact_png(explorer.render_png(fast=False), keep=FRAME_COLOURS)
            digest = hashlib.sha256(png).hexdigest()
            if digest not in seen:
                seen[digest] = len(images)
                images.append(png)
            out.append({"img": seen[digest], "alt": explorer.alt(explorer.result), "verdict": verdict})
            used.append(values)
    finally:
        explorer.update(**saved)
    start = out[frame_index([len(c.values) for c in ctrls], [c.default_index for c in ctrls])]["img"]
    base, images, where = layered(images, start)
    for frame in out:
        frame["img"] = where[frame["img"]]
    return Frames(explorer.name, explorer.title, ctrls, images, out, used, base)


class OfflineExplorer:
    """The page's own explorer: data for ``_static/syrialev-explore.js`` in a hidden block."""

    def __init__(self, explorer: Explorer):
        self.data = frames(explorer)

    def _repr_html_(self) -> str:
        payload = json.dumps(self.data.to_json(), separators=(",", ":"), ensure_ascii=True)
        payload = payload.replace("</", "<\\/")  # never closes the script element early
        return (f'<div class="syrialev-explore" data-explorer="{html.escape(self.data.name, quote=True)}"'
                ' hidden style="display:none">'
                f'<script type="application/json" class="syrialev-explore-data">{payload}</script></div>')

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/html": self._repr_html_(),
                "text/plain": f"[{len(self.data.frames)} precomputed views of {self.data.title}]"}
