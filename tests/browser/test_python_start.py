"""How Python starts in the reader's browser: from the build's memory snapshot, or normally, and
never stuck when the snapshot cannot be used. Real Chromium, the built site, real Pyodide."""

from __future__ import annotations

import gzip
import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Route, expect

import calculators
from tests.browser.calculator_page import (
    ARTICLE,
    CALCULATOR_PAGE,
    RECORD_BEGINNINGS,
    Calculator,
    assert_clean,
    begun,
    begun_while,
    calculators_worker,
    desktop_visit,
    file_name,
    first_storage_read,
    kept_snapshots,
    python_requests,
    wait_until,
)
from tests.support.browser import PageRecorder
from tests.support.calculator_examples import every_calculator
from tests.support.calculator_markup import shared_query
from tests.support.site import CALCULATORS_ZIP, CDN, PYTHON_ZIP, serve_directory

SNAPSHOT = re.compile(r".*\.snapshot\.gz$")


def open_example(visit: PageRecorder, site_url: str, slug: str, page: str, inputs: dict[str, str], start: str) -> Calculator:
    """Open a calculator's page at the shared address of `inputs` (the defaults where not given)."""
    query = shared_query(slug, calculators.run(slug, {})["schema"], {**calculators.defaults(slug), **inputs})
    visit.page.goto(f"{site_url}{page}{query}&aq-python={start}")
    return Calculator(visit.page, slug)


# The snapshot's gzip file, wherever the service worker keeps it, replaced by bytes no start can use.
SPOIL_CACHED_SNAPSHOT = """async () => {
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      if (request.url.endsWith(".snapshot.gz")) await cache.put(request, new Response("not gzip"));
    }
  }
}"""
KEEP = """async ([path, text]) => {
  const folder = await (await navigator.storage.getDirectory()).getDirectoryHandle("aq-python-snapshots", { create: true });
  const file = await (await folder.getFileHandle(encodeURIComponent(path), { create: true })).createWritable();
  await file.write(text);
  await file.close();
}"""


def snapshot_path(calculator: Calculator) -> str:
    return urlsplit(calculator.page.evaluate("(url) => new URL(url, document.baseURI).href", calculator.section.get_attribute("data-snapshot-url"))).path


@pytest.mark.parametrize(("slug", "examples"), every_calculator(), ids=[slug for slug, _ in every_calculator()])
def test_the_snapshot_gives_the_result_python_gives_for_the_worked_examples(browser, site_url, slug, examples):
    with desktop_visit(browser) as visit:
        for inputs in examples.WORKED_EXAMPLES[:4]:
            calculator = open_example(visit, site_url, slug, examples.SCENARIO.page, inputs, "snapshot")
            calculator.expect_result_for(calculator.inputs())
            expect(calculator.section).to_have_attribute("data-python", "snapshot")
        assert_clean(visit)


def test_the_normal_start_gives_the_same_result(desktop, site_url):
    calculator = open_example(desktop, site_url, "strength_balance", CALCULATOR_PAGE, {"body_mass": "81"}, "normal")
    calculator.expect_result_for(calculator.inputs())
    expect(calculator.section).to_have_attribute("data-python", "normal")
    # python.zip and calculators.zip hold the standard library and the calculators, compiled: the
    # worker installs no wheel. (Its own requests: after a live result the service worker fetches
    # the whole runtime folder, wheel included, to keep the calculator working offline.)
    entries = calculators_worker(desktop.page).evaluate("performance.getEntriesByType('resource').map((entry) => [entry.name, entry.startTime, entry.responseEnd])")
    fetched = {file_name(name) for name, _, _ in entries}
    assert {PYTHON_ZIP, CALCULATORS_ZIP} <= fetched and not any(name.endswith(".whl") for name in fetched)
    # calculators.zip is asked for once the wasm's last byte is here (its first request: the worker's own)
    wasm_arrived = min((start, end) for name, start, end in entries if file_name(name) == "pyodide.asm.wasm")[1]
    [calculators_asked] = [start for name, start, _ in entries if file_name(name) == CALCULATORS_ZIP]
    assert calculators_asked >= wasm_arrived
    assert_clean(desktop)


