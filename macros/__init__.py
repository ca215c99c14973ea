"""The MkDocs side of the site: what writers call from Markdown, through mkdocs-macros-plugin.

mkdocs-macros imports this package and calls `define_env`; each macro lives in a module of its own
and this file only registers them, so the list below is the full vocabulary a writer has. The
plugin renders no page by itself (`render_by_default: false`): `on_post_page_macros` renders each
page with `macros.page_macros`, which turns a writer's mistake into a message on the page.
"""

from __future__ import annotations

from macros import article_blocks, calculator_embed, page_macros, squad_embed

WRITER_MACROS = ("calculator", "calculator_explanation", "squad", "divider", "coming_soon")
"""The names a writer may use between {{ and }} (what a message about an unknown name lists)."""


def define_env(env) -> None:
    """Register the macros writers use in articles."""
    env.macro(article_blocks.divider)
    env.macro(article_blocks.coming_soon_macro(env), "coming_soon")
    env.macro(calculator_embed.calculator_macro(env), "calculator")
    env.macro(calculator_embed.explanation_macro(env), "calculator_explanation")
    env.macro(squad_embed.squad_macro(env), "squad")


def on_post_page_macros(env) -> None:
    """Render the page's macros (the plugin left them as written)."""
    page_macros.render_page(env, WRITER_MACROS)
