"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): give the theme's templates the site's
breadcrumbs and structured data.

MkDocs loads this file by its path, before mkdocs-macros puts the project on `sys.path`, so the
project root is added here to import the rest of `macros/` as a package.
"""

from __future__ import annotations

import sys
from pathlib import Path

_PROJECT_ROOT = str(Path(__file__).resolve().parent.parent)
if _PROJECT_ROOT not in sys.path:
    sys.path.insert(0, _PROJECT_ROOT)

from macros import structured_data  # noqa: E402


def on_env(env, config, files):
    """Template filters: `page | breadcrumbs`, `page | structured_data(config)`, `page | is_article`."""
    env.filters["breadcrumbs"] = structured_data.breadcrumbs
    env.filters["structured_data"] = structured_data.structured_data
    env.filters["is_article"] = structured_data.is_article
    return env
