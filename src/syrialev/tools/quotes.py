"""How much of the essay the book repeats word for word, and whether each repetition is a quotation.

The essay the book teaches is someone else's copyrighted text. The book may quote it briefly,
always in quotation marks and attributed, and otherwise puts its argument in its own words. This
module measures both rules on plain text, so that a test can apply them to the built book.

Definitions
-----------
*Words.* Text is compared after normalisation: lower case; curly quotes and apostrophes made
straight; apostrophes dropped inside words ("Russia's" -> "russias"); every other character that
is not a letter or digit treated as a space. Hyphenated words therefore count as two words.

*A verbatim run.* Any sequence of at least ``n`` (default 6) consecutive words of the book that
also occurs, as consecutive words, in the essay. Overlapping matches merge into one run.

*The share.* The number of the essay's words that fall inside at least one n-word sequence the
book repeats, divided by the essay's length in words. It is computed over all pages together
(each essay word counted once however often it is repeated) and page by page.

*Quoted.* Every word of a run lies between an opening and a closing quotation mark of the same
block of text (“...”, "...", «...», or a ‘...’ pair whose opening mark starts a word), or inside
a block quotation, except at most :data:`LEAD_IN` words (two) that happen to match the essay
just outside the marks, as in: it “could be ...”.

*Attributed.* Within ``window`` characters (default 300) before the opening mark or after the
closing mark, in the same block or the block just before it, there is a word naming the source:
the essay, its author, its publishers, or a verb of saying (see :data:`ATTRIBUTION`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = [
    "ATTRIBUTION",
    "Block",
    "Run",
    "Report",
    "tokens",
    "ngram_index",
    "quote_spans",
    "attributed",
    "runs_in",
    "measure",
    "html_blocks",
]

#: Words that attribute a nearby quotation to the essay.
ATTRIBUTION = re.compile(
    r"\b(essay|essay's|essayist|Nasr|Nasr's|author|author's|Defense One|The Atlantic|writes|wrote|"
    r"argues|argued|predicts|predicted|warns|warned|in its words|in the words of)\b",
    re.I,
)

#: Words of a run that may fall outside the quotation marks (a lead-in such as "it" or "that").
LEAD_IN = 2

_APOS = "'’‘`´"
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True)
class Block:
    """One block of text (a paragraph, list item, table cell...) of a page."""

    text: str
    quoted: bool = False  # the whole block is a quotation (a block quote)


@dataclass
class Run:
    """A verbatim run: its words, where it sits in its block, and whether it is quoted/attributed."""

    page: str
    block: int
    start: int
    end: int
    words: list
    quoted: bool
    attributed: bool

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def __str__(self) -> str:
        state = "quoted" if self.quoted else "NOT QUOTED"
        if self.quoted and not self.attributed:
            state = "quoted but NOT ATTRIBUTED"
        return f"{self.page}, block {self.block}: {len(self.words)} words, {state}: \"{self.text}\""


@dataclass
class Report:
    essay_words: int
    covered: set = field(default_factory=set)
    by_page: dict = field(default_factory=dict)  # page -> set of covered essay positions
    runs: list = field(default_factory=list)

    @property
    def share(self) -> float:
        return len(self.covered) / self.essay_words if self.essay_words else 0.0

    def page_share(self, page: str) -> float:
        return len(self.by_page.get(page, ())) / self.essay_words if self.essay_words else 0.0

    @property
    def problems(self) -> list:
        return [r for r in self.runs if not (r.quoted and r.attributed)]

    def summary(self) -> str:
        lines = [f"essay: {self.essay_words} words; repeated in runs: {len(self.covered)} "
                 f"({self.share:.1%})"]
        for page in sorted(self.by_page, key=lambda p: -len(self.by_page[p])):
            n = len(self.by_page[page])
            if n:
                lines.append(f"  {page}: {n} words ({self.page_share(page):.1%})")
        return "\n".join(lines)


def tokens(text: str) -> list:
    """Normalised words of ``text`` with their character spans: ``[(word, start, end), ...]``."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0).lower()
        for a in _APOS:
            word = word.replace(a, "")
        out.append((word, m.start(), m.end()))
    return out


def ngram_index(text: str, n: int = 6) -> dict:
    """Every n-word sequence of ``text`` -> the word positions where it starts."""
    words = [w for w, _, _ in tokens(text)]
    index: dict = {}
    for i in range(len(words) - n + 1):
        index.setdefault(tuple(words[i:i + n]), []).append(i)
    return index


_PAIRS = [("“", "”"), ("«", "»"), ("„", "“")]


