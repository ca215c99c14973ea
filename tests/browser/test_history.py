"""A reader's saved tests, kept in their own browser (history.mjs, saved-tests.mjs), in real
Chromium on the built site with real Pyodide: save and see them after a reload, use one as the
previous test of a retest, delete one and all, export and import (JSON exactly, CSV worked out
again by Python), storage blocked, and no axe-core violation with the panel open and filled."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Locator, Page, expect

import calculators
from tests.browser.calculator_page import CALCULATOR_PAGE, SLUG, Calculator, assert_clean
from tests.browser.test_accessibility import described, violations
from tests.support.browser import PageRecorder

DEFAULTS = calculators.defaults(SLUG)
STORAGE_KEY = f"aq-saved-tests:{SLUG}"
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# What a browser whose reader blocked this site's storage does: every use of it throws.
BLOCKED_STORAGE = """
for (const name of ["localStorage", "sessionStorage", "indexedDB"]) {
  Object.defineProperty(window, name, {
    get() { throw new DOMException("Storage is blocked for this site.", "SecurityError"); },
  });
}
"""


class SavedTests:
    """The calculator's "Save this test" and its "Your saved tests" panel, as a reader uses them."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.calculator = Calculator(page)
        section = self.calculator.section
        self.name = section.get_by_label("Name of this test")
        self.save_button = section.get_by_role("button", name="Save this test")
        self.note = section.locator(".aq-calc__note")
        self.panel = section.locator(".aq-history")
        self.rows = self.panel.locator("tbody tr")
        self.status = self.panel.locator(".aq-history__status")

    def open_page(self, base_url: str) -> None:
        self.page.goto(base_url + CALCULATOR_PAGE)
        self.calculator.expect_state("live")

    def save(self, values: dict[str, str], name: str) -> dict:
        """Type `values`, wait for Python's result, and save it as `name`; returns that answer."""
        self.calculator.type(values)
        answer = self.calculator.expect_result_for(self.calculator.inputs())
        self.name.fill(name)
        self.save_button.click()
        expect(self.note).to_have_text(f"Saved “{name}” on this device: it is in Your saved tests, below.")
        return answer

    def open_panel(self) -> None:
        if self.panel.get_attribute("open") is None:
            self.panel.locator("summary").click()

    def row(self, name: str) -> Locator:
        return self.rows.filter(has=self.page.get_by_role("rowheader", name=name, exact=True))

    def names(self) -> list[str]:
        return self.rows.locator("th").all_inner_texts()

    def stored(self) -> dict:
        return json.loads(self.page.evaluate(f"localStorage.getItem({json.dumps(STORAGE_KEY)})"))

    def export(self, button: str) -> str:
        with self.page.expect_download() as download:
            self.panel.get_by_role("button", name=button).click()
        return download.value.path().read_text(encoding="utf-8")

    def import_file(self, name: str, text: str, mime: str) -> None:
        self.panel.get_by_label("Import saved tests (JSON or CSV)").set_input_files(
            {"name": name, "mimeType": mime, "buffer": text.encode("utf-8")}
        )


@contextmanager
def fresh_browser(browser, site_url: str, *, init_script: str = "", **options) -> Iterator[tuple[PageRecorder, SavedTests]]:
    """A new profile (nothing saved yet, as on another device) on the calculator's page, live;
    `init_script` runs in the page before the site's own scripts."""
    with PageRecorder.open(browser, width=1280, height=900, mobile=False, **options) as visit:
        if init_script:
            visit.page.add_init_script(init_script)
        tests = SavedTests(visit.page)
        tests.open_page(site_url)
        yield visit, tests


