"""Read a built page the way the tests need it: its text, headings and structured data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

FOOT_STRIKE = Path("running-mechanics/foot-strike/index.html")


def soup_of(site: Path, page: Path) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def normalised_text(element: Any) -> str:
    """The element's visible text with every run of white space folded to one space."""
    return " ".join(element.get_text(" ").split())


def json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Every JSON-LD object on the page (json.loads raises on any that is invalid)."""
    return [json.loads(script.string) for script in soup.find_all("script", type="application/ld+json")]
