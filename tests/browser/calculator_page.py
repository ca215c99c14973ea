"""A calculator embedded in a page, as a test drives it: its fields, its status and its result,
compared with what `calculators.run` answers in this (CPython) process."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Browser, Locator, Page, Worker, expect

import calculators
from tests.support.browser import PageRecorder
from tests.support.calculator_markup import canonical

SLUG = "strength_balance"
ARTICLE = "running-mechanics/foot-strike/"
CALCULATOR_PAGE = "calculators/strength-balance/"
PYTHON_START = 60_000  # ms: patience for a cold Pyodide start on a busy CI machine
PYTHON_PATHS = ("assets/pyodide/", "assets/calculators/")
RUNTIME_PATHS = (*PYTHON_PATHS, "calculator-worker.mjs")


# Records, from the page's start, the head's decision (its script's addresses read by id), each
# worker the page makes, each of Pyodide's two largest downloads it begins, and the page's first
# read of its local storage, with where its thread was: in a script written into the page (the
# head's, run by the page's parsing: "parsing") or in a task of its own ("own task"), and what the
# document was doing (`document.readyState`).
# window.aqBegun: [[kind ("decision" | "worker" | "download" | "storage"), address, the worker's name, where, readyState], …].
RECORD_BEGINNINGS = """(() => {
  window.aqBegun = [];
  const note = (kind, url = "", name = "") => window.aqBegun.push([
    kind, url, name, document.currentScript && !document.currentScript.src ? "parsing" : "own task", document.readyState,
  ]);
  const byId = Document.prototype.getElementById;
  Document.prototype.getElementById = function (id) {
    if (id === "aq-early-start") note("decision");
    return byId.call(this, id);
  };
  const PageWorker = window.Worker;
  window.Worker = function (url, options) {
    note("worker", String(url), options?.name ?? "");
    return new PageWorker(url, options);
  };
  window.Worker.prototype = PageWorker.prototype;
  const pageFetch = window.fetch;
  window.fetch = function (resource, ...rest) {
    const url = String(resource.url ?? resource);
    if (url.split("?")[0].split("/").pop().startsWith("pyodide.asm.")) note("download", url);
    return pageFetch.call(this, resource, ...rest);
  };
  let storageRead = false;
  const read = (storage) => {
    if (storage !== window.localStorage || storageRead) return;
    storageRead = true;
    note("storage");
  };
  const length = Object.getOwnPropertyDescriptor(Storage.prototype, "length");
  Object.defineProperty(Storage.prototype, "length", { get() { read(this); return length.get.call(this); }, configurable: true });
  for (const name of ["getItem", "setItem", "removeItem", "key"]) {
    const method = Storage.prototype[name];
    Storage.prototype[name] = function (...args) { read(this); return method.apply(this, args); };
  }
})()"""


def begun(page: Page) -> list[tuple[str, str, str]]:
    """What the page began (RECORD_BEGINNINGS), in order: (what, address, where), where `what` is
    "decision" for the head's, "worker" for the calculators' worker (not one compiling Pyodide's
    scripts for the next visit, "aq-compile"; other workers are left out) and a download's file name."""
    return [(what, url, where) for what, url, where, _ in begun_while(page)]


def begun_while(page: Page) -> list[tuple[str, str, str, str]]:
    """As `begun`, each with what the document was doing then (`document.readyState`)."""
    return [
        (file_name(url) if kind == "download" else kind, url, where, ready_state)
        for kind, url, name, where, ready_state in page.evaluate("window.aqBegun")
        if kind != "storage" and (kind != "worker" or (file_name(url) == "calculator-worker.mjs" and name != "aq-compile"))
    ]


def first_storage_read(page: Page) -> str | None:
    """Where the page's thread was when the page first read its local storage (RECORD_BEGINNINGS),
    or None if it never did."""
    return next((where for kind, _, _, where, _ in page.evaluate("window.aqBegun") if kind == "storage"), None)


def file_name(url: str) -> str:
    """The file an address asks for, without its query (a published page's scripts carry their digest)."""
    return urlsplit(url).path.rsplit("/", 1)[-1]


def runtime_requests(visit: PageRecorder) -> list[str]:
    """Requests for the calculators' runtime: the worker, Pyodide's files, the wheel and snapshot."""
    return [url for url in visit.requests if any(part in url for part in RUNTIME_PATHS)]


def python_requests(visit: PageRecorder) -> list[str]:
    """Requests for Python itself: Pyodide's files, the wheel, the snapshot (megabytes, not the
    few kilobytes of the worker's script, which the service worker keeps with the site's scripts)."""
    return [url for url in visit.requests if any(part in url for part in PYTHON_PATHS)]


