"""Where a calculator stands on the screen, on a small phone and on a laptop, in the built site
with Python live: the first field on the first screen of a calculator's own page, the headline
figures in view while the reader types the last field, the result beside the fields where there is
room, and the model's notice said once per page.

The phone is the smallest in common use, 375 x 667 px (an iPhone SE): what fits there fits on
every phone.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.calculator_page import ARTICLE, Calculator
from tests.support.browser import PageRecorder
from tests.support.calculator_examples import every_calculator

SMALL_PHONE = {"width": 375, "height": 667}
CALCULATOR_PAGES = [pytest.param(slug, examples.SCENARIO.page, id=slug) for slug, examples in every_calculator()]
MODEL_NOTE = "This is a model, not a measurement"


@pytest.fixture
def small_phone(browser) -> Iterator[PageRecorder]:
    with PageRecorder.open(browser, mobile=True, **SMALL_PHONE) as recorder:
        yield recorder


def box(locator: Locator) -> dict[str, float]:
    found = locator.bounding_box()
    assert found is not None, f"{locator} is not displayed"
    return found


def on_screen(page: Page, locator: Locator) -> bool:
    """Wholly inside the viewport, as the reader sees it now."""
    where = box(locator)
    size = page.viewport_size
    assert size is not None
    return where["y"] >= 0 and where["y"] + where["height"] <= size["height"] and where["x"] >= 0


def last_field(calculator: Calculator) -> Locator:
    """The last text field the reader sees before any folded optional group."""
    return calculator.section.locator(
        "form > .aq-field input[type=text], form > .aq-pair input[type=text], form > .aq-row input[type=text]"
    ).last


def glance(calculator: Calculator) -> Locator:
    return calculator.section.locator(".aq-calc__glance")


@pytest.mark.parametrize(("slug", "page"), CALCULATOR_PAGES)
def test_on_a_small_phone_the_first_field_is_on_the_first_screen(small_phone, site_url, slug, page):
    small_phone.page.goto(site_url + page)
    calculator = Calculator(small_phone.page, slug)
    first = calculator.section.locator("form input[type=text]").first
    assert on_screen(small_phone.page, first), box(first)


@pytest.mark.parametrize(("slug", "page"), CALCULATOR_PAGES)
def test_on_a_small_phone_the_headline_figures_stay_in_view_while_typing_the_last_field(small_phone, site_url, slug, page):
    small_phone.page.goto(site_url + page)
    calculator = Calculator(small_phone.page, slug)
    calculator.expect_state("live")
    field = last_field(calculator)
    field.focus()
    field.press("End")
    field.press("Backspace")  # a new value, so a new result: the figures follow it
    calculator.expect_state("live")
    answer = calculator.expect_result_for(calculator.inputs())
    expect(glance(calculator)).to_be_visible()
    assert on_screen(small_phone.page, field)
    assert on_screen(small_phone.page, glance(calculator))
    assert glance(calculator).get_attribute("data-state") == "live"
    shown = " ".join(glance(calculator).inner_text().split())
    assert shown.startswith("Yours")
    for name, value in answer["summary"].items():
        assert f"{name} {value}" in shown


def test_the_headline_figures_say_which_fields_need_attention(small_phone, site_url):
    small_phone.page.goto(site_url + "calculators/strength-balance/")
    calculator = Calculator(small_phone.page)
    calculator.expect_state("live")
    calculator.field("body_mass").fill("heavy")
    calculator.expect_state("invalid")
    expect(glance(calculator)).to_have_attribute("data-state", "invalid")
    expect(glance(calculator)).to_have_text("Check the highlighted fields")


@pytest.mark.parametrize(("slug", "page"), CALCULATOR_PAGES)
def test_on_a_laptop_the_result_stands_beside_the_fields(desktop, site_url, slug, page):
    desktop.page.goto(site_url + page)
    calculator = Calculator(desktop.page, slug)
    calculator.expect_state("live")
    form = box(calculator.section.locator("form"))
    headline = calculator.result.locator(".aq-result__headline")
    assert box(headline)["x"] >= form["x"] + form["width"]
    assert on_screen(desktop.page, headline)
    expect(glance(calculator)).to_be_hidden()  # the result itself is in view


def test_an_article_keeps_its_calculator_in_the_section_the_writer_put_it_in(desktop, site_url):
    desktop.page.goto(site_url + ARTICLE)
    calculator = Calculator(desktop.page)
    title = calculator.section.locator(".aq-calc__title")
    assert title.evaluate("title => title.tagName") == "H3"  # under the article's own h2
    heading_above = calculator.section.evaluate(
        "section => { let at = section; while ((at = at.previousElementSibling)) if (at.tagName === 'H2') return at.textContent; return ''; }"
    )
    assert heading_above.strip()


@pytest.mark.parametrize(("slug", "page"), [*CALCULATOR_PAGES, pytest.param("strength_balance", ARTICLE, id="article")])
def test_the_model_notice_is_said_once_per_page(desktop, site_url, slug, page):
    desktop.page.goto(site_url + page)
    calculator = Calculator(desktop.page, slug)
    calculator.bring_into_view()  # an article starts Python only when its calculator comes near
    calculator.expect_state("live")
    assert desktop.page.locator("article").inner_text().count(MODEL_NOTE) == 1
