"""Repair the foot-strike article as the customer sent it, so tests can hold the page to it.

The seed is UTF-8 text that was once decoded as ISO-8859-7 (Greek), with the bytes 0x80-0x9F
dropped because that code page leaves them undefined. Every multi-byte character therefore lost
some bytes and turned into Greek letters: the right single quote (E2 80 99) kept only E2, which
reads as "β"; the pointing hand 👉 (F0 9F 91 89) kept only F0, "π"; the fire 🔥 (F0 9F 94 A5)
kept F0 and A5, "π₯". What survives is enough to tell most characters apart; where it is not
(four emoji-led headings lost every byte but the first), the emoji chosen fits the heading.

`repair()` applies the table below, longest and most specific patterns first.
"""

from __future__ import annotations

import re
from pathlib import Path

SEED_PATH = Path(__file__).with_name("foot_strike_seed.txt")

# Headings whose emoji kept only its first byte (F0 = "π"): chosen to fit the heading.
_HEADING_EMOJI = {
    "Foot Strike Is Easy to See (Which Is Why It Gets Too Much Credit)": "👀",
    "What Influences Foot Strike?": "🔍",
    "What Actually Helps You Run Faster?": "🚀",
    "What This Means for You": "📌",
}

# (damaged, repaired), applied in this order. The surviving bytes are given in the comments.
_REPAIRS: tuple[tuple[str, str], ...] = (
    ("Β»", "»"),  # C2 BB: both bytes survive
    ("β οΈ", "⚠️"),  # E2 _ A0 EF B8 _: warning sign with its emoji selector
    ("βοΈ", "⚖️"),  # E2 _ _ EF B8 _: balance scale (9A 96 lost), with its emoji selector
    ("β‘οΈ", "➡️"),  # E2 _ A1 EF B8 _: right arrow with its emoji selector
    ("β‘", "⚡"),  # E2 _ A1: high voltage
    ("π£", "👣"),  # F0 _ _ A3: footprints
    ("π₯", "🔥"),  # F0 _ _ A5: fire
    ("π―", "🎯"),  # F0 _ _ AF: direct hit
    ("π§", "🧠"),  # F0 _ A7 _: brain
)


def repair_line(line: str) -> str:
    """Restore the characters of one line of the seed."""
    for damaged, repaired in _REPAIRS:
        line = line.replace(damaged, repaired)
    if line.startswith("β "):  # E2 9D 93 lost both trailing bytes: the FAQ's question mark
        line = "❓" + line[1:]
    # E2 80 99 between letters is the right single quotation mark (an apostrophe).
    line = re.sub(r"(?<=\w)β(?=\w)", "\u2019", line)
    if line.startswith("π "):
        text = line[2:]
        line = f"{_HEADING_EMOJI.get(text, '👉')} {text}"
    return line


def repaired_lines(path: Path = SEED_PATH) -> list[str]:
    """The seed's non-empty lines, repaired."""
    text = path.read_text(encoding="utf-8")
    return [repair_line(line) for line in text.splitlines() if line.strip()]


if __name__ == "__main__":
    print("\n".join(repaired_lines()))
