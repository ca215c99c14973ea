"""The Strength Balance calculator live in real Chromium, on the built site with its self-hosted
Pyodide: the same answers as CPython, messages next to their fields, shareable addresses, and a
page that stays useful when Python cannot load."""

from __future__ import annotations

import re

import pytest
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

import calculators
from tests.browser.calculator_page import (
    ARTICLE,
    CALCULATOR_PAGE,
    PYTHON_START,
    RECORD_BEGINNINGS,
    SLUG,
    Calculator,
    assert_clean,
    begun,
    file_name,
    python_requests,
    runtime_requests,
    wait_until,
)
from tests.pages.test_foot_strike_article import TITLE
from tests.support.browser import PageRecorder
from tests.support.calculator_markup import canonical, shared_query
from tests.support.site import CALCULATORS_ZIP, PYTHON_ZIP

DEFAULTS = calculators.defaults(SLUG)
SCHEMA = calculators.run(SLUG, {})["schema"]


def test_typing_gives_the_result_python_gives(desktop, site_url):
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    calculator.bring_into_view()
    calculator.expect_state("live")

    calculator.type({"body_mass": "82.5", "swing_leg_left": "240"})
    calculator.field("arms_right").press("End")
    calculator.field("arms_right").press_sequentially("5")  # "110" -> "1105": one request per key
    typed = {**DEFAULTS, "body_mass": "82.5", "swing_leg_left": "240", "arms_right": DEFAULTS["arms_right"] + "5"}
    assert calculator.inputs() == typed
    calculator.expect_result_for(typed)
    calculator.expect_state("live")
    assert desktop.page.evaluate("performance.getEntriesByName('aq-calculator-live').length") == 1
    assert_clean(desktop)


# The page's worked example, as the parser built it: kept before the page's scripts run.
KEEP_EXAMPLE = """document.addEventListener("readystatechange", () => {
  if (document.readyState === "interactive") window.example = document.querySelector(".aq-calc__result > *");
});"""


@pytest.mark.parametrize(
    ("address", "inputs", "redrawn"),
    [
        pytest.param("", DEFAULTS, False, id="the inputs the page came with"),
        pytest.param(shared_query(SLUG, SCHEMA, {**DEFAULTS, "body_mass": "80"}), {**DEFAULTS, "body_mass": "80"}, True, id="a shared address"),
    ],
)
def test_a_first_result_that_is_the_example_shown_redraws_nothing(desktop, site_url, address, inputs, redrawn):
    """The build worked the example out with the same Python and wrote its fingerprint on the
    section: a first live result with that fingerprint is marked live as it stands."""
    desktop.page.add_init_script(KEEP_EXAMPLE)
    desktop.page.goto(site_url + CALCULATOR_PAGE + address)
    calculator = Calculator(desktop.page)
    calculator.expect_state("live")
    calculator.expect_result_for(inputs)
    assert calculator.section.get_attribute("data-shown") == calculators.fingerprint(calculators.run(SLUG, {})["html"])
    assert desktop.page.evaluate("window.example.isConnected") is not redrawn
    expect(calculator.section.locator(".aq-calc__glance-label")).to_have_text("Yours")
    assert_clean(desktop)


def test_bad_input_is_explained_next_to_its_field_and_nothing_else_changes(phone, site_url):
    phone.page.goto(site_url + ARTICLE)
    calculator = Calculator(phone.page)
    calculator.bring_into_view()
    calculator.expect_state("live")
    calculator.type({"swing_leg_left": "200"})

    for typed, message in [("abc", "Enter your body mass in kg, like 72.5"), ("500", "Body mass must be between 30 and 200 kg")]:
        calculator.type({"body_mass": typed})
        expect(calculator.error("body_mass")).to_contain_text(message)
        expect(calculator.field("body_mass")).to_have_attribute("aria-invalid", "true")
        calculator.expect_state("invalid")
        expect(calculator.field("body_mass")).to_have_value(typed)  # the reader's text stays as typed
        expect(calculator.field("swing_leg_left")).to_have_value("200")
        expect(calculator.error("swing_leg_left")).to_be_empty()
        expect(calculator.field("swing_leg_left")).not_to_have_attribute("aria-invalid", "true")
        described_by = calculator.field("body_mass").get_attribute("aria-describedby").split()
        assert calculator.error("body_mass").get_attribute("id") in described_by

    calculator.type({"body_mass": "72,5"})  # a decimal comma is a number too
    expect(calculator.error("body_mass")).to_be_empty()
    expect(calculator.field("body_mass")).not_to_have_attribute("aria-invalid", "true")
    expect(calculator.field("body_mass")).to_have_value("72,5")
    calculator.expect_result_for({**DEFAULTS, "body_mass": "72,5", "swing_leg_left": "200"})
    calculator.expect_state("live")
    assert_clean(phone)


