"""The chart and layout helpers every calculator shares: split bars, line charts, round axes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

import calculators

from calculators.core.formatting import format_short
from calculators.core.markup import (
    Markup,
    definition_list,
    explanation,
    figure,
    headline,
    model_statement,
    numbered_steps,
    result_block,
)
from calculators.core.svg import (
    Axis,
    Bar,
    Segment,
    Series,
    horizontal_bar_chart,
    line_chart,
    nice_axis,
    split_bar_chart,
)


def test_each_bars_value_stands_at_the_end_of_its_bar():
    svg = BeautifulSoup(
        horizontal_bar_chart(
            [Bar("Arms", 0.5, "0.50"), Bar("Swing leg", 1.5, "1.50", marked=True, mark_text="limits you")],
            maximum=1.5, reference=1.0, reference_label="reference", title="Scores", description="Two bars.", id_prefix="t",
        ),
        "html.parser",
    )
    # 0 to 1.5 over the 212 px between the 100 px of labels and the 48 px kept for the last value.
    for rect, value, width in zip(svg.select("rect.aq-chart__bar"), svg.select("text.aq-chart__value"), (212 / 3, 212)):
        assert float(rect["width"]) == pytest.approx(width, abs=0.05)
        assert float(value["x"]) == pytest.approx(100 + width + 5, abs=0.05)
    assert [value.get_text() for value in svg.select("text.aq-chart__value")] == ["0.50", "1.50"]


def test_a_split_bar_draws_each_part_in_proportion_with_its_label_and_a_text_equivalent():
    svg = split_bar_chart(
        [Segment("On the ground", 1, "1 s"), Segment("In the air", 3, "3 s")],
        total_text="Whole: 4 s",
        title="Split <bar>",
        description="One quarter on the ground.",
        id_prefix="demo",
    )
    page = BeautifulSoup(svg, "html.parser")
    first, second = page.select("rect")
    assert float(first["width"]) == pytest.approx(85.0) and float(second["width"]) == pytest.approx(255.0)
    assert page.title.get_text() == "Split <bar>" and "<bar>" not in svg  # escaped
    assert page.svg["aria-labelledby"] == "demo-chart-title demo-chart-desc"
    assert [t.get_text() for t in page.select("text")] == ["Whole: 4 s", "On the ground", "1 s", "In the air", "3 s"]


def test_a_line_chart_draws_lines_segments_and_points_with_a_legend():
    svg = line_chart(
        [
            Series("Curve", [(0, 0), (1, 5), (2, 8)]),
            Series("Means", [(0, 4), (1, 4), (1, 7), (2, 7)], kind="segments"),
            Series("Dots", [(1, 5)], kind="points", dashed=True),
        ],
        x_axis=Axis("Time (s)", maximum=2, tick_every=1),
        y_axis=nice_axis("Speed (m/s)", 8),
        title="Speed",
        description="A test chart.",
        id_prefix="demo",
    )
    page = BeautifulSoup(svg, "html.parser")
    assert len(page.select("polyline.aq-chart__series--0")) == 1
    assert len(page.select("line.aq-chart__series--1")) == 2 + 1  # two segments and the legend sample
    assert len(page.select("circle.aq-chart__series--2")) == 1 + 1
    legend = [t.get_text() for t in page.select("text.aq-chart__legend")]
    assert legend == ["Curve", "Means", "Dots"]
    assert [t.get_text() for t in page.select("text.aq-chart__axis-label")] == ["Time (s)", "Speed (m/s)"]


def test_a_series_kind_must_be_one_the_chart_can_draw():
    with pytest.raises(ValueError, match="kind"):
        Series("Bars", [(0, 1)], kind="bars")


@pytest.mark.parametrize(
    ("largest", "maximum", "every", "decimals"),
    [(9.5, 10, 2, 0), (4.23, 5, 1, 0), (641, 700, 100, 0), (1584, 2000, 500, 0), (0.37, 0.4, 0.1, 1), (12, 12, 2, 0), (13, 14, 2, 0)],
)
def test_axes_end_on_a_round_tick_above_the_largest_value(largest, maximum, every, decimals):
    axis = nice_axis("x", largest)
    assert (axis.maximum, axis.tick_every, axis.decimals) == (maximum, every, decimals)


def test_short_numbers_summary_lists_and_explanation_blocks():
    assert [format_short(v, 1) for v in (116.666, 100.0, 2.25, -0.04)] == ["116.7", "100", "2.2", "0"]
    dl = definition_list([("Step time", "220 ms"), ("<b>", "x")])
    assert dl == '<dl class="aq-result__summary"><div><dt>Step time</dt><dd>220 ms</dd></div><div><dt>&lt;b&gt;</dt><dd>x</dd></div></dl>'
    block = BeautifulSoup(explanation("A model.", [("Sources", "None yet")]), "html.parser")
    assert block.select_one(".aq-explanation__model-note").get_text() == "A model."
    assert block.select_one("h3").get_text() == "Sources"


def test_every_result_opens_with_a_headline_and_ends_with_what_kind_of_model_made_it():
    block = result_block("demo", [headline("Speed", "10.00 m/s", " (36.0 km/h)")], "speed from <one step>.")
    assert block == (
        '<div class="aq-result aq-result--demo">'
        '<p class="aq-result__headline">Speed: <strong class="aq-result__value">10.00 m/s</strong> (36.0 km/h)</p>'
        '<p class="aq-result__model-note">This is a model, not a measurement: speed from &lt;one step&gt;.</p></div>'
    )


def test_explanations_open_with_the_model_statement_and_number_their_steps():
    assert model_statement("It is <arithmetic>.") == (
        "<strong>About this model.</strong> It is &lt;arithmetic&gt;."
    )
    assert numbered_steps(["a < b", Markup("<strong>c</strong>")]) == (
        '<ol class="aq-explanation__steps"><li>a &lt; b</li><li><strong>c</strong></li></ol>'
    )
    assert figure("<svg>", "How to read it") == (
        '<figure class="aq-chart">&lt;svg&gt;<figcaption>How to read it</figcaption></figure>'
    )


def test_a_wide_table_scrolls_in_a_box_a_keyboard_can_reach_named_by_its_caption():
    page = BeautifulSoup(calculators.run("strength_balance", {})["html"], "html.parser")
    wraps = page.select(".aq-table-wrap")
    assert wraps
    for wrap in wraps:
        assert wrap["tabindex"] == "0" and wrap["role"] == "region"
        assert wrap["aria-label"] == " ".join(wrap.table.caption.get_text().split())
