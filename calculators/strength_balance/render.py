"""Strength Balance as HTML: the result fragment and the static explanation block.

Numbers are rounded here and only here (scores to 2 decimals, Strength Balance to 1, percentages
to 1 or 2), so the model keeps full precision. The same functions render the build-time worked
example and every live result, so the two cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from calculators.core.calculator import Figure
from calculators.core.formatting import format_number, format_short, format_signed, plain_number
from calculators.core.markup import (
    Column,
    Markup,
    Row,
    definition_list,
    element,
    escape,
    explanation,
    figure,
    headline,
    join,
    model_statement,
    numbered_steps,
    result_block,
    sources_list,
    table,
)
from calculators.core.svg import Bar, horizontal_bar_chart
from calculators.core.units import (
    FORCE,
    KGF_IN_NEWTONS,
    KILOGRAMS_PER_POUND,
    LBF_IN_NEWTONS,
    LENGTH,
    METRE,
    convert,
)
from calculators.strength_balance.model import (
    CONTRIBUTORS,
    MEASURES,
    PUSH_SIDE,
    SWING_LEG,
    Assessment,
    ContributorResult,
    Parameters,
)
from calculators.strength_balance.params import load_reading
from calculators.strength_balance.reading import reading

READING = load_reading()
"""The "What to train next" settings of parameters.toml, read once."""

# Below this, every force score suggests kilograms-force typed with "N" chosen (about 0.2 of the
# reference is far below any athlete's; a kgf number read as newtons is about 0.1 of it).
_SUSPICIOUSLY_LOW_FORCE_SCORE = 0.2


@dataclass(frozen=True)
class Answer:
    """The model's assessment and how the reader measured (to show forces in their own unit)."""

    assessment: Assessment
    force_unit: str
    distance_unit: str = "m"


def _score(value: float) -> str:
    return format_number(value, 2)


def _balance(value: float) -> str:
    return format_number(value, 1)


def _measure(value: float) -> str:
    """A test result or reference: at most one decimal, no trailing ".0"."""
    text = format_number(value, 1)
    return text[:-2] if text.endswith(".0") else text


def _lower(label: str) -> str:
    return label[:1].lower() + label[1:]