@pytest.mark.parametrize("start", ["snapshot", "normal"])
def test_pyodides_wasm_is_asked_for_once_whichever_the_start(desktop, site_url, start):
    """The worker compiles the wasm as it downloads, from its first moment; Pyodide's own request
    for the file gets a stand-in, so its 9.6 MB are not streamed a second time while Python starts."""
    calculator = open_example(desktop, site_url, "strength_balance", CALCULATOR_PAGE, {"body_mass": "72"}, start)
    calculator.expect_result_for(calculator.inputs())
    expect(calculator.section).to_have_attribute("data-python", start)
    asked = calculators_worker(desktop.page).evaluate("performance.getEntriesByType('resource').map((entry) => entry.name)")
    assert [file_name(name) for name in asked].count("pyodide.asm.wasm") == 1, asked
    assert_clean(desktop)


@pytest.mark.parametrize(
    "broken",
    [
        pytest.param({"status": 404, "body": "Not found"}, id="missing"),
        pytest.param({"status": 200, "body": gzip.compress(b"\0" * 4096)}, id="not-a-snapshot"),
        pytest.param({"status": 200, "body": b"\x1f\x8b\x08\x00garbage"}, id="corrupted-gzip"),
    ],
)
def test_a_snapshot_that_cannot_be_used_falls_back_to_the_normal_start(desktop, site_url, broken):
    desktop.page.context.route(SNAPSHOT, lambda route: route.fulfill(**broken))
    calculator = open_example(desktop, site_url, "strength_balance", CALCULATOR_PAGE, {"body_mass": "66"}, "snapshot")
    calculator.expect_result_for(calculator.inputs())
    expect(calculator.section).to_have_attribute("data-python", "fallback")
    calculator.expect_state("live")
    if broken["status"] == 404:  # the browser itself reports a missing file in the console (from the worker: sometimes later)
        not_found = "Failed to load resource: the server responded with a status of 404 (Not Found)"
        desktop.console_errors[:] = [text for text in desktop.console_errors if text != not_found]
    assert_clean(desktop)


def test_a_calculator_page_starts_python_without_scrolling(phone, site_url):
    phone.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(phone.page)
    expect(calculator.field("body_mass")).to_be_in_viewport()  # the calculator comes first
    calculator.expect_state("live")
    assert phone.page.evaluate("scrollY") == 0
    assert_clean(phone)


def test_an_article_read_at_its_top_downloads_no_python(phone, site_url):
    phone.page.goto(site_url + ARTICLE)
    phone.page.wait_for_load_state("networkidle")
    phone.page.wait_for_timeout(1000)
    assert python_requests(phone) == []
    expect(Calculator(phone.page).status).to_have_attribute("data-state", "example")


def test_a_first_visit_on_a_10_mbit_network_starts_python_normally(desktop, site_url):
    # The page's small files read a slow network; the wasm its head downloads (2.8 MB, over 2 s
    # here) has not arrived within the page's short wait for it, so the snapshot's 6 MB is not
    # fetched first (README: Calculators in the browser).
    network = desktop.page.context.new_cdp_session(desktop.page)
    network.send("Network.emulateNetworkConditions", {"offline": False, "latency": 40, "downloadThroughput": 10_000_000 / 8, "uploadThroughput": 5_000_000 / 8})
    # Not waiting for the page's load event: on a busy machine, at this speed, it can take longer
    # than navigation's own timeout; the calculator's start is what this is about.
    desktop.page.goto(site_url + CALCULATOR_PAGE, wait_until="commit")
    calculator = Calculator(desktop.page)
    calculator.expect_state("live")
    expect(calculator.section).to_have_attribute("data-python", "normal")
    assert_clean(desktop)


