"""One visit to a page, measured: navigation to the first live result, the start Python took, the
bytes it cost, and the main thread's longest tasks; and a reader typing into a live calculator.

Everything is timed inside the page (performance marks, event timestamps, performance.now()),
never by the clock of this process.
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from playwright.sync_api import BrowserContext, Page, Playwright
from playwright.sync_api import Error as PlaywrightError

from tests.bench.devtools import Emulation
from tests.bench.network import NetworkProfile
from tests.bench.traffic import Traffic
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS

LIVE_MARK = "aq-calculator-live"
PATIENCE_MS = 180_000  # a cold visit on the slowest profile takes about a minute
SITE_SCRIPTS = "/assets/javascripts/"
"""The site's own page scripts, by address: calculators.js and the modules beside it (saved tests,
sharing, offline), not Material's bundle (MATERIAL_SCRIPT), which sits in the same folder. Two
scripts written into the page count too (site_scripts): the head's, which starts the calculators'
worker, and the one that loads Material's bundle; Material's own inline scripts do not."""
MATERIAL_SCRIPT = "/assets/javascripts/bundle."
HEAD_SCRIPT = "the head's script"
"""The site's scripts written into the page: the head's (early-downloads.html), which starts the
calculators' worker, and the one that loads Material's bundle (material-bundle.html)."""
BUNDLE_LOADER = "the bundle's loader"
FRAMES_REPORTED_MS = 300
"""How long after a moment the Long Animation Frames observer has reported the frames up to it: a
frame is reported once it has been drawn, and its observer hears of it in a later task."""

# Registered before any page script runs: long tasks, and the scripts that ran in long animation
# frames (each with its address), so that a long task can be put down to one of the site's scripts.
#
# The Long Animation Frames API gives every script written into the page the page's address and
# the same position (0), so the site's two are told from Material's by when they ran: each reads a
# property first thing (the head's script `window.Worker`, the bundle's loader
# `document.currentScript`), whose getter, wrapped here, notes the time; Material's inline scripts
# read neither. Only the time, with no look at the script reading: a getter that also read
# `document.currentScript` and matched it against the two added a median of about 2 ms to the
# head's script at 4x (16 cold visits each at 1.6 Mbit/s; 1.05 ms with the bare getter, 1.20 ms
# with no watch). Other scripts read them too, calculators.js's module among them: only a time
# inside an entry of a script written into the page and run as the page was parsed is looked at.
WATCH_MAIN_THREAD = """
window.__aqTasks = [];
window.__aqScripts = [];
window.__aqInlineRan = [];
new PerformanceObserver((list) => {
  for (const task of list.getEntries()) __aqTasks.push([task.startTime, task.duration]);
}).observe({ type: "longtask", buffered: true });
if (PerformanceObserver.supportedEntryTypes.includes("long-animation-frame")) {
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries())
      for (const script of frame.scripts)
        __aqScripts.push([script.startTime, script.duration, script.sourceURL, script.invoker, script.invokerType]);
  }).observe({ type: "long-animation-frame", buffered: true });
}
(() => {
  const currentScript = Object.getOwnPropertyDescriptor(Document.prototype, "currentScript").get;
  Object.defineProperty(Document.prototype, "currentScript", {
    configurable: true, enumerable: true,
    get() { __aqInlineRan.push([performance.now(), "%s"]); return currentScript.call(this); },
  });
  let worker = window.Worker;
  Object.defineProperty(window, "Worker", {
    configurable: true,
    get() { __aqInlineRan.push([performance.now(), "%s"]); return worker; },
    set(value) { worker = value; },
  });
})();
""" % (BUNDLE_LOADER, HEAD_SCRIPT)

# Live, or the page has said live results are unavailable (its status line's state).
LIVE_OR_GIVEN_UP = f"""() => performance.getEntriesByName("{LIVE_MARK}").length > 0
  || document.querySelector(".aq-calc__status")?.dataset.state === "unavailable" """

WHEN_LIVE = f"""() => ({{
  live: performance.getEntriesByName("{LIVE_MARK}")[0]?.startTime ?? null,
  now: performance.now(),
  origin: performance.timeOrigin,
  start: document.querySelector("section.aq-calc")?.dataset.python ?? "",
}})"""

MAIN_THREAD = """() => ({
  tasks: window.__aqTasks, scripts: window.__aqScripts, inline: window.__aqInlineRan,
  now: performance.now(), page: performance.getEntriesByType('navigation')[0]?.name ?? location.href,
})"""

# True once what a visit does for the next one is done: the heap the calculators' worker keeps is
# written (a file of the origin's private file system with its bytes: calculator-worker.mjs, `keep`),
# and Pyodide's scripts have been compiled from the service worker's cache (calculators.js,
# `compileForNextVisit`: its mark, or the note an earlier visit left); at once when the page has no
# snapshot to keep (the reference page).
NEXT_VISIT_READY = """async () => {
  if (!document.querySelector("section.aq-calc[data-snapshot-url]")) return true;
  const compiled = performance.getEntriesByName("aq-python-compiled").length > 0 || localStorage.getItem("aq-calculators:compiled");
  if (!compiled) return false;
  try {
    const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle("aq-python-snapshots");
    for await (const file of folder.values()) if ((await file.getFile()).size > 0) return true;
  } catch {}
  return false;
}"""

# The next result's latency: from the `input` event a key press makes (its timestamp) to the
# section's `aq-calculator:result` event.
ARM_NEXT_RESULT = """() => {
  const section = document.querySelector("section.aq-calc");
  window.__aqNextResult = new Promise((resolve) => {
    let typedAt = null;
    section.addEventListener("input", (event) => { typedAt ??= event.timeStamp; }, { capture: true, once: true });
    section.addEventListener("aq-calculator:result", () => resolve(performance.now() - typedAt), { once: true });
    setTimeout(() => resolve(null), 30000);
  });
}"""
TYPING_PAUSE_MS = 100  # between key presses, about a reader's pace


@dataclass(frozen=True)
class Visit:
    """One visit to a page, to its first live result."""

    live_ms: float
    """Navigation -> first live result (the `aq-calculator-live` mark); NaN if none came."""
    start: str
    """How Python started (`data-python`), "" on the reference page, "failed" if it did not."""
    bytes_to_live: int
    """Bytes sent to the browser (headers and compressed bodies, workers' requests included) until
    then (until the page gave up, if it did)."""
    bytes_in_all: int | None
    """And once the first visit's background downloads were over (None: not waited for)."""
    settled: bool
    longest_task_ms: float
    """The main thread's longest task, navigation -> live (0: none of 50 ms or more)."""
    site_task_ms: float
    """The longest of those tasks the site's own scripts made long (site_tasks; 0: none)."""
    fastest_mbps: float
    """The fastest download of 100 kB or more: the network the page really had."""
    problem: str = ""
    """Why no live result came: the page's own words (its console), or the benchmark's patience."""

    @property
    def live(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class Typing:
    """A reader typing into a live calculator, one key at a time."""

    latencies_ms: tuple[float, ...]
    """Each key's `input` event -> the next `aq-calculator:result`."""
    longest_task_ms: float
    site_task_ms: float


NOT_TYPED = Typing(latencies_ms=(), longest_task_ms=0.0, site_task_ms=0.0)
"""For a page that never went live."""


@contextmanager
def fresh_context(playwright: Playwright) -> Iterator[tuple[BrowserContext, Traffic]]:
    """A browser on a new, empty profile: nothing cached, no service worker, no storage. A profile
    on disk, as a reader's: in an incognito context (an HTTP cache in memory) the snapshot was
    downloaded twice on a first visit, by the page and by the service worker, and once on disk."""
    with tempfile.TemporaryDirectory(prefix="aq-bench-profile-") as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_ARGS),
            viewport={"width": 1280, "height": 800},
        )
        try:
            context.add_init_script(WATCH_MAIN_THREAD)
            yield context, Traffic(context)
        finally:
            context.close()


