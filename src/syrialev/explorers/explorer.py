"""The explorer contract shared by every chapter's widgets.

An explorer is a model from the package plus a figure built once. ``update(**params)`` checks the
parameters, runs the model, changes the figure's artists in place and returns the model's verdict
in words. The same object serves three audiences:

- students with a kernel: :meth:`Explorer.widget` gives sliders, the figure and the verdict;
- readers of the built book (no kernel): :meth:`Explorer.static` shows the default scenario and a
  few contrasting counterfactual scenarios as ordinary images with alt text, and above them the
  same explorer with controls that work in the page itself: every combination of the values listed
  in ``explore`` is computed when the book is built (see :mod:`syrialev.explorers.offline`);
- tests and benchmarks: :meth:`Explorer.update` and :meth:`Explorer.render_png`.

A subclass defines ``name``, ``title``, ``params`` (a tuple of :class:`Param`), ``scenarios``
(name -> parameter values), ``explore`` (parameter -> the values a reader of the built book can
pick) and four methods: ``build`` (make the figure and its artists once),
``compute`` (run the model: pure, no drawing), ``draw`` (update the artists from the result),
``verdict`` and ``alt`` (describe the result in words).
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from types import MappingProxyType

from .. import plots
from .gallery import Gallery
from .params import ParameterError

__all__ = ["Explorer", "REGISTRY", "register"]

#: Every explorer class in the book, by name (filled by :func:`register`).
REGISTRY: dict[str, type] = {}


def register(cls):
    """Class decorator: add an explorer to :data:`REGISTRY` (used by tests and ``make bench``)."""
    if cls.name in REGISTRY and REGISTRY[cls.name] is not cls:
        raise ValueError(f"two explorers are named {cls.name!r}")
    REGISTRY[cls.name] = cls
    return cls


def frozen(mapping) -> MappingProxyType:
    """A read-only view of ``mapping`` and of every mapping inside it (class attributes are
    shared by every instance, so none of them may be changed in place)."""
    return MappingProxyType({k: frozen(v) if isinstance(v, Mapping) else v
                             for k, v in mapping.items()})


#: Class attributes holding mappings; each subclass's are made read-only when it is defined.
FROZEN_ATTRIBUTES = ("scenarios", "explore", "audit_example")


class Explorer:
    """Base class; see the module docstring for the contract."""

    name: str = ""
    title: str = ""
    params: tuple = ()
    #: Contrasting counterfactual scenarios for the static page: {caption: {param: value}}.
    scenarios: Mapping = MappingProxyType({})
    #: Controls for readers of the built book: {param: values}, or None for every option of a
    #: true/false or choice parameter. Every combination becomes a precomputed view, so keep the
    #: product of the list lengths small (see offline.MAX_FRAMES); lead with the parameter that
    #: carries the chapter's conclusion.
    explore: Mapping = MappingProxyType({})
    #: Figure size in inches (width, height).
    size: tuple = (plots.WIDTH, 3.6)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        for attr in FROZEN_ATTRIBUTES:
            value = cls.__dict__.get(attr)
            if isinstance(value, Mapping):
                setattr(cls, attr, frozen(value))

    def __init__(self, **values):
        self.values = {p.name: p.default for p in self.params}
        self.values.update(self.validate(**values))
        self.fig, self.axes = plots.new_figure(height=self.size[1], width=self.size[0])
        self._background = None
        self._limits = None
        #: artists that updates change, drawn over a cached background (see render_png). A
        #: subclass may list them in build(); the rest are found as they change.
        self._dynamic: list = []
        with plots.styled():
            self.build()
        self.fig.set_layout_engine(None)  # the layout is fixed in build(); updates never re-flow
        for artist in self._dynamic:
            artist.set_animated(True)
        self.result = None
        self.last_verdict = ""
        self.update()

    # -------------------------------------------------------------- to be defined by subclasses
    def build(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def compute(self, **values):  # pragma: no cover - abstract
        raise NotImplementedError

    def draw(self, result):  # pragma: no cover - abstract
        raise NotImplementedError

    def verdict(self, result) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def alt(self, result) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    # -------------------------------------------------------------- the contract
    def validate(self, **values) -> dict:
        """Check named values against their :class:`Param`; return them converted."""
        specs = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(specs))
        if unknown:
            raise ParameterError(
                f"{self.name}: unknown parameter(s) {', '.join(unknown)}; "
                f"the parameters are {', '.join(specs)}")
        return {k: specs[k].check(v) for k, v in values.items()}

    def update(self, **values) -> str:
        """Change some parameters, recompute, redraw in place; return the verdict in words."""
        new = {**self.values, **self.validate(**values)}
        result = self.compute(**new)
        self.values = new
        self.result = result
        with plots.styled():  # the book's style while drawing; the student's rcParams untouched
            self.draw(result)
        self.last_verdict = self.verdict(result)
        return self.last_verdict

    def render_png(self, fast: bool = True) -> bytes:
        """The figure as it is now, as PNG bytes.

        ``fast=True`` (live updates, ``make bench``): an explorer that lists, in ``build()``, the
        artists its updates change (``self._dynamic``) gets them drawn over a cached picture of
        everything else ("blitting"). The cached picture is redrawn whenever any other artist has
        changed (matplotlib marks it *stale*) or an axes' limits have moved, so the result is
        always current; an explorer that lists nothing is simply redrawn whole. ``fast=False``
        draws the whole figure in z-order (the static pages, and the reference against which the
        tests compare the fast picture).
        """
        if not fast or not self._dynamic:
            return self._full_png()
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        if not isinstance(self.fig.canvas, FigureCanvasAgg):
            FigureCanvasAgg(self.fig)
        canvas = self.fig.canvas
        limits = self._axes_signature()
        others_changed = any(a.stale for a in self._leaves() if not a.get_animated())
        if self._background is None or others_changed or limits != self._limits:
            canvas.draw()  # everything but the dynamic artists
            self._background = canvas.copy_from_bbox(self.fig.bbox)
            self._limits = limits
        else:
            canvas.restore_region(self._background)
        for artist in sorted(self._dynamic, key=lambda a: a.get_zorder()):
            if artist.get_visible():
                self.fig.draw_artist(artist)
        return plots.rgba_png(canvas)

    def _axes_signature(self) -> tuple:
        """What the axes' ticks depend on: limits, tick positions and formatters.

        Ticks, axes titles and legends are re-positioned at every draw (so matplotlib always marks
        them stale); a change of this signature, not their stale flag, says the background must
        be redrawn.
        """
        sig = []
        for ax in self.fig.axes:
            sig.append(tuple(ax.viewLim.bounds))
            for axis in (ax.xaxis, ax.yaxis):
                sig.append((tuple(axis.get_ticklocs()), id(axis.get_major_formatter())))
            # a title listed as dynamic is drawn over the background, so its text may change freely
            sig.append(tuple(t.get_text() for t in (ax.title, ax._left_title, ax._right_title)
                             if not t.get_animated()))
            legend = ax.get_legend()
            if legend is not None and not legend.get_animated():
                sig.append(tuple(t.get_text() for t in legend.get_texts()))
        return tuple(sig)

    def _leaves(self):
        """Every drawable leaf artist of the figure but the ticks (see _axes_signature)."""
        from matplotlib.axis import Axis

        out = []

        from matplotlib.legend import Legend

        def walk(artist):
            if artist.get_animated():  # drawn over the background with everything inside it
                return
            if isinstance(artist, (Axis, Legend)):
                return
            if hasattr(artist, "viewLim") and artist in self.fig.axes:
                skip = {id(artist.title), id(artist._left_title), id(artist._right_title)}
                for child in artist.get_children():
                    if id(child) not in skip:
                        walk(child)
                return
            children = artist.get_children()
            if not children:
                out.append(artist)
            else:
                if artist is not self.fig and not hasattr(artist, "viewLim"):
                    from matplotlib.text import Text

                    if isinstance(artist, Text):
                        out.append(artist)
                        return
                for child in children:
                    walk(child)

        for ax in self.fig.axes:
            walk(ax)
        out += [t for t in self.fig.texts] + [p for p in self.fig.patches]
        return out

    def _full_png(self) -> bytes:
        for artist in self._dynamic:
            artist.set_animated(False)
        try:
            return plots.png_bytes(self.fig, tight=False)
        finally:
            for artist in self._dynamic:
                artist.set_animated(True)
            self._background = None  # redraw the cached picture at the next fast render

    def figure(self, caption: str = "") -> plots.Figure:
        """The current state as a displayable figure with alt text."""
        return plots.Figure(plots.compact_png(self.render_png(fast=False)), self.alt(self.result),
                            caption or self.last_verdict)

    def static(self, scenarios: dict | None = None, explore: bool = True) -> Gallery:
        """The default scenario and contrasting ones, as figures with alt text (for the built book).

        With ``explore`` (the default), the gallery also carries the explorer's in-page controls
        (:mod:`.offline`), computed when the gallery is first shown. The explorer's own state is
        restored afterwards.
        """
        saved = dict(self.values)
        scenarios = self.scenarios if scenarios is None else scenarios
        items = []
        try:
            self.update(**{p.name: p.default for p in self.params})
            items.append(("Default scenario", self._snapshot(), self.last_verdict))
            for caption, values in scenarios.items():
                self.update(**{**{p.name: p.default for p in self.params}, **values})
                items.append((caption, self._snapshot(), self.last_verdict))
        finally:
            self.update(**saved)
        return Gallery(self.title, items, explorer=self if explore else None)

    def _snapshot(self) -> plots.Figure:
        return plots.Figure(plots.compact_png(self.render_png(fast=False)), self.alt(self.result))

    def parameter_table(self) -> str:
        """Markdown list of the controls: range, unit and meaning."""
        return "\n".join(f"- {p.describe()}" for p in self.params)

    def widget(self):
        """Live controls for a running kernel: sliders, the figure, and the verdict in words.

        Out-of-range values cannot be set with the sliders; values typed into the boxes are
        checked by :meth:`validate` and refused with a message, never a traceback.
        """
        import ipywidgets as w

        controls = {}
        for p in self.params:
            desc = p.label + (f" ({p.unit})" if p.unit else "")
            common = dict(description=desc, value=self.values[p.name],
                          style={"description_width": "initial"},
                          layout=w.Layout(width="95%"), continuous_update=False)
            if p.kind == "bool":
                common.pop("continuous_update")
                ctl = w.Checkbox(**common)
            elif p.kind == "choice":
                common.pop("continuous_update")
                ctl = w.Dropdown(options=list(p.options), **common)
            elif p.kind == "int":
                ctl = w.IntSlider(min=int(p.min), max=int(p.max), step=int(p.step or 1), **common)
            else:
                ctl = w.FloatSlider(min=p.min, max=p.max, step=p.step or (p.max - p.min) / 100,
                                    readout_format=".2f", **common)
            ctl.tooltip = p.doc
            controls[p.name] = ctl
        image = w.Image(value=self.render_png(), format="png", layout=w.Layout(max_width="100%"))
        verdict = w.HTML(self._verdict_html(self.last_verdict))

        def on_change(change):
            name = change["owner"]._syrialev_name
            try:
                text = self.update(**{name: change["new"]})
            except ParameterError as exc:
                verdict.value = self._verdict_html(str(exc), error=True)
                return
            image.value = self.render_png()
            verdict.value = self._verdict_html(text)

        for name, ctl in controls.items():
            ctl._syrialev_name = name
            ctl.observe(on_change, names="value")
        from .live import LiveBox

        box = LiveBox([w.HTML(f"<b>{html.escape(self.title)}</b>"), *controls.values(), image, verdict])
        box.explorer = self
        return box

    @staticmethod
    def _verdict_html(text: str, error: bool = False) -> str:
        colour = plots.OKABE_ITO["vermillion"] if error else "#222222"
        return f'<p style="color:{colour};font-size:1.05em">{html.escape(text)}</p>'
