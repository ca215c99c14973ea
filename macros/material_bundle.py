"""Material's bundle, started by the page once its own scripts have run: on a visit that restores
Python from the device, once the page's first live result shows.

Material writes its bundle at the end of the body, a script the parser stops for, and the site's
`extra_javascript` modules after it. With a phone's processor (the benchmark's 4x slowdown) the
bundle runs for 0.3-0.4 s, and its DOMContentLoaded work for 0.1-0.2 s more: a first result that
reached the page while they ran waited for both. Deferring the bundle behind calculators.js was
not enough: the page's thread runs the deferred scripts before the worker's message whenever both
are waiting. Here the bundle's tag is replaced by a small script (partials/material-bundle.html)
that starts it at DOMContentLoaded, or, when Python is being restored from the device for a
calculator the page is there for, once that calculator's first result shows (at most a second
later).
"""

from __future__ import annotations

import re
from collections.abc import Callable

MATERIAL_BUNDLE = re.compile(r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def material_bundle_started_by_page(scripts: str, starter: Callable[[str], str]) -> str:
    """Material's `scripts` block as rendered (its bundle, then the `extra_javascript` tags), with
    the bundle's tag replaced by `starter(its address)` (the macro of partials/material-bundle.html).
    Unchanged when there is no bundle (a theme update that renames it is caught by the build's
    test, not here)."""
    bundle = MATERIAL_BUNDLE.search(scripts)
    if not bundle:
        return scripts
    return scripts[: bundle.start()] + str(starter(bundle["src"])) + scripts[bundle.end() :]
