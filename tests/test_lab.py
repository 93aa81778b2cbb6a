"""The notebooks as students meet them: in a real JupyterLab, driven by headless Chromium.

For every chapter, a JupyterLab started for this test (free port, throwaway settings, workspace
and runtime folders, ``--allow-root`` when run as root) opens the notebook in Chromium. The page
must show:

- no raw MyST: ``jupyterlab-myst`` renders the directives and roles (exercises as boxes,
  citations, glossary terms), so no ```` ```{exercise} ````, ``:label:``, ``{cite:p}`` etc.;
- every solution collapsed (one closed dropdown per ``{solution}`` in the notebook);
- for every cell that opens a live explorer (each is self-contained: an import and ``.widget()``),
  run on its own in JupyterLab's kernel, no error and a widget in which moving one control changes
  the figure and the verdict.

The rest of each chapter is executed once per test run, by the strict book build (a failing cell or
any stderr output fails it); running it again here would test the same kernel twice. Chromium is
Debian's (``/usr/bin/chromium``); without it the tests skip with a reason, unless
``REQUIRE_BROWSER=1``, when they fail. The notebooks on disk are left exactly as committed.
"""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from syrialev.tools import myst

from conftest import CHROMIUM, require
from lab_session import ROOT, Lab

pytestmark = [pytest.mark.lab, pytest.mark.browser]

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
#: Raw MyST that a reader should never see once the Markdown is rendered.
RAW_MYST = re.compile(r"```\{|\{(?:exercise|solution|admonition|figure|glossary)\}|^:(?:label|class):"
                      r"|\{(?:cite:p|cite:t|cite|term|doc|ref|numref|eq|glue:text)\}`", re.MULTILINE)
#: The notebook on show (other tabs, if any, are hidden).
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
#: A cell that opens a live explorer (or the audit form).
LIVE = re.compile(r"\.(?:audit_)?widget\(\)\s*$")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not CHROMIUM:
        require("the JupyterLab tests", "REQUIRE_BROWSER",
                "no Chromium found (apt-get install chromium); JupyterLab tests NOT run")
    with Lab(tmp_path_factory.mktemp("lab")) as server:
        yield server


def _moves() -> dict:
    """For each explorer (by title): a control and a value that change both figure and verdict.

    Found in this process from the defaults; the browser then checks that the same move, made
    with the mouse and keyboard in JupyterLab, reaches the kernel and comes back redrawn.
    """
    import matplotlib

    matplotlib.use("Agg")
    from syrialev.explorers import all_explorers

    moves = {}
    for name, cls in all_explorers().items():
        for index, p in enumerate(cls.params):
            if p.kind == "bool":
                candidates = [not p.default]
            elif p.kind == "choice":
                candidates = [o for o in p.options if o != p.default]
            else:
                candidates = [v for v in (p.max, p.min) if v != p.default]
            for value in candidates:
                e = cls()
                before = (e.render_png(fast=False), e.last_verdict)
                e.update(**{p.name: value})
                if e.render_png(fast=False) != before[0] and e.last_verdict != before[1]:
                    moves[cls.title] = (name, index, p.kind, value)
                    break
            if cls.title in moves:
                break
    return moves


@pytest.fixture(scope="module")
def moves():
    return _moves()


def _run_cell(page, cell):
    """Run one cell on its own (select it, then Ctrl+Enter) once the kernel is idle."""
    page.get_by_text("| Idle").wait_for(timeout=180_000)  # the kernel has started
    for _ in range(4):  # a key press in the first moments after start-up can be lost: retry
        cell.locator(".jp-InputPrompt").click()
        page.keyboard.press("Control+Enter")
        try:
            cell.locator(".jp-InputPrompt", has_text=re.compile(r"\[(\*|\d+)\]")).wait_for(timeout=15_000)
            break
        except PlaywrightTimeout:
            continue
    try:
        cell.locator(".jp-InputPrompt", has_text=re.compile(r"\[\d+\]")).wait_for(timeout=300_000)
    except PlaywrightTimeout:
        raise AssertionError(f"the cell did not run: {cell.locator('.jp-InputPrompt').inner_text()}") from None


def _set_control(control, kind, value):
    if kind == "bool":
        control.locator("input[type=checkbox]").click()
    elif kind == "choice":
        control.locator("select").select_option(label=str(value))
    else:
        readout = control.locator(".widget-readout")
        readout.click()
        readout.press("Control+a")
        readout.type(f"{value:g}" if isinstance(value, float) else str(value))
        readout.press("Enter")


