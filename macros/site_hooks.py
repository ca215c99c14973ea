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
from urllib.parse import urlsplit

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


def on_pre_build(config):
    """A writer's mistakes become one-line messages with file and line (`macros/writer_problems.py`),
    MkDocs' own link and `nav` warnings among them; the preview shows them on their pages instead
    of stopping at the first one. (After every `on_config`: mkdocs-macros puts the project on
    `sys.path`.)"""
    from macros import mkdocs_warnings, writer_problems

    docs_dir = Path(config.docs_dir)
    translation = mkdocs_warnings.Translation(
        writer_problems.problems_of(config), lambda file: (docs_dir / file).read_text(encoding="utf-8")
    )
    mkdocs_warnings.translate_mkdocs_warnings(translation)
    if serving():
        mkdocs_warnings.forgive_warnings_in_preview()


def on_page_markdown(markdown, page, config, files):
    """A page without its title or description in front matter is reported."""
    from macros import front_matter, writer_problems

    for problem in front_matter.front_matter_problems(page):
        writer_problems.problems_of(config).report(problem)
    return markdown


def on_page_content(html, page, config, files):
    """The HTML blocks hidden from Markdown back in the page (`macros/deferred_html.py`); the ids
    inside them and inside its deferred parts count for MkDocs' link check."""
    from macros import deferred_html

    deferred = deferred_html.deferred_of(config)
    page.present_anchor_ids = (page.present_anchor_ids or set()) | deferred.anchor_ids(html)
    return deferred.show(html)


@event_priority(100)  # first: every other step sees the page as the reader gets it
def on_post_page(output, page, config):
    """The page as written: its deferred parts back in place."""
    from macros import deferred_html

    return deferred_html.deferred_of(config).restore(output)


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
    from macros import asset_versions, deploy, security
    deploy.drop_source_maps(site_dir)
    root = urlsplit(config.site_url or "/").path or "/"  # the site's path on its host
    asset_versions.version_assets(site_dir, root)  # before the policy and the precache: they see the final files
    policy = security.secure_pages(site_dir)  # before the service worker: it precaches the final pages
    from macros import offline
    offline.write_service_worker(site_dir, Path(config.config_file_path).parent)
    deploy.write_host_files(site_dir, config.site_url, policy)  # after: _headers names sw.js too
    from macros import compression
    compression.precompress(site_dir)  # last: it compresses what the steps before wrote


def on_env(env, config, files):
    """Template filters: `page | breadcrumbs`, `page | structured_data(config)`, `page | is_article`;
    `scripts | aq_material_bundle_started_by_page(macro)` (macros/material_bundle.py);
    `aq_offline`, true in a published build (whose pages name its service worker); and
    `aq_module_scripts`, the site's module scripts and their imports (macros/module_preload.py).

    Every page is read by now, so what needs all of them is checked here, before any page is
    written (the preview shows the problems on their pages): links to headings (MkDocs checks them
    again after writing the pages; each problem is reported once), and `coming_soon(...)` calls
    whose article is published."""
    from macros import article_blocks, material_bundle, module_preload, structured_data, writer_problems

    problems = writer_problems.problems_of(config)
    pages = [file.page for file in files.documentation_pages() if file.page is not None]
    for page in pages:
        page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
    for problem in article_blocks.now_published(config.get(article_blocks.PROMISED_KEY, []), pages):
        problems.report(problem)

    env.filters["breadcrumbs"] = structured_data.breadcrumbs
    env.filters["structured_data"] = structured_data.structured_data
    env.filters["is_article"] = structured_data.is_article
    env.filters["aq_material_bundle_started_by_page"] = material_bundle.material_bundle_started_by_page
    env.globals["aq_offline"] = not serving()  # a published build: pages name its service worker
    modules = [script.path for script in config.extra_javascript if getattr(script, "type", None) == "module"]
    env.globals["aq_module_scripts"] = module_preload.module_graph(Path(config.theme.custom_dir), modules)
    return env


def on_page_context(context, page, config, nav):
    """The preview shows a page's problems above its content (a strict build has failed on them).
    A page with calculators gets `aq_early_downloads`, what its head needs to decide which it is
    there for and to begin Pyodide's downloads (macros/early_downloads.py)."""
    from macros import early_downloads, writer_problems

    notice = writer_problems.problems_of(config).notice_html(page.file.src_path)
    if notice:
        page.content = notice + (page.content or "")
    context["aq_early_downloads"] = early_downloads.early_downloads_of(config).for_head(page.file.src_path)
    return context