def test_a_shared_address_restores_the_inputs_and_their_result(browser, site_url):
    with PageRecorder.open(browser, width=1280, height=800, mobile=False) as visit:
        visit.page.goto(site_url + CALCULATOR_PAGE)
        calculator = Calculator(visit.page)
        calculator.bring_into_view()
        # Python first: once, on a loaded machine while Python was starting, the unit choice below
        # was not clickable (visible, enabled and still) within Playwright's 30 s.
        calculator.expect_state("live")
        calculator.type({"body_mass": "90", "torso_left": "1:40", "improvement": "", "sprint_time": "5.9"})
        calculator.choice("force_unit", "kgf").check()
        expect(calculator.field("pushing_leg_left")).to_have_value("79.54", timeout=PYTHON_START)  # 780 N, by Python
        mine = calculator.inputs()
        calculator.expect_result_for(mine)
        visit.page.wait_for_url(lambda url: parse_qs(urlsplit(url).query).get(f"{SLUG}.body_mass") == ["90"])
        shared = visit.page.url
        assert parse_qs(urlsplit(shared).query)[f"{SLUG}.v"] == [str(SCHEMA)]
        assert_clean(visit)

    with PageRecorder.open(browser, width=375, height=812, mobile=True) as friend:
        held = []  # hold Pyodide back, to see what the page says before Python answers

        def hold(route):
            if held and held[0] is None:  # released
                route.continue_()
            else:
                held.append(route)

        friend.page.context.route("**/pyodide.asm.wasm", hold)
        friend.page.goto(shared)
        calculator = Calculator(friend.page)
        expect(calculator.status).to_have_text("Loading your result…")
        expect(calculator.result).to_be_hidden()  # the example is not their result
        wait_until(friend.page, lambda: held, "the page to ask for Pyodide at once, for the reader's result")
        assert calculator.inputs() == mine
        waiting, held[:] = list(held), [None]
        for route in waiting:
            route.continue_()
        expect(calculator.section).to_be_in_viewport()  # brought to the reader's eyes
        calculator.expect_result_for(mine)
        calculator.expect_state("live")
        friend.page.context.unroute("**/pyodide.asm.wasm")

        friend.page.reload()
        calculator.expect_state("live")
        assert calculator.inputs() == mine
        calculator.expect_result_for(mine)
        assert_clean(friend)


@pytest.mark.parametrize("schema", [SCHEMA - 1, SCHEMA + 1], ids=["older", "newer"])
def test_an_address_for_another_schema_version_shows_the_example(desktop, site_url, schema):
    desktop.page.goto(site_url + CALCULATOR_PAGE + shared_query(SLUG, str(schema), {"body_mass": "90"}))
    calculator = Calculator(desktop.page)
    expect(calculator.status).to_have_text(
        "This link was made for a different version of the calculator, so the example is shown.")
    expect(calculator.field("body_mass")).to_have_value(DEFAULTS["body_mass"])
    expect(calculator.result).to_be_visible()


def test_an_unknown_choice_in_an_address_is_a_message_on_that_field_with_its_parts_shown(desktop, site_url):
    slug = "step_timing"
    query = shared_query(slug, calculators.run(slug, {})["schema"], {**calculators.defaults(slug), "timing": "laser"})
    desktop.page.goto(site_url + "calculators/step-timing/" + query)
    calculator = Calculator(desktop.page, slug)
    calculator.expect_state("invalid")
    expect(calculator.error("timing")).to_have_text(calculators.run(slug, {"timing": "laser"})["errors"]["timing"])
    for name in ("contact_time", "flight_time", "contact_frames", "flight_frames", "frame_rate"):
        expect(calculator.field(name)).to_be_visible()  # nothing the result could depend on is hidden
    calculator.choice("timing", "ms").check()  # the reader chooses: the address's value is gone
    calculator.expect_state("live")
    expect(calculator.error("timing")).to_be_empty()
    expect(calculator.field("contact_frames")).to_be_hidden()


def test_a_value_too_long_for_its_field_is_refused_with_a_message(desktop, site_url):
    desktop.page.goto(site_url + CALCULATOR_PAGE + shared_query(SLUG, str(SCHEMA), {**DEFAULTS, "body_mass": "8" * 5000}))
    calculator = Calculator(desktop.page)
    assert calculator.field("body_mass").get_attribute("maxlength") == "50"  # NumberField.max_length
    calculator.expect_state("invalid")
    expect(calculator.error("body_mass")).to_contain_text("too long for this field (at most 50 characters)")
    expect(calculator.field("body_mass")).to_have_value("")
    calculator.type({"body_mass": "80"})  # the reader's own value: the message goes
    calculator.expect_result_for({**DEFAULTS, "body_mass": "80"})
    calculator.expect_state("live")


