"""Source tiers: every bibliography entry says what kind of source it is; weak copies are rare,
justified and never carry a data row alone."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd
import pytest

from syrialev import data
from syrialev.chapters import appendix
from syrialev.tools import sources
from syrialev.tools.sources import (
    BibError,
    dangling_note_keys,
    parse_bib,
    rows_resting_on_weak_sources,
    tier_problems,
)

ROOT = Path(__file__).resolve().parents[1]

#: Sites the book must not send readers to (propaganda or conspiracy outlets, Wikipedia mirrors
#: and document dumps) when a primary or wire copy exists.
PARTISAN_SITES = ("voltairenet.org", "southfront.org", "breitbart.com", "sott.net", "wingday.site")
MIRROR_SITES = ("wikimili.com", "owiki.org", "kampuspedia.com", "wikisum.wiki", "nina.az",
                "docslib.org", "fdocuments.in", "doclinks.org")
MAX_MIRRORS = 3


@pytest.fixture(scope="module")
def entries():
    return sources.read_bibliography(ROOT)


# ----------------------------------------------------------------------------- the real bibliography


def test_every_entry_has_a_valid_tier_and_every_mirror_says_why(entries):
    assert len(entries) > 100
    problems = tier_problems(entries)
    assert not problems, "\n".join(problems)


def test_notes_cite_only_keys_in_the_bibliography(entries):
    assert not dangling_note_keys(entries), "\n".join(dangling_note_keys(entries))


def test_a_note_citing_a_missing_key_is_named():
    bib = parse_bib("@online{a2017x, tier = {press}, note = {Same text as b2017y (see b2017y).}}\n"
                    "@online{c2017z, tier = {press}, note = {See a2017x; see also d2018w.}}\n",
                    "x.bib")
    problems = dangling_note_keys(bib)
    assert len(problems) == 2
    assert "entry a2017x" in problems[0] and "b2017y" in problems[0] and "x.bib, line 1" in problems[0]
    assert "entry c2017z" in problems[1] and "d2018w" in problems[1]


def test_no_data_row_rests_only_on_mirrors_or_partisan_sites(entries):
    tables = data.load_all(ROOT / "data")
    bad = rows_resting_on_weak_sources(tables, entries)
    assert not bad, "\n".join(bad)


def test_no_partisan_source_and_at_most_three_mirrors(entries):
    partisan = [e.key for e in entries.values() if e.tier == "partisan"]
    assert not partisan, f"partisan sources still cited: {partisan}"
    on_partisan_sites = [f"{e.key}: {e.url}" for e in entries.values()
                         if any(site in e.url for site in PARTISAN_SITES)]
    assert not on_partisan_sites, "\n".join(on_partisan_sites)
    mirrors = [f"{e.key}: {e.url}" for e in entries.values() if e.tier == "mirror"]
    assert len(mirrors) <= MAX_MIRRORS, f"{len(mirrors)} mirrors (at most {MAX_MIRRORS}):\n" + "\n".join(mirrors)


def test_urls_on_known_mirror_sites_are_labelled_mirror(entries):
    mislabelled = [f"{e.key} ({e.tier}): {e.url}" for e in entries.values()
                   if any(site in e.url for site in MIRROR_SITES) and e.tier != "mirror"]
    assert not mislabelled, "\n".join(mislabelled)


def test_state_media_are_labelled(entries):
    """TASS, RIA Novosti/Sputnik, RT, Xinhua and IRNA speak for their governments: say so."""
    state_hosts = ("tass.com", "sputniknews.com", "sputnikglobe.com", "rt.com", "irna.ir", "news.cn")
    wrong = [f"{e.key} ({e.tier}): {e.url}" for e in entries.values()
             if re.search(r"https?://([\w.-]+\.)?(" + "|".join(map(re.escape, state_hosts)) + r")/", e.url)
             and e.tier != "state-media"]
    assert not wrong, "\n".join(wrong)


def test_appendix_counts_every_tier(entries):
    text = appendix.sources_markdown(ROOT / "data")
    counts = sources.tier_counts(entries)
    assert sum(counts.values()) == len(entries)
    for key, (label, _) in sources.TIERS.items():
        assert re.search(rf"\| {re.escape(label)} \(`{key}`\) \| [^|]+ \| {counts[key]} \|", text), key
    assert f"**{len(entries)}**" in text


def test_bibliography_style_prints_the_tier():
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        import source_tiers  # noqa: F401  (registers the style)
    finally:
        sys.path.remove(str(ROOT / "_ext"))
    style = find_plugin("pybtex.style.formatting", "tiered")()
    bib = parse_string("@online{k1, tier = {state-media}, title = {A report}, year = {2017}}\n"
                       "@online{k2, tier = {nonsense}, title = {B}, year = {2017}}", "bibtex")
    text = style.format_entry("1", bib.entries["k1"]).text.render_as("text")
    assert text.endswith("Source type: State media.")
    with pytest.raises(ValueError, match="k2.*nonsense"):
        style.format_entry("2", bib.entries["k2"])


# ----------------------------------------------------------------------------- small fixtures

GOOD = """
@online{a1,
  tier = {press},
  title = {A {Nested} title, with a comma},
  url = {https://example.org/a},
}
@book{b1, tier = {scholarship}, author = {Doe, Jane}, title = "Quoted value", year = 1999}
"""


def test_parse_bib_reads_fields_with_nested_braces_and_quotes():
    es = {e.key: e for e in parse_bib(GOOD, "x.bib")}
    assert es["a1"].fields["title"] == "A {Nested} title, with a comma"
    assert es["a1"].url == "https://example.org/a"
    assert es["b1"].fields["title"] == "Quoted value" and es["b1"].fields["year"] == "1999"
    assert es["b1"].type == "book" and es["b1"].line == 7


def test_parse_bib_names_file_and_line_of_unbalanced_braces():
    with pytest.raises(BibError, match=r"x\.bib, line 2: unbalanced"):
        parse_bib("\n@online{a1, title = {open\n", "x.bib")


def test_duplicate_keys_are_refused(tmp_path):
    (tmp_path / "bib").mkdir()
    (tmp_path / "references.bib").write_text("@online{k, tier = {press}}\n")
    (tmp_path / "bib" / "x.bib").write_text("@online{k, tier = {press}}\n")
    with pytest.raises(BibError, match="duplicate key 'k'"):
        sources.read_bibliography(tmp_path)


@pytest.mark.parametrize("body, message", [
    ("title = {T}", "no tier field"),
    ("tier = {blog}", "tier 'blog' is not one of"),
    ("tier = {mirror}, note = {Copy of a report.}", "must say in its note why"),
])
def test_tier_problems_name_file_line_and_entry(body, message):
    es = parse_bib(f"\n\n@online{{bad1, {body}}}\n", "refs.bib")
    problems = tier_problems(es)
    assert len(problems) == 1
    assert problems[0].startswith("refs.bib, line 3, entry bad1:") and message in problems[0]


def test_a_justified_mirror_passes():
    es = parse_bib("@online{m, tier = {mirror}, note = {No better copy found: the "
                   "publisher's page is not stored.}}")
    assert tier_problems(es) == []


def test_rows_resting_only_on_weak_sources_are_found():
    es = {e.key: e for e in parse_bib(
        "@online{p, tier = {partisan}} @online{m, tier = {mirror}, note = {No better copy}} "
        "@online{w, tier = {press}}")}
    tables = {"t": pd.DataFrame({"source": ["p;m", "m;w", "w", "m"]})}
    bad = rows_resting_on_weak_sources(tables, es)
    assert bad == ["t row 1: rests only on p, m (partisan, mirror)", "t row 4: rests only on m (mirror)"]


def test_tier_use_counts_rows_not_citations():
    es = {e.key: e for e in parse_bib("@online{a, tier = {press}} @online{b, tier = {press}} "
                                      "@online{c, tier = {official}}")}
    use = appendix.tier_use({"t": pd.DataFrame({"source": ["a;b", "a;c", "c"]})}, es)
    assert use["press"] == 2 and use["official"] == 2 and use["mirror"] == 0


@pytest.mark.book
def test_the_built_bibliography_shows_every_entrys_tier(html_dir, entries):
    from bs4 import BeautifulSoup

    text = BeautifulSoup((html_dir / "references.html").read_text(encoding="utf-8"),
                         "html.parser").get_text(" ")
    shown = text.count("Source type:")
    assert shown == len(entries), f"{shown} entries show a tier, {len(entries)} entries exist"
    for tier in {e.tier for e in entries.values()}:
        assert f"Source type: {sources.TIERS[tier][0]}." in text, tier


# ----------------------------------------------------------------------------- short citations


@pytest.fixture(scope="module")
def tiers_ext():
    sys.path.insert(0, str(ROOT / "_ext"))
    try:
        import source_tiers
    finally:
        sys.path.remove(str(ROOT / "_ext"))
    return source_tiers


@pytest.mark.parametrize("fields, label", [
    ("organization = {Devdiscourse (Reuters)}", "Devdiscourse"),
    ("organization = {United Nations, Department of Public Information}", "United Nations"),
    ("organization = {Stockholm International Peace Research Institute (SIPRI), Arms Transfers Database}",
     "SIPRI"),
    ("organization = {The Moscow Times (AFP)}", "Moscow Times"),
    ("organization = {Reuters, via The Jordan Times}", "Reuters"),
    ("organization = {Radio Free Europe/Radio Liberty}, shortauthor = {RFE/RL}", "RFE/RL"),
    ("organization = {Encyclop{\\ae}dia Britannica}", "Encyclopædia Britannica"),
    ("journal = {Osteuropa}", "Osteuropa"),
    ("title = {Only a title}", None),
])
def test_short_source_names_the_outlet(tiers_ext, fields, label):
    from pybtex.database import parse_string

    entry = parse_string(f"@online{{k, tier = {{press}}, {fields}, year = {{2017}}}}", "bibtex").entries["k"]
    assert tiers_ext.short_source(entry) == label


@pytest.mark.parametrize("fields, when", [
    ("organization = {Reuters}, date = {2017-04-07}, year = {2017}", "7 Apr 2017"),
    ("organization = {Reuters}, date = {2017-12}, year = {2017}", "Dec 2017"),
    ("organization = {Reuters}, year = {2017}", "2017"),
    ("organization = {Wikipedia}, year = {n.d.}", "n.d."),
    ("organization = {Wikipedia}", "n.d."),
    # an authored item is cited author-year, whatever its date
    ("author = {Nasr, Vali}, date = {2017-04-11}, year = {2017}", "2017"),
    ("organization = {Reuters}, date = {2017-13-01}, year = {2017}", "2017"),
])
def test_short_date_gives_the_day_for_items_without_an_author(tiers_ext, fields, when):
    from pybtex.database import parse_string

    entry = parse_string(f"@online{{k, tier = {{press}}, title = {{T}}, {fields}}}", "bibtex").entries["k"]
    assert tiers_ext.short_date(entry) == when


def test_every_label_in_the_bibliography_is_short(tiers_ext):
    """No in-text label of an item without an author runs past four words of outlet."""
    from pybtex.database import parse_file

    long = []
    for path in [ROOT / "references.bib", *sorted((ROOT / "bib").glob("*.bib"))]:
        for key, entry in parse_file(str(path)).entries.items():
            if "author" in entry.persons or "editor" in entry.persons:
                continue
            source = tiers_ext.short_source(entry)
            if source is None or len(source.split()) > 4:
                long.append(f"{path.name}: {key}: {source!r} (give it a shortauthor field)")
    assert not long, "\n".join(long)


def test_parenthetical_citations_become_numbered_notes(tiers_ext):
    from docutils import nodes
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    doc = new_document("page", get_default_settings(Parser))
    section = nodes.section("", nodes.title("", "A chapter"))
    doc += section

    def citation(*parts):
        node = nodes.inline(classes=["bibtex-citation"], ids=[f"id{len(list(doc.findall(nodes.inline)))}"])
        for p in parts:
            node += nodes.reference("", p, refuri="references.html#x", reftitle=f"{p}. Full entry.") \
                if not p.startswith("\0") else nodes.Text(p[1:])
        return node

    para = nodes.paragraph("", "Strike ")
    para += citation("\0(", "Reuters, 7 Apr 2017", "\0; ", "TASS, 8 Apr 2017", "\0)")
    para += nodes.Text(" and, as ")
    para += citation("Allison", "\0 (", "2013", "\0)")  # textual: stays in the sentence
    para += nodes.Text(" argues, more ")
    para += citation("\0(", "Nasr, 2017", "\0)")
    section += para

    assert tiers_ext.citations_to_notes(doc) == 2
    text = para.astext()
    assert text == "Strike 1 and, as Allison (2013) argues, more 2"
    listing = section.children[-1]
    assert isinstance(listing, nodes.enumerated_list)
    assert isinstance(section.children[-2], nodes.rubric) and section.children[-2].astext() == tiers_ext.NOTES_TITLE
    notes = [item.astext() for item in listing.children]
    assert notes == ["Reuters, 7 Apr 2017; TASS, 8 Apr 2017 back to text", "Nasr, 2017 back to text"]
    marks = [r for r in para.findall(nodes.reference) if "syrialev-note-mark" in r["classes"]]
    assert [m["refid"] for m in marks] == ["source-note-1", "source-note-2"]
    assert marks[0]["reftitle"] == "Sources: Reuters, 7 Apr 2017; TASS, 8 Apr 2017"
    assert tiers_ext.citations_to_notes(nodes.document(doc.settings, doc.reporter)) == 0