def test_a_saved_test_is_there_after_a_reload(browser, site_url):
    with fresh_browser(browser, site_url) as (visit, tests):
        expect(tests.save_button).to_be_enabled()
        expect(tests.panel.locator(".aq-history__privacy")).to_contain_text("never sent anywhere")
        answer = tests.save({"body_mass": "80", "swing_leg_left": "200"}, "Before the block")

        visit.page.reload()
        tests.calculator.expect_state("live")
        tests.open_panel()
        expect(tests.panel.locator("summary")).to_contain_text("Your saved tests (1)")
        expect(tests.rows).to_have_count(1)
        row = tests.row("Before the block")
        for text in answer["summary"].values():  # "77.8", "Swing leg", "+2.49 %": as Python said
            expect(row).to_contain_text(text)
        (saved,) = tests.stored()["tests"]
        assert saved["values"] == answer["values"] and saved["summary"] == answer["summary"]
        # The day it was saved, "27 Nov 2026", in its row; and today's date offered as the next name
        day = visit.page.evaluate("(() => { const d = new Date(); return [d.getDate(), d.getMonth(), d.getFullYear()]; })()")
        today = f"{day[0]} {MONTHS[day[1]]} {day[2]}"
        expect(row.locator("td").first).to_have_text(today)
        expect(tests.name).to_have_value(today)
        assert saved["figures"] == answer["figures"] and saved["schema"] == answer["schema"]
        chart = tests.panel.locator("svg[role=img]").first
        assert "Strength Balance" in chart.locator("desc").text_content()
        assert_clean(visit)


def test_opening_a_saved_test_fills_the_form_with_its_values(browser, site_url):
    with fresh_browser(browser, site_url) as (visit, tests):
        first = tests.save({"body_mass": "68", "torso_left": "1:40"}, "Spring")
        tests.calculator.type({"body_mass": "90"})
        tests.open_panel()
        tests.row("Spring").get_by_role("button", name="Open “Spring”").click()
        expect(tests.calculator.field("body_mass")).to_have_value("68")
        expect(tests.calculator.field("torso_left")).to_have_value("1:40")
        tests.calculator.expect_result_for(first["values"])
        assert_clean(visit)


def test_a_saved_test_becomes_the_previous_test_of_a_retest(browser, site_url):
    with fresh_browser(browser, site_url) as (visit, tests):
        before = tests.save({"swing_leg_left": "150", "swing_leg_right": "150"}, "September")
        tests.calculator.type({"swing_leg_left": "190", "swing_leg_right": "185"})
        tests.open_panel()
        tests.row("September").get_by_role("button", name="Use as previous test “September”").click()

        expect(tests.status).to_contain_text("“September”")
        inputs = tests.calculator.inputs()
        for name, value in before["values"].items():  # the nine numbers, not retyped
            if f"previous_{name}" in inputs:
                assert inputs[f"previous_{name}"] == value, name
        assert inputs["previous_swing_leg_left"] == "150" and inputs["swing_leg_left"] == "190"
        answer = tests.calculator.expect_result_for(inputs)
        assert "Change since your previous test" in answer["html"]
        expect(tests.calculator.result).to_contain_text("Change since your previous test")
        assert_clean(visit)


def test_a_previous_test_in_another_force_unit_is_refused_with_a_reason(browser, site_url):
    with fresh_browser(browser, site_url) as (visit, tests):
        tests.save({}, "In newtons")
        tests.calculator.choice("force_unit", "kgf").check()
        tests.calculator.type({"pushing_leg_left": "80", "pushing_leg_right": "78", "swing_leg_left": "19",
                               "swing_leg_right": "18", "arms_left": "12", "arms_right": "11"})
        tests.calculator.expect_state("live")
        tests.open_panel()
        tests.row("In newtons").get_by_role("button", name="Use as previous test “In newtons”").click()
        expect(tests.status).to_contain_text("Force unit: N, today kgf")
        assert tests.calculator.inputs()["previous_pushing_leg_left"] == ""  # nothing half-filled
        assert_clean(visit)


