"""A second build of the site for the browser tests that need the site's own address: published
under a sub-path (as operators may), and built for the loopback address it is served from, so that
Material's instant navigation (which follows only the links its sitemap lists) is on."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.pages.test_preview import _free_port
from tests.support.site import PROJECT_ROOT, build_site, serve_directory

SUB_PATH = "speed/"


@pytest.fixture(scope="session")
def site_under_a_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL ("http://127.0.0.1:PORT/speed/") of the site built for exactly that address."""
    root = tmp_path_factory.mktemp("published")
    port = _free_port()
    base = f"http://127.0.0.1:{port}/{SUB_PATH}"
    build_site(PROJECT_ROOT, root / SUB_PATH, site_url=base)
    with serve_directory(root, port=port):
        yield base