def test_the_live_region_announces_the_headline_not_the_whole_result(desktop, site_url):
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    calculator.type({"body_mass": "80"})
    calculator.expect_result_for({**DEFAULTS, "body_mass": "80"})
    live = calculator.section.locator("[aria-live]")
    expect(live).to_have_count(1)
    expect(live).to_have_text(calculator.result.locator(".aq-result__headline").inner_text())
    calculator.type({"body_mass": "abc"})
    expect(live).to_have_text("1 field needs attention: Body mass.")


def test_without_javascript_the_form_and_the_worked_example_are_there(browser, site_url):
    with PageRecorder.open(browser, width=375, height=812, mobile=True, java_script_enabled=False) as visit:
        visit.page.goto(site_url + ARTICLE)
        calculator = Calculator(visit.page)
        expect(calculator.field("body_mass")).to_be_visible()
        expect(calculator.field("body_mass")).to_have_value(DEFAULTS["body_mass"])
        expect(calculator.status).to_have_text("Example result for the values shown.")
        expect(calculator.result).to_be_visible()
        assert canonical(calculator.result.inner_html()) == canonical(calculators.run(SLUG, {})["html"])
        assert runtime_requests(visit) == []
        assert_clean(visit)


def test_python_is_not_fetched_until_the_calculator_is_in_view(phone, site_url):
    phone.page.goto(site_url + ARTICLE)
    phone.page.wait_for_load_state("networkidle")
    assert python_requests(phone) == []

    calculator = Calculator(phone.page)
    calculator.bring_into_view()
    calculator.expect_state("live")
    fetched = {file_name(url) for url in runtime_requests(phone)}
    assert {"calculator-worker.mjs", "pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm"} <= fetched
    if calculator.section.get_attribute("data-python") == "snapshot":  # loopback is fast: see README, Speed
        assert any(name.endswith(".snapshot.gz") for name in fetched)
    else:
        assert {PYTHON_ZIP, CALCULATORS_ZIP} <= fetched and not any(name.endswith(".whl") for name in fetched)
    assert_clean(phone)


def test_focusing_a_field_starts_python_even_out_of_view(desktop, site_url):
    desktop.page.goto(site_url + ARTICLE)
    desktop.page.wait_for_load_state("networkidle")
    calculator = Calculator(desktop.page)
    calculator.field("body_mass").evaluate("field => field.focus({preventScroll: true})")
    assert calculator.section.evaluate("section => section.getBoundingClientRect().top > innerHeight")
    wait_until(desktop.page, lambda: runtime_requests(desktop), "the focused calculator to ask for Python")
    calculator.expect_state("live")
    assert_clean(desktop)


@pytest.mark.parametrize("normal_start_file", [PYTHON_ZIP, CALCULATORS_ZIP])
def test_when_python_cannot_load_the_page_says_so_and_can_retry(phone, site_url, normal_start_file):
    context = phone.page.context
    blocked = re.compile(rf".*/({re.escape(normal_start_file)}|[^/]*\.snapshot\.gz)$")  # both ways of starting
    context.route(blocked, lambda route: route.abort())
    phone.page.goto(site_url + ARTICLE)
    calculator = Calculator(phone.page)
    calculator.bring_into_view()
    calculator.expect_state("unavailable")
    expect(calculator.status).to_contain_text("Live results are unavailable")
    expect(calculator.retry).to_be_visible()
    expect(calculator.result).to_be_visible()  # the worked example stays
    expect(phone.page.locator("h1")).to_contain_text(TITLE)
    expect(phone.page.get_by_text("That is where speed development starts becoming much more interesting.")).to_be_visible()

    context.unroute(blocked)
    calculator.retry.click()
    calculator.expect_state("live")
    expect(calculator.retry).to_be_hidden()
    calculator.type({"body_mass": "70"})
    calculator.expect_result_for({**DEFAULTS, "body_mass": "70"})
    assert_clean(phone)  # the blocked files are reported in the page, not as a console error


