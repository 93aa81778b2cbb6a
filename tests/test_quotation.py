"""The essay quoted rather than retold, measured on the built book.

Rules (definitions in syrialev.quotes): at most 10% of the essay's words may reappear in the
book's pages in runs of six or more consecutive words, and every such run must sit inside
quotation marks with its source named nearby. The essay's text is kept outside the repository
(``../shared/source/essay.txt``, or the path in ``SYRIALEV_ESSAY``); without it the tests skip.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import content_pages
from syrialev.quotes import html_blocks, measure

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[1]
ESSAY = Path(os.environ.get("SYRIALEV_ESSAY", ROOT.parent / "shared" / "source" / "essay.txt"))
MAX_SHARE = 0.10

# Known failures at the time of writing: the argument-map and scorecard tables (data/argument_map.csv,
# data/scorecard.csv, shown in the first and last chapters and previewed in the data appendix) still
# carry essay sentences near-verbatim; so do one parameter description of the long-ties explorer
# (src/syrialev/explorers/long_ties.py) and one line of coursework/roleplay.md. Strict: once those are
# rewritten the tests pass, the marker turns the pass into a failure, and it must be removed.
PENDING_REWRITES = pytest.mark.xfail(
    strict=True,
    reason="argument map, scorecard, one explorer label and one role-play line still repeat the essay")


@pytest.fixture(scope="module")
def report(html_dir):
    if not ESSAY.is_file():
        pytest.skip(f"the essay's text is not available at {ESSAY}")
    pages = {str(p.relative_to(html_dir)): html_blocks(p.read_text(encoding="utf-8"))
             for p in content_pages(html_dir)}
    assert len(pages) > 5
    return measure(ESSAY.read_text(encoding="utf-8"), pages)


@PENDING_REWRITES
def test_the_book_repeats_at_most_a_tenth_of_the_essay(report):
    print(report.summary())
    assert report.share <= MAX_SHARE, report.summary()


@PENDING_REWRITES
def test_every_verbatim_run_is_quoted_and_attributed(report):
    problems = [str(r) for r in report.problems]
    assert not problems, f"{len(problems)} verbatim runs not quoted or not attributed:\n" + "\n".join(problems)
