"""The map's legend: province fill bins, the batches in view, the revoked and unverified rings (escaped)."""

from __future__ import annotations

import streamlit as st

from geo import i18n
from geo.textsafe import html_escape

STYLE = (
    "<style>.lg-row{display:flex;align-items:center;gap:.45rem;font-size:.85rem;line-height:1.5;"
    "word-break:keep-all}"
    ".lg-box{width:1.1rem;height:.8rem;border:1px solid #999;display:inline-block;flex:none}"
    ".lg-dot{width:.8rem;height:.8rem;border-radius:50%;border:1.5px solid #fff;flex:none;"
    "box-shadow:0 0 0 1px #888;display:inline-block}"
    ".lg-ring{width:.8rem;height:.8rem;border-radius:50%;border:2.5px solid #555;"
    "display:inline-block;flex:none}"
    ".lg-halo{width:.8rem;height:.8rem;border-radius:50%;background:#bbb;border:1.5px solid #fff;flex:none;"
    "display:inline-block;margin:0 .15rem}"
    ".lg-h{font-weight:600;margin:.4rem 0 .2rem}"
    # Comparing with an earlier date: designated since (larger), revoked since (cross), unchanged (pale).
    ".lg-new{width:1rem;height:1rem;border-radius:50%;background:#555;border:1.5px solid #fff;flex:none;"
    "box-shadow:0 0 0 1px #888;display:inline-block}"
    ".lg-same{width:.8rem;height:.8rem;border-radius:50%;background:#555;opacity:.3;flex:none;display:inline-block}"
    ".lg-gone{width:1rem;flex:none;text-align:center;font-weight:700;font-size:1.1rem;color:#b00020;line-height:1}"
    # Streamlit pulls markdown up by 1rem, expecting a paragraph's margin below it.
    ".lg-nw{white-space:nowrap}.lg{margin-bottom:1rem}</style>"
)


def legend(entries: dict[str, list[tuple[str, str]]], lang: str) -> None:
    """Swatches for the province fill, the batches in view, the revoked ring and the unverified ring; when
    comparing with an earlier date, the marks of the zones designated and revoked since then and the rest."""

    def words(text: str) -> str:  # a line may break between the parts, never inside a document number
        if " · " not in text:
            return html_escape(text)
        return " · ".join(f'<span class="lg-nw">{html_escape(part)}</span>' for part in text.split(" · "))

    def rows(items, shape, wide=()):
        return "".join(
            f'<div class="lg-row{" lg-wide" if text in wide else ""}">'
            f'<span class="lg-{shape}" style="background:{colour}"></span><span>{words(text)}</span></div>'
            for colour, text in items
        )

    window = entries.get("window", [])
    marks = {"new": "", "same": "", "gone": "×"}
    html = (
        STYLE
        + '<div class="lg">'
        + f'<div class="lg-h">{html_escape(i18n.t("legend_fill", lang))}</div>'
        + '<div class="lg-fill">'  # the fill bins go in two columns in presenter mode
        + rows(entries["fill"], "box", wide={i18n.t("legend_na", lang)})
        + "</div>"
        + f'<div class="lg-h">{html_escape(i18n.t("legend_batch", lang))}</div>'
        + rows(entries["batch"], "dot")
        + f'<div class="lg-row"><span class="lg-ring" style="background:transparent"></span>'
        f"{html_escape(i18n.t('legend_revoked', lang))}</div>"
        + "".join(
            f'<div class="lg-row"><span class="lg-halo" style="box-shadow:0 0 0 2px #fff,'
            f'0 0 0 3.5px {colour}"></span><span>{words(text)}</span></div>'
            for colour, text in entries.get("unverified", [])
        )
        + "".join(
            f'<div class="lg-h">{html_escape(text)}</div>'
            if kind == "head"
            else f'<div class="lg-row"><span class="lg-{kind}">{marks[kind]}</span>'
            f"<span>{words(text)}</span></div>"
            for kind, text in window
        )
        + "</div>"
    )
    st.markdown(html, unsafe_allow_html=True)
