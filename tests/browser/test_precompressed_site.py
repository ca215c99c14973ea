"""A reader's cold visit to a calculator on a host serving the precompressed copies (README.md's
publishing recipe): Python goes live with the same answers, Pyodide's core arrives as brotli, and
far fewer bytes travel than the files hold."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Response

import calculators
from tests.browser.calculator_page import CALCULATOR_PAGE, SLUG, Calculator, assert_clean
from tests.support.browser import PageRecorder
from tests.support.site import CALCULATORS_ZIP, CDN, PYTHON_ZIP, serve_directory

DEFAULTS = calculators.defaults(SLUG)


def site_file(site: Path, base_url: str, url: str) -> Path:
    """The built file an address of the site is served from (a page's address: its index.html)."""
    path = site / urlsplit(url).path.removeprefix(urlsplit(base_url).path)
    return path / "index.html" if path.is_dir() else path


def visit_on_a_cdn(browser, built_site: Path, address: str, brotli_files: tuple[str, ...]) -> None:
    """A cold visit to the calculator page at `address` on the publishing recipe's host: live, with
    CPython's answers; each of `brotli_files` sent as brotli; far fewer bytes sent than the files hold."""
    with serve_directory(built_site, recipe=CDN) as base_url, \
            PageRecorder.open(browser, width=1280, height=800, mobile=False) as visit:
        responses: list[Response] = []
        visit.page.context.on("response", lambda response: responses.append(response))
        visit.page.goto(base_url + address)
        calculator = Calculator(visit.page)
        calculator.bring_into_view()
        calculator.expect_state("live")
        calculator.type({"body_mass": "82.5", "torso_left": "95"})
        calculator.expect_result_for({**DEFAULTS, "body_mass": "82.5", "torso_left": "95"})
        assert_clean(visit)

        # What the host sent: not the service worker's answers or the HTTP cache's (no length).
        from_host = [r for r in responses if not r.from_service_worker and r.header_value("content-length")]
        for name in brotli_files:
            encodings = {r.header_value("content-encoding") for r in from_host if r.url.endswith("/" + name)}
            assert encodings == {"br"}, name
        sent = sum(int(r.header_value("content-length")) for r in from_host)
        files = sum(site_file(built_site, base_url, r.url).stat().st_size for r in from_host)
        assert sent < 0.6 * files, f"{sent:,} bytes sent for {files:,} bytes of files"


def test_a_cold_visit_gets_brotli_and_goes_live(browser, built_site):
    visit_on_a_cdn(browser, built_site, CALCULATOR_PAGE, ("pyodide.asm.wasm", "pyodide.asm.mjs"))


def test_a_normal_start_gets_the_python_zips_as_brotli_and_goes_live(browser, built_site):
    # Their copies hold the same files stored (macros/compression.py: stored_zip), which Python
    # reads as it reads the deflated zips a host without copies sends.
    visit_on_a_cdn(browser, built_site, CALCULATOR_PAGE + "?aq-python=normal",
                   ("pyodide.asm.wasm", PYTHON_ZIP, CALCULATORS_ZIP))
