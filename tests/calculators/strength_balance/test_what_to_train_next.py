"""Strength Balance's "What to train next": the limiter, why (in the article's terms), and where to
start, for athletes whose numbers are worked out by hand from the references (75 kg: pushing leg
10 N/kg = 750 N a side, swing leg 3 N/kg = 225 N, arms 1.5 N/kg = 112.5 N, torso 100 s)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import calculators
from calculators.core.settings import ParameterError, read_parameters
from calculators.strength_balance.params import SOURCE, load_reading, reading_from_toml

SLUG = "strength_balance"
AT_REFERENCE = {
    "body_mass": "75", "force_unit": "N",
    "pushing_leg_left": "750", "pushing_leg_right": "750",
    "swing_leg_left": "225", "swing_leg_right": "225",
    "arms_left": "112.5", "arms_right": "112.5",
    "torso_left": "100", "torso_right": "100",
}


def reading_of(inputs: dict[str, str]) -> BeautifulSoup:
    answer = calculators.run(SLUG, {**AT_REFERENCE, **inputs})
    assert answer["ok"], answer["errors"]
    block = BeautifulSoup(answer["html"], "html.parser").select_one(".aq-result__next")
    assert block is not None, "every result ends with the reading"
    return block


def points_of(block: BeautifulSoup) -> list[str]:
    return [" ".join(item.get_text().split()) for item in block.select(".aq-result__next-points > li")]


def test_a_weak_swing_leg_is_where_to_start_and_the_reading_says_why_in_the_articles_terms():
    # Swing leg 180 N a side: 180 / 225 = 0.80. Pushing leg, arms and torso at 1.00, so the push side
    # is 0.5 x 1.00 + 0.5 x 1.00 = 1.00: the swing side is the weaker, Strength Balance 100 x 0.80 / 1.00
    # = 80.0; raised 10 % the swing leg scores 0.88, and Strength Balance becomes 88.0.
    block = reading_of({"swing_leg_left": "180", "swing_leg_right": "180"})
    first, where, retest = points_of(block)
    assert first.startswith("Start with your swing leg.")
    assert "In the Sprint System it attacks forward and balances the system" in first
    assert "your swing side (0.80) is weaker than your push side (1.00)" in first
    assert "from 80.0 to 88.0" in first
    assert "standing isometric knee drive (hip flexion)" in where
    assert "Run Faster With Isometric Training Coming soon" in where, "an article the site does not have yet"
    assert "How to test" in retest
    cited = block.select_one(".aq-explanation__sources").get_text()
    assert "Deane" in cited and "Why Your Foot Strike" in cited


def test_a_short_side_bridge_puts_the_torso_first_as_the_lowest_push_side_score():
    # Torso 60 s: 60 / 100 = 0.60. Push side = 0.5 x min(1.00, 1.00, 0.60) + 0.5 x (0.5 x 1.00 + 0.25 x 1.00
    # + 0.25 x 0.60) = 0.30 + 0.45 = 0.75, below the swing side's 1.00: the lowest push-side score limits.
    # Strength Balance 100 x 0.75 / 1.00 = 75.0.
    first = points_of(reading_of({"torso_left": "60", "torso_right": "60"}))[0]
    assert first.startswith("Start with your torso.")
    assert "it supports those force expressions" in first
    assert "its score (0.60) is the lowest on your push side, which (0.75) is not stronger than your swing side (1.00)" in first
    assert "from 75.0 to" in first


def test_four_scores_at_the_reference_are_balanced_and_the_reading_says_raise_them_together():
    block = reading_of({})
    points = points_of(block)
    assert points[0].startswith("Raise all four together.")
    assert "within 0.05 of each other" in points[0]
    assert "How to Improve Strength Balance for Maximum Running Speed Coming soon" in points[1]
    assert "Deane" not in block.get_text(), "no contributor comes first, so no contributor's source either"


def test_its_links_lead_from_a_page_two_folders_down_to_the_how_to_test_section_and_the_article():
    hrefs = [a["href"] for a in reading_of({"arms_left": "80", "arms_right": "80"}).select("a")]
    assert "../../calculators/strength-balance/#how-to-test" in hrefs
    assert "../../running-mechanics/foot-strike/#what-actually-helps-you-run-faster" in hrefs


def test_a_reading_that_cites_a_source_the_file_does_not_have_stops_the_build():
    data, _ = read_parameters("calculators.strength_balance")
    broken = {**data, "reading": {**data["reading"], "cites": ["no-such-study"]}}
    with pytest.raises(ParameterError, match=r"reading\.cites cites 'no-such-study'"):
        reading_from_toml(broken, SOURCE)


def test_a_page_path_that_is_not_from_the_site_root_stops_the_build():
    data, _ = read_parameters("calculators.strength_balance")
    broken = {**data, "reading": {**data["reading"], "how_to_test": {"title": "How to test", "page": "/calculators/x/"}}}
    with pytest.raises(ParameterError, match=r"reading\.how_to_test\.page must be a path from the site's root"):
        reading_from_toml(broken, SOURCE)


def test_every_contributor_has_a_role_in_the_sprint_system():
    assert set(load_reading().contributors) == {"pushing_leg", "swing_leg", "arms", "torso"}
