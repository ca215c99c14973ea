"""When Material's bundle runs (partials/material-bundle.html): on a visit that restores Python from
the device, after the page's first live result; otherwise once the page's own scripts have run,
without waiting for Python; and never later than a second after the page asked it to wait. Material
works either way. Real Chromium, the published build and its service worker, real Pyodide."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

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
from tests.support.browser import PageRecorder
from tests.support.site import CDN, serve_directory

DEFAULTS = calculators.defaults(SLUG)

# The bundle's last step sets `window.document$`: recorded as the performance mark "material-ran".
RECORD_MATERIAL = """(() => {
  let documents;
  Object.defineProperty(window, "document$", {
    configurable: true,
    get: () => documents,
    set(value) {
      documents = value;
      performance.mark("material-ran");
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

HOLD_MS = 1000  # partials/material-bundle.html


def mark(page, name: str) -> float | None:
    """When the page made performance mark `name` (ms), or None."""
    return page.evaluate(f"performance.getEntriesByName('{name}')[0]?.startTime ?? null")


def bundle_downloads(page) -> list[str]:
    """The page's downloads of Material's bundle (Resource Timing): a preload the script did not
    take would be a second."""
    return page.evaluate(
        "performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => /\\/bundle\\.[0-9a-f]+\\.min\\.js/.test(name))"
    )


def material_ran(page) -> bool:
    return mark(page, "material-ran") is not None


def visited_once(visit, url: str) -> None:
    """A first visit, until the calculator works offline and Python's heap is kept on the device."""
    calculator = go_live(visit.page, url + CALCULATOR_PAGE)
    ready_offline(calculator).to_be_visible(timeout=PYTHON_START)
    wait_until(visit.page, lambda: len(kept_snapshots(visit.page)) == 1, "the heap kept inflated on this device")
    visit.page.goto("about:blank")


def test_a_first_visit_runs_material_without_waiting_for_python(browser, built_site):
    """Started at DOMContentLoaded: the page holds nothing for Python it does not have yet."""
    with serve_directory(built_site, recipe=CDN) as url, desktop_visit(browser) as visit:
        visit.page.add_init_script(RECORD_MATERIAL)
        visit.page.goto(url + CALCULATOR_PAGE)
        wait_until(visit.page, lambda: material_ran(visit.page), "Material's bundle")
        parsed = visit.page.evaluate("performance.getEntriesByType('navigation')[0].domContentLoadedEventStart")
        assert mark(visit.page, "aq-material-held") is None
        assert mark(visit.page, "aq-material-started") >= parsed
        assert len(bundle_downloads(visit.page)) == 1  # the page's preload, taken by the script that starts it
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
        # Held until the first live result, or the hold's end on a machine too busy to restore Python by then.
        held, started, live = (mark(visit.page, name) for name in ("aq-material-held", "aq-material-started", "aq-calculator-live"))
        assert held is not None
        assert started >= min(live, held + HOLD_MS)
        assert mark(visit.page, "material-ran") >= started
        expect(calculator.section).to_have_attribute("data-python", "snapshot")

        visit.page.wait_for_load_state("networkidle")  # Material takes over links once it has read the sitemap
        visit.page.evaluate("window.sameDocument = true")
        visit.page.locator("article").get_by_role("link", name="its own page").click()
        expect(visit.page).to_have_url(re.compile(re.escape(CALCULATOR_PAGE)))  # Material may then add a heading's #fragment
        expect(visit.page.locator("h1")).to_contain_text("Strength Balance calculator")
        calculator.type({"body_mass": "77"})
        calculator.expect_result_for({**DEFAULTS, "body_mass": "77"})
        expect(calculator.section.get_by_role("button", name="Save this test")).to_be_visible()
        expect(calculator.section).to_have_attribute("data-share", "")  # share.mjs enhanced it
        assert visit.page.evaluate("window.sameDocument") is True  # Material's instant navigation
        assert_clean(visit)


@contextmanager
def calculator_page_again(browser, built_site, script: str) -> Iterator[PageRecorder]:
    """The calculator's page visited a second time, Material's run recorded and `script` run before
    any of the page's own."""
    with serve_directory(built_site, recipe=CDN) as url, desktop_visit(browser) as visit:
        visited_once(visit, url)
        visit.page.add_init_script(RECORD_MATERIAL)
        visit.page.add_init_script(script)
        visit.page.goto(url + CALCULATOR_PAGE)
        yield visit


def test_material_runs_even_when_the_first_result_never_comes(browser, built_site):
    with calculator_page_again(browser, built_site, SILENT_WORKERS) as visit:
        wait_until(visit.page, lambda: material_ran(visit.page), "Material's bundle", timeout_ms=10_000)
        held, started = mark(visit.page, "aq-material-held"), mark(visit.page, "aq-material-started")
        assert held is not None
        assert started - held >= HOLD_MS - 1  # the page's clock is coarsened and jittered (no cross-origin isolation)
        assert mark(visit.page, "aq-calculator-live") is None
