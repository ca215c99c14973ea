"""Coach mode in real Chromium on the built site: a squad's spreadsheet worked out by the page's
Python, shown as a sortable table, exported and printed, without the file leaving the device."""

from __future__ import annotations

import csv
import io
import random

from playwright.sync_api import expect

import calculators
from tests.browser.calculator_page import PYTHON_START, Calculator, assert_clean
from tests.calculators.strength_balance.examples import random_inputs
from tests.support.browser import PageRecorder
from tests.support.squad_files import Spreadsheet, full_inputs, squad_csv

SLUG = "strength_balance"
SQUAD_PAGE = "calculators/squad/"


def thirty_athletes(bad_rows: tuple[int, ...] = ()) -> list[dict[str, str]]:
    """Thirty plausible athletes (no typing mistakes), with a body mass of 500 kg in `bad_rows`."""
    rng = random.Random(30)
    athletes = []
    while len(athletes) < 30:
        inputs = full_inputs(SLUG, random_inputs(rng))
        if calculators.run(SLUG, inputs)["ok"]:
            athletes.append(inputs)
    for row in bad_rows:
        athletes[row] = {**athletes[row], "body_mass_unit": "kg", "body_mass": "500"}
    return athletes


class SquadPage:
    """The squad section of the coach-mode page."""

    def __init__(self, visit: PageRecorder, site_url: str) -> None:
        self.page = visit.page
        self.page.goto(site_url + SQUAD_PAGE)
        self.section = self.page.locator("section.aq-squad")
        self.section.locator(".aq-squad__calculator").select_option(SLUG)

    def choose_file(self, text: str, name: str = "squad.csv") -> None:
        self.section.locator("input[type=file]").set_input_files(
            files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}]
        )

    @property
    def status(self):
        return self.section.locator(".aq-squad__status")

    @property
    def rows(self):
        return self.section.locator(".aq-squad__results tbody tr")

    def column(self, heading: str) -> list[str]:
        headings = self.section.locator(".aq-squad__results thead th").all_inner_texts()
        index = next(i for i, text in enumerate(headings) if text.startswith(heading))
        return [row.locator("th, td").nth(index).inner_text() for row in self.rows.all()]


def test_a_squad_file_becomes_a_sortable_table_and_exports_as_python_gives_it(browser, site_url):
    text = squad_csv(SLUG, thirty_athletes(), Spreadsheet(separator=";", byte_order_mark=True, headers="labels"))
    expected = calculators.run_table(SLUG, text)
    with PageRecorder.open(browser, width=1280, height=900, mobile=False) as visit:
        sent: list[str] = []
        visit.page.context.on("request", lambda request: sent.append(request.post_data or ""))
        squad = SquadPage(visit, site_url)
        squad.choose_file(text)
        expect(squad.status).to_have_text("30 of 30 athletes worked out.", timeout=PYTHON_START)
        expect(squad.rows).to_have_count(30)
        assert squad.column("Strength Balance") == [row["result"]["summary"]["Strength Balance"] for row in expected["rows"]]
        limited = squad.section.locator(".aq-squad__overview figure").nth(1)
        expect(limited).to_contain_text("Limited by")

        squad.section.get_by_role("button", name="Strength Balance").click()
        values = [float(text) for text in squad.column("Strength Balance")]
        assert values == sorted(values)
        squad.section.get_by_role("button", name="Strength Balance").click()
        assert [float(text) for text in squad.column("Strength Balance")] == sorted(values, reverse=True)

        with visit.page.expect_download() as download:
            squad.section.get_by_role("button", name="Download the results (CSV)").click()
        assert download.value.path().read_bytes().decode("utf-8") == expected["results_csv"]

        assert visit.foreign_requests() == []
        assert not any("Athlete 7" in body for body in sent), "the file's content never leaves the page"
        assert_clean(visit)


def test_three_bad_rows_are_listed_and_the_other_27_worked_out(desktop, site_url):
    squad = SquadPage(desktop, site_url)
    squad.choose_file(squad_csv(SLUG, thirty_athletes(bad_rows=(3, 9, 20))))
    expect(squad.status).to_contain_text("27 of 30 athletes worked out; 3 values need attention", timeout=PYTHON_START)
    problems = squad.section.locator(".aq-squad__problem-list li")
    expect(problems).to_have_count(3)
    expect(problems.first).to_have_text("Line 5, column C (body_mass), Athlete 4: Body mass must be between 30 and 200 kg.")
    expect(squad.rows).to_have_count(30)
    assert_clean(desktop)


def test_each_athlete_links_to_their_full_result_in_the_calculator(desktop, site_url):
    athletes = thirty_athletes()[:3]
    squad = SquadPage(desktop, site_url)
    squad.choose_file(squad_csv(SLUG, athletes))
    expect(squad.rows).to_have_count(3, timeout=PYTHON_START)
    squad.rows.nth(1).get_by_role("link").click()
    calculator = Calculator(desktop.page, SLUG)
    calculator.expect_state("live")
    tidy = {name: value for name, value in calculators.run(SLUG, athletes[1])["values"].items() if value}
    assert {name: value for name, value in calculator.inputs().items() if value} == tidy
    calculator.expect_result_for(calculator.inputs())
    assert_clean(desktop)


def test_pasted_rows_work_like_a_file(desktop, site_url):
    squad = SquadPage(desktop, site_url)
    rows = io.StringIO()
    writer = csv.writer(rows, delimiter="\t", lineterminator="\n")  # as a spreadsheet copies cells
    writer.writerow(["athlete", *calculators.defaults(SLUG)])
    writer.writerow(["Pat", *calculators.defaults(SLUG).values()])
    squad.section.locator("summary").click()
    squad.section.locator("textarea").fill(rows.getvalue())
    squad.section.get_by_role("button", name="Work out the pasted rows").click()
    expect(squad.status).to_have_text("1 of 1 athletes worked out.", timeout=PYTHON_START)
    assert_clean(desktop)


def test_files_that_are_not_a_squad_say_what_to_do_and_the_page_stays_usable(desktop, site_url):
    squad = SquadPage(desktop, site_url)
    for name, content, said in [
        ("empty.csv", b"", "This file is empty"),
        ("squad.xlsx", b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4, "This is not a CSV file"),
        ("shoes.csv", b"shoe size,colour\n42,red\n", "no column of this file is an input"),
        ("huge.csv", b"body_mass\n" + b"70\n" * 2_000_000, "more than a squad's file needs"),
    ]:
        squad.section.locator("input[type=file]").set_input_files(
            files=[{"name": name, "mimeType": "text/csv", "buffer": content}]
        )
        expect(squad.status).to_contain_text(said, timeout=PYTHON_START)
        expect(squad.rows).to_have_count(0)
    squad.choose_file(calculators.table_template(SLUG))
    expect(squad.status).to_have_text("1 of 1 athletes worked out.", timeout=PYTHON_START)
    assert_clean(desktop)


def test_print_shows_the_table_without_the_site_around_it(desktop, site_url):
    squad = SquadPage(desktop, site_url)
    squad.choose_file(calculators.table_template(SLUG))
    expect(squad.rows).to_have_count(1, timeout=PYTHON_START)
    desktop.page.evaluate("document.documentElement.classList.add('aq-squad-print')")
    desktop.page.evaluate("document.querySelector('.aq-squad').classList.add('aq-squad--printing')")
    desktop.page.emulate_media(media="print")
    expect(squad.section.locator(".aq-squad__results")).to_be_visible()
    expect(desktop.page.locator(".md-header")).to_be_hidden()
    expect(squad.section.locator(".aq-squad__input")).to_be_hidden()