def quote_spans(text: str) -> list:
    """Character spans ``(open, close)`` of quotations in one block of text."""
    spans = []
    for o, c in _PAIRS:
        pos = 0
        while True:
            s = text.find(o, pos)
            if s < 0:
                break
            e = text.find(c, s + 1)
            if e < 0:
                break
            spans.append((s, e + 1))
            pos = e + 1
    # straight double quotes pair up in order
    idx = [m.start() for m in re.finditer('"', text)]
    spans += [(idx[i], idx[i + 1] + 1) for i in range(0, len(idx) - 1, 2)]
    # single curly quotes: an opening mark at the start of a word, closed by the next ’ that ends one
    for m in re.finditer(r"(?:^|(?<=[\s(\[—–-]))‘", text):
        close = re.search(r"’(?![^\W_])", text[m.end():])
        if close:
            spans.append((m.start(), m.end() + close.end()))
    return sorted(spans)


def attributed(blocks: list, i: int, start: int, end: int, window: int = 300) -> bool:
    """Whether a quotation at ``[start, end)`` of block ``i`` names its source nearby."""
    text = blocks[i].text
    near = text[max(0, start - window): start] + " " + text[end: end + window]
    if ATTRIBUTION.search(near):
        return True
    if i > 0 and start < window:
        before = blocks[i - 1].text
        return bool(ATTRIBUTION.search(before[-(window - start):]))
    return False


def runs_in(index: dict, blocks: list, page: str = "", n: int = 6, window: int = 300):
    """The verbatim runs in a page's blocks, and the essay positions they cover."""
    runs, covered = [], set()
    for b, block in enumerate(blocks):
        toks = tokens(block.text)
        words = [w for w, _, _ in toks]
        hits = [i for i in range(len(words) - n + 1) if tuple(words[i:i + n]) in index]
        if not hits:
            continue
        spans = [] if block.quoted else quote_spans(block.text)
        for i in hits:
            for p in index[tuple(words[i:i + n])]:
                covered.update(range(p, p + n))
        # merge overlapping hits into maximal runs
        groups, cur = [], [hits[0]]
        for i in hits[1:]:
            if i <= cur[-1] + n - 1:
                cur.append(i)
            else:
                groups.append(cur)
                cur = [i]
        groups.append(cur)
        for g in groups:
            first, last = g[0], g[-1] + n - 1
            start, end = toks[first][1], toks[last][2]
            if block.quoted:
                quoted, qs, qe = True, 0, len(block.text)
            else:
                inside = [next(((qs, qe) for qs, qe in spans if qs <= toks[k][1] and toks[k][2] <= qe), None)
                          for k in range(first, last + 1)]
                quoted = sum(q is None for q in inside) <= LEAD_IN
                qs = min((q[0] for q in inside if q), default=start)
                qe = max((q[1] for q in inside if q), default=end)
            attr = attributed(blocks, b, qs, qe, window) if quoted else False
            runs.append(Run(page, b, start, end, words[first:last + 1], quoted, attr))
    return runs, covered


def measure(essay: str, pages: dict, n: int = 6, window: int = 300) -> Report:
    """Measure ``pages`` (name -> list of :class:`Block`) against the essay's text."""
    index = ngram_index(essay, n)
    report = Report(essay_words=len(tokens(essay)))
    for page, blocks in pages.items():
        blocks = [b if isinstance(b, Block) else Block(b) for b in blocks]
        runs, covered = runs_in(index, blocks, page, n, window)
        report.runs += runs
        report.by_page[page] = covered
        report.covered |= covered
    return report


_BLOCKS = ["p", "li", "td", "th", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption",
           "caption", "pre"]


def html_blocks(html: str) -> list:
    """The text blocks of a built page's main content, in order; block quotes are marked quoted.

    Only the article is read (not the navigation, which repeats page titles, nor the entries of
    the bibliography, which name works by their titles). A block is a
    paragraph, list item, table cell, heading or caption that contains no other such block.
    """
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    main = soup.find("article") or soup.find("main") or soup.body or soup
    for tag in main.find_all(["script", "style", "nav"]):
        tag.decompose()
    for tag in main.select(".headerlink, .toggle-button, .copybtn"):
        tag.decompose()
    # A bibliography entry names a work by its title (a CNN transcript is called "Interview With
    # U.S. Ambassador to the United Nations Nikki Haley", words the essay also uses): it is a
    # reference, not the book's prose, so the references list is not read.
    for tag in main.select("div.citation"):
        tag.decompose()
    # A numbered note names its sources in its title ("Sources: Nasr, 2017"): read it as the
    # citation it stands for, so a quotation followed by the essay's note is attributed.
    for mark in main.select("a.syrialev-note-mark[title]"):
        mark.string = f"[{mark['title']}]"
    blocks = []
    for el in main.find_all(_BLOCKS):
        if el.find(_BLOCKS):
            continue
        text = re.sub(r"\s+", " ", el.get_text(" ")).strip()
        if text:
            blocks.append(Block(text, quoted=el.find_parent("blockquote") is not None))
    return blocks
