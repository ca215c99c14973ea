"""Fixtures every test layer shares: the built site, a loopback server for it, and Chromium.

The site is built once per test session with `mkdocs build --strict`, exactly as an operator
builds it, and served from 127.0.0.1. Browser tests drive Debian's Chromium through Playwright.
In CI (CI=true) a missing browser fails the browser tests; elsewhere it skips them, saying why.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import CHROMIUM, PageRecorder, launch_chromium
from tests.support.site import PROJECT_ROOT, build_site, serve_directory


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests under tests/browser/ carry the `browser` marker, so `-m "not browser"` skips them."""
    for item in items:
        if "browser" in Path(str(item.fspath)).parts:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built strictly from this checkout into a temporary folder."""
    return build_site(PROJECT_ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL ("http://127.0.0.1:PORT/") of the built site, served over loopback."""
    with serve_directory(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium; fails in CI when it is missing, skips elsewhere."""
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}: install Debian's chromium package"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    with launch_chromium() as chromium:
        yield chromium


FAILED = pytest.StashKey[bool]()
"""On a test: whether the test itself (not its set-up or tear-down) failed."""


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    """Keeps whether the test itself failed on the test, for the fixtures below."""
    report = yield
    if report.when == "call":
        item.stash[FAILED] = report.failed
    return report


def tell_if_failed(request: pytest.FixtureRequest, recorder: PageRecorder) -> None:
    """After a failed test, what its page was doing, on the report's captured output."""
    if request.node.stash.get(FAILED, False):
        print(recorder.account())


@pytest.fixture
def phone(browser, request: pytest.FixtureRequest) -> Iterator[PageRecorder]:
    """A fresh page the size of a 375 px wide phone, recording requests and console errors."""
    with PageRecorder.open(browser, width=375, height=812, mobile=True) as recorder:
        yield recorder
        tell_if_failed(request, recorder)


@pytest.fixture
def desktop(browser, request: pytest.FixtureRequest) -> Iterator[PageRecorder]:
    """A fresh page the size of a laptop screen, recording requests and console errors."""
    with PageRecorder.open(browser, width=1280, height=800, mobile=False) as recorder:
        yield recorder
        tell_if_failed(request, recorder)
