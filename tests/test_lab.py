"""The notebooks as students meet them: in a real JupyterLab, driven by headless Chromium.

For every chapter, a JupyterLab started for this test (free port, throwaway settings, workspace
and runtime folders, ``--allow-root`` when run as root) opens the notebook in Chromium and runs
all its cells. The page must then show:

- no raw MyST: ``jupyterlab-myst`` renders the directives and roles (exercises as boxes,
  citations, glossary terms), so no ```` ```{exercise} ````, ``:label:``, ``{cite:p}`` etc.;
- every solution collapsed (one closed dropdown per ``{solution}`` in the notebook);
- no error or other stderr output in any cell;
- for every explorer: moving one of its controls in the page changes its figure and its verdict.

Chromium is Debian's (``/usr/bin/chromium``); without it the tests skip with a reason, unless
``REQUIRE_BROWSER=1``, when they fail. The notebooks on disk are left exactly as committed.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from lab_session import CHROMIUM, CHROMIUM_ARGS, ROOT, Lab

pytestmark = [pytest.mark.lab, pytest.mark.browser]

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
#: Raw MyST that a reader should never see once the Markdown is rendered.
RAW_MYST = re.compile(r"```\{|\{(?:exercise|solution|admonition|figure|glossary)\}|^:(?:label|class):"
                      r"|\{(?:cite:p|cite:t|cite|term|doc|ref|numref|eq|glue:text)\}`", re.MULTILINE)
#: The notebook on show (other tabs, if any, are hidden).
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook"
#: Explorers whose control the browser moved, by name (filled as the chapters run).
MOVED: dict[str, str] = {}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    if not CHROMIUM:
        reason = "no Chromium found (apt-get install chromium); JupyterLab tests NOT run"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " but REQUIRE_BROWSER=1")
        pytest.skip(reason)
    with Lab(tmp_path_factory.mktemp("lab")) as server:
        yield server


@pytest.fixture(scope="module")
def browser(lab):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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


def _run_all(page):
    prompts = f"[...document.querySelectorAll('{NOTEBOOK} .jp-CodeCell .jp-InputPrompt')]"
    page.get_by_text("| Idle").wait_for(timeout=180_000)  # the kernel has started
    for _ in range(4):  # a click in the first moments after start-up can be lost: retry
        page.wait_for_timeout(2_000)
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
        page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
        try:
            page.wait_for_function(f"() => {prompts}.some(x => /\\[(\\*|\\d+)\\]/.test(x.textContent))",
                                   timeout=30_000)
            break
        except PlaywrightTimeout:
            continue
    try:
        page.wait_for_function(f"() => {{ const p = {prompts};"
                               " return p.length > 0 && p.every(x => /\\[\\d+\\]/.test(x.textContent)); }",
                               timeout=300_000)
    except PlaywrightTimeout:
        shown = page.evaluate(f"() => {prompts}.map(x => x.textContent).join(' ')")
        raise AssertionError(f"the cells did not all run; prompts: {shown}") from None
    page.get_by_text("| Idle").wait_for(timeout=180_000)


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
    MOVED[name] = f"control {index} set to {value!r}"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_reads_and_runs_in_jupyterlab(lab, browser, moves, path):
    committed = path.read_bytes()
    source = json.loads(committed)
    n_solutions = sum("".join(c["source"]).count("{solution}") for c in source["cells"]
                      if c["cell_type"] == "markdown")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    prefix = f"http://127.0.0.1:{lab.port}"
    # only the local server: the test sends nothing anywhere else
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith((prefix, "data:",
                                                                                         "blob:"))
               else route.abort())
    try:
        page.goto(lab.url(f"chapters/{path.name}", workspace=f"test-{path.stem}"))
        page.wait_for_selector(f"{NOTEBOOK} .jp-MarkdownCell", timeout=120_000)
        _run_all(page)

        # 1. every Markdown cell is rendered MyST, not raw text
        texts = page.locator(f"{NOTEBOOK} .jp-MarkdownCell").all_inner_texts()
        assert len(texts) == sum(c["cell_type"] == "markdown" for c in source["cells"])
        raw = [(i, m.group(0)) for i, t in enumerate(texts) for m in RAW_MYST.finditer(t)]
        assert not raw, f"{path.name}: raw MyST is visible in JupyterLab: {raw[:5]}"

        # 2. solutions are collapsed dropdowns
        solutions = page.locator(f"{NOTEBOOK} details", has_text=re.compile(r"^\s*Solution"))
        assert solutions.count() == n_solutions, f"{path.name}: {solutions.count()} of {n_solutions}"
        opened = page.locator(f"{NOTEBOOK} details[open]").count()
        assert opened == 0, f"{path.name}: {opened} dropdown(s) open"

        # 3. no cell shows an error (nor anything else on stderr)
        errors = page.locator(f"{NOTEBOOK} .jp-OutputArea-output"
                              "[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
        assert not errors, f"{path.name}: {errors[:3]}"

        # 4. every explorer answers a move of one of its controls
        boxes = page.locator(f"{NOTEBOOK} .widget-vbox:has(> .widget-image)")
        for i in range(boxes.count()):
            box = boxes.nth(i)
            title = box.locator(":scope > .widget-html").first.inner_text().strip()
            assert title in moves, f"{path.name}: an explorer titled {title!r} is not registered"
            _move_explorer(page, box, moves[title])
    finally:
        page.close()
        lab.shut_down_sessions()
    assert path.read_bytes() == committed, f"{path.name} changed on disk while JupyterLab had it open"


def test_every_explorer_was_moved_in_jupyterlab(moves):
    if len(MOVED) == 0:
        pytest.skip("the chapter tests did not run")
    from syrialev.explorers import all_explorers

    assert set(MOVED) == set(all_explorers()), (
        f"explorers never exercised in JupyterLab: {sorted(set(all_explorers()) - set(MOVED))}")
