"""A writer's preview picks up calculator edits: `mkdocs serve` rebuilds with the edited code (not
the copy Python imported first) and serves a freshly built wheel under a new address."""

from __future__ import annotations

import re
import urllib.request
from urllib.parse import urljoin

from tests.pages.test_preview import _eventually, _fetch, preview_server
from tests.support.site import copy_of_project

TEST_NAME = 'test = "Isometric split-stance push"'
EDITED_NAME = "Isometric split-stance push, edited"


def wheel_url(page_url: str, html: str) -> str:
    return urljoin(page_url, re.search(r'data-wheel-url="([^"]+)"', html).group(1))


def status_of(url: str) -> int:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status


def test_editing_a_calculator_updates_the_preview_and_its_wheel(tmp_path):
    project = copy_of_project(tmp_path / "project", copied=("calculators",))
    settings = project / "calculators" / "strength_balance" / "parameters.toml"
    with preview_server(project) as url:
        page = url + "calculators/strength-balance/"
        _eventually(lambda: "data-wheel-url" in (_fetch(page) or ""), "the first build")
        first_wheel = wheel_url(page, _fetch(page))
        assert status_of(first_wheel) == 200

        settings.write_text(
            settings.read_text(encoding="utf-8").replace(TEST_NAME, f'test = "{EDITED_NAME}"'), encoding="utf-8"
        )
        _eventually(lambda: EDITED_NAME in (_fetch(page) or ""), "the rebuild after editing the calculator")
        second_wheel = wheel_url(page, _fetch(page))
        assert second_wheel != first_wheel
        assert status_of(second_wheel) == 200


def test_an_edited_calculator_or_template_is_never_shown_from_an_earlier_build(tmp_path):
    """A build runs and renders each worked example once and reuses it on every page: the next
    build, after an edit, shows the edit on every page that embeds the calculator."""
    # macros/ too: the section's template is found beside the code (macros/calculator_embed.py)
    project = copy_of_project(tmp_path / "project", copied=("calculators", "overrides", "macros"))
    settings = project / "calculators" / "strength_balance" / "parameters.toml"
    history = project / "overrides" / "partials" / "calculator-history.html"
    with preview_server(project) as url:
        article = url + "running-mechanics/foot-strike/"
        _eventually(lambda: "Your saved tests" in (_fetch(article) or ""), "the first build")
        assert (_fetch(article) or "").count("Isometric split-stance push") == 1

        settings.write_text(settings.read_text(encoding="utf-8").replace(TEST_NAME, 'test = "Wall push"'), encoding="utf-8")
        _eventually(lambda: "Wall push" in (_fetch(article) or ""), "the rebuild after editing the calculator")
        assert "Isometric split-stance push" not in _fetch(article)

        history.write_text(history.read_text(encoding="utf-8").replace("Your saved tests", "Tests you saved"), encoding="utf-8")
        _eventually(lambda: "Tests you saved" in (_fetch(article) or ""), "the rebuild after editing the template")
        page = _fetch(article)
        assert "Your saved tests" not in page and "Wall push" in page and "aq-deferred" not in page
