"""The flying sprint's "What to train next": step length against step frequency, and how big a
change between tests the timing can show, worked out by hand."""

from __future__ import annotations

from bs4 import BeautifulSoup

import calculators

SLUG = "flying_sprint"


def points_of(inputs: dict[str, str]) -> tuple[list[str], BeautifulSoup]:
    answer = calculators.run(SLUG, inputs)
    assert answer["ok"], answer["errors"]
    block = BeautifulSoup(answer["html"], "html.parser").select_one(".aq-result__next")
    assert block is not None
    return [" ".join(item.get_text().split()) for item in block.select(".aq-result__next-points > li")], block


def test_nine_steps_in_a_flying_20_m_split_the_speed_into_length_and_frequency():
    # 20 m / 9 steps = 2.22 m a step; 9 steps / 1.90 s = 4.74 steps/s; 20 / 1.90 = 10.53 m/s.
    points, block = points_of({"zone_length": "20", "zone_time": "1.90", "timing": "electronic", "steps": "9"})
    assert points[0].startswith("Speed is step length × step frequency: 2.22 m × 4.74 steps/s = 10.53 m/s.")
    assert [a["href"] for a in block.select("a")] == ["../../calculators/step-timing/"]


def test_gates_read_to_a_hundredth_so_a_smaller_change_is_within_the_timing():
    # 20 / 1.91 = 10.47 m/s and 20 / 1.89 = 10.58 m/s.
    points, _ = points_of({"zone_length": "20", "zone_time": "1.90", "timing": "electronic", "steps": "9"})
    assert points[2] == (
        "Read changes against the timing: a time off by ±0.01 s puts your speed between 10.47 m/s and 10.58 m/s: "
        "a change between tests within that spread is not one this timing can show."
    )


def test_a_stopwatch_widens_the_spread_and_without_steps_the_reading_asks_for_them():
    # A stopwatch may be off by 0.14 s: 30 / 2.99 = 10.03 m/s to 30 / 2.71 = 11.07 m/s.
    points, block = points_of({"zone_length": "30", "zone_time": "2.85", "timing": "hand", "steps": ""})
    assert points[0].startswith("Count your steps in the zone next time")
    assert "±0.14 s puts your speed between 10.03 m/s and 11.07 m/s" in points[2]
    assert "Mayhew" in block.select_one(".aq-explanation__sources").get_text()
