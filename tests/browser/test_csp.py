"""The site under its strict Content-Security-Policy, in real Chromium, with no violation.

The site is built for its own address and served as Netlify or Cloudflare Pages serve it: with the
headers of the `_headers` file the build wrote (the policy with its hashes, `frame-ancestors
'none'` and `'wasm-unsafe-eval'` for the calculators' worker), and each page carries the same policy
in its meta tag. Every page, search, the light/dark toggle, instant navigation and every calculator
must work with no violation reported: not by the page (`securitypolicyviolation` events, which
each page logs here), nor by the calculators' worker or the service worker (Chromium logs their
refusals in their consoles).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from macros.deploy import HEADERS_FILE, parse_headers_file
from macros.security import pages
from macros.deploy import HeaderRule
from tests.browser.calculator_page import ARTICLE, CALCULATOR_PAGE, Calculator, assert_clean, wait_until
from tests.browser.test_every_calculator_live import SCENARIOS, use
from tests.pages.test_foot_strike_article import TITLE
from tests.pages.test_preview import _free_port
from tests.support.browser import PageRecorder
from tests.support.site import PROJECT_ROOT, HostRecipe, build_site, serve_directory

REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => console.error(
  `Content Security Policy violation: ${event.effectiveDirective} refused ${event.blockedURI || "inline code"}` +
  ` at ${event.sourceFile}:${event.lineNumber}`));
"""
"""Run in every page before its own scripts: each violation the page sees is logged."""
VIOLATION = "Content Security Policy"
"""In every report: the page's logged events and Chromium's own "Refused to …" messages."""


@dataclass(frozen=True)
class PublishedSite:
    folder: Path
    url: str

    def header_policy(self) -> str:
        """The Content-Security-Policy the site's `_headers` sends for every path."""
        text = (self.folder / HEADERS_FILE).read_text(encoding="utf-8")
        everywhere = next(rule for rule in parse_headers_file(text) if rule.path == "/*")
        return dict(everywhere.headers)["Content-Security-Policy"]


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PublishedSite]:
    """The site built for the address it is served from, served with the headers of its `_headers`."""
    folder = tmp_path_factory.mktemp("csp")
    port = _free_port()
    build_site(PROJECT_ROOT, folder, site_url=f"http://127.0.0.1:{port}/")
    with serve_directory(folder, port=port, recipe=HostRecipe.from_headers_file(folder)) as url:
        yield PublishedSite(folder, url)


@dataclass
class Violations:
    """Every Content-Security-Policy violation reported by a page, its workers and its service worker."""

    reports: list[str] = field(default_factory=list)

    def watch(self, source) -> None:
        """Record the reports in the console of `source` (a page, a worker or a service worker)."""
        source.on("console", self._record)

    def _record(self, message: ConsoleMessage) -> None:
        if VIOLATION in message.text:
            self.reports.append(message.text)


@contextmanager
def watched_visit(browser: Browser) -> Iterator[tuple[PageRecorder, Violations]]:
    """A desktop page whose every violation, anywhere, is recorded."""
    with PageRecorder.open(browser, width=1280, height=800, mobile=False) as visit:
        violations = Violations()
        visit.page.add_init_script(REPORT_VIOLATIONS)
        violations.watch(visit.page)
        visit.page.on("worker", violations.watch)
        visit.page.context.on("serviceworker", violations.watch)
        yield visit, violations


def open_page(page: Page, url: str, policy: str) -> None:
    """Open `url` and check it came with the site's policy as a header."""
    response = page.goto(url)
    assert response is not None and response.ok
    assert response.headers["content-security-policy"] == policy


def site_pages(site: PublishedSite) -> list[str]:
    """Every page of the built site, as an address relative to its root."""
    paths = [page.relative_to(site.folder).as_posix() for page in pages(site.folder)]
    return [path.removesuffix("index.html") for path in paths]


@contextmanager
def under_the_policy(browser: Browser, site: PublishedSite, path: str) -> Iterator[Page]:
    """Open `path` of the site (it must come with the policy as a header) for the test to use, then
    check that nothing anywhere was refused and nothing was logged as an error."""
    with watched_visit(browser) as (visit, violations):
        open_page(visit.page, site.url + path, site.header_policy())
        yield visit.page
        assert violations.reports == []
        assert_clean(visit)


