"""Make text from URLs and data files safe to show literally (Markdown, HTML) and short enough to show."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:=&%^])")


def md_escape(value: object) -> str:
    """Escape Markdown (and inline HTML) so that Streamlit shows the value exactly as written."""
    return _MD_SPECIAL.sub(r"\\\1", str(value))


def html_escape(value: object) -> str:
    """Escape for an HTML context."""
    return html.escape(str(value), quote=True)


def safe_url(value: object) -> str | None:
    """The value if it is a plain http(s) URL, else None (never a javascript: or data: link)."""
    text = str(value or "").strip()
    return text if re.fullmatch(r"https?://[^\s<>\"']+", text) else None


def shorten(value: object, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when cut; control characters dropped."""
    text = "".join(ch for ch in str(value) if ch.isprintable() or ch == " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
