"""The measure of verbatim repetition (syrialev.tools.quotes) on small strings."""

from __future__ import annotations

import pytest

from syrialev.tools.quotes import Block, html_blocks, measure, quote_spans, tokens

ESSAY = ("By punishing Syria for its use of chemical weapons, the president broke with his "
         "predecessor's policy. This is not necessarily the start of a larger war, but it could be "
         "the beginning of the end of the conflict.")


def test_tokens_normalise_case_punctuation_and_apostrophes():
    assert [w for w, _, _ in tokens("Russia’s BASE, in Tartus—the “port”!")] == \
        ["russias", "base", "in", "tartus", "the", "port"]
    assert tokens("a-b")[1][1:] == (2, 3)


def test_quote_spans_pair_curly_straight_and_single_marks():
    text = "He said “one two” and \"three four\" and ‘five six’ but don’t split."
    spans = [text[s:e] for s, e in quote_spans(text)]
    assert spans == ["“one two”", "\"three four\"", "‘five six’"]


def test_a_paraphrase_repeats_nothing():
    r = measure(ESSAY, {"p": ["Punishing the use of chemical arms, the new president departed "
                              "from the old policy, which might end the war."]})
    assert r.share == 0 and r.runs == []


def test_five_words_are_not_a_run_six_are():
    five = measure(ESSAY, {"p": ["We read: the beginning of the end."]})
    assert five.runs == [] and five.share == 0
    six = measure(ESSAY, {"p": ["We read: the beginning of the end of."]})
    assert len(six.runs) == 1 and len(six.covered) == 6


def test_share_counts_essay_words_once_across_pages():
    n = len(tokens(ESSAY))
    quote = "The essay says “it could be the beginning of the end of the conflict”."
    r = measure(ESSAY, {"a": [quote], "b": [quote]})
    assert len(r.covered) == 11 and r.share == pytest.approx(11 / n)
    assert r.page_share("a") == r.page_share("b") == pytest.approx(11 / n)
    assert r.problems == []


def test_an_unquoted_run_is_a_problem():
    r = measure(ESSAY, {"p": ["The essay holds that this is not necessarily the start of a larger war."]})
    assert len(r.problems) == 1 and not r.problems[0].quoted
    assert "NOT QUOTED" in str(r.problems[0])


def test_a_run_half_outside_the_quotation_marks_is_a_problem_a_lead_in_word_is_not():
    r = measure(ESSAY, {"p": ["The essay: this is “not necessarily the start” of a larger war."]})
    assert [x.quoted for x in r.runs] == [False]
    r = measure(ESSAY, {"p": ["The essay: it “could be the beginning of the end”."]})
    assert [x.quoted for x in r.runs] == [True] and r.problems == []


def test_a_quoted_run_without_attribution_is_a_problem_and_attribution_may_precede():
    bare = measure(ESSAY, {"p": ["Some hope “it could be the beginning of the end” soon."]})
    assert bare.runs[0].quoted and not bare.runs[0].attributed and len(bare.problems) == 1
    before = measure(ESSAY, {"p": ["Nasr's view, in short:", "“It could be the beginning of the end”."]})
    assert before.problems == []


def test_block_quotes_count_as_quoted():
    r = measure(ESSAY, {"p": [Block("The essay:"), Block("it could be the beginning of the end", True)]})
    assert r.runs[0].quoted and r.problems == []


def test_html_blocks_reads_the_article_only_and_marks_block_quotes():
    html = ("<html><body><nav><p>it could be the beginning of the end</p></nav><article>"
            "<h1>Title<a class='headerlink'>#</a></h1><ul><li><p>One</p></li><li>Two</li></ul>"
            "<blockquote><div><p>Quoted text</p></div></blockquote></article></body></html>")
    blocks = html_blocks(html)
    assert [(b.text, b.quoted) for b in blocks] == [("Title", False), ("One", False), ("Two", False),
                                                    ("Quoted text", True)]


def test_html_blocks_reads_a_numbered_note_as_its_sources_and_skips_bibliography_entries():
    html = ("<article><p>It is “the measure of Putin’s influence”"
            "<a class='syrialev-note-mark' title='Sources: Nasr, 2017'>3</a>.</p>"
            "<div class='citation'><p>Interview With U.S. Ambassador to the United Nations</p></div>"
            "</article>")
    blocks = html_blocks(html)
    assert [b.text for b in blocks] == ["It is “the measure of Putin’s influence” [Sources: Nasr, 2017] ."]
    essay = "Assad's survival has become the measure of Putin's influence in the region."
    assert measure(essay, {"p": blocks}, n=5).problems == []
    # without the note's title the same quotation has no source nearby
    bare = html.replace(" title='Sources: Nasr, 2017'", "")
    assert measure(essay, {"p": html_blocks(bare)}, n=5).problems
