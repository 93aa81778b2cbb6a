"""The in-page explorers of the built book: precomputed views that replay the package's models.

These tests need no build: they check the controls each explorer declares, that every stored view
is what the model computes for its values (one source of truth), that the pictures stored in layers
(a base and overlays) give back every view pixel for pixel, and the HTML block the page script
reads. The browser tests (test_browser_explore.py) drive the controls in Chromium.
"""

from __future__ import annotations

import io
import itertools
import json
import re
from functools import cache

import numpy as np
import pytest
from PIL import Image

from syrialev import plots
from syrialev.explorers import REGISTRY, Explorer, Param, ParameterError, all_explorers
from syrialev.explorers import offline as offline_module
from syrialev.explorers.offline import (
    FRAME_COLOURS,
    MAX_FRAMES,
    Frames,
    OfflineExplorer,
    controls,
    frame_index,
    frames,
    layered,
    overlay_png,
)

NAMES = sorted(all_explorers())


@cache
def views_of(name: str) -> Frames:
    """The views of explorer ``name`` at its defaults, computed once for this module's tests (the
    tests only read them; each explorer's views take seconds to compute)."""
    return frames(REGISTRY[name]())


@pytest.fixture(scope="module", params=NAMES)
def computed(request):
    """Each explorer with its precomputed views."""
    return REGISTRY[request.param](), views_of(request.param)


def rgb(png: bytes) -> np.ndarray:
    """A PNG's pixels as an RGB array (what a reader sees, whatever the encoding)."""
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def alpha(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))[..., 3]


def png_of(array) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(np.asarray(array, dtype=np.uint8), "RGB").save(buf, format="PNG")
    return buf.getvalue()


def test_every_explorer_declares_offline_controls():
    assert len(NAMES) >= 8
    for name in NAMES:
        ctrls = controls(REGISTRY[name]())
        assert len(ctrls) >= 1, name
        assert np.prod([len(c.values) for c in ctrls]) <= MAX_FRAMES


def test_views_cover_every_combination_in_row_major_order(computed):
    explorer, data = computed
    sizes = [len(c.values) for c in data.controls]
    combos = list(itertools.product(*(c.values for c in data.controls)))
    assert len(data.frames) == len(data.values) == len(combos) == int(np.prod(sizes))
    for positions in itertools.product(*(range(n) for n in sizes)):
        i = frame_index(sizes, positions)
        expected = {c.param.name: c.values[p] for c, p in zip(data.controls, positions, strict=True)}
        assert {k: data.values[i][k] for k in expected} == expected
    assert {f["img"] for f in data.frames} == set(range(len(data.images))), "unused or missing pictures"


def test_every_view_matches_a_fresh_explorer(computed):
    """Each stored view is what a fresh explorer shows at that view's values: no state leaks from
    one view to the next and no view is stored under another's values. (This checks the replay,
    not the model: the two tests below check views against formulas written out independently.)"""
    explorer, data = computed
    fresh = type(explorer)()
    for i, (values, frame) in enumerate(zip(data.values, data.frames, strict=True)):
        assert fresh.update(**values) == frame["verdict"], (explorer.name, values)
        assert fresh.alt(fresh.result) == frame["alt"], (explorer.name, values)
        if i % 7 == 0 or i == len(data.frames) - 1:
            png = plots.compact_png(fresh.render_png(fast=False), keep=FRAME_COLOURS)
            assert np.array_equal(rgb(png), np.asarray(data.picture(frame["img"]))), (explorer.name, values)


def test_layers_are_a_base_and_transparent_overlays(computed):
    """With layers, the base is the default view's picture, the default view's overlay is fully
    transparent, and every overlay is an indexed-colour PNG whose pixels are either fully
    transparent or opaque (so laying it over the base can blend nothing)."""
    explorer, data = computed
    if data.base is None:  # kept whole (layers would not have been smaller): the page shows images alone
        assert "base" not in data.to_json()
        return
    start = data.frames[frame_index([len(c.values) for c in data.controls],
                                    [c.default_index for c in data.controls])]["img"]
    assert not alpha(data.images[start]).any(), f"{explorer.name}: the default view's overlay shows pixels"
    assert np.array_equal(np.asarray(data.picture(start)), rgb(data.base))
    for png in data.images:
        image = Image.open(io.BytesIO(png))
        assert image.mode == "P" and image.info.get("transparency") == 0, explorer.name
        assert set(np.unique(alpha(png)).tolist()) <= {0, 255}, explorer.name