def longest(tasks: Sequence[Sequence[float]], since: float, until: float) -> float:
    """The longest [start, duration] task that started within [since, until] (0: none)."""
    return max((duration for start, duration in tasks if since <= start <= until), default=0.0)


def site_scripts(main_thread: dict) -> list[Sequence]:
    """The script entries of the site's own scripts: [start, duration, source, invoker, invoker
    type]. A script written into the page has the page's address as its source: run as the page
    was parsed, it is the site's when one of the site's two ran within it (inline_script_name); a
    callback it left (a timer, a listener) is the site's, as Material's inline scripts leave none."""
    return [
        script
        for script in main_thread["scripts"]
        if MATERIAL_SCRIPT not in script[2] + script[3]  # the bundle, though a script of the page inserted it
        and (SITE_SCRIPTS in script[2] or (written_into_page(script[2], main_thread["page"]) and not materials_inline(main_thread, script)))
    ]


def materials_inline(main_thread: dict, script: Sequence) -> bool:
    """Whether a script entry written into the page, run as the page was parsed, is one of
    Material's: neither of the site's two noted a time within it."""
    return script[4] == "classic-script" and not inline_script_name(main_thread, script)


def inline_script_name(main_thread: dict, script: Sequence) -> str:
    """Which of the site's two scripts written into the page noted a time within a script entry
    (HEAD_SCRIPT, BUNDLE_LOADER; "" for neither)."""
    start, duration = script[:2]
    return next((name for ran, name in main_thread.get("inline", ()) if start <= ran <= start + duration), "")


