"""Sharing and printing a calculator's result (share.mjs, print.css), in real Chromium on the built
site: Share copies the address that reopens the result and says so (or hands it to the device's
share sheet, or selects it to copy by hand); printed, a page shows the inputs and the result
without the site's navigation, header, footer, buttons or saved tests; Print prints one
calculator alone, on one A4 page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

import calculators
from tests.browser.calculator_page import CALCULATOR_PAGE, SLUG, Calculator, assert_clean
from tests.browser.test_history import SavedTests
from tests.support.browser import PageRecorder

DEFAULTS = calculators.defaults(SLUG)
COPIED = "Link copied: paste it anywhere to share this result. Whoever opens it sees the same values."
# This Chromium has no share sheet (navigator.share) on Linux; where a device has one, it is used
# instead of the clipboard. Each test says which of the two the browser offers.
NO_SHARE_SHEET = "delete Navigator.prototype.share; delete Navigator.prototype.canShare;"
A_SHARE_SHEET = """
Navigator.prototype.share = async function (data) { window.sharedWith = data; };
Navigator.prototype.canShare = function (data) { return Boolean(data && data.url); };
"""
CALCULATOR_PAGES = {
    "strength_balance": "calculators/strength-balance/",
    "step_timing": "calculators/step-timing/",
    "sprint_profile": "calculators/sprint-profile/",
    "flying_sprint": "calculators/flying-sprint/",
}


def typed_address(visit: PageRecorder, site_url: str) -> tuple[Calculator, str]:
    """The calculator page with a value typed: its address then holds the reader's inputs."""
    visit.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(visit.page)
    calculator.expect_state("live")
    calculator.type({"body_mass": "83"})
    calculator.expect_result_for({**DEFAULTS, "body_mass": "83"})
    visit.page.wait_for_url(re.compile(rf"{SLUG}\.body_mass=83"))
    return calculator, visit.page.url.split("#")[0] + f"#{SLUG}"


def test_share_copies_the_address_and_says_so(browser, site_url):
    with PageRecorder.open(browser, width=375, height=812, mobile=True,
                           permissions=["clipboard-read", "clipboard-write"]) as visit:
        visit.page.add_init_script(NO_SHARE_SHEET)
        calculator, address = typed_address(visit, site_url)
        calculator.section.get_by_role("button", name="Share").click()
        note = calculator.section.get_by_role("status").filter(has_text="Link copied")
        expect(note).to_have_text(COPIED)
        expect(note).to_be_visible()
        assert visit.page.evaluate("navigator.clipboard.readText()") == address

        friend = visit.page.context.new_page()  # whoever opens the link sees the same values
        friend.goto(address)
        shared = Calculator(friend)
        shared.expect_state("live")
        expect(shared.field("body_mass")).to_have_value("83")
        shared.expect_result_for({**DEFAULTS, "body_mass": "83"})
        assert_clean(visit)


def test_a_device_with_a_share_sheet_gets_the_address_there(browser, site_url):
    with PageRecorder.open(browser, width=375, height=812, mobile=True) as visit:
        visit.page.add_init_script(A_SHARE_SHEET)
        calculator, address = typed_address(visit, site_url)
        calculator.section.get_by_role("button", name="Share").click()
        expect(calculator.section.locator(".aq-calc__note")).to_have_text(
            "Shared: whoever opens the link sees this result, worked out from the same values.")
        assert visit.page.evaluate("window.sharedWith") == {"title": "Strength Balance", "url": address}
        assert_clean(visit)


def test_without_a_clipboard_the_link_is_shown_selected_to_copy(browser, site_url):
    with PageRecorder.open(browser, width=375, height=812, mobile=True) as visit:
        visit.page.add_init_script(NO_SHARE_SHEET + "Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined });")
        calculator, address = typed_address(visit, site_url)
        calculator.section.get_by_role("button", name="Share").click()
        link = calculator.section.get_by_label("Link to this result")
        expect(link).to_be_visible()
        expect(link).to_have_value(address)
        expect(link).to_be_focused()
        assert link.evaluate("field => [field.selectionStart, field.selectionEnd]") == [0, len(address)]
        expect(calculator.section.locator(".aq-calc__note")).to_have_text(
            "Copy the link below (it is selected): whoever opens it sees this result.")
        assert_clean(visit)


@pytest.mark.parametrize("width, height, mobile", [(375, 812, True), (1280, 800, False)], ids=["phone", "desktop"])
def test_printed_the_inputs_and_result_show_without_the_site_around_them(browser, site_url, width, height, mobile):
    with PageRecorder.open(browser, width=width, height=height, mobile=mobile) as visit:
        tests = SavedTests(visit.page)
        tests.open_page(site_url)
        tests.save({"body_mass": "77", "sprint_distance": "30", "sprint_time": "4.1"}, "Printed")
        tests.open_panel()
        calculator = tests.calculator

        visit.page.emulate_media(media="print")
        for name in ("body_mass", "pushing_leg_left", "torso_right", "sprint_time"):
            expect(calculator.field(name)).to_be_visible()  # fields print their values
        expect(calculator.field("body_mass")).to_have_value("77")
        expect(calculator.field("sprint_time")).to_have_value("4.1")  # a group with values prints open
        expect(calculator.result.locator(".aq-result__headline")).to_be_visible()
        expect(calculator.result.locator("svg").first).to_be_visible()
        for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
                       ".md-search", ".aq-breadcrumbs", ".aq-history", ".aq-calc__actions", ".aq-calc__glance"):
            for each in visit.page.locator(hidden).all():
                expect(each).to_be_hidden()
        visible_buttons = [button for button in calculator.section.get_by_role("button").all() if button.is_visible()]
        assert visible_buttons == []
        assert_clean(visit)


@pytest.mark.parametrize("slug", list(CALCULATOR_PAGES))
def test_print_prints_the_calculator_alone_on_one_page(browser, site_url, slug):
    with PageRecorder.open(browser, width=1280, height=800, mobile=False) as visit:
        visit.page.add_init_script("window.print = () => { window.printed = (window.printed || 0) + 1; };")
        visit.page.goto(site_url + CALCULATOR_PAGES[slug])
        calculator = Calculator(visit.page, slug)
        calculator.expect_state("live")
        calculator.section.get_by_role("button", name="Print").click()
        assert visit.page.evaluate("window.printed") == 1

        visit.page.emulate_media(media="print")
        expect(visit.page.locator("h1")).to_be_hidden()  # the page's own text is left out
        expect(calculator.section).to_be_visible()
        # What the browser prints, as Chromium lays it out for paper (it ends with `afterprint`).
        pdf = visit.page.pdf(format="A4")
        assert re.findall(rb"/Count (\d+)", pdf) == [b"1"]
        expect(visit.page.locator("h1")).to_be_visible()  # after printing, the whole page prints again
        assert_clean(visit)
