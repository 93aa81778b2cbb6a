"""Shared fixtures: the book and its editions are built once per test run and shared.

- ``book_build`` / ``html_dir``: the strict build (``jupyter-book build -W -n``) of the book, in a
  fresh folder with no cache, so what is checked is what a clean build produces. It executes every
  notebook once; ``executed_dir`` holds the executed copies.
- ``student_html`` / ``short_html``: the student and 45-minute editions, started from the book's
  execution cache (they change only Markdown, which jupyter-cache does not hash), so no chapter is
  executed a second time.
- ``chromium`` / ``browser``: one headless Chromium for the session, and an offline context in it.

With ``pytest -n 2`` (``make test``) the tests that need the full book or the browser, those that
need the student edition, those that need the short edition, and the JupyterLab tests each run as
one xdist group (``--dist loadgroup``, see :data:`HANDED_OUT`), so both workers stay busy; a file
lock in the run's shared temporary folder guarantees that each build happens once, whichever worker
asks first, and the other waits for it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: The essay's text (someone else's copyrighted text, kept outside the repository): beside the
#: repository, beside a folder of worktrees, or wherever $SYRIALEV_ESSAY says. Tests that need it
#: skip with a reason when it is absent, or fail if REQUIRE_ESSAY=1 (CI).
_ESSAY_CANDIDATES = [ROOT.parent / "shared" / "source" / "essay.txt",
                     ROOT.parents[1] / "shared" / "source" / "essay.txt"]
ESSAY = Path(os.environ.get("SYRIALEV_ESSAY") or next((p for p in _ESSAY_CANDIDATES if p.is_file()),
                                                       _ESSAY_CANDIDATES[0]))
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]

#: Fixtures that build the book or an edition: a test using any of them is marked ``book``
#: automatically, so ``pytest -m "not book"`` never starts a build.
BUILD_FIXTURES = {"book_build", "html_dir", "executed_dir", "student_html", "short_html"}
#: Fixtures that start the shared Chromium.
BROWSER_FIXTURES = {"chromium", "browser"}


def require(what: str, env: str, reason: str):
    """Skip with ``reason``, or fail when the environment variable ``env`` is ``1`` (CI)."""
    if os.environ.get(env) == "1":
        pytest.fail(f"{reason}, but {env}=1: {what} must run here")
    pytest.skip(reason)


def essay_text() -> str:
    """The essay's text, or skip (fail under REQUIRE_ESSAY=1) if it is not beside the repository."""
    if not ESSAY.is_file():
        require("the essay checks", "REQUIRE_ESSAY", f"the essay's text is not at {ESSAY}")
    return ESSAY.read_text(encoding="utf-8")


def pytest_configure(config):
    """No test, notebook kernel or book build of this session reads or writes anyone's saved
    choices: the whole session (and every process it starts) gets a throwaway state file."""
    scratch = Path(tempfile.mkdtemp(prefix="syrialev-test-state-"))
    os.environ["SYRIALEV_STATE"] = str(scratch / "state.json")
    config.add_cleanup(lambda: shutil.rmtree(scratch, ignore_errors=True))


def _group(item) -> str | None:
    names = set(getattr(item, "fixturenames", ()))
    callspec = getattr(item, "callspec", None)
    edition = callspec.params.get("edition") if callspec else None
    if item.get_closest_marker("lab"):
        return "lab"
    if "short_html" in names or edition == "short_html":
        return "short"
    if "student_html" in names or edition == "student_html":
        return "student"
    if (BUILD_FIXTURES | BROWSER_FIXTURES) & names or item.get_closest_marker("browser"):
        return "book"
    return None


#: Modules whose tests share a costly module fixture (a fresh virtual environment, otter's
#: assignments, every explorer's precomputed views): each runs whole on one worker, so the fixture
#: is made once, and early, so that no worker is left with a long module at the end.
MODULE_GROUPS = ["test_student_download", "test_assignments", "test_offline_explorers",
                 "test_explorer_contract"]
