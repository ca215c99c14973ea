"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): fresh project code on every build, the
browser runtime's files in the site, and the site's breadcrumbs and structured data for the theme.

MkDocs loads this file by its path, once per process, before mkdocs-macros puts the project on
`sys.path`, so the project root is added here to import the rest of `macros/` as a package. The
project's modules are imported inside the hooks, after `on_config` has dropped the copies a
previous `mkdocs serve` rebuild left in `sys.modules`: an edit to a calculator or a macro then
reaches the next rebuild instead of the first one's code running for ever.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from mkdocs.plugins import event_priority

_PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)
if _PROJECT_ROOT not in sys.path:
    sys.path.insert(0, _PROJECT_ROOT)

PROJECT_PACKAGES = ("calculators", "macros")
"""The project's own packages, re-imported by every build."""

_INVOCATION = {"command": "build"}
"""Which `mkdocs` command this process runs, set once by `on_startup` (the only hook told it)."""


def on_startup(command, dirty):
    """Remember whether this process publishes the site (`build`) or serves a writer's preview."""
    _INVOCATION["command"] = command


def serving() -> bool:
    """True under `mkdocs serve`: the preview skips what only a published site needs."""
    return _INVOCATION["command"] == "serve"


@event_priority(100)  # before mkdocs-macros imports `macros` in its own on_config
def on_config(config):
    """Forget the project's modules, so this build imports the sources as they are now; and tell
    the macros whether this is the writer's preview (`config["aq_preview"]`)."""
    for name in [name for name in sys.modules if name.split(".")[0] in PROJECT_PACKAGES]:
        del sys.modules[name]
    importlib.invalidate_caches()
    config["aq_preview"] = serving()
    return config


def on_files(files, config):
    """Add the calculators wheel and the self-hosted Pyodide runtime to the site."""
    from macros import browser_runtime

    project_root = Path(config.config_file_path).parent
    for file in browser_runtime.runtime_files(config, project_root, preview=serving()):
        files.append(file)
    return files


def on_post_build(config):
    """What only a published site needs, in order (each step sees the files of the steps before)."""
    if serving():
        return
    site_dir = Path(config.site_dir)
    # [published-site steps]
    from macros import offline
    offline.write_service_worker(site_dir, Path(config.config_file_path).parent)
    from macros import compression
    compression.precompress(site_dir)  # last: it compresses what the steps before wrote


def on_env(env, config, files):
    """Template filters: `page | breadcrumbs`, `page | structured_data(config)`, `page | is_article`;
    and `aq_offline`, true in a published build (whose pages name its service worker)."""
    from macros import structured_data

    env.filters["breadcrumbs"] = structured_data.breadcrumbs
    env.filters["structured_data"] = structured_data.structured_data
    env.filters["is_article"] = structured_data.is_article
    env.globals["aq_offline"] = not serving()  # a published build: pages name its service worker
    return env
