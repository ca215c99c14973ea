"""Memory over a long session (not in CI): one calculator page, 10,000 results one after the
other (a changing value typed, as a reader would), printing every 1,000 results one line, in MB
unless counted:

- the renderers' resident memory (/proc), and Chromium's own account of the page's renderer (the
  page and its workers run in that one process): its private memory, and in it Blink's garbage-
  collected heap (Oilpan) of the page and of the workers, with what its objects take (live),
  PartitionAlloc, malloc and V8;
- the page: its JS heap and DOM counters;
- the calculators' worker: its JS heap, Pyodide's WebAssembly memory (and how much of it Python's
  malloc has in use), and the objects Python's collector tracks.

All through the DevTools protocol, nothing added to the site. Prints figures; never fails.

The values are typed without a pause, so the address is written only at the end (a typed value
reaches the address when the reader pauses or leaves the field); `--leave-field` leaves the field
after each result, so the address is written every time too.

    .venv/bin/python -m tests.bench.memory_soak [--runs 10000] [--every 1000] [--leave-field] [--site DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path

from playwright.sync_api import Browser, CDPSession, Page

from tests.support.browser import launch_chromium
from tests.support.site import PROJECT_ROOT, build_site, serve_directory

PAGE = "calculators/strength-balance/"
WORKER = "calculator-worker.mjs"

# Type `count` values one after the other, each waiting for its result (as fast as the page
# answers), and leave the field after each if `leave`.
RUN_RESULTS = """
async ([count, leave]) => {
  const section = document.querySelector("section.aq-calc[data-calculator=strength_balance]");
  const field = section.querySelector("input[name=body_mass]");
  for (let run = 0; run < count; run++) {
    const answered = new Promise((resolve) => section.addEventListener("aq-calculator:result", resolve, { once: true }));
    field.focus();
    field.value = String(40 + ((window.aqSoakRuns = (window.aqSoakRuns ?? 0) + 1) % 150));
    field.dispatchEvent(new Event("input", { bubbles: true }));
    await answered;
    if (leave) field.blur();
  }
}
"""

COLUMNS = ("results  resident  private  Oilpan page (live)  workers (live)  PartitionAlloc  malloc    V8 | "
           "page heap  nodes  listeners | worker heap  wasm (in use)  Python objects")

# Python's own view, asked in the worker's Python after a collection: the objects the collector
# tracks, the WebAssembly memory, and the bytes malloc has in use in it (mallinfo's uordblks, the
# 8th of its 10 ints). All three stay level when nothing is kept from run to run.
PYTHON_FIGURES = """(lambda gc, json, wasm: gc.collect() and None or json.dumps({
    'objects': len(gc.get_objects()),
    'memory': wasm.HEAPU8.length,
    'in_use': (lambda info: [wasm._mallinfo(info), wasm.HEAPU32[(info >> 2) + 7], wasm._free(info)][1])(wasm._malloc(40)),
}))(__import__('gc'), __import__('json'), __import__('pyodide_js')._module)"""


def parent_of(pid: int) -> int:
    """The parent process of `pid` (0 once it is gone)."""
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def started_by_us(pid: int) -> bool:
    """Whether this Python process is an ancestor of `pid`: our Chromium, not another run's."""
    while pid > 1:
        pid = parent_of(pid)
        if pid == os.getpid():
            return True
    return False


