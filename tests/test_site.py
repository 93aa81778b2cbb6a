"""Every edition in one site (`make site`), and the student edition's notebook downloads."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from syrialev.tools import site

ROOT = Path(__file__).resolve().parents[1]


def test_landing_page_links_each_edition_relatively():
    soup = BeautifulSoup(site.landing_page("Book"), "html.parser")
    hrefs = [a["href"] for a in soup.select("ul.editions a:not(.download)")]
    assert hrefs == ["student/index.html", "short/index.html", "full/index.html"]
    assert soup.select_one("a.download")["href"] == "student/student-notebooks.zip"


def test_edition_bar_climbs_to_the_site_root():
    bar = BeautifulSoup(site.edition_bar(2, "student"), "html.parser")
    hrefs = [a["href"] for a in bar.select("a")]
    assert hrefs == ["../../../index.html", "../../../short/index.html", "../../../full/index.html"]
    assert bar.select_one("strong").get_text() == "Student edition"


def test_pages_workflow_builds_the_site_and_deploys_it():
    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [s for job in flow["jobs"].values() for s in job.get("steps", [])]
    runs = " ".join(s.get("run", "") for s in steps)
    uses = [s.get("uses", "") for s in steps]
    assert "make site" in runs
    assert any(u.startswith("actions/upload-pages-artifact") for u in uses)
    assert any(u.startswith("actions/deploy-pages") for u in uses)
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_build/site"
    assert flow["permissions"]["pages"] == "write"


@pytest.fixture(scope="module")
def built_site(html_dir, student_html, short_html, tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "site"
    site.assemble(ROOT, html_dir, student_html, short_html, out)
    return out


def test_site_has_the_three_editions_and_a_bar_on_their_pages(built_site):
    for folder, _, _ in site.EDITIONS:
        assert (built_site / folder / "index.html").is_file()
    page = BeautifulSoup((built_site / "student" / "chapters" / "03_leverage.html").read_text(encoding="utf-8"),
                         "html.parser")
    bar = page.select_one("nav.syrialev-editions")
    assert [a["href"] for a in bar.select("a")] == ["../../index.html", "../../short/index.html",
                                                   "../../full/index.html"]
    for a in bar.select("a"):
        assert (built_site / "student" / "chapters" / a["href"]).resolve().is_file()
    assert (built_site / "student" / "student-notebooks.zip").is_file()  # the landing page links it


@pytest.mark.browser
def test_browser_follows_the_links_between_editions_offline(built_site, browser):
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((built_site / "index.html").as_uri(), wait_until="load")
    page.get_by_role("link", name="Student edition").click()
    page.wait_for_url(re.compile(r"/student/intro\.html$"))
    page.wait_for_load_state("load")
    assert "student edition" in page.title()
    # from the student edition to the 45-minute edition, then to the full one, then home
    page.locator("nav.syrialev-editions").get_by_role("link", name="45-minute edition").click()
    page.wait_for_url(re.compile(r"/short/short/index\.html$"))  # the edition's front page redirects here
    page.wait_for_load_state("load")
    assert "45-minute" in page.title()
    page.locator("nav.syrialev-editions").get_by_role("link", name="Full edition (for instructors)").click()
    page.wait_for_url(re.compile(r"/full/intro\.html$"))
    page.wait_for_load_state("load")
    assert "edition" not in page.title().lower()
    page.locator("nav.syrialev-editions").get_by_role("link", name="All editions").click()
    page.wait_for_url((built_site / "index.html").as_uri())
    page.wait_for_load_state("load")
    assert page.locator("ul.editions a:not(.download)").count() == 3
    page.close()
    assert not errors, errors


# ----------------------------------------------------------------------------- no solution to download


def _no_solution(nb: dict, where: str) -> None:
    text = "".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in nb["cells"])
    assert "{solution}" not in text, f"{where} carries a solution"


def test_student_download_buttons_serve_notebooks_without_solutions(student_html):
    pages = sorted((student_html / "chapters").glob("*.html"))
    served = set()
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for a in soup.select('a[href$=".ipynb"]'):
            if a["href"].startswith(("http:", "https:")):
                continue
            target = (page.parent / a["href"]).resolve()
            assert target.is_file(), f"{page.name}: the download {a['href']} is missing"
            served.add(target)
    assert len(served) >= 7
    for target in served:
        _no_solution(json.loads(target.read_text(encoding="utf-8")), target.name)
    with zipfile.ZipFile(student_html / "student-notebooks.zip") as z:
        notebooks = [n for n in z.namelist() if n.endswith(".ipynb")]
        assert len(notebooks) >= 7
        for name in notebooks:
            _no_solution(json.loads(z.read(name)), name)


def test_full_edition_download_does_carry_solutions(html_dir):
    """The check above can fail: the full edition's download of the same chapter has solutions."""
    nb = json.loads((html_dir / "_sources" / "chapters" / "03_leverage.ipynb").read_text(encoding="utf-8"))
    with pytest.raises(AssertionError):
        _no_solution(nb, "full")
