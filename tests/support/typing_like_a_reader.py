"""Text as readers type it, for generated test cases: numbers written the ways people write them,
and the awkward things they type by mistake."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

MISTAKES = ("", " ", "0", "-3", "72,5", "1:35", "nan", "1e999", "kgf", "abc", "<b>", "9" * 40)
"""Awkward things a reader might type into any field: empty, signs, commas, times, words, markup."""

MISTAKE_RATE = 0.33
"""About a third of generated cases carry a typing mistake."""


def number_as_typed(rng: random.Random, value: float) -> str:
    """A number as readers type it: 0 to 3 decimals, sometimes with a decimal comma."""
    text = f"{value:.{rng.randint(0, 3)}f}"
    return text.replace(".", ",") if rng.random() < 0.2 else text


def minutes_and_seconds(seconds: float) -> str:
    """A duration as a stopwatch shows it, e.g. 95.5 -> "1:35.50"."""
    return f"{int(seconds // 60)}:{seconds % 60:05.2f}"


def with_typing_mistakes(rng: random.Random, inputs: Mapping[str, str], names: Sequence[str]) -> dict[str, str]:
    """`inputs`, and about a third of the time 1 to 3 of the fields in `names` mistyped."""
    typed = dict(inputs)
    if rng.random() < MISTAKE_RATE:
        for name in rng.sample(list(names), rng.randint(1, 3)):
            typed[name] = rng.choice(MISTAKES)
    return typed
