"""Bibliography and citation styles for the book.

- The bibliography style ``tiered`` is the ``plain`` style with one addition: every entry ends with
  its tier, for example "Source type: State media.", so a reader sees at a glance what kind of
  source a citation rests on. The tiers and their meanings are defined once, in
  ``syrialev.tools.sources``, and explained in the data appendix.
- The citation style ``author_year_short`` keeps in-text citations short: "(Allison 2013)" for an
  authored work; for an item with no author (most press and official items) the outlet or body and
  the date, "(Reuters, 7 Apr 2017)". The outlet is the entry's ``shortauthor`` field if it has one,
  otherwise its ``organization`` (or ``journal``, ``publisher``, ``institution``) cut to the name
  itself: "Devdiscourse (Reuters)" gives "Devdiscourse", "United Nations, Department of Public
  Information" gives "United Nations". The full title stays in the bibliography and in the
  citation link's hover text (sphinxcontrib-bibtex's tooltips).
- In the HTML, a parenthetical citation (``{cite:p}``) becomes a numbered note: a superscript in
  the sentence (its hover text lists the sources) and, at the end of the page, a numbered list
  "Sources cited on this page" with the short labels, each linked to its full entry in the
  references. The chapters cite densely (a claim about April 2017 often rests on five press
  reports); the notes keep that apparatus out of the sentence. Textual citations
  (``{cite:t}``: "Allison (2013) argues") stay in the sentence, where they are part of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from docutils import nodes
from pybtex.plugin import register_plugin
from pybtex.richtext import Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.template import field as bib_field
from pybtex.style.template import node, tag
from sphinxcontrib.bibtex.plugin import register_plugin as register_bibtex_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle, GroupReferenceStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.referencing.extra_author import ExtraAuthorReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_empty import ExtraEmptyReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_label import ExtraLabelReferenceStyle
from sphinxcontrib.bibtex.style.referencing.extra_year import ExtraYearReferenceStyle
from sphinxcontrib.bibtex.style.template import join, join2, names, post_text, pre_text, reference

from syrialev.tools.sources import TIERS

#: Fields that name the body behind an item with no author, in order of preference.
SOURCE_FIELDS = ("shortauthor", "organization", "journal", "publisher", "institution")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class TieredStyle(PlainStyle):
    default_sorting_style = "author_year_title"

    def format_entry(self, label, entry, bib_data=None):
        formatted = super().format_entry(label, entry, bib_data=bib_data)
        tier = entry.fields.get("tier")
        if tier not in TIERS:
            raise ValueError(f"bibliography entry {entry.key}: tier {tier!r} is not one of {', '.join(TIERS)}")
        tag_ = Text(" ", Tag("em", "Source type: " + TIERS[tier][0] + "."))
        return FormattedEntry(formatted.key, Text(formatted.text, tag_), formatted.label)


def _plain(value: str) -> str:
    """A BibTeX field value without braces, LaTeX escapes or doubled spaces."""
    value = value.replace(r"\&", "&").replace("{", "").replace("}", "")
    value = re.sub(r"\\['`^\"~]([A-Za-z])", r"\1", value)
    value = value.replace(r"\ae", "æ")
    return re.sub(r"\s+", " ", value).strip()


def _initials(name: str) -> str:
    """"Stockholm International Peace Research Institute" -> "SIPRI" (capitalised words only)."""
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def short_source(entry) -> str | None:
    """The short name of the outlet or body behind an entry with no author, or None.

    A ``shortauthor`` field wins. Otherwise the first of organization, journal, publisher,
    institution, cut to the name itself: a parenthesis, a ", ..." or " via ..." tail and a
    leading "The" are dropped; an acronym in the parenthesis that abbreviates the name before it
    ("Stockholm International Peace Research Institute (SIPRI), ...") is used instead of the long
    name, while a parenthesis naming a wire ("The Moscow Times (AFP)") is dropped.
    """
    for name in SOURCE_FIELDS:
        value = entry.fields.get(name)
        if not value:
            continue
        value = _plain(value)
        if name == "shortauthor":
            return value
        acronym = re.match(r"([^(]*)\(([A-Z]{3,})\)", value)
        if acronym and _initials(acronym.group(1)) == acronym.group(2):
            return acronym.group(2)
        value = re.split(r" \(| via |, | / ", value)[0].strip()
        value = re.sub(r"^The ", "", value)
        return value or None
    return None


def short_date(entry) -> str:
    """"7 Apr 2017" for an entry with no author and a full ``date``; "Apr 2017" for a month;
    otherwise the year ("n.d." when there is none)."""
    if "author" not in entry.persons and "editor" not in entry.persons:
        date = entry.fields.get("date", "")
        m = re.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", date)
        if m and 1 <= int(m.group(2)) <= 12:
            year, month, day = m.group(1), MONTHS[int(m.group(2)) - 1], m.group(3)
            return f"{int(day)} {month} {year}" if day else f"{month} {year}"
    return _plain(entry.fields.get("year", "")) or "n.d."


@node
def short_author(children, data, **kwargs):
    """Authors (or editors) by surname; else the short outlet name; else the title."""
    assert not children
    entry = data["entry"]
    for role in ("author", "editor"):
        if role in entry.persons:
            return names(role, **kwargs).format_data(data)
    source = short_source(entry)
    if source:
        return Text(source)
    return tag("em")[bib_field("title")].format_data(data)


@node
def short_when(children, data):
    assert not children
    return Text(short_date(data["entry"]))


@dataclass
class ShortPersonStyle(PersonStyle):
    def author_or_editor_or_title(self, full: bool):
        return short_author(sep=self.sep, sep2=self.sep2, last_sep=self.last_sep,
                            other=None if full else self.other)


@dataclass
class ShortParenthetical(BasicAuthorYearParentheticalReferenceStyle):
    def inner(self, role_name: str):
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[join(sep=self.author_year_sep)[
                self.person.author_or_editor_or_title(full="s" in role_name), short_when]],
            post_text,
        ]


@dataclass
class ShortTextual(BasicAuthorYearTextualReferenceStyle):
    def inner(self, role_name: str):
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[self.bracket.left,
                 join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[pre_text, reference[short_when], post_text],
                 self.bracket.right],
        ]


@dataclass
class ShortAuthorYearReferenceStyle(AuthorYearReferenceStyle):
    """Author–year citations whose label for an item without an author is its outlet and date."""

    person: PersonStyle = field(default_factory=ShortPersonStyle)
    bracket_parenthetical: BracketStyle = field(default_factory=lambda: BracketStyle(left="(", right=")"))
    bracket_textual: BracketStyle = field(default_factory=lambda: BracketStyle(left="(", right=")"))

    def __post_init__(self):
        self.styles.extend([
            ShortParenthetical(bracket=self.bracket_parenthetical, person=self.person,
                               author_year_sep=self.author_year_sep, pre_text_sep=self.pre_text_sep,
                               post_text_sep=self.post_text_sep),
            ShortTextual(bracket=self.bracket_textual, person=self.person,
                         text_reference_sep=self.text_reference_sep, pre_text_sep=self.pre_text_sep,
                         post_text_sep=self.post_text_sep),
            ExtraAuthorReferenceStyle(bracket=self.bracket_author, person=self.person),
            ExtraLabelReferenceStyle(bracket=self.bracket_label),
            ExtraYearReferenceStyle(bracket=self.bracket_year),
            ExtraEmptyReferenceStyle(),
        ])
        GroupReferenceStyle.__post_init__(self)


register_plugin("pybtex.style.formatting", "tiered", TieredStyle)
register_bibtex_plugin("sphinxcontrib.bibtex.style.referencing", "author_year_short",
                       ShortAuthorYearReferenceStyle)


#: The heading of the list of notes at the end of a page.
NOTES_TITLE = "Sources cited on this page"


def _strip_brackets(children: list, left: str = "(", right: str = ")") -> list:
    """The children of a parenthetical citation without its outer brackets."""
    out = list(children)
    if out and isinstance(out[0], nodes.Text) and out[0].astext().startswith(left):
        rest = out[0].astext()[len(left):]
        out = ([nodes.Text(rest)] if rest else []) + out[1:]
    if out and isinstance(out[-1], nodes.Text) and out[-1].astext().endswith(right):
        rest = out[-1].astext()[:-len(right)]
        out = out[:-1] + ([nodes.Text(rest)] if rest else [])
    return out


def citations_to_notes(doctree, docname: str = "") -> int:
    """Replace each parenthetical citation of a resolved page by a numbered superscript and list
    the citations, numbered, at the end of the page. Returns how many notes were made."""
    items = []
    for cite in list(doctree.findall(nodes.inline)):
        if "bibtex-citation" not in cite["classes"]:
            continue
        text = cite.astext().strip()
        if not (text.startswith("(") and text.endswith(")")):
            continue  # a textual citation: part of the sentence
        n = len(items) + 1
        mark_id, note_id = f"source-mark-{n}", f"source-note-{n}"
        labels = "; ".join(r.astext() for r in cite.findall(nodes.reference))
        link = nodes.reference("", str(n), refid=note_id, reftitle=f"Sources: {labels}",
                               classes=["syrialev-note-mark"])
        sup = nodes.superscript("", "", link, ids=[mark_id, *cite["ids"]])
        item = nodes.list_item(ids=[note_id])
        para = nodes.paragraph()
        para.extend(_strip_brackets(cite.children))
        para += nodes.Text(" ")
        para += nodes.reference("", "back to text", refid=mark_id, classes=["syrialev-note-back"])
        item += para
        items.append(item)
        cite.replace_self(sup)
    if items:
        section = doctree.next_node(nodes.section) or doctree
        rubric = nodes.rubric("", NOTES_TITLE, classes=["syrialev-notes-title"])
        listing = nodes.enumerated_list("", *items, enumtype="arabic", prefix="", suffix=".",
                                        classes=["syrialev-notes"])
        section += rubric
        section += listing
    return len(items)


def _on_doctree_resolved(app, doctree, docname):
    if app.builder.format == "html":
        citations_to_notes(doctree, docname)


def setup(app):
    app.connect("doctree-resolved", _on_doctree_resolved)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
