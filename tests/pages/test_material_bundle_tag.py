"""Material's bundle is started by the page (partials/material-bundle.html), never by its own tag."""

from __future__ import annotations

import re

from macros.material_bundle import material_bundle_started_by_page

MATERIAL = '<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
CALCULATORS = '<script src="../assets/javascripts/calculators.js" type="module"></script>'
SQUAD = '<script src="../assets/javascripts/squad.js" type="module"></script>'


def starter(src: str) -> str:
    return f'<script data-bundle-url="{src}">start()</script>'


def test_the_bundles_tag_becomes_the_script_that_starts_it():
    scripts = f"\n{MATERIAL}\n{CALCULATORS}\n{SQUAD}\n"
    assert material_bundle_started_by_page(scripts, starter) == (
        '\n<script data-bundle-url="../assets/javascripts/bundle.a5f9d56c.min.js">start()</script>\n'
        f"{CALCULATORS}\n{SQUAD}\n"
    )


def test_scripts_without_materials_bundle_stay_as_they_are():
    """A theme that renamed its bundle is left alone (the built pages' test below then fails)."""
    renamed = '<script src="../assets/javascripts/material.min.js"></script>'
    assert material_bundle_started_by_page(f"{renamed}\n{CALCULATORS}", starter) == f"{renamed}\n{CALCULATORS}"


def test_every_built_page_starts_materials_bundle_itself_after_its_own_scripts(built_site):
    """No page names the bundle in a script tag of its own; each has the one script that starts it,
    with the bundle's address (with its digest), before the site's modules."""
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        tags = re.findall(r"<script\b[^>]*>", html)
        assert not [tag for tag in tags if re.search(r'\bsrc="[^"]*bundle\.\w+\.min\.js', tag)], page
        starters = [tag for tag in tags if "data-bundle-url" in tag]
        assert len(starters) == 1, page
        assert re.search(r'data-bundle-url="[^"]*assets/javascripts/bundle\.\w+\.min\.js\?v=\w+"', starters[0]), page
        assert tags.index(starters[0]) < next(index for index, tag in enumerate(tags) if "calculators.js" in tag), page
