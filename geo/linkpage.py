"""The short page an over-long link gets instead of a bare error (served by nginx and by the app alone)."""

from __future__ import annotations

from geo import i18n
from geo.textsafe import html_escape

# Neither an at sign nor a dollar sign nor a single quote: the page is written into nginx's configuration
# (deploy/nginx.conf.template) inside single quotes, where those would mean something else.
STYLE = (
    "body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem;color:#1f1f1f}"
    "h1{font-size:1.4rem}a{color:#0b57d0}"
)


def link_too_long_html() -> str:
    """The page in both languages (the link's own language cannot be read), with a link to the map."""
    parts = []
    for lang in i18n.LANGS:
        t = i18n.Translator(lang)
        tag = "zh-Hans" if lang == "zh" else "en"
        title, body, link = (html_escape(t(k)) for k in ("long_title", "long_body", "long_open"))
        parts.append(
            f'<section lang="{tag}"><h1>{title}</h1><p>{body}</p><p><a href="/">{link}</a></p></section>'
        )
    title = " · ".join(i18n.t("long_title", lang) for lang in i18n.LANGS)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html_escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(parts)}</main></body></html>"
    )
