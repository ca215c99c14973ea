"""The site's module scripts run before Material's script, which is deferred after them.

Material writes its script (`bundle.HASH.min.js`) at the end of the body, where the parser stops
while it runs, and the site's module scripts (mkdocs.yml `extra_javascript`) after it; module
scripts run once the page is parsed, so after Material's, and the calculators' script enhanced its
sections only at Material's DOMContentLoaded, after Material's own work there. With the page's
thread slowed 4x, as a phone's, Material's script took about 0.6 s and its DOMContentLoaded work
as long again, while the calculator's Python, restored in its worker, waited for the page to ask.

So the scripts block is written with the site's scripts first and Material's script deferred:
both run once the page is parsed, in that order, before DOMContentLoaded, which is when Material
expects to run (its `document$` emits the page at DOMContentLoaded). The site's scripts follow
Material's instant navigation through `every-page.mjs`.
"""

from __future__ import annotations

import re

from markupsafe import Markup

_MATERIAL_SCRIPT = re.compile(r'<script src="([^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>\s*')


def site_scripts_first(block: str) -> Markup:
    """Material's scripts block with its own script moved after the site's, deferred. A block
    without that script (another version of Material) is left as it is (test_script_order.py
    checks the built pages)."""
    material = _MATERIAL_SCRIPT.search(block)
    if material is None:
        return Markup(block)
    site_scripts = (block[: material.start()] + block[material.end() :]).rstrip()
    return Markup(f'{site_scripts}\n      <script defer src="{material.group(1)}"></script>\n')