def test_every_page_shows_with_its_theme_and_no_violation(browser, published):
    with under_the_policy(browser, published, "") as page:
        for path in site_pages(published):
            open_page(page, published.url + path, published.header_policy())
            page.wait_for_load_state("networkidle")
            # Material's inline palette script ran: the colours are the site's (its own primary,
            # overrides/assets/stylesheets/site.css), not Material's indigo fallback.
            expect(page.locator("body")).to_have_attribute("data-md-color-primary", "custom")
            expect(page.locator(".md-header")).to_have_css("background-color", "rgb(191, 54, 12)")


def test_search_finds_the_article_with_no_violation(browser, published):
    with under_the_policy(browser, published, "") as page:
        page.wait_for_load_state("networkidle")
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator(".md-search__input").press_sequentially("foot strike", delay=20)
        expect(page.locator(".md-search-result__item").first).to_contain_text("Foot Strike")


def test_the_light_dark_toggle_works_with_no_violation(browser, published):
    """The toggle goes from the system's scheme (light here) to light, to dark, and back."""
    with under_the_policy(browser, published, ARTICLE) as page:
        body = page.locator("body")
        for scheme in ("default", "slate", "default"):
            page.locator("form[data-md-component=palette] label:visible").first.click()
            expect(body).to_have_attribute("data-md-color-scheme", scheme)


def at_page(path: str) -> re.Pattern[str]:
    """The page's address, with any #fragment: Material's navigation tracking may write the heading
    in view into the address as the new page arrives."""
    return re.compile(rf".*/{re.escape(path)}(#.*)?")


def test_instant_navigation_to_a_live_calculator_with_no_violation(browser, published):
    """Pages of other depths (other `__md_scope` scripts) arrive under the first page's policy."""
    with under_the_policy(browser, published, "") as page:
        page.wait_for_load_state("networkidle")  # Material takes over links once it has read the sitemap
        page.evaluate("window.sameDocument = true")
        page.locator("article").get_by_role("link", name=TITLE).click()
        page.wait_for_url(at_page(ARTICLE))
        expect(page.locator("h1")).to_contain_text(TITLE)
        page.locator("article").get_by_role("link", name="its own page").click()
        page.wait_for_url(at_page(CALCULATOR_PAGE))
        expect(page.locator("h1")).to_contain_text("Strength Balance calculator")
        calculator = Calculator(page)
        calculator.bring_into_view()
        calculator.expect_state("live")
        assert page.evaluate("window.sameDocument") is True  # Material's instant navigation


@pytest.mark.parametrize(("slug", "scenario"), SCENARIOS)
def test_every_calculator_goes_live_with_no_violation(browser, published, slug, scenario):
    """The worker gets the header's policy (its own response's): it must compile Python's wasm."""
    with under_the_policy(browser, published, scenario.page) as page:
        calculator = Calculator(page, slug)
        calculator.bring_into_view()
        calculator.expect_state("live")
        answer = calculator.expect_result_for(use(calculator, scenario))
        assert answer["ok"] is True, answer["errors"]


def without_wasm(recipe: HostRecipe) -> HostRecipe:
    """The same host, its policy lacking 'wasm-unsafe-eval'."""
    rules = tuple(
        HeaderRule(rule.path, tuple((name, value.replace(" 'wasm-unsafe-eval'", "")) for name, value in rule.headers))
        for rule in recipe.rules
    )
    return HostRecipe(precompressed=recipe.precompressed, rules=rules)


def test_the_workers_violations_are_seen(browser, published):
    """The check above can fail: without 'wasm-unsafe-eval' in the header (the worker's own policy;
    the pages' meta tag never has it), the worker's refusal to compile Python is recorded."""
    with serve_directory(published.folder, recipe=without_wasm(HostRecipe.from_headers_file(published.folder))) as url:
        with watched_visit(browser) as (visit, violations):
            visit.page.goto(url + CALCULATOR_PAGE)
            Calculator(visit.page).bring_into_view()
            wait_until(visit.page, lambda: violations.reports, "the worker's violation report")
            assert "WebAssembly" in violations.reports[0]
