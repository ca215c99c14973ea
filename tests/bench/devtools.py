"""A page's network and CPU emulated through the DevTools protocol, its workers and service worker included.

The page's own session sets the network conditions and auto-attaches to the page's workers and to
its service worker (`Target.setAutoAttach`; each target is held at its start until it has been set up, then told
to run). That set-up is done from the benchmark's own waiting loops (`Emulation.release`), never
inside the protocol's event handler: a command sent from a handler can deadlock Playwright's sync
API. A dedicated worker (Pyodide's) shares the page's network conditions: sent to the
worker itself, `Network.emulateNetworkConditions` answers "Not supported", and the benchmark's
"fastest download" shows the worker's files arriving at the emulated rate. A service worker is a
target of its own, so it gets the same conditions set on it; without that the site's service worker
would download at loopback speed. A service worker already running when the page is opened (a
second visit soon after the first) is not auto-attached until the page it answers is under way, so
it is attached and set up at once, before the page navigates: otherwise it fetched a second visit's
page from the server at loopback speed (the page's response ended at 59-68 ms at 1.6 Mbit/s with
150 ms round trips, 217-277 ms once set up). The emulated round trip is a minimum time from request to
response headers, per request (no connection set-up is modelled), and the page and its service
worker are throttled separately (each at the profile's rate), not as one shared link.

`Emulation.setCPUThrottlingRate` slows the page's main thread only: Chromium refuses it for workers
("Operation is only supported for pages, not workers"), so Python's start-up in the worker runs at
the machine's full speed on every profile.
"""

from __future__ import annotations

import json
from itertools import count

from playwright.sync_api import BrowserContext, Error, Page

from tests.bench.network import NetworkProfile


class Emulation:
    """`page`'s network and CPU as `profile` has them, set before it navigates; on loopback, nothing."""

    def __init__(self, context: BrowserContext, page: Page, profile: NetworkProfile) -> None:
        self._profile = profile
        self._held: list[dict] = []
        self._ids = count(1)
        self._session = context.new_cdp_session(page) if profile.emulated else None
        if self._session is None:
            return
        self._session.send("Network.emulateNetworkConditions", profile.conditions())
        if profile.cpu_slowdown != 1:
            self._session.send("Emulation.setCPUThrottlingRate", {"rate": profile.cpu_slowdown})
        self._session.on("Target.attachedToTarget", self._hold)
        self._session.send("Target.setAutoAttach", {"autoAttach": True, "waitForDebuggerOnStart": True, "flatten": False})
        self._emulate_running_service_workers()

    def _emulate_running_service_workers(self) -> None:
        """Give the service workers running now the network conditions (see the module's docstring)."""
        assert self._session is not None
        for target in self._session.send("Target.getTargets")["targetInfos"]:
            if target["type"] == "service_worker":
                session_id = self._session.send("Target.attachToTarget", {"targetId": target["targetId"], "flatten": False})["sessionId"]
                self._emulate_service_worker(session_id)

    def _hold(self, target: dict) -> None:
        self._held.append(target)

    def release(self) -> None:
        """Set up the workers held since the last call (the service worker gets the network
        conditions), and let them run."""
        held, self._held = self._held, []
        for target in held:
            if target["targetInfo"]["type"] == "service_worker":
                self._emulate_service_worker(target["sessionId"])
            self._in_target(target["sessionId"], "Runtime.runIfWaitingForDebugger")

    def _emulate_service_worker(self, session_id: str) -> None:
        self._in_target(session_id, "Network.enable")
        self._in_target(session_id, "Network.emulateNetworkConditions", self._profile.conditions())

    def end(self) -> None:
        """Let anything still held run, and leave the page (before it closes: a page or browser
        closing with a worker held by this session could wait for it). Auto-attach is turned off
        first, so no worker starting meanwhile is held after the last release."""
        if self._session is not None:
            self._session.send("Target.setAutoAttach", {"autoAttach": False, "waitForDebuggerOnStart": False, "flatten": False})
            self.release()
            self._session.detach()
            self._session = None

    def _in_target(self, session_id: str, method: str, params: dict[str, object] | None = None) -> None:
        assert self._session is not None
        message = {"id": next(self._ids), "method": method, "params": params or {}}
        try:
            self._session.send("Target.sendMessageToTarget", {"sessionId": session_id, "message": json.dumps(message)})
        except Error as error:
            if "No session with given id" not in str(error):
                raise
            # The worker ended between being held and being set up (a service worker replaced by
            # a newer one, a page's worker stopped): nothing left to set up or let run.
