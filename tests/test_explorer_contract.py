"""Every explorer in the book meets the shared contract (see syrialev/explorers/base.py).

Chapter-specific invariants (monotone effects, probabilities in [0, 1]...) live in each chapter's
own test module; this file checks what all explorers owe the reader.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from syrialev.explorers import Explorer, ParameterError, all_explorers

EXPLORERS = all_explorers()
IDS = list(EXPLORERS)


def strategy_for(param):
    if param.kind == "bool":
        return st.booleans()
    if param.kind == "choice":
        return st.sampled_from(param.options)
    if param.kind == "int":
        return st.integers(int(param.min), int(param.max))
    return st.floats(param.min, param.max, allow_nan=False, allow_infinity=False)


def params_strategy(cls):
    return st.fixed_dictionaries({p.name: strategy_for(p) for p in cls.params})


@pytest.fixture(scope="module", params=IDS)
def explorer(request) -> Explorer:
    return EXPLORERS[request.param]()


def test_the_book_has_explorers():
    assert EXPLORERS, "no explorer is registered"


def test_every_control_is_documented(explorer):
    for p in explorer.params:
        assert p.doc and p.label, f"{explorer.name}.{p.name} lacks a label or a meaning"
        if p.kind in ("float", "int"):
            assert p.min is not None and p.max is not None and p.min < p.max
            assert p.min <= p.default <= p.max


def test_out_of_range_values_are_refused_clearly(explorer):
    for p in explorer.params:
        if p.kind in ("float", "int"):
            with pytest.raises(ParameterError, match=p.name):
                explorer.update(**{p.name: p.max + (p.max - p.min) + 1})
        bad = "not-a-value"
        with pytest.raises(ParameterError, match=p.name):
            explorer.update(**{p.name: bad})
    with pytest.raises(ParameterError, match="unknown parameter"):
        explorer.update(no_such_parameter=1)


def test_figure_is_built_once_and_updated_in_place(explorer):
    fig = explorer.fig
    artists_before = {id(a) for ax in fig.axes for a in ax.get_children()}
    for values in [{p.name: p.default for p in explorer.params}, *explorer.scenarios.values()]:
        explorer.update(**values)
        assert explorer.fig is fig, "update() must not create a new figure"
    artists_after = {id(a) for ax in fig.axes for a in ax.get_children()}
    kept = len(artists_before & artists_after) / max(1, len(artists_before))
    assert kept > 0.5, f"{explorer.name}: most artists were replaced rather than updated ({kept:.0%} kept)"


def test_static_face_has_contrasting_scenarios_with_alt_text(explorer):
    gallery = explorer.static(explore=False)  # the in-page views: tests/test_offline_explorers.py
    assert len(gallery) >= 3, "the default scenario and at least two contrasting ones"
    alts = [fig.alt for _, fig, _ in gallery.items]
    verdicts = [v for _, _, v in gallery.items]
    assert all(len(a) > 40 for a in alts)
    assert len(set(alts)) == len(alts), "each scenario's alt text must say what differs"
    assert len(set(verdicts)) > 1, "contrasting scenarios should not all reach the same verdict"
    pngs = [fig.png for _, fig, _ in gallery.items]
    assert len(set(pngs)) == len(pngs), "scenario images must differ"
    html = gallery._repr_html_()
    assert html.count("<img") == len(gallery)


def test_widget_controls_change_the_figure(explorer):
    box = explorer.widget()
    controls = [c for c in box.children if hasattr(c, "_syrialev_name")]
    assert len(controls) == len(explorer.params)
    image = next(c for c in box.children if c.__class__.__name__ == "Image")
    changed = 0
    for ctl in controls:
        before = image.value
        p = next(p for p in explorer.params if p.name == ctl._syrialev_name)
        if p.kind == "bool":
            ctl.value = not ctl.value
        elif p.kind == "choice":
            ctl.value = next(o for o in p.options if o != ctl.value)
        else:
            ctl.value = p.max if ctl.value != p.max else p.min
        changed += image.value != before
    # "No control may appear that does nothing": every control moves the picture.
    assert changed == len(controls), f"{explorer.name}: {len(controls) - changed} control(s) did nothing"


@pytest.mark.parametrize("name", IDS)
def test_any_values_in_range_work(name):
    cls = EXPLORERS[name]
    explorer = cls()

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(params_strategy(cls))
    def run(values):
        verdict = explorer.update(**values)
        assert isinstance(verdict, str) and verdict.strip()
        assert explorer.alt(explorer.result).strip()

    run()


def test_fast_render_shows_the_same_picture_as_a_full_render(explorer):
    """Blitting (drawing only the changing artists over a cached background) must not change what
    the reader sees: along a sequence of updates, each fast render matches a full render of a
    fresh explorer set to the same values."""
    import io

    import numpy as np
    from PIL import Image

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)

    cls = type(explorer)
    sequence = [*explorer.scenarios.values(), {p.name: p.default for p in explorer.params}]
    explorer.update(**sequence[-1])
    explorer.render_png()
    for values in sequence:
        full_values = {**{p.name: p.default for p in explorer.params}, **values}
        explorer.update(**full_values)
        fast = pixels(explorer.render_png())
        reference = pixels(cls(**full_values).render_png(fast=False))
        assert fast.shape == reference.shape
        differing = (np.abs(fast - reference).sum(axis=2) > 60).mean()
        assert differing < 0.01, f"{explorer.name}: {differing:.1%} of pixels differ from a full render"


@pytest.mark.parametrize("name", sorted(all_explorers()))
def test_class_level_mappings_cannot_be_changed_in_place(name):
    """Class attributes are shared by every instance: a change made through one would leak."""
    from syrialev.explorers.explorer import FROZEN_ATTRIBUTES

    cls = all_explorers()[name]
    ex = cls()
    for attr in FROZEN_ATTRIBUTES:
        value = getattr(ex, attr, None)
        if value is None:
            continue
        with pytest.raises(TypeError):
            value["new"] = 1
        for inner in value.values():
            if hasattr(inner, "keys"):
                with pytest.raises(TypeError):
                    inner["new"] = 1