def test_instant_navigation_enhances_each_page_and_reuses_the_worker(desktop, site_under_a_path):
    """On the site as published (here under a sub-path), pages after the first arrive by
    Material's instant navigation: each calculator is enhanced, and the one worker serves all
    (beside it, once the calculator is ready offline, a worker that only compiles Pyodide's
    scripts for the next visit: calculators.js, compileForNextVisit)."""
    site_url = site_under_a_path
    desktop.page.add_init_script(RECORD_BEGINNINGS)
    desktop.page.goto(site_url)
    # Material takes over links once it has read the sitemap (which pages are the site's): before,
    # a click is an ordinary page load. A reader takes longer than that to click.
    desktop.page.wait_for_load_state("networkidle")
    desktop.page.evaluate("window.sameDocument = true")
    desktop.page.locator("article").get_by_role("link", name=TITLE).click()
    desktop.page.wait_for_url(f"**/{ARTICLE}")
    expect(desktop.page.locator("h1")).to_contain_text(TITLE)
    calculator = Calculator(desktop.page)
    calculator.bring_into_view()
    calculator.type({"body_mass": "66"})
    calculator.expect_result_for({**DEFAULTS, "body_mass": "66"})

    desktop.page.locator("article").get_by_role("link", name="its own page").click()
    desktop.page.wait_for_url(f"**/{CALCULATOR_PAGE}")
    expect(desktop.page.locator("h1")).to_contain_text("Strength Balance calculator")
    calculator.bring_into_view()
    calculator.type({"body_mass": "77"})
    calculator.expect_result_for({**DEFAULTS, "body_mass": "77"})
    assert desktop.page.evaluate("window.sameDocument") is True  # Material's instant navigation
    assert [url.split("?")[0] for what, url, _ in begun(desktop.page) if what == "worker"] == [
        site_url + "assets/javascripts/calculator-worker.mjs"
    ]
    assert_clean(desktop)


def test_the_calculator_works_from_the_keyboard(desktop, site_url):
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    calculator.field("body_mass").focus()
    desktop.page.keyboard.press("ControlOrMeta+a")
    desktop.page.keyboard.type("80")
    desktop.page.keyboard.press("Tab")
    desktop.page.keyboard.press("ArrowRight")  # force unit: newtons -> kilograms-force, the forces converted
    expect(calculator.choice("force_unit", "kgf")).to_be_focused()
    assert desktop.page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    calculator.expect_result_for(calculators.convert_units(SLUG, {**DEFAULTS, "body_mass": "80"}, {"force_unit": "kgf"}))
    assert_clean(desktop)


def test_parts_declared_show_when_follow_their_field(desktop, site_url):
    """`data-show-when="FIELD=VALUE"` (no calculator uses it yet): the page script shows the part
    only while FIELD has VALUE, and leaves its inputs out while hidden."""

    def with_condition(route):
        html = route.fetch().text().replace(
            'data-field="improvement"', 'data-field="improvement" data-show-when="force_unit=kgf"', 1
        )
        route.fulfill(body=html, content_type="text/html")

    desktop.page.route(f"**/{CALCULATOR_PAGE}", with_condition)
    desktop.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(desktop.page)
    expect(calculator.field("improvement")).to_be_hidden()
    assert "improvement" not in calculator.inputs()
    calculator.choice("force_unit", "kgf").check()
    expect(calculator.field("improvement")).to_be_visible()
    assert calculator.inputs()["improvement"] == DEFAULTS["improvement"]
    calculator.choice("force_unit", "N").check()
    expect(calculator.field("improvement")).to_be_hidden()


def test_the_live_calculator_fits_a_phone(phone, site_url):
    phone.page.goto(site_url + CALCULATOR_PAGE)
    calculator = Calculator(phone.page)
    calculator.bring_into_view()
    calculator.type({"sprint_distance": "40", "sprint_time": "5.6"})
    calculator.expect_result_for({**DEFAULTS, "sprint_distance": "40", "sprint_time": "5.6"})
    assert phone.page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    for wrapper in calculator.result.locator(".aq-table-wrap").all():
        assert wrapper.evaluate("box => getComputedStyle(box).overflowX") == "auto"
    assert_clean(phone)


def test_offline_or_without_module_workers_the_page_says_live_results_are_unavailable(phone, site_url):
    phone.page.goto(site_url + ARTICLE)
    phone.page.wait_for_load_state("networkidle")
    phone.page.context.set_offline(True)
    calculator = Calculator(phone.page)
    calculator.bring_into_view()
    calculator.expect_state("unavailable")
    expect(calculator.retry).to_be_visible()

    # A browser that knows workers but not module workers never reads the `type` option.
    phone.page.context.set_offline(False)
    phone.page.add_init_script("""
        const ModuleWorker = window.Worker;
        window.Worker = class extends ModuleWorker {
          constructor(url, options) { super(url, { name: options.name }); }
        };
    """)
    phone.page.reload()
    calculator.bring_into_view()
    calculator.expect_state("unavailable")
    expect(calculator.result).to_be_visible()
    assert_clean(phone)
