"""The map of a view as one self-contained HTML file: deck.gl, geometry and texts inlined, nothing fetched."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from geo import i18n
from geo.paths import DECK_BUNDLE, STATIC_DIR, STATIC_URL
from geo.textsafe import html_escape

# The page's own style; system fonts only (no web font is fetched).
STYLE = """
html,body{margin:0;height:100%}
body{display:grid;grid-template-columns:minmax(0,1fr) 17rem;grid-template-rows:auto minmax(22rem,1fr) auto;
 font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","Microsoft YaHei",
 "PingFang SC",sans-serif;color:#1f1f1f;background:#fff}
header{grid-column:1/-1;padding:.8rem 1rem .4rem}
h1{font-size:1.45rem;margin:0;line-height:1.25}
.sub{margin:.3rem 0 0;color:#3d3d3d}
main{position:relative;min-height:22rem;border-top:1px solid #e4e4e4;border-bottom:1px solid #e4e4e4}
#map{position:absolute;inset:0}
aside{padding:.4rem 1rem;overflow:auto;font-size:.85rem}
footer{grid-column:1/-1;padding:.4rem 1rem .7rem;font-size:.8rem;color:#555}
footer p{margin:.1rem 0}
.lg-h{font-weight:600;margin:.5rem 0 .2rem}
.lg-row{display:flex;align-items:center;gap:.45rem;line-height:1.5}
.lg-box{width:1.1rem;height:.8rem;border:1px solid #999;flex:none}
.lg-dot{width:.8rem;height:.8rem;border-radius:50%;border:1.5px solid #fff;box-shadow:0 0 0 1px #888;
 flex:none}
.lg-ring{width:.8rem;height:.8rem;border-radius:50%;border:2.5px solid #555;flex:none}
.lg-line{width:1.1rem;height:.8rem;border:1px solid #1f3a5f;background:rgba(31,58,95,.11);flex:none}
.lg-new{width:1rem;height:1rem;border-radius:50%;background:#555;border:1.5px solid #fff;
 box-shadow:0 0 0 1px #888;flex:none}
.lg-same{width:.8rem;height:.8rem;border-radius:50%;background:#555;opacity:.3;flex:none}
.lg-gone{width:1rem;flex:none;text-align:center;font-weight:700;font-size:1.1rem;color:#b00020;line-height:1}
.error_text{position:absolute;z-index:100;color:#b00;background:#fff;white-space:pre-wrap}
@media (max-width:720px){body{grid-template-columns:1fr;grid-template-rows:auto 70vh auto auto}}
"""

# The browser itself refuses to fetch anything: only inline scripts and styles, data: and blob: URLs (and
# WebAssembly compiled from inline bytes: long.js, in the bundle, tries it once at start).
CSP = (
    "default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'unsafe-inline'; "
    "img-src data: blob:; worker-src blob:; connect-src data: blob:"
)

# Starts deck.gl from the inlined bundle (createDeck is pydeck's: the JSON converter and the text tooltip).
BOOT = """
(function () {
  var read = function (id) { return JSON.parse(document.getElementById(id).textContent); };
  window.deckInstance = createDeck({
    container: document.getElementById('map'),
    jsonInput: read('deck-spec'),
    tooltip: read('deck-tooltip'),
    showError: true
  });
})();
"""


@dataclass(frozen=True)
class PageText:
    """The words around the map, as plain text (escaped when the page is written)."""

    title: str
    subtitle: str
    source: str
    lang: str


def static_name(url: object) -> str | None:
    """The file name in static/ that a layer's `data` URL points at, or None when it is not such a URL."""
    if not isinstance(url, str) or not url.startswith(STATIC_URL):
        return None
    return url[len(STATIC_URL) :].split("?", 1)[0].split("#", 1)[0]


def static_names(spec: Mapping) -> list[str]:
    """The static files the deck's layers would fetch from the app, in layer order."""
    names = (static_name(layer.get("data")) for layer in spec.get("layers") or [])
    return list(dict.fromkeys(n for n in names if n))


def offline_spec(spec: Mapping, files: Mapping[str, object]) -> dict:
    """A copy of the deck JSON that needs nothing from a server: every layer whose data is a static URL
    gets that file's content inline, and there is no basemap (its style and tiles would come from the web)."""
    out = copy.deepcopy(dict(spec))
    for layer in out.get("layers") or []:
        name = static_name(layer.get("data"))
        if name is not None:
            if name not in files:
                raise KeyError(f"no content given for the static file {name!r}")
            layer["data"] = files[name]
    for key in ("mapProvider", "mapStyle", "description"):  # description: deck.gl would show it as HTML
        out.pop(key, None)
    return out


_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(value: object) -> str:
    """Compact JSON that cannot end or confuse the <script> element it sits in: '<', '>', '&' and the
    line separators are written as \\u escapes (they occur only inside JSON strings, where that is legal)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_UNSAFE[m.group()], text)


def script_code(js: str) -> str:
    """JavaScript source made safe to inline in a <script> element: any '</script' or '<!--' (which would
    end the element or change how it is parsed) written as \\x3C, valid in strings, templates and regular
    expressions, where such text can occur; and no source-map reference (it would name a file we lack)."""
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    return re.sub(r"<(?=/script|!--)", r"\\x3C", js, flags=re.IGNORECASE)


def legend_html(legend: Mapping[str, list[tuple[str, str]]], lang: str) -> str:
    """The legend as HTML: province fill bins, the batches in view, revoked markers, zone outlines."""
    t = i18n.Translator(lang)

    def rows(items, shape: str) -> str:
        return "".join(
            f'<div class="lg-row"><span class="lg-{shape}" style="background:{html_escape(colour)}"></span>'
            f"<span>{html_escape(label)}</span></div>"
            for colour, label in items
        )

    def row(shape: str, label: str, mark: str = "") -> str:
        swatch = f'<span class="lg-{shape}">{mark}</span>'
        return f'<div class="lg-row">{swatch}<span>{html_escape(label)}</span></div>'

    def head(label: str) -> str:
        return f'<div class="lg-h">{html_escape(label)}</div>'

    window = "".join(  # comparing with an earlier date: its heading, then the marks (geo.mapview)
        head(label) if kind == "head" else row(kind, label, "×" if kind == "gone" else "")
        for kind, label in legend.get("window", [])
    )

    return (
        f'<div class="lg-h">{html_escape(t("legend_fill"))}</div>'
        + rows(legend.get("fill", []), "box")
        + f'<div class="lg-h">{html_escape(t("legend_batch"))}</div>'
        + rows(legend.get("batch", []), "dot")
        + row("ring", t("legend_revoked"))
        + row("line", t("legend_outline"))
        + window
    )


def map_html(
    spec: Mapping,
    tooltip: object,
    text: PageText,
    legend: Mapping[str, list[tuple[str, str]]],
    files: Mapping[str, object],
    deck_js: str,
) -> bytes:
    """One HTML page (UTF-8) showing the deck: `spec` is the deck's JSON (as build_deck writes it),
    `tooltip` its tooltip setting, `files` the content of the static files its layers name, `deck_js` the
    deck.gl bundle. Every text is escaped: data cannot add markup, and nothing is fetched from a network."""
    lang = i18n.norm_lang(text.lang)
    t = i18n.Translator(lang)
    page = f"""<!DOCTYPE html>
<html lang="{"zh-Hans" if lang == "zh" else "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{html_escape(text.title)}</title>
<style>{STYLE}</style>
</head>
<body>
<header><h1>{html_escape(text.title)}</h1><p class="sub">{html_escape(text.subtitle)}</p></header>
<main><div id="map" role="img" aria-label="{html_escape(text.title)}"></div></main>
<aside>{legend_html(legend, lang)}</aside>
<footer><p>{html_escape(t("html_hint"))}</p><p class="source">{html_escape(text.source)}</p></footer>
<script type="application/json" id="deck-spec">{script_json(offline_spec(spec, files))}</script>
<script type="application/json" id="deck-tooltip">{script_json(tooltip)}</script>
<script>{script_code(deck_js)}</script>
<script>{BOOT}</script>
</body>
</html>
"""
    return page.encode("utf-8")


@cache
def deck_bundle() -> str:
    """pydeck's deck.gl browser bundle (read once per process; about 4.2 MB)."""
    return DECK_BUNDLE.read_text(encoding="utf-8")


def read_static(names: list[str]) -> dict[str, object]:
    """The parsed content of the named files in static/ (plain file names only, never a path)."""
    for name in names:
        if not re.fullmatch(r"[\w-]+(\.[\w-]+)*", name):
            raise ValueError(f"not a file name in static/: {name!r}")
    return {name: json.loads((STATIC_DIR / name).read_text(encoding="utf-8")) for name in names}


def interactive_map(deck, text: PageText, legend: Mapping[str, list[tuple[str, str]]]) -> bytes:
    """The HTML file of a pydeck Deck (as geo.mapview builds it): reads the static geometry and the bundle.
    The tooltip setting is read where Streamlit reads it (pydeck keeps it beside the JSON)."""
    spec = json.loads(deck.to_json())
    tooltip = getattr(deck, "_tooltip", None)
    return map_html(spec, tooltip, text, legend, read_static(static_names(spec)), deck_bundle())