def renderer_rss_mb() -> float:
    """Resident memory of our Chromium's renderer processes (this soak opens one page), in MB."""
    total = 0
    for status in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if b"--type=renderer" not in status.read_bytes() or not started_by_us(int(status.parent.name)):
                continue
            for line in (status.parent / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def page_figures(cdp: CDPSession) -> str:
    """The page's JS heap, DOM nodes and event listeners."""
    metrics = {metric["name"]: metric["value"] for metric in cdp.send("Performance.getMetrics")["metrics"]}
    counters = cdp.send("Memory.getDOMCounters")
    return f"{metrics['JSHeapUsedSize'] / 1e6:9.1f}  {counters['nodes']:5d}  {counters['jsEventListeners']:9d}"


class WorkerProbe:
    """The calculators' worker, through a browser-level DevTools session attached to it (not
    flattened: its commands go through `Target.sendMessageToTarget`, its answers come back as
    `Target.receivedMessageFromTarget` events, which Playwright delivers while `page` waits)."""

    def __init__(self, browser: Browser, page: Page) -> None:
        self._page = page
        self._ids = count(1)
        self._answers: dict[int, dict] = {}
        self._cdp = browser.new_browser_cdp_session()
        self._cdp.on("Target.receivedMessageFromTarget", self._receive)
        targets = self._cdp.send("Target.getTargets")["targetInfos"]
        worker = next(target for target in targets if target["type"] == "worker" and target["url"].endswith(WORKER))
        attached = self._cdp.send("Target.attachToTarget", {"targetId": worker["targetId"], "flatten": False})
        self._session = attached["sessionId"]
        self._python = self._reach_python()

    def _receive(self, event: dict) -> None:
        answer = json.loads(event["message"])
        if "id" in answer:
            self._answers[answer["id"]] = answer

    def send(self, method: str, params: dict | None = None) -> dict:
        asked = next(self._ids)
        message = {"id": asked, "method": method, "params": params or {}}
        self._cdp.send("Target.sendMessageToTarget", {"sessionId": self._session, "message": json.dumps(message)})
        while asked not in self._answers:
            self._page.wait_for_timeout(5)
        answer = self._answers.pop(asked)
        if "error" in answer:
            raise RuntimeError(f"{method} in the worker: {answer['error']}")
        return answer["result"]

    def _properties(self, object_id: str) -> dict[str, dict]:
        found = self.send("Runtime.getProperties", {"objectId": object_id, "ownProperties": True})
        return {item["name"]: item["value"] for item in found["result"] + found.get("internalProperties", [])}

    def _reach_python(self) -> str:
        """An object id for the worker's Python `eval` with the calculators' globals, found from
        the worker's message listener: its module scope holds `runner`, whose value holds the
        PyProxy of calculators.run_json (`Runtime.queryObjects` crashes this renderer)."""
        listeners = self.send("Runtime.evaluate", {
            "expression": "getEventListeners(self).message.map((each) => each.listener)",
            "includeCommandLineAPI": True,
        })["result"]["objectId"]
        for listener in self._properties(listeners).values():
            if listener.get("type") != "function":
                continue
            for scope in self._properties(self._properties(listener["objectId"])["[[Scopes]]"]["objectId"]).values():
                runner = self._properties(scope["objectId"]).get("runner") if "objectId" in scope else None
                if runner:
                    started = self._properties(runner["objectId"])["[[PromiseResult]]"]["objectId"]
                    return self.send("Runtime.callFunctionOn", {
                        "objectId": started,
                        "functionDeclaration": "function () { const globals = this.runJSON.__globals__; "
                                               "const evaluate = globals.get('__builtins__').get('eval'); "
                                               "return (text) => evaluate(text, globals); }",
                    })["result"]["objectId"]
        raise RuntimeError(f"no listener of {WORKER} holds `runner`")

    def figures(self) -> str:
        """The worker's JS heap, WebAssembly memory (in use by malloc) and Python objects, after
        collecting its garbage."""
        self.send("HeapProfiler.collectGarbage")
        heap = self.send("Runtime.getHeapUsage")
        python = json.loads(self.send("Runtime.callFunctionOn", {
            "objectId": self._python,
            "functionDeclaration": "function (text) { return this(text); }",
            "arguments": [{"value": PYTHON_FIGURES}],
            "returnByValue": True,
        })["result"]["value"])
        return (f"{heap['usedSize'] / 1e6:11.1f}  {python['memory'] / 1e6:4.1f} ({python['in_use'] / 1e6:4.1f})"
                f"  {python['objects']:14d}")


class RendererAccount:
    """Chromium's own account of the page's renderer: a memory-infra dump (tracing, through the
    browser's DevTools session). Oilpan is Blink's garbage-collected heap (DOM nodes, layout,
    events, messages), the page's and the workers' (the calculators', search's and the service
    worker's): its size counts the free space it keeps, "live" what the objects in it take."""

    def __init__(self, browser: Browser, page: Page) -> None:
        self._page = page
        self._events: list[dict] = []
        self._complete = False
        self._cdp = browser.new_browser_cdp_session()
        self._cdp.on("Tracing.dataCollected", lambda event: self._events.extend(event["value"]))
        self._cdp.on("Tracing.tracingComplete", self._completed)

    def _completed(self, _event: dict) -> None:
        self._complete = True

    def _dump(self) -> list[dict]:
        self._events, self._complete = [], False
        self._cdp.send("Tracing.start", {
            "traceConfig": {"includedCategories": ["disabled-by-default-memory-infra"], "excludedCategories": ["*"],
                            "memoryDumpConfig": {"triggers": []}},
            "transferMode": "ReportEvents",
        })
        self._cdp.send("Tracing.requestMemoryDump", {"levelOfDetail": "light"})
        self._cdp.send("Tracing.end")
        while not self._complete:
            self._page.wait_for_timeout(20)
        return self._events

    def figures(self) -> str:
        """Private memory; Oilpan of the page and of the workers (live); PartitionAlloc, malloc, V8."""
        processes: dict[int, dict] = {}
        for event in self._dump():
            if event.get("ph") == "v":
                dumped = processes.setdefault(event["pid"], {"allocators": {}, "process_totals": {}})
                for part in dumped:
                    dumped[part].update(event["args"]["dumps"].get(part, {}))
        # The page's renderer is the one running workers (the calculators' worker among them).
        renderer = max((dumped for dumped in processes.values() if "blink_gc/main/heap" in dumped["allocators"]),
                       key=lambda dumped: any(name.startswith("blink_gc/workers/") for name in dumped["allocators"]))

        allocators = renderer["allocators"]

        def megabytes(names: list[str], attribute: str = "size") -> float:
            return sum(int(allocators[name]["attrs"][attribute]["value"], 16) for name in names
                       if attribute in allocators.get(name, {}).get("attrs", {})) / 1e6

        def oilpan(under: str) -> str:
            heaps = [name for name in allocators if name.startswith(under) and name.endswith("/heap")]
            return f"{megabytes(heaps):5.1f} ({megabytes(heaps, 'allocated_objects_size'):4.1f})"

        private = int(renderer["process_totals"].get("private_footprint_bytes", "0"), 16) / 1e6
        return (f"{private:7.1f}  {oilpan('blink_gc/main/'):>18}  {oilpan('blink_gc/workers/'):>14}  "
                f"{megabytes(['partition_alloc']):14.1f}  {megabytes(['malloc']):6.1f}  {megabytes(['v8']):4.1f}")


@contextmanager
def built_site(site: Path | None) -> Iterator[Path]:
    if site is not None:
        yield site
        return
    with tempfile.TemporaryDirectory() as folder:
        yield build_site(PROJECT_ROOT, Path(folder) / "site")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--every", type=int, default=1_000)
    parser.add_argument("--leave-field", action="store_true", help="leave the field after each result")
    parser.add_argument("--site", type=Path, help="a site already built (default: build one now)")
    options = parser.parse_args()
    with built_site(options.site) as site, serve_directory(site) as url, launch_chromium() as browser:
        page = browser.new_page()
        page.goto(url + PAGE)
        page.wait_for_selector(".aq-calc__status[data-state=live]", timeout=60_000)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        worker = WorkerProbe(browser, page)
        renderer = RendererAccount(browser, page)
        print(COLUMNS, flush=True)
        for done in range(0, options.runs + 1, options.every):
            if done:
                page.evaluate(RUN_RESULTS, [options.every, options.leave_field])
            cdp.send("HeapProfiler.collectGarbage")
            workers = worker.figures()  # collects the worker's garbage first, as the page's was
            print(f"{done:7d}  {renderer_rss_mb():8.1f}  {renderer.figures()} | {page_figures(cdp)} | {workers}",
                  flush=True)


if __name__ == "__main__":
    main()