def test_delete_one_then_all_with_a_confirmation(browser, site_url):
    with fresh_browser(browser, site_url) as (visit, tests):
        for number, swing in enumerate(("150", "165", "180"), start=1):
            tests.save({"swing_leg_left": swing}, f"Test {number}")
        tests.open_panel()
        assert tests.names() == ["Test 1", "Test 2", "Test 3"]

        tests.row("Test 2").get_by_role("button", name="Delete “Test 2”").click()
        assert tests.names() == ["Test 1", "Test 3"]
        expect(tests.status).to_have_text("Deleted “Test 2” (2 left).")
        # Keyboard focus stays in the table, on the Delete button of the row that took its place.
        expect(tests.row("Test 3").get_by_role("button", name="Delete “Test 3”")).to_be_focused()
        assert [test["name"] for test in tests.stored()["tests"]] == ["Test 1", "Test 3"]

        delete_all = tests.panel.get_by_role("button", name="Delete all…")
        delete_all.click()
        confirm = tests.panel.locator(".aq-history__confirm")
        expect(confirm).to_contain_text("Delete all 2 saved tests of Strength Balance from this device?")
        expect(confirm.get_by_role("button", name="Keep them")).to_be_focused()
        confirm.get_by_role("button", name="Keep them").click()
        expect(confirm).to_be_hidden()
        expect(delete_all).to_be_focused()
        expect(tests.rows).to_have_count(2)

        delete_all.click()
        confirm.get_by_role("button", name="Delete them all").click()
        expect(tests.rows).to_have_count(0)
        expect(tests.status).to_have_text("Deleted all 2 saved tests.")
        expect(tests.status).to_be_focused()
        expect(tests.panel.locator(".aq-history__empty")).to_be_visible()
        assert tests.stored()["tests"] == []
        visit.page.reload()
        tests.calculator.expect_state("live")
        expect(tests.rows).to_have_count(0)
        assert_clean(visit)


def test_export_then_import_into_a_fresh_browser_round_trips(browser, site_url):
    with fresh_browser(browser, site_url) as (visit, tests):
        answers = [
            tests.save({"body_mass": "72,5", "swing_leg_left": "160"}, "Week 1, before"),
            tests.save({"swing_leg_left": "175"}, 'Week 6: "after"'),
        ]
        tests.open_panel()
        exported = tests.export("Export as JSON")
        spreadsheet = tests.export("Export as CSV")
        kept = tests.stored()
        assert json.loads(exported) == kept

    # The CSV file: a header, then one row per test, for a spreadsheet (and for coach mode).
    rows = list(csv.reader(io.StringIO(spreadsheet.removeprefix("\ufeff"))))
    summary = list(answers[0]["summary"])
    figures = [f"{figure['name']} ({figure['unit']})" for figure in answers[0]["figures"]]
    assert rows[0] == ["saved", "name", *summary, *figures, *answers[0]["values"]]
    assert figures[:2] == ["Strength Balance (out of 100)", "Pushing leg (score, 1.00 = the reference)"]
    for row, answer, test in zip(rows[1:], answers, kept["tests"], strict=True):
        assert row[:2] == [test["saved"], test["name"]]
        charted = row[2 + len(summary):2 + len(summary) + len(figures)]
        assert row[2:2 + len(summary)] == list(answer["summary"].values())
        assert [float(cell) for cell in charted] == [figure["value"] for figure in answer["figures"]]
        assert row[2 + len(summary) + len(figures):] == list(answer["values"].values())
    squad = calculators.run_table(SLUG, spreadsheet)  # coach mode reads it as a squad's file
    assert [row["athlete"] for row in squad["rows"]] == ["Week 1, before", 'Week 6: "after"']
    assert [row["result"]["values"] for row in squad["rows"]] == [answer["values"] for answer in answers]

    with fresh_browser(browser, site_url) as (elsewhere, tests):
        tests.open_panel()
        expect(tests.rows).to_have_count(0)
        tests.import_file("strength_balance-saved-tests.json", exported, "application/json")
        expect(tests.status).to_have_text("Imported 2 tests from strength_balance-saved-tests.json.")
        assert tests.names() == ["Week 1, before", 'Week 6: "after"']
        assert tests.export("Export as JSON") == exported  # exactly, byte for byte

        tests.import_file("strength_balance-saved-tests.json", exported, "application/json")
        expect(tests.status).to_have_text("Imported 0 tests from strength_balance-saved-tests.json (2 were already here).")
        expect(tests.rows).to_have_count(2)
        assert_clean(elsewhere)

    with fresh_browser(browser, site_url) as (third, tests):  # the CSV file, worked out again by Python
        tests.open_panel()
        tests.import_file("strength_balance-saved-tests.csv", spreadsheet, "text/csv")
        expect(tests.status).to_have_text("Imported 2 tests from strength_balance-saved-tests.csv.")
        for imported, test in zip(tests.stored()["tests"], kept["tests"], strict=True):
            assert {**imported, "id": ""} == {**test, "id": ""}
        assert_clean(third)


