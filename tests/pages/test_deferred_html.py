"""What search skips, Markdown and search need not read: a calculator's form and result are kept
aside while Markdown and the search index read the page, and are put back, byte for byte, in the
page written."""

from __future__ import annotations

import markdown
import pytest
from jinja2 import Environment
from mkdocs.utils.yaml import yaml_load

from macros.article_blocks import divider
from macros.deferred_html import DeferredHtml
from macros.page_macros import rendered
from tests.support.site import PROJECT_ROOT

FORM = (
    '<div class="aq-calc__body" data-search-exclude><form><div class="row"><label for="x-mass">Body mass</label>'
    '<input id="x-mass" name="body_mass" value="75"></div><div class="row">kg</div></form></div>'
)
HISTORY = '<details class="aq-history" data-search-exclude hidden><summary>Your saved tests</summary></details>'
SECTION = f'<section class="aq-calc" id="x"><h3 id="x-title">Step timing</h3><p>Private.</p>{FORM}{HISTORY}</section>'


def test_the_parts_search_skips_are_kept_aside_and_the_rest_is_left_for_markdown():
    deferred = DeferredHtml()
    section = deferred.defer(SECTION)
    assert section.startswith('<section class="aq-calc" id="x"><h3 id="x-title">Step timing</h3><p>Private.</p><!--aq-deferred:')
    assert section.endswith("--></section>")
    assert "Body mass" not in section and "Your saved tests" not in section
    assert section.count("<!--aq-deferred:") == 2  # the form with its nested divs whole, then the saved tests


def test_the_page_written_has_every_part_back_exactly():
    deferred = DeferredHtml()
    page = f"<html><body><article>{deferred.defer(SECTION)}<p>After.</p></article></body></html>"
    assert deferred.restore(page) == f"<html><body><article>{SECTION}<p>After.</p></article></body></html>"


def test_the_same_calculator_on_many_pages_is_kept_once():
    deferred = DeferredHtml()
    assert deferred.defer(SECTION) == deferred.defer(SECTION)
    assert len(deferred.pieces) == 2


def test_links_to_an_id_inside_a_part_deferred_still_find_it():
    deferred = DeferredHtml()
    page_content = deferred.defer(SECTION)
    assert deferred.anchor_ids(page_content) == {"x-mass"}  # x and x-title stay in the page Markdown reads
    assert deferred.anchor_ids("<p>No calculator here.</p>") == set()


def test_an_element_never_closed_or_read_by_markdown_stays_in_place():
    deferred = DeferredHtml()
    unclosed = '<div data-search-exclude><p>No end</p>'
    markdown_inside = '<div data-search-exclude markdown="1">*Markdown* here</div>'
    assert deferred.defer(unclosed) == unclosed
    assert deferred.defer(markdown_inside) == markdown_inside
    assert deferred.pieces == {}


def test_a_page_without_parts_kept_aside_is_written_as_it_is():
    page = '<p data-search-excluded="no">Text with data-search-exclude in it.</p>'
    deferred = DeferredHtml()
    assert deferred.defer(page) == page
    assert deferred.restore(page) is page


DIVIDER = divider("🔥")
CONTEXTS = {
    "between paragraphs": "Para one.\n\n{{ divider() }}\n\nPara two.\n",
    "right under a paragraph": "Para one.\n{{ divider() }}\n\nPara two.\n",
    "right over a paragraph": "Para one.\n\n{{ divider() }}\nPara two.\n",
    "twice in a row": "Para.\n\n{{ divider() }}\n{{ divider() }}\n\nPara.\n",
    "first and last": "{{ divider() }}\n\nPara.\n\n{{ divider() }}",
    "in a list": "- item one\n\n    {{ divider() }}\n\n- item two\n",
    "in a note": "!!! note\n\n    Text.\n\n    {{ divider() }}\n\n    More.\n",
    "in a quote": "> quote\n>\n> {{ divider() }}\n",
    "in a sentence": "Para {{ divider() }} inline.\n",
    "in a table": "| a | b |\n|---|---|\n| {{ divider() }} | y |\n",
}


def site_markdown() -> markdown.Markdown:
    """Markdown with the site's extensions, as mkdocs.yml sets them."""
    with open(PROJECT_ROOT / "mkdocs.yml", encoding="utf-8") as config:
        extensions = yaml_load(config)["markdown_extensions"]
    names = [next(iter(item)) if isinstance(item, dict) else item for item in extensions]
    settings = {next(iter(item)): next(iter(item.values())) for item in extensions if isinstance(item, dict)}
    return markdown.Markdown(extensions=names, extension_configs=settings)


@pytest.mark.parametrize("context", CONTEXTS)
def test_a_block_hidden_from_markdown_gives_the_same_page(context):
    """A macro's block alone on its line is hidden from Markdown; elsewhere it is left as it is;
    either way the page is what Markdown makes of the block itself."""
    environment, deferred = Environment(), DeferredHtml()
    variables = {"divider": lambda: DIVIDER}
    hidden = rendered(environment, CONTEXTS[context], variables, deferred)
    as_before = rendered(environment, CONTEXTS[context], variables)
    assert deferred.show(site_markdown().convert(hidden)) == site_markdown().convert(as_before)
    assert (DIVIDER in hidden) == (context in {"in a list", "in a note", "in a quote", "in a sentence", "in a table"})


def test_only_one_whole_block_on_one_line_is_hidden():
    deferred = DeferredHtml()
    assert deferred.hide(DIVIDER).startswith("<!--aq-hidden:")
    for not_one_block in ('<span class="aq-coming-soon">Soon</span>', "<div>one</div><div>two</div>",
                          "<div>\nTwo lines\n</div>", "<div>never closed", '<div markdown="1">*Read*</div>'):
        assert deferred.hide(not_one_block) == not_one_block


def test_a_hidden_section_is_shown_before_search_and_its_deferred_parts_after():
    deferred = DeferredHtml()
    content = deferred.hide(deferred.defer(SECTION))
    assert deferred.anchor_ids(content) == {"x", "x-title", "x-mass"}
    shown = deferred.show(content)
    assert "<h3 id=\"x-title\">Step timing</h3>" in shown and "Body mass" not in shown
    assert deferred.restore(shown) == SECTION
