"""The site's module scripts come before Material's script, which is deferred: both run once the
page is parsed, the calculators' first (macros/script_order.py)."""

from __future__ import annotations

import re

from macros.script_order import site_scripts_first

MATERIAL = '<script src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>'
SITE = '<script src="../../assets/javascripts/calculators.js" type="module"></script>'


def test_material_s_script_moves_after_the_site_s_deferred():
    block = f"\n      {MATERIAL}\n      \n        {SITE}\n      \n"
    assert site_scripts_first(block) == (
        f'\n      {SITE}\n      <script defer src="../../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
    )


def test_a_block_without_material_s_script_is_left_as_it_is():
    assert site_scripts_first(f"  {SITE}\n") == f"  {SITE}\n"


def test_every_built_page_runs_the_site_s_scripts_before_material_s(built_site):
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        scripts = re.findall(r"<script ([^>]*src=[^>]*)>", html)
        material = [index for index, script in enumerate(scripts) if "/bundle." in script]
        site = [index for index, script in enumerate(scripts) if 'type="module"' in script]
        assert len(material) == 1 and site, page
        assert scripts[material[0]].startswith("defer "), page
        assert max(site) < material[0], page
