"""The FAQ's questions and answers as search engines read them (FAQPage), from the FAQ section of
a page's HTML as Markdown writes it."""

from __future__ import annotations

from macros.structured_data import faq_entries

PERMALINK = '<a class="headerlink" href="#{0}" title="Link to this section">&para;</a>'


def faq_heading(level: str = "h2") -> str:
    return f'<{level} id="faq">❓ FAQ{PERMALINK.format("faq")}</{level}>\n'


def question(text: str, anchor: str) -> str:
    return f'<h3 id="{anchor}">{text}{PERMALINK.format(anchor)}</h3>\n'


def test_each_h3_is_a_question_and_what_follows_it_is_its_answer():
    html = (
        "<h1>Title</h1>\n<p>Before the FAQ.</p>\n" + faq_heading()
        + question("Does foot strike make you faster?", "q1")
        + "<p>Not necessarily.</p>\n<p>Force matters more.</p>\n"
        + question("What should I train?", "q2")
        + "<ul>\n<li>Hamstrings</li>\n<li>Glutes</li>\n</ul>\n"
        + '<h2 id="next">Next</h2>\n<p>Not an answer.</p>\n'
    )
    assert faq_entries(html) == [
        ("Does foot strike make you faster?", "Not necessarily. Force matters more."),
        ("What should I train?", "Hamstrings Glutes"),
    ]


def test_text_is_read_as_the_reader_sees_it():
    html = faq_heading() + question("Speed &amp; strength?", "q") + "<p>Step <em>rate</em>\n  and <strong>length</strong>&nbsp;both.</p>"
    assert faq_entries(html) == [("Speed & strength?", "Step rate and length both.")]  # spaces of any kind, once


def test_a_page_without_an_faq_has_none():
    assert faq_entries("<h2 id='other'>Other</h2><h3>Question?</h3><p>Answer.</p>") == []
    assert faq_entries(faq_heading() + "<p>An FAQ still to be written.</p>") == []


def test_an_answer_ends_where_the_faq_does():
    html = f"<div>{faq_heading()}{question('Why?', 'q')}<p>Because.</p></div><p>Outside the FAQ.</p><h1>End</h1>"
    assert faq_entries(html) == [("Why?", "Because.")]
