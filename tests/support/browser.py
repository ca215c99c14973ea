"""Debian's Chromium, driven by Playwright, and a page that records what it asks for."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

from tests.support.site import still_answering

CHROMIUM = Path("/usr/bin/chromium")

# Quiet, offline-friendly Chromium: no sandbox (CI runs as root), no background services that
# would try to reach Google, and no GPU on a headless machine.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
)


@contextmanager
def launch_chromium(**options) -> Iterator[Browser]:
    """Start headless Chromium for the length of the block."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS), **options
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class PageRecorder:
    """A browser page plus every request it made and every console error it logged."""

    page: Page
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    _unanswered: dict[Request, str] = field(default_factory=dict)
    """Requests with no end yet (neither finished nor failed), for the account of a failed test."""

    @classmethod
    @contextmanager
    def open(cls, browser: Browser, *, width: int, height: int, mobile: bool,
             java_script_enabled: bool = True, **context_options) -> Iterator["PageRecorder"]:
        """`context_options` go to Playwright's `new_context` (e.g. `bypass_csp=True` for a test
        that injects a script of its own into pages that ship a strict policy)."""
        context = browser.new_context(
            viewport={"width": width, "height": height},
            device_scale_factor=2 if mobile else 1,
            is_mobile=mobile,
            has_touch=mobile,
            java_script_enabled=java_script_enabled,
            **context_options,
        )
        page = context.new_page()
        recorder = cls(page)
        context.on("request", recorder._record_request)
        context.on("requestfinished", recorder._record_end)
        context.on("requestfailed", recorder._record_end)
        page.on("console", recorder._record_console)
        page.on("pageerror", lambda error: recorder.console_errors.append(str(error)))
        try:
            yield recorder
        finally:
            context.close()

    def _record_request(self, request: Request) -> None:
        self.requests.append(request.url)
        self._unanswered[request] = request.url

    def _record_end(self, request: Request) -> None:
        self._unanswered.pop(request, None)

    def account(self) -> str:
        """What the page was doing, for a test that failed: its address, the requests still
        waiting for their end, and its console errors. Read from what was recorded, without asking
        the page, which may be the part that hangs."""
        waiting = "\n".join(f"  {url}" for url in self._unanswered.values()) or "  none"
        answering = "\n".join(f"  {request}" for request in still_answering()) or "  none"
        errors = "\n".join(f"  {error}" for error in self.console_errors) or "  none"
        return (
            f"The page at {self.page.url}\nRequests still waiting for their end:\n{waiting}\n"
            f"Requests the tests' servers are still answering (port: path):\n{answering}\nConsole errors:\n{errors}"
        )

    def _record_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def foreign_requests(self) -> list[str]:
        """Requests to any host but 127.0.0.1 (data: and blob: URLs never leave the page)."""
        return [
            url for url in self.requests
            if urlsplit(url).scheme not in {"data", "blob"} and urlsplit(url).hostname != "127.0.0.1"
        ]