def test_layers_give_back_the_views_of_the_scorecard():
    """The re-codable scorecard (the heaviest explorer, whose whole pictures made its chapter page
    too heavy): every fourth of its 32 views, laid over its base, is the compact picture a fresh
    explorer renders for that view, pixel for pixel; and the layers take less than half the bytes
    of whole pictures of that mean size."""
    cls = all_explorers()["recode"]
    data, fresh = views_of("recode"), cls()
    assert data.base is not None and len(data.frames) == 32
    wholes = []
    for values, frame in list(zip(data.values, data.frames, strict=True))[::4]:
        fresh.update(**values)
        png = plots.compact_png(fresh.render_png(fast=False), keep=FRAME_COLOURS)
        assert np.array_equal(rgb(png), np.asarray(data.picture(frame["img"]))), values
        wholes.append(len(png))
    assert len(data.base) + sum(map(len, data.images)) < len(data.frames) * np.mean(wholes) / 2


def test_overlay_of_a_small_picture_gives_it_back_exactly():
    base = np.full((6, 9, 3), 255, dtype=np.uint8)
    base[1, 1:8] = (0, 114, 178)
    picture = base.copy()
    picture[1, 2:4] = (255, 255, 255)    # a base colour where the base has another
    picture[3, 5] = (0, 114, 178)        # another base colour, elsewhere
    picture[4, 0:3] = (213, 94, 0)       # a colour the base does not have
    picture[5, 8] = (254, 255, 255)      # one step away from the base: still changed
    overlay = overlay_png(png_of(picture), base.astype(np.int32))
    changed = (picture != base).any(axis=-1)
    assert np.array_equal(alpha(overlay) == 255, changed) and set(np.unique(alpha(overlay))) == {0, 255}
    assert np.array_equal(rgb(overlay)[changed], picture[changed]), "opaque pixels keep their exact colour"
    data = Frames("toy", "Toy", (), [overlay], [], [], base=png_of(base))
    assert np.array_equal(np.asarray(data.picture(0)), picture)
    assert not alpha(overlay_png(png_of(base), base.astype(np.int32))).any(), "the base over itself"
    assert overlay_png(png_of(picture), base.astype(np.int32)) == overlay, "deterministic"


def test_layers_are_kept_only_when_they_save_bytes():
    """Pictures that share most pixels are layered (identical overlays stored once); pictures that
    share none, or differ in size, stay whole, and their data has no base."""
    rng = np.random.default_rng(0)
    base = np.full((40, 60, 3), 255, dtype=np.uint8)
    base[::4] = (0, 0, 0)
    moved = base.copy()
    moved[10:14, 20:30] = (230, 159, 0)
    pictures = [png_of(base), png_of(moved), png_of(moved.copy())]
    first, overlays, where = layered(pictures, 0)
    assert first == pictures[0] and len(overlays) == 2 and where == [0, 1, 1]
    noise = []  # indexed-colour pictures of four colours each, no pixel alike between two of them
    for k in range(3):
        image = Image.fromarray(rng.integers(0, 4, (40, 60)).astype(np.uint8), "P")
        image.putpalette([60 * k + 10 * j for j in range(4) for _ in range(3)])
        buf = io.BytesIO()
        image.save(buf, format="PNG", optimize=True)
        noise.append(buf.getvalue())
    assert layered(noise, 1) == (None, noise, [0, 1, 2])
    sizes = [png_of(base), png_of(base[:20])]
    assert layered(sizes, 0) == (None, sizes, [0, 1])
    plain = Frames("toy", "Toy", (), noise, [], [])
    assert "base" not in plain.to_json() and np.array_equal(np.asarray(plain.picture(2)), rgb(noise[2]))


def test_credibility_views_follow_bayes_rule_and_the_threshold_formula():
    """Every view of the credibility explorer, checked against the formulas written out here:
    posterior = prior / (prior + (1 - prior) r); threshold = (s_R + phi) / (p s_R + c_R)."""
    data = views_of("credibility_after_shayrat")
    checked = 0
    for values, frame in zip(data.values, data.frames, strict=True):
        verdict = frame["verdict"]
        prior, post = map(float, re.search(r"(?:from|prior) (\d\.\d+),? (?:to )?(\d\.\d+)", verdict).groups())
        assert post == pytest.approx(prior / (prior + (1 - prior) * values["r"]), abs=0.006), verdict
        need = float(re.search(r"(?:needs|past the|belief of) (\d+\.\d+)", verdict).group(1))
        v = values
        assert need == pytest.approx((v["s_r"] + v["phi"]) / (v["p"] * v["s_r"] + v["c_r"]), abs=0.006), verdict
        complies_after = post >= need
        assert ("complies after" in verdict or "so Russia complies" in verdict) == complies_after, verdict
        checked += 1
    assert checked == len(data.frames) >= 12