def test_a_first_visit_whose_files_come_in_bursts_after_a_wait_starts_python_normally(desktop, built_site):
    """Each answer comes after a far network's wait and then all at once, as bytes kept in a buffer
    are read: timed from the response's start, the page's small files read fast and the page
    fetched the snapshot's 6 MB first. Timed from the request, they read slow; so does the wasm."""

    def far(path: str) -> None:
        time.sleep(2 if file_name(path) == "pyodide.asm.wasm" else 0.3)

    with serve_directory(built_site, recipe=CDN, before_answer=far) as url:
        desktop.page.goto(url + CALCULATOR_PAGE, wait_until="commit")
        calculator = Calculator(desktop.page)
        calculator.expect_state("live")
        expect(calculator.section).to_have_attribute("data-python", "normal")
        read_from_response = """() => performance.getEntriesByType("resource").filter((load) => load.encodedBodySize >= 16000 && load.transferSize > 0)
          .map((load) => load.encodedBodySize * 8 / ((load.responseEnd - load.responseStart) * 1000))"""
        assert max(desktop.page.evaluate(read_from_response)) >= 20  # what the page went by before
        assert_clean(desktop)


def test_a_second_visit_restores_the_snapshot_kept_by_the_first(desktop, site_url):
    desktop.page.goto(site_url + CALCULATOR_PAGE + "?aq-python=normal")
    calculator = Calculator(desktop.page)
    calculator.expect_state("live")
    expect(calculator.section).to_have_attribute("data-python", "normal")
    # After a normal start the page fetches the snapshot when idle, for the next visit.
    # Polled from the test (the site's CSP forbids the string evaluation `wait_for_function` uses).
    wait_until(
        desktop.page,
        lambda: desktop.page.evaluate("localStorage.getItem('aq-calculators:snapshot') !== null"),
        "the snapshot kept for the next visit",
        timeout_ms=60_000,
    )
    # and the worker keeps it inflated: the next visit starts from that copy, not the gzip file
    path = snapshot_path(calculator)
    wait_until(desktop.page, lambda: kept_snapshots(desktop.page) == [path], "the heap kept inflated on this device")
    desktop.page.evaluate(SPOIL_CACHED_SNAPSHOT)

    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator.expect_state("live")
    expect(calculator.section).to_have_attribute("data-python", "snapshot")
    calculator.type({"body_mass": "70"})
    calculator.expect_result_for(calculator.inputs())
    assert_clean(desktop)


def test_a_restored_snapshot_is_kept_inflated_and_the_next_visit_starts_from_that_copy(desktop, site_url):
    calculator = open_example(desktop, site_url, "strength_balance", CALCULATOR_PAGE, {"body_mass": "71"}, "snapshot")
    calculator.expect_result_for(calculator.inputs())
    path = snapshot_path(calculator)
    wait_until(desktop.page, lambda: kept_snapshots(desktop.page) == [path], "the heap kept inflated on this device")

    desktop.page.evaluate(SPOIL_CACHED_SNAPSHOT)  # only the kept copy can start the snapshot now
    calculator = open_example(desktop, site_url, "strength_balance", CALCULATOR_PAGE, {"body_mass": "72"}, "snapshot")
    calculator.expect_result_for(calculator.inputs())
    expect(calculator.section).to_have_attribute("data-python", "snapshot")
    assert_clean(desktop)


def test_a_damaged_kept_copy_is_dropped_and_python_still_starts(desktop, site_url):
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    path = snapshot_path(Calculator(desktop.page))
    # Damaged from the home page, which has no calculator: the calculator page's worker, which
    # keeps the heap it restored a second after its start, is gone and cannot write over it.
    desktop.page.goto(site_url)
    desktop.page.evaluate(KEEP, [path, "not a heap"])
    assert kept_snapshots(desktop.page) == [path]

    calculator = open_example(desktop, site_url, "strength_balance", CALCULATOR_PAGE, {"body_mass": "73"}, "snapshot")
    calculator.expect_result_for(calculator.inputs())
    expect(calculator.section).to_have_attribute("data-python", "fallback")
    calculator.expect_state("live")
    assert kept_snapshots(desktop.page) == []
    assert_clean(desktop)


