"""Every request of a browser context (its pages, their workers, the service worker) and what it
cost on the wire, from Playwright's network events."""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import BrowserContext, Page, Request, Response

LARGE_DOWNLOAD = 100_000
"""Bytes: downloads this large show the rate the network really gave (the emulation check)."""
QUIET_S = 3.0
"""A first visit has settled when no request has been in flight for this long."""
SIZES_PATIENCE_S = 10.0
"""How long a finished request's sizes may take to arrive (they are normally there at once)."""


def patiently(request: Request, answer):
    """What `answer` (a coroutine of Playwright's implementation of `request`) gives within
    SIZES_PATIENCE_S, else TimeoutError: the sync API has no timeout for these calls, so the
    coroutine is run by the sync API's own loop."""
    return request._sync(asyncio.wait_for(answer, SIZES_PATIENCE_S))  # noqa: SLF001


@dataclass(frozen=True)
class Transfer:
    """One finished request."""

    sent: int
    """Bytes over the network: headers and body as sent, compressed (0 from a cache, or answered by
    the service worker, whose own request is counted instead)."""
    finished_at: float
    """When its last byte arrived, in milliseconds since the epoch."""
    mbps: float
    """The rate its body arrived at, for a body of LARGE_DOWNLOAD bytes or more (else 0)."""


class Traffic:
    """Follows a browser context's requests as they happen."""

    def __init__(self, context: BrowserContext) -> None:
        self.finished: list[Request] = []
        self.in_flight: set[Request] = set()
        self.answered_by_worker: set[Request] = set()
        context.on("request", self._started)
        context.on("response", self._answered)
        context.on("requestfinished", self._finished)
        context.on("requestfailed", self._failed)

    def _started(self, request: Request) -> None:
        self.in_flight.add(request)

    def _answered(self, response: Response) -> None:
        if response.from_service_worker:
            self.answered_by_worker.add(response.request)

    def _failed(self, request: Request) -> None:
        self.in_flight.discard(request)

    def _finished(self, request: Request) -> None:
        self.in_flight.discard(request)
        self.finished.append(request)

    def take(self) -> list[Transfer]:
        """What the requests finished since the last call cost."""
        taken, self.finished = self.finished, []
        return [self._transfer(request) for request in taken]

    def _transfer(self, request: Request) -> Transfer:
        timing = request.timing
        finished_at = timing["startTime"] + max(timing["responseEnd"], 0)
        if request in self.answered_by_worker:
            return Transfer(sent=0, finished_at=finished_at, mbps=0.0)  # nothing crossed the network for it
        sizes = self._sizes(request)
        body = sizes["responseBodySize"]
        sent = max(0, sizes["responseHeadersSize"] + body)
        began = timing["requestStart"] if timing["requestStart"] >= 0 else timing["responseStart"]  # -1: not known
        seconds = (timing["responseEnd"] - began) / 1000  # from the request, as calculators.js times downloads
        return Transfer(
            sent=sent,
            finished_at=finished_at,
            mbps=body * 8 / seconds / 1e6 if sent and body >= LARGE_DOWNLOAD and seconds > 0 else 0.0,
        )

    def _sizes(self, request: Request) -> dict[str, int]:
        """Playwright's `Request.sizes()`, given SIZES_PATIENCE_S. It waits for Chromium's extra
        information on the response, which for some finished requests never comes: runs of this
        benchmark stalled there for good. Those are counted by the response's `Content-Length`
        (every file the benchmark's server sends has one) and said on stderr; so is a request
        whose response does not come either (Playwright's `Request.response()` then waits for
        good too), counted as 0 bytes."""
        try:
            return patiently(request, request._impl_obj.sizes())  # noqa: SLF001
        except TimeoutError:
            pass
        try:
            response = patiently(request, request._impl_obj.response())  # noqa: SLF001
        except TimeoutError:
            print(f"  (no sizes and no response from the browser for {request.url}: counted as 0 bytes)", file=sys.stderr)
            return {"responseBodySize": 0, "responseHeadersSize": 0}
        body = int(response.headers.get("content-length", 0)) if response else 0
        print(f"  (no sizes from the browser for {request.url}: {body:,} bytes by its Content-Length)", file=sys.stderr)
        return {"responseBodySize": body, "responseHeadersSize": 0}

    def settle(self, page: Page, limit_s: float, meanwhile: Callable[[], None]) -> bool:
        """Wait until nothing has been in flight for QUIET_S, doing `meanwhile` every 50 ms; False
        if that took over `limit_s`."""
        began = quiet_since = time.monotonic()
        while time.monotonic() - began < limit_s:
            meanwhile()
            if self.in_flight:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= QUIET_S:
                return True
            page.wait_for_timeout(50)
        return False
