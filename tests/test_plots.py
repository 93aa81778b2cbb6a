"""The package draws in the book's style without changing a student's own matplotlib settings."""

from __future__ import annotations

import matplotlib
import pytest

from syrialev import data, plots
from syrialev.chapters import argument_map, axis, debate, held_up, long_ties
from syrialev.explorers import all_explorers
from syrialev.explorers import leverage as lev_explorers

STUDENT = {"font.size": 17.0, "axes.spines.top": True, "axes.titleweight": "normal",
           "axes.prop_cycle": matplotlib.cycler(color=["#123456"])}

FIGURES = {
    "argument map": lambda: argument_map.draw(),
    "network": lambda: axis.draw_network(),
    "strengths": lambda: axis.draw_strengths(),
    "positions": lambda: debate.positions_figure(),
    "syrians": lambda: debate.syrians_figure(),
    "scorecard": lambda: held_up.scorecard_figure(),
    "claims over time": lambda: held_up.timeline_figure(),
    "forecasts": lambda: held_up.forecast_figure(),
    "vetoes": lambda: long_ties.vetoes_figure(data.load("unsc_vetoes")),
    "arms share": lambda: long_ties.arms_share_figure(data.load("arms_share")),
    "private cost": lambda: lev_explorers.private_cost_figure(),
    "chicken": lambda: lev_explorers.chicken_figure(),
}


@pytest.fixture
def student_settings():
    with matplotlib.rc_context(STUDENT):
        before = {k: matplotlib.rcParams[k] for k in STUDENT}
        yield before
        after = {k: matplotlib.rcParams[k] for k in STUDENT}
        assert after == before, "drawing a book figure changed the student's rcParams"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_book_figures_leave_global_settings_alone(student_settings, name):
    FIGURES[name]()


@pytest.mark.parametrize("name", sorted(all_explorers()))
def test_explorers_leave_global_settings_alone_and_keep_the_book_style(student_settings, name):
    ex = all_explorers()[name]()
    ex.render_png(fast=False)
    ax = ex.fig.axes[0]
    assert not ax.spines["top"].get_visible(), "the explorer lost the book's style"


def test_new_figure_is_styled_but_global_settings_are_not(student_settings):
    fig, ax = plots.new_figure()
    assert not ax.spines["top"].get_visible()
    assert matplotlib.rcParams["axes.spines.top"] is True


def test_style_is_an_explicit_opt_in():
    with matplotlib.rc_context():
        plots.style()
        assert matplotlib.rcParams["axes.spines.top"] is False


def test_live_png_gives_back_the_canvas_pixel_for_pixel():
    """The live updates' encoder (unfiltered rows, level-1 deflate) is a valid PNG that a standard
    decoder reads back as exactly the canvas, alpha included, at the canvas's size."""
    import io

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from PIL import Image

    fig, ax = plots.new_figure(height=2.0, width=3.0)
    ax.plot([0, 1, 2], [2, 0, 1], lw=3)
    ax.text(0.5, 1.5, "Tartus", color=plots.OKABE_ITO["vermillion"])
    fig.patch.set_alpha(0.4)  # some pixels not opaque, so the alpha channel is checked too
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    png = plots.rgba_png(canvas)
    image = Image.open(io.BytesIO(png))
    image.load()  # decodes every row and checks the data's CRC and length
    pixels = np.asarray(canvas.buffer_rgba())
    assert image.mode == "RGBA" and image.size == (pixels.shape[1], pixels.shape[0])
    assert np.array_equal(np.asarray(image), pixels)
    assert len(set(np.unique(pixels[..., 3]).tolist())) > 1


def test_styled_blocks_nest_and_give_back_the_students_settings(student_settings):
    with plots.styled():
        assert matplotlib.rcParams["font.size"] == 10.0
        with plots.styled():
            assert matplotlib.rcParams["axes.spines.top"] is False
        assert matplotlib.rcParams["font.size"] == 10.0, "leaving an inner block dropped the book's style"
        assert matplotlib.rcParams["axes.prop_cycle"] == plots.BOOK_STYLE["axes.prop_cycle"]
    assert matplotlib.rcParams["font.size"] == 17.0


def test_styled_decorator_is_re_entrant(student_settings):
    seen = []

    @plots.styled()
    def draw(depth):
        seen.append(matplotlib.rcParams["font.size"])
        if depth:
            draw(depth - 1)
        seen.append(matplotlib.rcParams["font.size"])

    draw(2)
    assert seen == [10.0] * 6
    assert matplotlib.rcParams["font.size"] == 17.0
    draw(0)  # a second call, after the first has left
    assert seen[-2:] == [10.0, 10.0] and matplotlib.rcParams["font.size"] == 17.0