def test_a_calculator_page_starts_its_worker_while_loading_and_keeps_just_that_one(desktop, site_url):
    """The page's head starts the worker; calculators.js adopts it instead of a second."""
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    calculator.expect_state("live")
    calculators_worker(desktop.page)  # one, besides a worker compiling Pyodide's scripts for the next visit
    assert desktop.page.evaluate("window.aqEarlyWorker") is None  # taken by calculators.js
    calculator.type({"body_mass": "70"})
    calculator.expect_result_for(calculator.inputs())
    assert_clean(desktop)


def begun_where(page) -> list[list[str]]:
    """The calculators' worker and Pyodide's downloads the page began, with where: [[what, where], …]."""
    return [[what, where] for what, _, where in begun(page)]


# The head's tasks never come: the timers its script sets are dropped (told by their caller, its
# `later`, in the script written into the page: the page's own address on the stack), so
# calculators.js runs first.
HEAD_TASKS_NEVER_COME = """(() => {
  const byTheHead = `at later (${location.href.split("#")[0]}:`;
  const fromTheHead = () => new Error().stack.includes(byTheHead);
  const pageSetTimeout = window.setTimeout;
  window.setTimeout = function (task, ...rest) {
    return fromTheHead() ? 0 : pageSetTimeout.call(this, task, ...rest);
  };
})()"""


def test_a_first_visit_decides_and_starts_the_worker_and_downloads_in_tasks_of_their_own(desktop, site_url):
    """Not in the page's parsing task, which on a slow phone they made a long one."""
    desktop.page.add_init_script(RECORD_BEGINNINGS)
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    calculator.expect_state("live")
    assert begun_where(desktop.page) == [
        ["decision", "own task"], ["pyodide.asm.wasm", "own task"], ["pyodide.asm.mjs", "own task"], ["worker", "own task"],
    ]
    assert desktop.page.evaluate("window.aqEarlyWorker") is None  # the head's worker, taken by calculators.js
    assert_clean(desktop)


def live_again_with_beginnings_recorded(desktop: PageRecorder, site_url: str) -> None:
    """The calculator's page live once, then again with the site's worker in charge (Python
    restored from this device), what its head begins recorded (RECORD_BEGINNINGS)."""
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    Calculator(desktop.page).expect_state("live")
    wait_until(desktop.page, lambda: desktop.page.evaluate("navigator.serviceWorker.controller !== null"), "the site's worker")
    desktop.page.add_init_script(RECORD_BEGINNINGS)
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    Calculator(desktop.page).expect_state("live")


def test_a_visit_after_the_first_decides_and_starts_the_worker_in_a_task_of_its_own_before_the_page_is_parsed(desktop, site_url):
    """Python is restored from the device while the page loads; the decision and the worker's
    creation stay out of the page's parsing task, which on a slow phone they made a long one."""
    live_again_with_beginnings_recorded(desktop, site_url)
    assert begun_where(desktop.page) == [["decision", "own task"], ["worker", "own task"]]  # nothing downloaded
    assert [ready_state for _, _, _, ready_state in begun_while(desktop.page)] == ["loading", "loading"]  # before the page was parsed
    assert_clean(desktop)


def test_a_visit_after_the_first_reads_the_pages_storage_first_in_the_workers_task(desktop, site_url):
    """The first read of local storage waits on the browser, and on a slow phone it lengthened the
    parsing task of the script that made it (Material's colour scheme); the head's worker task
    makes it first, ahead of the page's parsing."""
    live_again_with_beginnings_recorded(desktop, site_url)
    assert first_storage_read(desktop.page) == "own task"
    assert_clean(desktop)


def test_calculators_js_run_before_the_heads_task_starts_the_heads_worker_itself(desktop, site_url):
    desktop.page.add_init_script(RECORD_BEGINNINGS)
    desktop.page.add_init_script(HEAD_TASKS_NEVER_COME)
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    calculator.expect_state("live")
    calculator.type({"body_mass": "69"})
    calculator.expect_result_for(calculator.inputs())
    assert begun_where(desktop.page) == [["decision", "own task"], ["worker", "own task"]]  # one worker; no early download
    assert desktop.page.evaluate("[window.aqEarlyStart, window.aqEarlyWorker]") == [None, None]
    assert_clean(desktop)