class _Renderer:
    """Renders one answer; holds the unit and id prefix so each piece stays a short method."""

    def __init__(self, answer: Answer, id_prefix: str) -> None:
        self.answer = answer
        self.assessment = answer.assessment
        self.parameters = answer.assessment.parameters
        self.id_prefix = id_prefix
        self.force_unit = answer.force_unit
        self.to_unit = 1 / FORCE.unit(answer.force_unit).size_in_base

    def unit_of(self, result: ContributorResult) -> str:
        return self.force_unit if MEASURES[result.name] == "force" else "s"

    def in_unit(self, result: ContributorResult, value: float) -> str:
        """A newton or second value as a number in the reader's unit (kgf or lbf stay so)."""
        factor = self.to_unit if MEASURES[result.name] == "force" else 1.0
        return _measure(value * factor)

    def sides_text(self, result: ContributorResult) -> str:
        """ "780 / 760 N": the reader's own left and right results."""
        left, right = self.in_unit(result, result.sides.left), self.in_unit(result, result.sides.right)
        return f"{left} / {right} {self.unit_of(result)}"

    def render(self) -> Markup:
        parts = [
            self.headline(),
            self.limiter(),
            self.sprint(),
            self.unit_hint(),
            self.chart(),
            self.sides_summary(),
            self.scores_table(),
            self.asymmetry_flags(),
            self.predictions_table(),
            self.retest(),
            reading(self.assessment, READING),
        ]
        note = (
            "it turns your test results into scores with the "
            "formulas explained with this calculator."
        )
        return result_block("strength-balance", parts, note)

    def headline(self) -> Markup:
        return headline("Strength Balance", _balance(self.assessment.balance.strength_balance), " out of 100")

    def limiter(self) -> Markup:
        a = self.assessment
        balance = a.balance
        if a.limiter is None:
            text = (
                f"Balanced: all four scores lie within {format_number(self.parameters.balanced_band, 2)} of "
                "each other, so no single contributor limits you. Raise them together."
            )
            return element("p", text, class_="aq-result__limiter")
        limiter = a.contributor(a.limiter)
        if a.limiter == SWING_LEG:
            why = (
                f"your swing side ({_score(balance.swing_side)}) is weaker than your push side "
                f"({_score(balance.push_side)})"
            )
        else:
            why = (
                f"it has the lowest score on the push side ({_score(limiter.score)}), and your push side "
                f"({_score(balance.push_side)}) is not stronger than your swing side ({_score(balance.swing_side)})"
            )
        prediction = a.prediction(a.limiter)
        gain = (
            f"Raising it by {plain_number(a.improvement_percent)} % is predicted to change your speed by "
            f"{format_signed(prediction.speed_change_percent, 2)} %"
        )
        if a.largest_gain == a.limiter:
            gain += ", the largest predicted gain of the four."
        else:
            gain += f"; the model predicts a larger gain from the {_lower(a.contributor(a.largest_gain).label)}."
        strong = element("strong", f"Your {_lower(limiter.label)} limits you")
        return element("p", Markup(f"{strong}: {escape(why)}. {escape(gain)}"), class_="aq-result__limiter")

    def sprint(self) -> Markup:
        a = self.assessment
        if a.sprint is None:
            return Markup("")
        best = a.prediction(a.limiter or a.largest_gain)
        time_text = f"{format_number(a.sprint.time, 2)} s"
        predicted = f"{format_number(best.predicted_time or a.sprint.time, 2)} s"
        if a.sprint.distance is not None and a.sprint.speed is not None and best.predicted_time:
            distance = format_short(convert(a.sprint.distance, METRE, LENGTH.unit(self.answer.distance_unit)), 2)
            now = f"{distance} {self.answer.distance_unit} in {time_text} ({format_number(a.sprint.speed, 2)} m/s)"
            then = f"{predicted} ({format_number(a.sprint.distance / best.predicted_time, 2)} m/s)"
        else:
            now, then = f"a sprint time of {time_text}", predicted
        text = (
            f"For {now}, raising your {_lower(best.label)} by {plain_number(a.improvement_percent)} % "
            f"predicts {then}."
        )
        return element("p", text, class_="aq-result__sprint")

    def unit_hint(self) -> Markup:
        if self.force_unit != "N":
            return Markup("")
        forces = [r.score for r in self.assessment.contributors if MEASURES[r.name] == "force"]
        if max(forces) >= _SUSPICIOUSLY_LOW_FORCE_SCORE:
            return Markup("")
        return element(
            "p",
            "These forces are very small for newtons. If your gauge showed kilograms-force, choose kgf as the force unit.",
            class_="aq-result__hint",
        )

    def chart(self) -> Markup:
        a = self.assessment
        bars = [
            Bar(
                label=result.label,
                value=result.score,
                value_text=_score(result.score),
                marked=result.name == a.limiter,
                mark_text="limiter",
            )
            for result in a.contributors
        ]
        described = ", ".join(
            f"{_lower(r.label)} {_score(r.score)}" + (" (the limiter)" if r.name == a.limiter else "")
            for r in a.contributors
        )
        ending = "" if a.limiter else " All four are within the balanced band: no limiter."
        description = (
            f"Scores against the reference of 1.0 (the cap is {format_number(self.parameters.score_cap, 1)}): "
            f"{described}.{ending}"
        )
        svg = horizontal_bar_chart(
            bars,
            maximum=self.parameters.score_cap,
            reference=1.0,
            reference_label="reference 1.0",
            title="Contributor scores against the reference",
            description=description,
            id_prefix=self.id_prefix,
        )
        return figure(
            svg,
            "Each bar is a contributor's score; the dashed line is the reference (1.0). "
            "The table below gives the same numbers.",
        )

    def sides_summary(self) -> Markup:
        balance = self.assessment.balance
        items = [
            ("Push side score", _score(balance.push_side)),
            ("Swing side score", _score(balance.swing_side)),
            ("System capacity", _score(balance.capacity)),
        ]
        return definition_list(items)

    def scores_table(self) -> Markup:
        a = self.assessment
        rows = []
        for result in a.contributors:
            name = result.label + (" (limiter)" if result.name == a.limiter else "")
            score = _score(result.score) + (" (capped)" if result.capped else "")
            asymmetry = f"{format_number(result.asymmetry_percent, 1)} %"
            if result.asymmetry_flagged:
                asymmetry += " (flagged)"
            rows.append(
                Row(
                    [
                        name,
                        self.sides_text(result),
                        f"{self.in_unit(result, result.reference)} {self.unit_of(result)}",
                        score,
                        asymmetry,
                    ],
                    class_="aq-table__row--limiter" if result.name == a.limiter else None,
                )
            )
        columns = [
            Column("Contributor"),
            Column("Left / right", "aq-num"),
            Column("Reference per side", "aq-num"),
            Column("Score", "aq-num"),
            Column("Asymmetry", "aq-num"),
        ]
        return table(
            f"Contributor scores (1.00 = the reference, at most {format_number(self.parameters.score_cap, 2)})",
            columns,
            rows,
        )

    def asymmetry_flags(self) -> Markup:
        flagged = [r for r in self.assessment.contributors if r.asymmetry_flagged]
        if not flagged:
            return Markup("")
        limit = plain_number(self.parameters.asymmetry_flag_percent)
        items = [
            element(
                "li",
                f"{r.label}: left and right differ by {format_number(r.asymmetry_percent, 1)} %, more than {limit} %. "
                "Worth checking the weaker side.",
            )
            for r in flagged
        ]
        return element("ul", join(items), class_="aq-result__flags")

    def predictions_table(self) -> Markup:
        a = self.assessment
        with_time = a.sprint is not None
        columns = [
            Column("Raise"),
            Column("New score", "aq-num"),
            Column("Strength Balance", "aq-num"),
            Column("Capacity change", "aq-num"),
            Column("Speed change", "aq-num"),
        ]
        if with_time:
            columns.append(Column("Predicted time", "aq-num"))
        rows = []
        for prediction in a.predictions:
            name = prediction.label + (" (limiter)" if prediction.contributor == a.limiter else "")
            new_score = _score(prediction.new_score)
            if prediction.new_score >= self.parameters.score_cap:
                new_score += " (cap)"
            cells = [
                name,
                new_score,
                _balance(prediction.new_strength_balance),
                f"{format_signed(prediction.capacity_change_percent, 2)} %",
                f"{format_signed(prediction.speed_change_percent, 2)} %",
            ]
            if with_time and prediction.predicted_time is not None:
                cells.append(f"{format_number(prediction.predicted_time, 2)} s")
            rows.append(Row(cells, class_="aq-table__row--limiter" if prediction.contributor == a.limiter else None))
        caption = (
            f"Predicted changes if one contributor's score rises by {plain_number(a.improvement_percent)} % "
            f"(now: Strength Balance {_balance(a.balance.strength_balance)})"
        )
        return table(caption, columns, rows)

    def retest(self) -> Markup:
        a = self.assessment
        before = a.previous
        if before is None:
            return Markup("")
        rows = []
        for name in CONTRIBUTORS:
            old, new = before.contributor(name).score, a.contributor(name).score
            rows.append(Row([a.contributor(name).label, _score(old), _score(new), format_signed(new - old, 2)]))
        for label, old, new in (
            ("Push side", before.balance.push_side, a.balance.push_side),
            ("Swing side", before.balance.swing_side, a.balance.swing_side),
        ):
            rows.append(Row([label, _score(old), _score(new), format_signed(new - old, 2)]))
        old_sb, new_sb = before.balance.strength_balance, a.balance.strength_balance
        rows.append(
            Row(["Strength Balance", _balance(old_sb), _balance(new_sb), format_signed(new_sb - old_sb, 1)], class_="aq-table__row--total")
        )
        columns = [Column("Score"), Column("Previous", "aq-num"), Column("Now", "aq-num"), Column("Change", "aq-num")]
        was = "balanced" if before.limiter is None else f"limited by the {_lower(before.contributor(before.limiter).label)}"
        summary = element(
            "p",
            f"Since your previous test, Strength Balance went from {_balance(old_sb)} to {_balance(new_sb)} "
            f"({format_signed(new_sb - old_sb, 1)}). Last time you were {was}.",
            class_="aq-result__retest-summary",
        )
        return element(
            "div",
            join([summary, table("Change since your previous test", columns, rows)]),
            class_="aq-result__retest",
        )