def _common_winset(ideals, sq, step=0.0005):
    """Points of [-1, 2] that every player likes at least as well as the status quo (brute force)."""
    grid = np.arange(-1.0, 2.0 + step, step)
    ok = np.ones_like(grid, dtype=bool)
    for ideal in ideals:
        ok &= np.abs(grid - ideal) <= abs(sq - ideal) + 1e-12
    return grid[ok]


def test_veto_player_views_agree_with_a_brute_force_search():
    data = views_of("veto_players")
    for values, frame in zip(data.values, data.frames, strict=True):
        sq = values["status_quo"]
        common = _common_winset([values["washington"], values["moscow"], values["tehran"]], sq)
        moves = common[np.abs(common - sq) > 0.001]
        verdict = frame["verdict"]
        assert verdict.startswith("A deal exists") == (moves.size > 0), (values, verdict)
        if moves.size:
            lo, hi = map(float, re.search(r"from (-?\d\.\d+) to (-?\d\.\d+)", verdict).groups())
            assert (lo, hi) == (pytest.approx(common.min(), abs=0.006), pytest.approx(common.max(), abs=0.006))


def test_default_view_is_the_books_default_scenario(computed):
    explorer, data = computed
    start = frame_index([len(c.values) for c in data.controls], [c.default_index for c in data.controls])
    fresh = type(explorer)()
    assert data.frames[start]["verdict"] == fresh.update(**{p.name: p.default for p in fresh.params})


def test_every_control_changes_the_figure_and_the_verdict(computed):
    """Moving any one control away from the default, the others held, reaches a different verdict
    and a different picture: no control is decoration."""
    explorer, data = computed
    sizes = [len(c.values) for c in data.controls]
    start = [c.default_index for c in data.controls]
    base = data.frames[frame_index(sizes, start)]
    for k, c in enumerate(data.controls):
        reached = []
        for pos in range(sizes[k]):
            positions = list(start)
            positions[k] = pos
            reached.append(data.frames[frame_index(sizes, positions)])
        assert any(f["verdict"] != base["verdict"] for f in reached), (explorer.name, c.param.name)
        assert any(f["img"] != base["img"] for f in reached), (explorer.name, c.param.name)


def test_alt_text_follows_the_picture(computed):
    """Two views with different pictures never share alt text, and each alt says enough."""
    explorer, data = computed
    alt_for = {}
    for frame in data.frames:
        assert len(frame["alt"]) > 40
        alt_for.setdefault(frame["img"], set()).add(frame["alt"])
    alts = [a for group in alt_for.values() for a in group]
    assert len(alts) == len(set(alts)), f"{explorer.name}: one alt text describes two different pictures"


def test_views_restore_the_explorers_state():
    explorer = _Toy(x=0.3, flag=True)
    explorer.explore = {"flag": None, "x": (0.0, 0.5, 1.0)}
    before = dict(explorer.values), explorer.last_verdict
    data = frames(explorer)
    assert len(data.frames) == 6 and before[1] not in {f["verdict"] for f in data.frames}
    assert (dict(explorer.values), explorer.last_verdict) == before


def test_html_block_is_hidden_data_the_page_script_reads(monkeypatch):
    monkeypatch.setattr(offline_module, "frames", lambda explorer: views_of(explorer.name))
    offline = OfflineExplorer(REGISTRY["veto_players"]())
    html = offline._repr_html_()
    assert re.match(r'<div class="syrialev-explore" data-explorer="veto_players" hidden', html)
    assert "<input" not in html and "<img" not in html, "no control or picture without the script"
    payload = re.search(r'<script type="application/json" class="syrialev-explore-data">(.*)</script>',
                        html, re.S).group(1)
    assert "</" not in payload
    data = json.loads(payload)
    assert data["name"] == "veto_players" and len(data["frames"]) == len(offline.data.frames)
    assert all(src.startswith("data:image/png;base64,") for src in data["images"] + [data["base"]])
    for c in data["controls"]:
        assert c["label"] and 0 <= c["default"] < len(c["labels"])
    units = [lab for c in data["controls"] for lab in c["labels"]]
    assert all("on the 0-1 axis" in lab for lab in units), "values are announced with their unit"


