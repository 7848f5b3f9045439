"""Make text from URLs and data files safe to show literally (Markdown, HTML) and short enough to show."""

from __future__ import annotations

import html
import re
import unicodedata

# Every ASCII punctuation character: CommonMark lets each be backslash-escaped, and an escaped one is
# never syntax (links, images, emphasis, code, HTML, entities, tables, headings, lists, KaTeX `$`, the
# `:red[...]` directives).
_ASCII_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
# After parsing, Streamlit's Markdown also rewrites plain text: GFM autolink literals (`http://…`, `www.…`,
# `a@b.cn` become links), emoji and icon shortcodes (`:smile:`, `:streamlit:`) and arrows (`->`, `<=`,
# `--`, …). No escape survives to that step, so an invisible WORD JOINER (U+2060) goes where one of those
# patterns would match, and only there: between ':' and '//', 'www' and '.', a word and '@', the opening
# ':' and the rest of a shortcode, and two of `-<>=~`. The text reads (and wraps) exactly as before.
WORD_JOINER = "\u2060"
_TEXT_TRANSFORMS = re.compile(
    r"(?<=:)(?=//)|(?i:(?<=www)(?=\.))|(?<=[-.\w+])(?=@[-\w]+\.)|(?<=:)(?=[\w+-]+:)|(?<=[-<>=~])(?=[-<>=~])"
)
_WHITESPACE_RUN = re.compile(r"\s+")
_KEPT_FORMAT = "\u200c\u200d"  # zero-width (non-)joiner: part of emoji sequences and some scripts


def one_line(value: object) -> str:
    """The value on one line: control and format characters dropped, every run of whitespace (newlines,
    tabs) one space."""
    text = "".join(ch for ch in str(value) if ch.isspace() or not _invisible(ch))
    return _WHITESPACE_RUN.sub(" ", text).strip()


def _invisible(ch: str) -> bool:
    category = unicodedata.category(ch)
    # Cf: bidi overrides that would reorder what is shown, zero-width marks; joiners inside words stay.
    return category == "Cc" or (category == "Cf" and ch not in _KEPT_FORMAT)


def md_escape(value: object) -> str:
    """The value as Markdown that Streamlit shows exactly as written, on one line: no link, image,
    formatting, HTML, KaTeX, directive, emoji, icon or arrow comes out of it."""
    text = _TEXT_TRANSFORMS.sub(WORD_JOINER, one_line(value))  # before escaping: '\\' + '@' stays an escape
    return _ASCII_PUNCT.sub(r"\\\1", text)


def html_escape(value: object) -> str:
    """Escape for an HTML context, on one line (a newline inside Markdown's raw HTML would end it)."""
    return html.escape(one_line(value), quote=True)


def safe_url(value: object) -> str | None:
    """The value if it is a plain http(s) URL, else None (never a javascript: or data: link)."""
    text = str(value or "").strip()
    return text if re.fullmatch(r"https?://[^\s<>\"']+", text) else None


def shorten(value: object, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when cut; control characters dropped."""
    text = "".join(ch for ch in str(value) if ch.isprintable() or ch == " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