def render_result(answer: Answer, id_prefix: str) -> str:
    """The result fragment for one answer (ids inside start with `id_prefix`)."""
    return str(_Renderer(answer, id_prefix).render())


def render_explanation(parameters: Parameters) -> str:
    """The static explanation: a model, not a measurement; the formula; the references; sources."""
    p = parameters
    weights = ", ".join(f"{_lower(p.contributor(name).label)} {plain_number(p.contributor(name).push_weight)}" for name in PUSH_SIDE)
    b_in, b_between = p.push_side_min_weight, p.capacity_min_weight
    cap = plain_number(p.score_cap)
    tie = ", ".join(_lower(p.contributor(name).label) for name in p.limiter_tie_order if name in PUSH_SIDE)
    steps = [
        f"Each contributor's <strong>score</strong> is the mean of your left and right results divided by its "
        f"reference, and never more than {cap}. A score of 1 means you reach the reference.",
        f"<strong>Asymmetry</strong> is 100 × (larger side − smaller side) ÷ larger side; above "
        f"{plain_number(p.asymmetry_flag_percent)} % it is flagged.",
        f"The <strong>push side</strong> score is {plain_number(b_in)} × the lowest of the pushing-leg, arms "
        f"and torso scores + {plain_number(round(1 - b_in, 10))} × their weighted mean (weights: {weights}). "
        f"The <strong>swing side</strong> score is the swing-leg score.",
        "<strong>Strength Balance</strong> is 100 × the weaker side ÷ the stronger side: 100 means the two "
        "sides are equal.",
        f"<strong>System capacity</strong> is {plain_number(b_between)} × the weaker side + "
        f"{plain_number(round(1 - b_between, 10))} × the mean of both sides.",
        f"The <strong>limiter</strong>: none (\u201cbalanced\u201d) when all four scores lie within "
        f"{plain_number(p.balanced_band)} of each other; otherwise the swing leg when the swing side is the "
        f"weaker side; otherwise the lowest push-side score (a tie goes to the first of: {tie}).",
        f"<strong>Predicted change</strong>: one contributor's score is raised by the improvement you choose "
        f"({plain_number(p.improvement_percent)} % unless you change it, never above {cap}) and everything "
        f"is worked out again. Predicted speed change = {plain_number(p.speed_elasticity)} × the capacity "
        f"change, at most {plain_number(p.max_speed_change_percent)} %; predicted time = your time ÷ "
        f"(1 + speed change ÷ 100).",
    ]
    # The steps above are built only from numbers and fixed words, so their <strong> tags are safe;
    # everything from the TOML file that is text (tests, sources) is escaped below.
    formula = numbered_steps(Markup(step) for step in steps)

    rows = []
    for settings in p.contributors:
        if settings.measure == "force":
            reference = f"{plain_number(settings.reference)} N per kg of body mass"
        else:
            reference = f"{plain_number(settings.reference)} s"
        if settings.provisional:
            reference += " (provisional)"
        rows.append(Row([settings.label, settings.test, reference]))
    references = table(
        "Reference values in use (per side; best of 3 efforts each side)",
        [Column("Contributor"), Column("Test"), Column("Reference")],
        rows,
    )
    unit_note = element(
        "p",
        "Forces may be entered in newtons, kilograms-force or pounds-force "
        f"(1 kgf = {plain_number(KGF_IN_NEWTONS)} N; 1 lbf = {plain_number(LBF_IN_NEWTONS)} N), "
        f"body mass in kilograms or pounds (1 lb = {plain_number(KILOGRAMS_PER_POUND)} kg). "
        "References marked provisional are placeholders awaiting the content owner's confirmation.",
    )
    sources = sources_list(p.sources)
    model_note = model_statement(
        "It combines four contributor tests into scores with the formulas below. Its numbers come "
        "from a few studies and from placeholders still being confirmed, so use it to choose what to "
        "test and train next, not as a verdict on your speed."
    )
    sections = [
        ("How the numbers are worked out", formula),
        ("Reference values", join([references, unit_note])),
        ("Sources", sources),
    ]
    return str(explanation(model_note, sections))


def squad_summary(answer: Answer) -> dict[str, str]:
    """One athlete's row in a squad's table: Strength Balance, the limiter, what training it predicts."""
    a = answer.assessment
    focus = a.limiter or a.largest_gain
    return {
        "Strength Balance": _balance(a.balance.strength_balance),
        "Limited by": a.contributor(a.limiter).label if a.limiter else "Balanced",
        "Speed change from training it": f"{format_signed(a.prediction(focus).speed_change_percent, 2)} %",
    }


def figures_over_time(answer: Answer) -> tuple[Figure, ...]:
    """What a reader's saved tests chart: Strength Balance, and each contributor's score."""
    a = answer.assessment
    return (
        Figure.as_shown("Strength Balance", a.balance.strength_balance, 1, "out of 100"),
        *(Figure.as_shown(result.label, result.score, 2, "score, 1.00 = the reference") for result in a.contributors),
    )
