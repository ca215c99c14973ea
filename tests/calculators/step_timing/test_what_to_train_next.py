"""Step timing's "What to train next": what the share on the ground and the frequency mean for the
reader's speed, worked out by hand, and where to work next."""

from __future__ import annotations

from bs4 import BeautifulSoup

import calculators

SLUG = "step_timing"


def points_of(inputs: dict[str, str]) -> tuple[list[str], BeautifulSoup]:
    answer = calculators.run(SLUG, {"timing": "ms", **inputs})
    assert answer["ok"], answer["errors"]
    block = BeautifulSoup(answer["html"], "html.parser").select_one(".aq-result__next")
    assert block is not None
    return [" ".join(item.get_text().split()) for item in block.select(".aq-result__next-points > li")], block


def test_a_step_mostly_in_the_air_reads_as_length_times_frequency_and_its_share_on_the_ground():
    # 100 ms + 120 ms = 220 ms a step: 1 / 0.220 = 4.545 steps/s, 2.20 m x 4.545 = 10.00 m/s,
    # 100 / 220 = 45.5 % on the ground: more of the step in the air.
    points, _ = points_of({"contact_time": "100", "flight_time": "120", "step_length": "2.20"})
    assert points[0] == (
        "Speed is step length × step frequency: 2.20 m × 4.55 steps/s = 10.00 m/s. Each step takes 220 ms: "
        "100 ms on the ground (45.5 %) and 120 ms in the air, so you spend more of it in the air than on the ground."
    )


def test_a_long_contact_is_more_of_the_step_on_the_ground_and_the_push_is_where_to_work():
    # 150 ms + 100 ms = 250 ms: 4.00 steps/s, 1.80 m x 4 = 7.20 m/s, 150 / 250 = 60.0 % on the ground.
    points, block = points_of({"contact_time": "150", "flight_time": "100", "step_length": "1.80"})
    assert "1.80 m × 4.00 steps/s = 7.20 m/s" in points[0]
    assert "(60.0 %)" in points[0] and "more of it on the ground than in the air" in points[0]
    assert points[1].startswith("Shorter contact comes from more force.")
    assert points[2].startswith("Work on the push: in the Sprint System the pushing leg drives backward into the ground")
    assert [a["href"] for a in block.select("a")] == ["../../calculators/strength-balance/"]
    assert "Why Timing Between Steps Controls Sprint Speed Coming soon" in points[2]


def test_the_reading_cites_weyand_and_hunter_and_the_article_whose_terms_it_uses():
    _, block = points_of({})
    cited = block.select_one(".aq-explanation__sources").get_text()
    for study in ("Weyand, Sternlight, Bellizzi and Wright (2000)", "Hunter, Marshall and McNair (2004)", "Why Your Foot Strike"):
        assert study in cited