#: The order the xdist groups are handed out in (``--dist loadgroup`` gives each group whole to
#: one worker; ``--no-loadscope-reorder`` keeps this order, not the largest first): the full book
#: first, since its build fills the execution cache the editions start from; while one worker
#: builds it, the other runs JupyterLab and the two slowest modules, and finds the cache filled
#: when it comes to the student and short editions.
HANDED_OUT = ["book", "lab", "test_student_download", "test_assignments", "student", "short",
              "test_offline_explorers", "test_explorer_contract"]


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the group markers
def pytest_collection_modifyitems(config, items):
    groups = {}
    for item in items:
        if BUILD_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.book)
        group = _group(item)
        if group is None and item.path.stem in MODULE_GROUPS:
            group = item.path.stem
        groups[item.nodeid] = group
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
    rank = {g: i for i, g in enumerate(HANDED_OUT)}
    items.sort(key=lambda item: rank.get(groups[item.nodeid], len(rank)))  # stable: file order kept


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    """Explorers may save a student's choices (syrialev.classroom.state); tests never touch the real file."""
    monkeypatch.setenv("SYRIALEV_STATE", str(tmp_path / "state.json"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


# ----------------------------------------------------------------------------- built once per run


@dataclass
class Built:
    """What a build left: its exit code and output, and the folder it wrote."""

    returncode: int
    stdout: str
    stderr: str
    out: str


def _shared(tmp_path_factory) -> Path:
    """A folder that every xdist worker of this run sees (the run's base temporary folder)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def _once(tmp_path_factory, name: str, build) -> Built:
    """Run ``build(out)`` once per test run (whichever worker asks first); share its result."""
    from filelock import FileLock

    shared = _shared(tmp_path_factory)
    out, record = shared / name, shared / f"{name}.json"
    with FileLock(str(shared / f"{name}.lock")):
        if record.is_file():
            return Built(**json.loads(record.read_text(encoding="utf-8")))
        out.mkdir(parents=True, exist_ok=True)
        result = build(out)
        record.write_text(json.dumps(asdict(result)), encoding="utf-8")
        return result


def _jupyter_book() -> str:
    from syrialev.tools.edition import jupyter_book_command

    return jupyter_book_command()


@pytest.fixture(scope="session")
def book_build(tmp_path_factory) -> Built:
    """The book built with the same strict flags as `make book`, in a fresh folder."""
    def build(out: Path) -> Built:
        cmd = [_jupyter_book(), "build", str(ROOT), "-W", "-n", "--keep-going", "--path-output", str(out)]
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=1800,
                              env={**os.environ, "MPLBACKEND": "Agg"})
        return Built(proc.returncode, proc.stdout, proc.stderr, str(out))

    return _once(tmp_path_factory, "book", build)


@pytest.fixture(scope="session")
def html_dir(book_build) -> Path:
    if book_build.returncode != 0:
        pytest.fail("the book did not build; see test_build.py:\n" + book_build.stdout[-3000:]
                    + book_build.stderr[-3000:])
    return Path(book_build.out) / "_build" / "html"


@pytest.fixture(scope="session")
def executed_dir(html_dir) -> Path:
    """The notebooks as the build executed them (``_build/jupyter_execute``), outputs included."""
    return html_dir.parent / "jupyter_execute"


@pytest.fixture(scope="session")
def book_cache(html_dir) -> Path:
    """The execution cache the book's build filled."""
    return html_dir.parent / ".jupyter_cache"


def _edition(tmp_path_factory, name: str, build_edition, cache: Path) -> Path:
    def build(out: Path) -> Built:
        try:
            html = build_edition(ROOT, out, jupyter_book=_jupyter_book(), cache=cache)
        except SystemExit as exc:
            return Built(1, "", str(exc), str(out))
        return Built(0, "", "", str(html))

    built = _once(tmp_path_factory, name, build)
    if built.returncode != 0:
        pytest.fail(f"the {name} edition did not build: {built.stderr}")
    return Path(built.out)


@pytest.fixture(scope="session")
def student_html(tmp_path_factory, book_cache) -> Path:
    """The student edition's HTML folder (``make student``), with ``student-notebooks.zip``."""
    from syrialev.tools import edition

    return _edition(tmp_path_factory, "student", edition.build, book_cache)


@pytest.fixture(scope="session")
def short_html(tmp_path_factory, book_cache) -> Path:
    """The 45-minute edition's HTML folder (``make short``)."""
    from syrialev.tools import edition

    return _edition(tmp_path_factory, "short", edition.build_short, book_cache)


def content_pages(html_dir: Path) -> list[Path]:
    """The HTML pages that the table of contents produces (not search, genindex, _static...)."""
    skip = {"search.html", "genindex.html", "py-modindex.html"}
    pages = []
    for p in sorted(html_dir.rglob("*.html")):
        if p.name in skip or any(part.startswith("_") for part in p.relative_to(html_dir).parts):
            continue
        head = p.read_text(encoding="utf-8")[:2000].lower()
        if 'http-equiv="refresh"' in head:  # index.html only redirects to the landing page
            continue
        pages.append(p)
    return pages


# ----------------------------------------------------------------------------- one browser


@pytest.fixture(scope="session")
def chromium():
    """Headless Chromium (Debian's), started once for the session: a Playwright ``Browser``."""
    if not CHROMIUM:
        require("the browser tests", "REQUIRE_BROWSER",
                "no Chromium found (apt-get install chromium); browser tests NOT run")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def browser(chromium):
    """An offline context of the shared Chromium: pages open files, never the network."""
    context = chromium.new_context(offline=True)
    yield context
    context.close()


#: axe-core's rule tags for WCAG 2.0 and 2.1, levels A and AA.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@dataclass
class Visit:
    """What one load of a built page showed: its article's text, the pictures that did not load,
    the JavaScript errors the page raised, and axe-core's WCAG 2 A/AA violations (each with its
    rule, impact, number of nodes, the first few selectors and the rule's help)."""

    article: str
    broken_images: list
    js_errors: list
    violations: list
    axe_scope: str  # "page", "page without its article" or "... without N unchanged parts of its article"


def _article(path: Path):
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").find("article")


def checked_elsewhere(path: Path, twin: Path) -> list[str]:
    """CSS selectors of what in ``path``'s article is the very same HTML as in ``twin``'s (the full
    edition's page of that name): ``["article"]`` when the whole article is; otherwise the largest
    elements with an id found, id and HTML alike, in the twin's article (each id once in both)."""
    mine, theirs = _article(path), _article(twin)
    if mine is None or theirs is None:
        return []
    if str(mine) == str(theirs):
        return ["article"]

    def unique_ids(article) -> dict:
        found: dict = {}
        for el in article.find_all(id=True):
            found.setdefault(el["id"], []).append(el)
        return {k: v[0] for k, v in found.items() if len(v) == 1}

    there, here = unique_ids(theirs), unique_ids(mine)
    same: list[str] = []

    def walk(el) -> None:
        for child in el.find_all(True, recursive=False):
            key = child.get("id")
            if key in here and key in there and str(child) == str(there[key]):
                same.append('[id="{}"]'.format(key.replace("\\", "\\\\").replace('"', '\\"')))
            else:
                walk(child)

    walk(mine)
    return same


@pytest.fixture(scope="session")
def visits(browser):
    """``visits(root, same_as=None)``: every content page of a built edition loaded once in the
    shared Chromium, offline, with axe-core (from PyPI, in ``axe-playwright-python``) run on it;
    remembered for the session, so the rendering and the accessibility tests read one load.

    With ``same_as`` (the full edition's folder, already visited), what of a page's article is the
    very same HTML as on the full edition's page of that name (the whole article, or its largest
    unchanged elements with an id: see :func:`checked_elsewhere`) is left out of axe's run there:
    it was checked on the full edition's page, under the same theme and styles.
    """
    from importlib import resources

    axe = (resources.files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")
    done: dict = {}

    def load(path: Path, skip: list[str]) -> Visit:
        page = browser.new_page()
        errors: list = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            page.goto(path.as_uri(), wait_until="load")
            article = page.inner_text("article") if page.query_selector("article") else ""
            broken = page.evaluate(
                "() => Array.from(document.querySelectorAll('article img'))"
                ".filter(i => !i.complete || i.naturalWidth === 0).map(i => i.alt || i.src)")
            own_errors = list(errors)
            page.add_script_tag(content=axe)
            result = page.evaluate(
                "([tags, skip]) => axe.run(skip.length ? {exclude: skip.map(s => [s])} : document,"
                " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
                [WCAG_TAGS, skip])
        finally:
            page.close()
        violations = [{"rule": v["id"], "impact": v.get("impact"), "nodes": len(v["nodes"]),
                       "where": [", ".join(n["target"]) if isinstance(n["target"][0], str) else str(n["target"])
                                 for n in v["nodes"][:3]],
                       "help": v["help"]} for v in result["violations"]]
        scope = ("page" if not skip else "page without its article" if skip == ["article"]
                 else f"page without {len(skip)} unchanged parts of its article")
        return Visit(article, broken, own_errors, violations, scope)

    def run(root: Path, same_as: Path | None = None) -> dict:
        root = Path(root)
        if root not in done:
            out = {}
            for path in content_pages(root):
                rel = path.relative_to(root)
                twin = Path(same_as) / rel if same_as is not None else None
                skip = checked_elsewhere(path, twin) if twin is not None and twin.is_file() else []
                out[rel.as_posix()] = load(path, skip)
            done[root] = out
        return done[root]

    return run


def printed_pages(page) -> int:
    """Print the open page to A4 PDF (print media) and count its pages."""
    import io

    from pypdf import PdfReader

    page.emulate_media(media="print")
    return len(PdfReader(io.BytesIO(page.pdf(format="A4"))).pages)


# ----------------------------------------------------------------------------- shared tables


@pytest.fixture(scope="session")
def scorecard():
    from syrialev import data

    return data.load("scorecard")


@pytest.fixture(scope="session")
def timeline():
    from syrialev import data

    return data.load("timeline_after_2017")