def head_script_after_the_page_scripts(route: Route) -> None:
    """The page with its head's script moved to the end of the body and no longer `async`: a
    module then, in order after calculators.js, as an `async` one would be were it ready late.
    The same text, so the page's Content-Security-Policy still allows it."""
    html = route.fetch().text()
    script = re.search(r'<script type="module" async id="aq-early-start".*?</script>', html, re.S).group(0)
    later = script.replace(" async", "", 1)
    route.fulfill(body=html.replace(script, "", 1).replace("</body>", later + "</body>", 1), content_type="text/html")


def test_the_heads_script_run_after_calculators_js_starts_no_second_worker(desktop, site_url):
    desktop.page.add_init_script(RECORD_BEGINNINGS)
    desktop.page.route(f"**/{CALCULATOR_PAGE}", head_script_after_the_page_scripts)
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    calculator.expect_state("live")
    calculator.type({"body_mass": "71"})
    calculator.expect_result_for(calculator.inputs())
    assert begun_where(desktop.page) == [["worker", "own task"]]  # calculators.js's; the head's decided nothing
    calculators_worker(desktop.page)  # the one
    assert desktop.page.evaluate("[window.aqEarlyStart, window.aqEarlyWorker]") == [None, None]
    assert_clean(desktop)


# Records each run the page asks of any worker (calculator-messages.mjs: run), from the page's
# start: window.aqRunsAsked, "before" or "after" DOMContentLoaded for each.
RECORD_RUNS = """(() => {
  let loaded = false;
  window.addEventListener("DOMContentLoaded", () => { loaded = true; }, { capture: true, once: true });
  const post = Worker.prototype.postMessage;
  window.aqRunsAsked = [];
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message?.type === "run") window.aqRunsAsked.push(loaded ? "after" : "before");
    return post.call(this, message, ...rest);
  };
})()"""


def live_with_runs_recorded(session: PageRecorder, address: str) -> tuple[Calculator, list[str]]:
    """The page at `address` once live with the result CPython gives, and the runs it asked for."""
    session.page.add_init_script(RECORD_RUNS)
    session.page.goto(address)
    calculator = Calculator(session.page)
    calculator.expect_state("live")
    calculator.expect_result_for(calculator.inputs())
    return calculator, session.page.evaluate("window.aqRunsAsked")


@pytest.mark.parametrize("address", [CALCULATOR_PAGE, ARTICLE + "#strength_balance"])
def test_the_first_result_is_the_answer_to_the_one_run_the_start_asked_for(desktop, site_url, address):
    """Python is asked once for the page's values as it starts, and that first answer is shown: a
    second run of the same values would make the reader wait for both."""
    _, runs = live_with_runs_recorded(desktop, site_url + address)
    assert len(runs) == 1
    assert_clean(desktop)


@pytest.mark.parametrize("address", [CALCULATOR_PAGE, ARTICLE + "#strength_balance"])
def test_python_is_asked_for_the_result_before_the_pages_own_setting_up(desktop, site_url, address):
    """The calculators ask Python for the page's result as soon as their script runs, before
    DOMContentLoaded, while Material sets the page up (0.25-0.4 s with the page's processor slowed
    4x). What follows a result still hears of that first one: the reader can save it."""
    calculator, runs = live_with_runs_recorded(desktop, site_url + address)
    assert runs[0] == "before", "the first run waited for DOMContentLoaded"
    expect(calculator.section.get_by_role("button", name="Save this test")).to_be_visible()
    assert_clean(desktop)


def test_a_first_visit_downloads_pyodide_once_begun_by_the_page_itself(desktop, built_site):
    """The page's head starts the two largest downloads with the page's own; the
    worker's requests for them join those in the browser's HTTP cache instead of asking again."""
    asked: list[str] = []
    with serve_directory(built_site, recipe=CDN, asked=asked) as url:
        desktop.page.goto(url + CALCULATOR_PAGE)
        calculator = Calculator(desktop.page)
        calculator.expect_state("live")
        calculator.type({"body_mass": "70"})
        calculator.expect_result_for(calculator.inputs())
        begun_by_page = desktop.page.evaluate(
            "performance.getEntriesByType('resource').filter((entry) => entry.initiatorType === 'fetch').map((entry) => entry.name)"
        )
        for name in ("pyodide.asm.wasm", "pyodide.asm.mjs"):
            assert len([path for path in asked if file_name(path) == name]) == 1, f"{name} asked of the server more than once"
            assert name in {file_name(entry) for entry in begun_by_page}, f"{name} not begun by the page"
        assert_clean(desktop)


