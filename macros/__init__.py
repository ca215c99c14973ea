"""The MkDocs side of the site: what writers call from Markdown, through mkdocs-macros-plugin.

mkdocs-macros imports this package and calls `define_env`; each macro lives in a module of its own
and this file only registers them, so the list below is the full vocabulary a writer has.
"""

from __future__ import annotations

from macros import article_blocks, calculator_embed


def define_env(env) -> None:
    """Register the macros writers use in articles."""
    env.macro(article_blocks.divider)
    env.macro(article_blocks.coming_soon)
    env.macro(calculator_embed.calculator_macro(env), "calculator")
    env.macro(calculator_embed.explanation_macro(env), "calculator_explanation")