def written_into_page(source: str, page: str) -> bool:
    """Whether a script with this source address is written into the page at `page` (fragments aside)."""
    return source.split("#")[0] == page.split("#")[0]


def script_name(source: str, page: str) -> str:
    """A script's file name, or "the page's own" for one written into the page."""
    return "the page's own" if written_into_page(source, page) else source.split("/")[-1].split("?")[0]


LONG_TASK_MS = 50
"""The Long Tasks API's bound: a task this long delays what the reader does next."""


def scripts_in(main_thread: dict, task: Sequence[float]) -> list[Sequence]:
    """The site's own script entries that began in a [start, duration] task."""
    start, duration = task
    return [script for script in site_scripts(main_thread) if start <= script[0] <= start + duration]


def site_time(main_thread: dict, task: Sequence[float]) -> float:
    """How long the site's own scripts ran in a task."""
    return sum(script[1] for script in scripts_in(main_thread, task))


def made_long_by_site(main_thread: dict, task: Sequence[float]) -> bool:
    """Whether the site's own scripts made a long task long: they ran LONG_TASK_MS or more in it,
    or without their time it would have been shorter than that. A task that stays long without the
    site's part (the browser parsing the page around the head's short script) is not theirs."""
    ran = site_time(main_thread, task)
    return ran > 0 and (ran >= LONG_TASK_MS or task[1] - ran < LONG_TASK_MS)


def site_tasks(main_thread: dict) -> list[Sequence[float]]:
    """The long tasks the site's own scripts made long."""
    return [task for task in main_thread["tasks"] if made_long_by_site(main_thread, task)]


def name_site_tasks(main_thread: dict, since: float, until: float) -> None:
    """Each long task a script of the site's ran in, with the scripts of theirs that began in it, on
    stderr: what to look at when the report shows one. A task long without them says so."""
    for task in main_thread["tasks"]:
        start, duration = task
        scripts = scripts_in(main_thread, task)
        if since <= start <= until and scripts:
            named = [
                f"{inline_script_name(main_thread, script) or script_name(script[2], main_thread['page'])} ({script[3][:60]})"
                f" at {script[0]:,.0f} ms for {script[1]:.0f} ms"
                for script in scripts
            ]
            anyway = "" if made_long_by_site(main_thread, task) else f" (long without them: {duration - site_time(main_thread, task):.0f} ms)"
            print(f"    a task of {duration:.0f} ms at {start:,.0f} ms with " + ", ".join(named) + anyway, file=sys.stderr, flush=True)


def navigate(page: Page, url: str) -> None:
    """Start loading `url` without waiting for it: a service worker that starts to answer the
    navigation is held until `Emulation.release`, which only the waiting loop below can do."""
    page.evaluate("(url) => { setTimeout(() => location.assign(url)); }", url)