# A module worker as calculators.js starts one, named after where Pyodide and the snapshot are
# (workerName in calculator-messages.mjs), and sent no message at all.
NAMED_WORKER = """(section) => {
  const at = (url) => new URL(url, document.baseURI).href;
  const name = String(new URLSearchParams({ pyodide: at(section.dataset.pyodideUrl), snapshot: at(section.dataset.snapshotUrl) }));
  window.namedWorker = new Worker(at(section.dataset.workerUrl), { type: "module", name });
}"""


def test_a_worker_named_after_pyodide_starts_its_downloads_before_any_message(desktop, site_url):
    desktop.page.goto(site_url + ARTICLE)  # read at its top: nothing of Python started
    Calculator(desktop.page).section.evaluate(NAMED_WORKER)
    wait_until(desktop.page, lambda: any(file_name(worker.url) == "calculator-worker.mjs" for worker in desktop.page.workers), "the worker")
    [worker] = [worker for worker in desktop.page.workers if file_name(worker.url) == "calculator-worker.mjs"]
    wait_until(
        desktop.page,
        lambda: "pyodide.asm.wasm" in worker.evaluate("performance.getEntriesByType('resource').map((entry) => entry.name.split('/').at(-1))"),
        "the worker's download of Pyodide's wasm",
    )


# ---- the first result worked out ahead ---------------------------------------------------------

AHEAD_MARK = "aq-calculator-ahead"
PAGE_SCRIPT = "**/assets/javascripts/calculators.js*"


def kept_for_the_next_visit(session: PageRecorder, address: str, then: str = "") -> None:
    """A first visit to `address`, live, and the snapshot's heap kept inflated on the device; and
    `then`, evaluated on the page before leaving it."""
    session.page.goto(address)
    calculator = Calculator(session.page)
    calculator.expect_state("live")
    path = snapshot_path(calculator)
    wait_until(session.page, lambda: kept_snapshots(session.page) == [path], "the heap kept inflated on this device")
    if then:
        session.page.evaluate(then)
    session.page.goto("about:blank")  # the next visit loads the page again, even at the same #fragment


def open_once_answered_ahead(session: PageRecorder, address: str) -> tuple[Calculator, list[str]]:
    """Open `address` with the page's script held back until the worker's answer ahead has reached
    the page's head, as on a phone whose page is still loading when Python is restored; then the
    page live, with the runs it asked for."""
    held: list[Route] = []
    session.page.route(PAGE_SCRIPT, lambda route: held.append(route))
    session.page.add_init_script(RECORD_RUNS)
    session.page.goto(address, wait_until="commit")
    wait_until(session.page, lambda: session.page.evaluate("window.aqAhead?.length ?? 0") > 0, "the answer worked out ahead")
    for route in held:
        route.continue_()
    session.page.unroute(PAGE_SCRIPT)
    calculator = Calculator(session.page)
    calculator.expect_state("live")
    calculator.expect_result_for(calculator.inputs())
    return calculator, session.page.evaluate("window.aqRunsAsked")


def answered_ahead(session: PageRecorder) -> list[str]:
    """The calculators whose first result the page showed from the worker's answer ahead."""
    return session.page.evaluate(f"performance.getEntriesByName('{AHEAD_MARK}').map((mark) => mark.detail)")


