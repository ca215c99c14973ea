"""When Material's bundle runs (partials/material-bundle.html): on a visit that restores Python from
the device, after the page's first live result; otherwise once the page's own scripts have run,
without waiting for Python; and never later than a second after the page asked it to wait. Material
works either way. Real Chromium, the published build and its service worker, real Pyodide."""

from __future__ import annotations

from playwright.sync_api import expect

import calculators
from tests.browser.calculator_page import (
    ARTICLE,
    CALCULATOR_PAGE,
    PYTHON_START,
    SLUG,
    Calculator,
    assert_clean,
    desktop_visit,
    kept_snapshots,
    wait_until,
)
from tests.browser.test_offline import go_live, ready_offline
from tests.support.site import CDN, serve_directory

DEFAULTS = calculators.defaults(SLUG)

# Records whether the page's first live result had shown when Material's bundle ran: the bundle's
# last step sets `window.document$`.
RECORD_MATERIAL = """(() => {
  let documents;
  Object.defineProperty(window, "document$", {
    configurable: true,
    get: () => documents,
    set(value) {
      documents = value;
      window.aqMaterialAfterLive ??= performance.getEntriesByName("aq-calculator-live").length > 0;
    },
  });
})()"""

# The worker's messages never reach the page: no result ever shows.
SILENT_WORKERS = """(() => {
  const listen = Worker.prototype.addEventListener;
  Worker.prototype.addEventListener = function (type, ...rest) {
    if (type !== "message") return listen.call(this, type, ...rest);
  };
})()"""


def material_ran(page) -> bool:
    return page.evaluate("window.aqMaterialAfterLive !== undefined")


def visited_once(visit, url: str) -> None:
    """A first visit, until the calculator works offline and Python's heap is kept on the device."""
    calculator = go_live(visit.page, url + CALCULATOR_PAGE)
    ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
    wait_until(visit.page, lambda: len(kept_snapshots(visit.page)) == 1, "the heap kept inflated on this device")
    visit.page.goto("about:blank")


def test_a_first_visit_runs_material_without_waiting_for_python(browser, built_site):
    with serve_directory(built_site, recipe=CDN) as url, desktop_visit(browser) as visit:
        visit.page.add_init_script(RECORD_MATERIAL)
        visit.page.goto(url + CALCULATOR_PAGE)
        wait_until(visit.page, lambda: material_ran(visit.page), "Material's bundle")
        assert visit.page.evaluate("window.aqMaterialAfterLive") is False
        Calculator(visit.page).expect_state("live")
        assert_clean(visit)


def test_a_second_visit_runs_material_once_the_first_result_shows_and_it_works(browser, site_under_a_path):
    """Material set up after a result still does its work: here its instant navigation (on for a
    site built for the address it is served from), whose next page's calculator is enhanced by
    every script of the site."""
    url = site_under_a_path
    with desktop_visit(browser) as visit:
        visited_once(visit, url)
        visit.page.add_init_script(RECORD_MATERIAL)
        visit.page.goto(url + ARTICLE + "#strength_balance")
        calculator = Calculator(visit.page)
        calculator.expect_state("live")
        wait_until(visit.page, lambda: material_ran(visit.page), "Material's bundle")
        assert visit.page.evaluate("window.aqMaterialAfterLive") is True
        expect(calculator.section).to_have_attribute("data-python", "snapshot")

        visit.page.wait_for_load_state("networkidle")  # Material takes over links once it has read the sitemap
        visit.page.evaluate("window.sameDocument = true")
        visit.page.locator("article").get_by_role("link", name="its own page").click()
        visit.page.wait_for_url(f"**/{CALCULATOR_PAGE}")
        expect(visit.page.locator("h1")).to_contain_text("Strength Balance calculator")
        calculator.type({"body_mass": "77"})
        calculator.expect_result_for({**DEFAULTS, "body_mass": "77"})
        expect(calculator.section.get_by_role("button", name="Save this test")).to_be_visible()
        expect(calculator.section).to_have_attribute("data-share", "")  # share.mjs enhanced it
        assert visit.page.evaluate("window.sameDocument") is True  # Material's instant navigation
        assert_clean(visit)


def test_material_runs_even_when_the_first_result_never_comes(browser, built_site):
    with serve_directory(built_site, recipe=CDN) as url, desktop_visit(browser) as visit:
        visited_once(visit, url)
        visit.page.add_init_script(RECORD_MATERIAL)
        visit.page.add_init_script(SILENT_WORKERS)
        visit.page.goto(url + CALCULATOR_PAGE)
        wait_until(visit.page, lambda: material_ran(visit.page), "Material's bundle", timeout_ms=10_000)
        assert visit.page.evaluate("window.aqMaterialAfterLive") is False
        assert visit.page.evaluate("performance.getEntriesByName('aq-calculator-start').length") == 1  # the page waited on Python