def _move_explorer(page, box, move):
    name, index, kind, value = move
    image = box.locator(":scope > .widget-image")
    verdict = box.locator(":scope > .widget-html").last
    src, said = image.get_attribute("src"), verdict.inner_text()
    control = box.locator(":scope > .widget-inline-hbox:not(.widget-html)").nth(index)
    control.scroll_into_view_if_needed()
    _set_control(control, kind, value)
    # The kernel sends the new figure and the new verdict as two messages: wait for both.
    try:
        page.wait_for_function("([img, oldSrc, text, oldText]) => img.getAttribute('src') !== oldSrc"
                               " && text.innerText !== oldText",
                               arg=[image.element_handle(), src, verdict.element_handle(), said],
                               timeout=60_000)
    except PlaywrightTimeout:
        raise AssertionError(
            f"{name}: moving control {index} to {value!r} did not change "
            f"{'the figure' if image.get_attribute('src') == src else 'the verdict'} within 60 s"
        ) from None
    return name


def _live_cells(source) -> list[int]:
    return [i for i, c in enumerate(source.cells) if c.cell_type == "code" and LIVE.search(c.source)]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_reads_and_its_explorers_run_in_jupyterlab(lab, chromium, moves, path):
    committed = path.read_bytes()
    source = myst.read_notebook(path)
    n_solutions = len(myst.directives(myst.markdown_of(source), {"solution"}, path.name))
    page = chromium.new_page(viewport={"width": 1400, "height": 1000})
    prefix = f"http://127.0.0.1:{lab.port}"
    # only the local server: the test sends nothing anywhere else
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith((prefix, "data:",
                                                                                         "blob:"))
               else route.abort())
    try:
        page.goto(lab.url(f"chapters/{path.name}", workspace=f"test-{path.stem}"))
        page.wait_for_selector(f"{NOTEBOOK} .jp-MarkdownCell", timeout=120_000)

        # 1. every Markdown cell is rendered MyST, not raw text
        page.wait_for_function(f"() => document.querySelectorAll('{NOTEBOOK} .jp-MarkdownCell').length"
                               f" === {sum(c['cell_type'] == 'markdown' for c in source['cells'])}",
                               timeout=60_000)
        texts = page.locator(f"{NOTEBOOK} .jp-MarkdownCell").all_inner_texts()
        raw = [(i, m.group(0)) for i, t in enumerate(texts) for m in RAW_MYST.finditer(t)]
        assert not raw, f"{path.name}: raw MyST is visible in JupyterLab: {raw[:5]}"

        # 2. solutions are collapsed dropdowns
        # (MyST renders each cell asynchronously: wait until every solution has been rendered)
        solutions = page.locator(f"{NOTEBOOK} details", has_text=re.compile(r"^\s*Solution"))
        with contextlib.suppress(PlaywrightTimeout):  # the assertion below names the count
            page.wait_for_function(
                f"() => [...document.querySelectorAll('{NOTEBOOK} details')].filter("
                "d => /^\\s*Solution/.test(d.innerText)).length >= " + str(n_solutions), timeout=60_000)
        assert solutions.count() == n_solutions, f"{path.name}: {solutions.count()} of {n_solutions}"
        opened = page.locator(f"{NOTEBOOK} details[open]").count()
        assert opened == 0, f"{path.name}: {opened} dropdown(s) open"

        # 3. each live explorer cell runs on its own, shows no error, and answers a move
        cells = page.locator(f"{NOTEBOOK} .jp-Cell")
        assert cells.count() == len(source.cells)
        for index in _live_cells(source):
            cell = cells.nth(index)
            cell.scroll_into_view_if_needed()
            _run_cell(page, cell)
            errors = cell.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
            assert errors.count() == 0, f"{path.name} cell {index}: {errors.all_inner_texts()[:2]}"
            box = cell.locator(".widget-vbox").first
            box.wait_for(timeout=120_000)
            if box.locator(":scope > .widget-image").count():  # an explorer (the audit form has none)
                title = box.locator(":scope > .widget-html").first.inner_text().strip()
                assert title in moves, f"{path.name}: an explorer titled {title!r} is not registered"
                _move_explorer(page, box, moves[title])
    finally:
        page.close()
        lab.shut_down_sessions()
    assert path.read_bytes() == committed, f"{path.name} changed on disk while JupyterLab had it open"


def test_every_explorer_has_a_live_cell():
    """Every registered explorer is opened by a self-contained live cell of some chapter."""
    from syrialev.explorers import all_explorers

    opened = set()
    for path in CHAPTERS:
        source = myst.read_notebook(path)
        for index in _live_cells(source):
            code = source.cells[index].source
            opened |= {cls.name for cls in all_explorers().values()
                       if re.search(rf"\b{cls.__name__}\(\)\.widget\(\)", code)}
            assert re.match(r"from syrialev\.explorers\.\w+ import \w+\n", code), (
                f"{path.name} cell {index}: a live cell imports what it opens, so it runs on its own")
    assert opened == set(all_explorers()), f"explorers with no live cell: {sorted(set(all_explorers()) - opened)}"