@pytest.mark.parametrize("address", [CALCULATOR_PAGE, ARTICLE + "#strength_balance"])
def test_a_second_visit_shows_the_first_result_python_worked_out_before_the_page_asked(browser, site_url, address):
    """With the snapshot on the device, the worker the head started restores it and works out the
    result for the form's starting values before the page's script runs: the page shows it without
    asking. It is Python's answer to the values in the form, and all that follows a result works."""
    with desktop_visit(browser, service_workers="block") as visit:
        kept_for_the_next_visit(visit, site_url + address)
        calculator, runs = open_once_answered_ahead(visit, site_url + address)
        assert answered_ahead(visit) == ["strength_balance"]
        assert runs == []
        expect(calculator.section).to_have_attribute("data-python", "snapshot")
        expect(calculator.section.get_by_role("button", name="Save this test")).to_be_visible()
        calculator.type({"body_mass": "70"})
        calculator.expect_result_for(calculator.inputs())
        assert_clean(visit)


# The worker's answer ahead reaches the page's scripts only once the page has asked for its own
# first result, as on a phone whose page script ran before Python was restored.
AHEAD_AFTER_THE_PAGE_ASKED = """(() => {
  const listeners = new WeakMap();
  const held = [];
  let asked = false;
  const listen = Worker.prototype.addEventListener;
  const post = Worker.prototype.postMessage;
  Worker.prototype.addEventListener = function (type, listener, ...rest) {
    if (type !== "message") return listen.call(this, type, listener, ...rest);
    listeners.set(this, [...(listeners.get(this) ?? []), listener]);
    return listen.call(this, type, (event) => {
      if (event.data?.type !== "ahead" || asked) return listener(event);
      if (!held.some(([, each]) => each === event)) held.push([this, event]);
    }, ...rest);
  };
  Worker.prototype.postMessage = function (message, ...rest) {
    post.call(this, message, ...rest);
    if (message?.type !== "run" || asked) return;
    asked = true;
    queueMicrotask(() => {
      for (const [worker, event] of held.splice(0)) for (const listener of listeners.get(worker)) listener(event);
    });
  };
})()"""


def test_an_answer_worked_out_ahead_that_arrives_after_the_page_asked_is_shown_at_once(browser, site_url):
    """Shown as it arrives, without waiting for the answer to the page's own run (on a slow phone
    that one waits behind the page's other work), and it is Python's answer to the form's values."""
    with desktop_visit(browser, service_workers="block") as visit:
        kept_for_the_next_visit(visit, site_url + CALCULATOR_PAGE)
        visit.page.add_init_script(AHEAD_AFTER_THE_PAGE_ASKED)
        calculator, runs = live_with_runs_recorded(visit, site_url + CALCULATOR_PAGE)
        assert answered_ahead(visit) == ["strength_balance"]
        assert len(runs) == 1
        expect(calculator.section).to_have_attribute("data-python", "snapshot")
        calculator.type({"body_mass": "70"})
        calculator.expect_result_for(calculator.inputs())
        assert_clean(visit)


def test_a_form_that_starts_otherwise_is_not_answered_with_the_result_worked_out_ahead(browser, site_url):
    """A reader who chose US units gets the form in pounds: the answer worked out ahead, for the
    metric values, is not theirs, and the page asks for its own."""
    with desktop_visit(browser, service_workers="block") as visit:
        kept_for_the_next_visit(visit, site_url + CALCULATOR_PAGE, then="localStorage.setItem('aq-calculators:units', 'us')")
        calculator, runs = open_once_answered_ahead(visit, site_url + CALCULATOR_PAGE)
        assert calculator.inputs()["body_mass_unit"] == "lb"
        assert answered_ahead(visit) == []
        assert len(runs) == 1
        assert_clean(visit)


def test_an_address_with_shared_values_asks_for_its_own_first_result(desktop, site_url):
    """The form then starts with the address's values: the head names no calculator to work out
    ahead, and the page asks Python for the values it holds."""
    kept_for_the_next_visit(desktop, site_url + CALCULATOR_PAGE)
    query = shared_query("strength_balance", calculators.run("strength_balance", {})["schema"],
                         {**calculators.defaults("strength_balance"), "body_mass": "68"})
    calculator, runs = live_with_runs_recorded(desktop, site_url + CALCULATOR_PAGE + query)
    assert calculator.inputs()["body_mass"] == "68"
    assert answered_ahead(desktop) == []
    assert len(runs) == 1
    assert_clean(desktop)
