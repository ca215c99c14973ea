"""How tests/bench/second_visit.py tells which chain decided a second visit."""

from __future__ import annotations

from tests.bench.second_visit import Timeline, report


def test_a_result_heard_after_the_page_was_parsed_was_waited_for_from_the_worker():
    assert Timeline(worker_created=84, ahead_heard=827, page_parsed=769, live=833).decided_by() == "the worker"


def test_a_page_parsed_after_the_result_was_heard_decided_the_visit():
    assert Timeline(worker_created=83, ahead_heard=723, page_parsed=769, live=786).decided_by() == "the page"


def test_a_visit_with_no_result_worked_out_ahead_says_so():
    assert Timeline(worker_created=None, ahead_heard=None, page_parsed=640, live=2100).decided_by() == "no result ahead"


def test_the_report_gives_each_run_and_the_medians():
    lines = report([
        Timeline(worker_created=84, ahead_heard=827, page_parsed=769, live=833),
        Timeline(worker_created=83, ahead_heard=723, page_parsed=769, live=786),
        Timeline(worker_created=None, ahead_heard=None, page_parsed=757, live=778),
    ]).splitlines()
    assert lines[0].split() == ["run", "worker", "created,", "ms", "ahead", "heard,", "ms", "page", "parsed,", "ms", "live,", "ms", "decided", "by"]
    assert lines[1].split() == ["1", "84", "827", "769", "833", "the", "worker"]
    assert lines[3].split() == ["3", "-", "-", "757", "778", "no", "result", "ahead"]
    assert lines[4].split() == ["median", "84", "775", "769", "786"]


def test_a_visit_that_never_went_live_has_no_time_in_the_report_nor_in_the_median():
    lines = report([Timeline(worker_created=90, ahead_heard=None, page_parsed=700, live=None)]).splitlines()
    assert lines[1].split() == ["1", "90", "-", "700", "-", "no", "result", "ahead"]
    assert lines[2].split() == ["median", "90", "-", "700", "-"]