def wait_until_live(page: Page, emulation: Emulation) -> str:
    """Wait for the first live result, or for the page to give up ("" or why not), letting the
    page's workers start as they appear."""
    deadline = time.monotonic() + PATIENCE_MS / 1000
    while time.monotonic() < deadline:
        emulation.release()
        try:
            if page.url != "about:blank" and page.evaluate(LIVE_OR_GIVEN_UP):
                return ""
        except PlaywrightError:
            pass  # the page was between documents
        page.wait_for_timeout(50)
    return f"no live result after {PATIENCE_MS / 1000:.0f} s"


@dataclass(frozen=True)
class Tab:
    """A page that was visited, with its emulation, which ends before the page closes."""

    page: Page
    emulation: Emulation

    def close(self) -> None:
        self.emulation.end()
        self.page.close()


def settle(page: Page, traffic: Traffic, limit_s: float, emulation: Emulation) -> bool:
    """Let the first visit's background work finish, as a reader who stays on the page would: its
    downloads, then what it does for the next visit (NEXT_VISIT_READY). False if that took over
    `limit_s`."""
    began = time.monotonic()
    if not traffic.settle(page, limit_s, emulation.release):
        return False
    while time.monotonic() - began < limit_s:
        emulation.release()
        if page.evaluate(NEXT_VISIT_READY):
            return True
        page.wait_for_timeout(100)
    return False


def visit(context: BrowserContext, traffic: Traffic, url: str, profile: NetworkProfile,
          *, settle_first: bool) -> tuple[Tab, Visit]:
    """Open `url` in a new page of `context` on `profile`'s network and wait for its first live
    result (or for the page to give up); with `settle_first`, also for the background downloads
    the visit started, before a second visit."""
    page = context.new_page()
    emulation = Emulation(context, page, profile)
    said: list[str] = []
    page.on("console", lambda message: said.append(message.text) if message.text.startswith("Calculators:") else None)
    traffic.take()
    navigate(page, url)
    if patience := wait_until_live(page, emulation):
        said.append(patience)
    state = page.evaluate(WHEN_LIVE)
    page.wait_for_timeout(FRAMES_REPORTED_MS)
    main_thread = page.evaluate(MAIN_THREAD)
    live = state["live"] is not None
    until = state["live"] if live else state["now"]
    waited = time.monotonic()
    settled = settle(page, traffic, profile.settle_s, emulation) if settle_first else False
    transfers = traffic.take()
    problem = "" if live else (said[-1] if said else "the page gave up")
    print(f"  {url.split('/', 3)[-1]}: " + (f"live at {until:,.0f} ms ({state['start'] or 'reference'})" if live else problem)
          + (f", background settled in {time.monotonic() - waited:.0f} s" if settle_first else ""), file=sys.stderr, flush=True)
    name_site_tasks(main_thread, 0, until)
    return Tab(page, emulation), Visit(
        live_ms=until if live else math.nan,
        start=state["start"] if live else "failed",
        bytes_to_live=sum(each.sent for each in transfers if each.finished_at <= state["origin"] + until),
        bytes_in_all=sum(each.sent for each in transfers) if settle_first else None,
        settled=settled,
        longest_task_ms=longest(main_thread["tasks"], 0, until),
        site_task_ms=longest(site_tasks(main_thread), 0, until),
        fastest_mbps=max((each.mbps for each in transfers), default=0.0),
        problem=problem,
    )


def type_into(tab: Tab, field: str, keys: Sequence[str]) -> Typing:
    """Press `keys` one at a time in the live calculator's `field`, each after the last result."""
    page = tab.page
    page.locator(f'section.aq-calc [name="{field}"]').focus()
    page.keyboard.press("End")
    began = page.evaluate("performance.now()")
    latencies = []
    for key in keys:
        page.evaluate(ARM_NEXT_RESULT)
        page.keyboard.press(key)
        latency = page.evaluate("window.__aqNextResult")
        if latency is not None:
            latencies.append(latency)
        page.wait_for_timeout(TYPING_PAUSE_MS)
    page.wait_for_timeout(FRAMES_REPORTED_MS)
    main_thread = page.evaluate(MAIN_THREAD)
    name_site_tasks(main_thread, began, main_thread["now"])
    return Typing(
        latencies_ms=tuple(latencies),
        longest_task_ms=longest(main_thread["tasks"], began, main_thread["now"]),
        site_task_ms=longest(site_tasks(main_thread), began, main_thread["now"]),
    )