def test_a_bad_file_changes_nothing_and_says_what_is_wrong(browser, site_url):
    with fresh_browser(browser, site_url) as (visit, tests):
        tests.save({}, "Kept")
        tests.open_panel()
        other = json.dumps({"format": "aq-saved-tests", "version": 1, "calculator": "step_timing", "tests": []})
        cases = [
            ("notes.json", "{ this is not JSON", "application/json", "it is not a JSON file"),
            ("steps.json", other, "application/json", "saved tests of another calculator (step_timing), not Strength Balance"),
            ("photo.csv", "colour,size\nred,3\n", "text/csv", "No column of this file is an input of the Strength Balance calculator"),
            ("typo.csv", "name,body_mass\nTom,abc\n", "text/csv", "line 2, body_mass: Enter"),
        ]
        for name, text, mime, message in cases:
            tests.import_file(name, text, mime)
            expect(tests.status).to_contain_text(f"Nothing was imported from {name}")
            expect(tests.status).to_contain_text(message)
            expect(tests.status).to_contain_text("Your saved tests are unchanged.")
            expect(tests.status).to_be_focused()
            assert tests.names() == ["Kept"]
        assert [test["name"] for test in tests.stored()["tests"]] == ["Kept"]
        assert_clean(visit)


def test_with_storage_blocked_the_calculator_works_and_the_save_button_says_why(browser, site_url):
    with fresh_browser(browser, site_url, init_script=BLOCKED_STORAGE) as (visit, tests):
        tests.calculator.type({"body_mass": "81"})
        tests.calculator.expect_result_for({**DEFAULTS, "body_mass": "81"})
        expect(tests.save_button).to_be_disabled()
        why = tests.calculator.section.locator(f"#{tests.save_button.get_attribute('aria-describedby')}")
        expect(why).to_be_visible()
        expect(why).to_contain_text("does not let this site keep anything on your device")
        expect(tests.save_button).to_have_accessible_description(why.inner_text())
        expect(tests.panel).to_be_hidden()
        assert visit.foreign_requests() == []
        # Only the theme's own complaints about the blocked storage (Material reads it for the
        # colour scheme); nothing of the calculators failed.
        assert all("Storage is blocked" in error for error in visit.console_errors), visit.console_errors


def test_no_axe_violation_with_the_panel_open_and_filled(browser, site_url):
    problems: list[str] = []
    with fresh_browser(browser, site_url, bypass_csp=True) as (visit, tests):  # axe-core is the test's own script
        for number, swing in enumerate(("150", "170"), start=1):
            tests.save({"swing_leg_left": swing}, f"Test {number}")
        tests.open_panel()
        tests.panel.get_by_role("button", name="Delete all…").click()  # the confirmation shown too
        for scheme in ("light", "dark"):
            visit.page.emulate_media(color_scheme=scheme)
            problems += described(f"{CALCULATOR_PAGE} ({scheme}, saved tests open)", violations(visit.page))
    assert problems == [], "axe-core found:\n" + "\n".join(problems)
