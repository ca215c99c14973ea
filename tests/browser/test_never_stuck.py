"""Every start of Python ends within a bound: a stalled download, a wasm the browser cannot compile
or instantiate, a Content-Security-Policy that refuses wasm, a worker that dies before or after it
was ready. Each ends in the plain "unavailable" state with Retry (the worked example stays), or,
for a worker that dies once it was ready, in a new worker that answers the reader's kept inputs.
Real Chromium, the built site, real Pyodide; the broken file or header is served by a route."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Route, expect

import calculators
from tests.browser.calculator_page import CALCULATOR_PAGE, SLUG, Calculator, assert_clean

WASM = "**/pyodide.asm.wasm"
WORKER = "**/calculator-worker.mjs*"  # with its digest (?v=…) in a published page
SILENCE_S = 20  # calculators.js: SILENCE_MS, a start or a run silent this long has stopped
SHORT_SILENCE = "aq-silence-ms=15000"  # the same watchdog, shortened (a loaded machine still starts within it)
NOT_FOUND = "Failed to load resource: the server responded with a status of 404 (Not Found)"
DEFAULTS = calculators.defaults(SLUG)


def open_calculator(visit, site_url: str, query: str = "") -> Calculator:
    """The Strength Balance page, started normally, with no service worker: each worker's script
    then comes through the test's route, never from the service worker's precache."""
    visit.page.add_init_script("Object.defineProperty(Navigator.prototype, 'serviceWorker', { get: () => undefined })")
    visit.page.goto(f"{site_url}{CALCULATOR_PAGE}?aq-python=normal{'&' + query if query else ''}")
    return Calculator(visit.page)


def warnings_of(visit) -> list[str]:
    """The page's and the worker's console warnings, recorded from now on."""
    warnings: list[str] = []
    visit.page.on("console", lambda message: message.type == "warning" and warnings.append(message.text))
    return warnings


def expect_unavailable_with_the_example(calculator: Calculator, timeout_s: float) -> None:
    calculator.expect_state("unavailable", timeout=timeout_s * 1000)
    expect(calculator.retry).to_be_visible()
    expect(calculator.result).to_be_visible()
    expect(calculator.result).to_contain_text("Strength Balance")  # the worked example stays


def retry_goes_live_with_focus_on_the_status(calculator: Calculator) -> None:
    calculator.retry.focus()
    calculator.page.keyboard.press("Enter")
    calculator.expect_state("live")
    expect(calculator.status).to_be_focused()  # not lost to <body> when the button hides itself
    calculator.type({"body_mass": "70"})
    calculator.expect_result_for({**DEFAULTS, "body_mass": "70"})


def test_a_start_that_stalls_ends_after_its_silence(desktop, site_url):
    held: list[Route] = []
    desktop.page.context.route(WASM, lambda route: held.append(route))  # asked for, never answered: no byte, no step
    warnings = warnings_of(desktop)
    began = time.monotonic()
    calculator = open_calculator(desktop, site_url)
    expect_unavailable_with_the_example(calculator, timeout_s=SILENCE_S + 15)
    assert time.monotonic() - began >= SILENCE_S - 1
    assert any("no word from Python" in text for text in warnings), warnings
    desktop.page.context.unroute(WASM)
    retry_goes_live_with_focus_on_the_status(calculator)
    assert_clean(desktop)


WASM_REFUSED = {
    "missing": lambda route: route.fulfill(status=404, body="Not found"),
    "octet-stream": lambda route: route.fulfill(response=route.fetch(), content_type="application/octet-stream"),
    "no-wasm-in-the-worker-csp": None,  # below: the worker's script carries a policy without 'wasm-unsafe-eval'
}


def refuse_wasm(context, case: str) -> None:
    if WASM_REFUSED[case]:
        context.route(WASM, WASM_REFUSED[case])
    else:
        context.route(WORKER, lambda route: route.fulfill(
            response=route.fetch(), headers={"Content-Security-Policy": "script-src 'self'"}))


@pytest.mark.parametrize("case", list(WASM_REFUSED))
def test_a_wasm_that_cannot_be_started_ends_at_once(desktop, site_url, case):
    """Pyodide itself logs "wasm instantiation failed!" and never settles: the worker notices."""
    refuse_wasm(desktop.page.context, case)
    warnings = warnings_of(desktop)
    began = time.monotonic()
    calculator = open_calculator(desktop, site_url)
    expect_unavailable_with_the_example(calculator, timeout_s=SILENCE_S - 5)
    assert time.monotonic() - began < SILENCE_S - 5  # the refusal itself, not the silence, ended it
    # The refusal, as the worker caught it, or as the worker's error (a policy also refuses eval).
    assert any("live results are unavailable" in text for text in warnings), warnings
    desktop.page.context.unroute_all()
    retry_goes_live_with_focus_on_the_status(calculator)
    if case == "missing":  # the browser itself reports the missing file
        desktop.console_errors[:] = [text for text in desktop.console_errors if text != NOT_FOUND]
    assert_clean(desktop)


def test_a_page_whose_policy_refuses_wasm_still_ends(desktop, site_url):
    """The page's own policy does not reach the worker's script: Python may start; either way, the
    start ends."""
    desktop.page.context.route(f"**/{CALCULATOR_PAGE}*", lambda route: route.fulfill(
        response=route.fetch(), headers={"Content-Security-Policy": "script-src 'self'"}))
    calculator = open_calculator(desktop, site_url)
    expect(calculator.status).to_have_attribute("data-state", re.compile("^(live|unavailable)$"), timeout=SILENCE_S * 2000)


BOOT = 'data.type === "boot"'
RUN_FOR_66_KG = 'data.type === "run" && data.inputs.body_mass === "66"'


def worker_that_closes_itself_on(condition: str, *, times: int):
    """A route serving the worker's script so that its first `times` copies end themselves (as a
    crashed worker does: no message, no error event) on the first message meeting `condition`
    (JavaScript on `data`); later copies are the real worker."""
    served = []

    def serve(route: Route) -> None:
        served.append(route.request.url)
        if len(served) > times:
            route.continue_()
            return
        # First in the module, so that it hears the message before the worker's own listener.
        dying = (
            'self.addEventListener("message", (event) => { const { data } = event; '
            f'if ({condition}) {{ event.stopImmediatePropagation(); self.close(); }} }});\n'
        )
        route.fulfill(body=dying + route.fetch().text(), content_type="text/javascript")

    return serve, served


def test_a_worker_that_dies_before_it_is_ready_ends_unavailable(desktop, site_url):
    serve, _ = worker_that_closes_itself_on(BOOT, times=1)
    desktop.page.context.route(WORKER, serve)
    warnings = warnings_of(desktop)
    calculator = open_calculator(desktop, site_url, SHORT_SILENCE)
    expect_unavailable_with_the_example(calculator, timeout_s=30)
    assert any("no word from Python" in text for text in warnings), warnings
    retry_goes_live_with_focus_on_the_status(calculator)
    assert_clean(desktop)


def test_a_worker_that_dies_once_ready_starts_again_with_the_inputs_kept(desktop, site_url):
    serve, served = worker_that_closes_itself_on(RUN_FOR_66_KG, times=1)
    desktop.page.context.route(WORKER, serve)
    warnings = warnings_of(desktop)
    calculator = open_calculator(desktop, site_url, SHORT_SILENCE)
    calculator.expect_state("live")
    # The first worker dies on this run: the page starts a second one, which answers it.
    calculator.type({"body_mass": "66"})
    calculator.expect_result_for({**DEFAULTS, "body_mass": "66"})
    calculator.expect_state("live")
    assert len(served) == 2
    assert any("the Python worker stopped" in text for text in warnings), warnings
    assert_clean(desktop)


def test_a_worker_that_dies_twice_ends_unavailable(desktop, site_url):
    serve, served = worker_that_closes_itself_on(RUN_FOR_66_KG, times=2)
    desktop.page.context.route(WORKER, serve)
    calculator = open_calculator(desktop, site_url, SHORT_SILENCE)
    calculator.expect_state("live")
    calculator.type({"body_mass": "66"})
    expect_unavailable_with_the_example(calculator, timeout_s=60)
    assert len(served) == 2
    retry_goes_live_with_focus_on_the_status(calculator)
    assert_clean(desktop)
