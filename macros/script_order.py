"""The calculators' script before Material's, so that a page shows its calculator's first result
before Material sets itself up.

Material writes its bundle at the end of the body, a script the parser stops for, and the site's
`extra_javascript` modules after it: they run only once the parser has finished, after the bundle.
With a phone's processor (the benchmark's 4x slowdown) the bundle takes 0.3-0.5 s, and a first
result Python worked out ahead waited for it. Here the bundle is deferred, which runs it at the
same point of the page (the end of the body is the end of parsing) but in document order with the
modules, and calculators.js is put before it: the first result shows, then Material runs. The
other modules stay after the bundle; calculators.js subscribes to Material's `document$` once the
page is parsed (DOMContentLoaded), when the bundle has run.
"""

from __future__ import annotations

import re

MATERIAL_BUNDLE = re.compile(r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
CALCULATORS_SCRIPT = re.compile(r'<script src="[^"]*assets/javascripts/calculators\.js"[^>]*></script>')


def calculators_first(scripts: str) -> str:
    """Material's `scripts` block as rendered (its bundle, then the `extra_javascript` tags), with
    the calculators' script first and the bundle deferred. Unchanged when either is missing (a
    theme update that renames them is caught by the build's test, not here)."""
    bundle = MATERIAL_BUNDLE.search(scripts)
    calculators = CALCULATORS_SCRIPT.search(scripts)
    if not bundle or not calculators or calculators.start() < bundle.start():
        return scripts
    deferred = f'<script src="{bundle["src"]}" defer></script>'
    rest = scripts[: calculators.start()] + scripts[calculators.end() :]
    return rest.replace(bundle[0], calculators[0] + "\n" + deferred, 1)
