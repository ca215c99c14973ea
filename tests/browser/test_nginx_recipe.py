"""The operators' nginx recipe, `deploy/nginx.conf`, run by Debian's nginx on the built site.

Started as the current user on a free loopback port, with only the recipe's `root` and `listen`
rewritten. Its headers are checked file by file, and in Chromium a calculator goes live under them
with no Content-Security-Policy violation. In CI (CI=true) a missing nginx fails these tests;
elsewhere they are skipped, saying why.
"""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Iterator
from email.message import Message

import pytest

from macros import deploy, security
from tests.browser.calculator_page import CALCULATOR_PAGE, Calculator, assert_clean
from tests.browser.test_csp import watched_visit
from macros.browser_runtime import WORKER, runtime_paths
from tests.support.nginx import NGINX, serve_with_nginx
from tests.support.site import CALCULATORS_ZIP, PROJECT_ROOT, PYTHON_ZIP

PYODIDE = runtime_paths(PROJECT_ROOT).pyodide


@pytest.fixture(scope="module")
def nginx_url(built_site, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not NGINX.exists():
        message = f"nginx not found at {NGINX}: install Debian's nginx package"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with serve_with_nginx(built_site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


def head(url: str, accept_encoding: str = "identity") -> tuple[int, Message]:
    """The status and headers nginx answers for `url`."""
    request = urllib.request.Request(url, method="HEAD", headers={"Accept-Encoding": accept_encoding})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers


def test_modules_and_webassembly_get_their_types(nginx_url):
    assert head(nginx_url + PYODIDE + "pyodide.mjs")[1]["Content-Type"] == "text/javascript"
    assert head(nginx_url + WORKER)[1]["Content-Type"] == "text/javascript"
    assert head(nginx_url + PYODIDE + "pyodide.asm.wasm")[1]["Content-Type"] == "application/wasm"


def test_the_precompressed_copies_are_sent_to_browsers_that_accept_them(nginx_url):
    wasm = nginx_url + PYODIDE + "pyodide.asm.wasm"
    for accepted, sent in (("gzip", "gzip"), ("br", "br"), ("gzip, deflate, br", "br"), ("identity", None)):
        status, headers = head(wasm, accepted)
        assert (status, headers["Content-Encoding"], headers["Content-Type"]) == (200, sent, "application/wasm"), accepted
        assert headers["Vary"] == "Accept-Encoding"


def test_the_python_zips_are_sent_as_brotli_too(nginx_url, built_site):
    # Their copies hold the same files stored (macros/compression.py): a third smaller as brotli.
    folder = next(built_site.glob(f"assets/calculators/*/{PYTHON_ZIP}")).parent.relative_to(built_site).as_posix()
    for name in (PYTHON_ZIP, CALCULATORS_ZIP):
        status, headers = head(f"{nginx_url}{folder}/{name}", "gzip, deflate, br")
        assert (status, headers["Content-Encoding"], headers["Content-Type"]) == (200, "br", "application/zip"), name


def test_each_path_gets_its_cache_policy(nginx_url):
    for path in (PYODIDE + "pyodide.asm.wasm", PYODIDE + "pyodide.mjs"):
        assert head(nginx_url + path)[1]["Cache-Control"] == deploy.IMMUTABLE, path
    for path in ("", "calculators/strength-balance/", "assets/javascripts/calculators.js", WORKER,
                 "assets/javascripts/calculator-messages.mjs", "assets/javascripts/offline.mjs", "sw.js"):
        assert head(nginx_url + path)[1]["Cache-Control"] == "no-cache", path


def test_every_response_has_the_security_headers_and_the_policy(nginx_url):
    for path in ("", CALCULATOR_PAGE, WORKER, PYODIDE + "pyodide.mjs", "no-such-page/"):
        headers = head(nginx_url + path)[1]
        assert headers["Content-Security-Policy"] == security.STATIC_HEADER.header_policy(), path
        for name, value in deploy.SECURITY_HEADERS:
            assert headers[name] == value, (path, name)


def test_a_missing_page_gets_the_sites_404_page(nginx_url):
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(nginx_url + "no-such-page/")
    assert missing.value.code == 404
    assert "aq-service-worker" in missing.value.read().decode("utf-8")  # the site's own, not nginx's


def test_a_calculator_goes_live_with_no_violation(browser, nginx_url):
    with watched_visit(browser) as (visit, violations):
        visit.page.goto(nginx_url + CALCULATOR_PAGE)
        calculator = Calculator(visit.page)
        calculator.bring_into_view()
        calculator.expect_state("live")
        calculator.type({"body_mass": "81"})
        calculator.expect_result_for({**calculator.inputs(), "body_mass": "81"})
        assert violations.reports == []
        assert_clean(visit)