def assert_clean(visit: PageRecorder) -> None:
    """Nothing went to another host and nothing was logged as an error."""
    assert visit.foreign_requests() == []
    assert visit.console_errors == [], visit.console_errors


def wait_until(page: Page, condition: Callable[[], object], what: str, timeout_ms: int = PYTHON_START) -> None:
    """Let the page run until `condition()` holds (for facts only Python sees, like requests)."""
    for _ in range(timeout_ms // 50):
        if condition():
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"gave up after {timeout_ms} ms waiting for {what}")


KEPT_SNAPSHOTS = """async () => {
  try {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle("aq-python-snapshots");
    const paths = [];
    for await (const [name, handle] of folder.entries()) {
      // A heap being written for the first time is an empty file until the write is complete; one
      // open for reading cannot be looked into (it is there).
      const { size } = await handle.getFile().catch(() => ({ size: 1 }));
      if (size > 0) paths.push(decodeURIComponent(name));
    }
    return paths;
  } catch {
    return [];
  }
}"""


def desktop_visit(browser: Browser, **context_options):
    """A page the size of a laptop screen, recording requests and console errors.
    `service_workers="block"` (Playwright's option: `register` does nothing) leaves every request
    to Playwright's routes, none answered by a service worker."""
    return PageRecorder.open(browser, width=1280, height=800, mobile=False, **context_options)


def kept_snapshots(page: Page) -> list[str]:
    """The snapshots the calculators' worker keeps inflated on this device, written in full, by their path."""
    return page.evaluate(KEPT_SNAPSHOTS)


COMPILE_WORKER = "aq-compile"
"""The name of the worker a page ready offline starts to compile Pyodide's scripts for the next
visit (calculators.js: compileForNextVisit), from the same script as the calculators' worker."""


def calculators_worker(page: Page) -> Worker:
    """The page's one calculators' worker, told from a compile worker by its name (one that ended
    while it was asked is not the calculators')."""

    def name(worker: Worker) -> str:
        try:
            return worker.evaluate("self.name")
        except PlaywrightError:
            return COMPILE_WORKER
    [worker] = [each for each in page.workers if file_name(each.url) == "calculator-worker.mjs" and name(each) != COMPILE_WORKER]
    return worker


def expected_text(html: str) -> str:
    return " ".join(BeautifulSoup(html, "html.parser").get_text().split())


@dataclass
class Calculator:
    """The calculator called `slug` on the page."""

    page: Page
    slug: str = SLUG

    @property
    def section(self) -> Locator:
        return self.page.locator(f"section.aq-calc[data-calculator={self.slug}]")

    @property
    def status(self) -> Locator:
        return self.section.locator(".aq-calc__status")

    @property
    def result(self) -> Locator:
        return self.section.locator(".aq-calc__result")

    @property
    def retry(self) -> Locator:
        return self.section.get_by_role("button", name="Retry")

    def field(self, name: str) -> Locator:
        return self.section.locator(f"input[name={name}]:not([type=radio]), select[name={name}]")

    def choice(self, name: str, value: str) -> Locator:
        return self.section.locator(f"input[type=radio][name={name}][value='{value}']")

    def error(self, name: str) -> Locator:
        return self.section.locator(f"[data-error-for={name}]")

    def expect_state(self, state: str, timeout: float = PYTHON_START) -> None:
        expect(self.status).to_have_attribute("data-state", state, timeout=timeout)

    def bring_into_view(self) -> None:
        self.section.scroll_into_view_if_needed()

    def type(self, values: Mapping[str, str]) -> None:
        """Type each value into its field, opening a folded group first as a reader would."""
        for name, value in values.items():
            group = self.section.locator("details.aq-group").filter(has=self.page.locator(f"[name={name}]"))
            # A result with a message for one of the group's fields opens it too: one that does so
            # just before the click gets it folded again by the click, so look again.
            for _ in range(3):
                if not group.count() or group.get_attribute("open") is not None:
                    break
                group.locator("summary").click()
            self.field(name).fill(value)

    def inputs(self) -> dict[str, str]:
        """What the form holds now, as the browser would send it."""
        return self.section.locator("form").evaluate(
            "form => Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]))"
        )

    def expect_result_for(self, inputs: Mapping[str, str]) -> dict:
        """Wait until the page shows what Python gives for `inputs`, and check it is the same markup."""
        answer = calculators.run(self.slug, inputs)
        expect(self.result).to_have_text(expected_text(answer["html"]), timeout=PYTHON_START)
        shown_on = self.page.url
        assert canonical(self.result.inner_html(), shown_on) == canonical(answer["html"], shown_on)
        return answer
