"""The inline scripts the Content-Security-Policy must allow are found without parsing each whole
page: only the script elements are read, and they give what a whole-page parse gives."""

from __future__ import annotations

from macros import security

PAGE = """<!doctype html><html><head><meta charset="utf-8">
<script>__md_scope=new URL("../..",location)</script>
<SCRIPT TYPE="module">import("./a.mjs")</SCRIPT>
<script id="__config" type="application/json">{"base": ".."}</script>
<script src="assets/javascripts/bundle.js"></script>
<script data-note='a > b' >if (1 > 0) { go("</scrip") }</script >
</head><body>
<!-- a template left out: <script>never()</script> -->
<p>Text about a &lt;script&gt; tag.</p><pre><code>&lt;script&gt;shown()&lt;/script&gt;</code></pre>
<script type="application/ld+json">{"@type": "Article"}</script>
<script>last()</script></body></html>"""


def whole_page_parse(html: str) -> list[str]:
    parser = security._InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def test_the_scripts_found_are_those_a_whole_page_parse_finds():
    assert security.inline_scripts(PAGE) == whole_page_parse(PAGE) == [
        '__md_scope=new URL("../..",location)',
        'import("./a.mjs")',
        'if (1 > 0) { go("</scrip") }',
        "last()",
    ]


def test_a_page_without_scripts_has_none():
    assert security.inline_scripts("<p>No script, <!-- nor here --> anywhere.</p>") == []