def test_gallery_carries_the_offline_block_and_can_leave_it_out(monkeypatch):
    asked = []
    monkeypatch.setattr(offline_module, "frames",
                        lambda explorer: asked.append(explorer.name) or views_of(explorer.name))
    explorer = REGISTRY["veto_players"]()
    assert 'class="syrialev-explore"' in explorer.static()._repr_html_()
    assert "syrialev-explore" not in explorer.static(explore=False)._repr_html_()
    assert asked == ["veto_players"], "the views are computed for the gallery that shows them, and only then"


def test_frame_index_rejects_positions_out_of_range():
    assert frame_index([3, 2], [2, 1]) == 5
    with pytest.raises(IndexError):
        frame_index([3, 2], [3, 0])


class _Toy(Explorer):
    name = "toy"
    title = "Toy"
    params = (Param("x", "X", 0.5, 0.0, 1.0, 0.1), Param("flag", "Flag", False, kind="bool"))
    scenarios = {}

    def build(self):
        (self.line,) = self.axes.plot([0, 1], [0, 0])

    def compute(self, **v):
        return v

    def draw(self, result):
        self.line.set_ydata([0, result["x"]])

    def verdict(self, result):
        return f"x is {result['x']}"

    def alt(self, result):
        return f"A line rising from zero to {result['x']} over the unit interval, flag {result['flag']}."


@pytest.mark.parametrize("spec, message", [
    ({}, "no offline controls declared"),
    ({"y": (0.1, 0.5)}, "'y' is not a parameter"),
    ({"x": (0.1, 0.2)}, "must include the default 0.5"),
    ({"x": (0.5, 0.5, 0.9)}, "repeats a value"),
    ({"x": (0.5, 1.5)}, "X (x) must be between 0.0 and 1.0"),
    ({"x": None}, "numeric and needs its values"),
    ({"x": (0.5,)}, "at least two values"),
    ({"x": tuple(i / 100 for i in range(0, 101, 2)) + (0.5,)}, "repeats a value"),
    ({"x": tuple(i / 100 for i in range(0, 100, 4)) + (0.5, 0.99), "flag": None},
     f"54 combinations of offline controls; at most {MAX_FRAMES}"),
])
def test_bad_offline_controls_are_named(spec, message):
    toy = _Toy()
    toy.explore = spec
    with pytest.raises(ParameterError) as err:
        controls(toy)
    assert message in str(err.value)
    assert str(err.value).startswith("toy: ") or "(x)" in str(err.value)


def test_toy_explorer_views_and_labels():
    toy = _Toy()
    toy.explore = {"flag": None, "x": (0.9, 0.5, 0.0)}
    data = frames(toy)
    assert [c.values for c in data.controls] == [(False, True), (0.0, 0.5, 0.9)]
    assert data.controls[0].labels == ("no", "yes")
    assert data.frames[frame_index([2, 3], [1, 2])]["verdict"] == "x is 0.9"
    assert data.base is not None and frames(toy).to_json() == data.to_json(), "layered, and deterministic"
    fresh = _Toy()
    for values, frame in zip(data.values, data.frames, strict=True):
        fresh.update(**values)
        png = plots.compact_png(fresh.render_png(fast=False), keep=FRAME_COLOURS)
        assert np.array_equal(rgb(png), np.asarray(data.picture(frame["img"]))), values


def test_compact_png_keeps_size_and_every_palette_colour():
    explorer = REGISTRY["take_actor_away"]()
    full = explorer.render_png(fast=False)
    small = plots.compact_png(full)
    a = np.asarray(Image.open(io.BytesIO(full)).convert("RGB"))
    b = np.asarray(Image.open(io.BytesIO(small)).convert("RGB"))
    assert a.shape == b.shape
    assert len(small) < 0.4 * len(full)
    colours_a = {tuple(c) for c in a.reshape(-1, 3)}
    colours_b = {tuple(c) for c in b.reshape(-1, 3)}
    palette = {tuple(int(h[i:i + 2], 16) for i in (1, 3, 5)) for h in plots.OKABE_ITO.values()}
    assert (palette & colours_a) <= colours_b, "a palette colour of the figure was lost"
    assert np.abs(a.astype(int) - b.astype(int)).mean() < 1.0, "only anti-aliased edges may shift"
    assert plots.compact_png(full) == small, "deterministic"
