"""The map's legend: province fill bins, the batches in view, the revoked and unverified rings (escaped)."""

from __future__ import annotations

import streamlit as st

from geo import i18n
from geo.textsafe import html_escape

STYLE = (
    "<style>.lg-row{display:flex;align-items:center;gap:.45rem;font-size:.85rem;line-height:1.5}"
    ".lg-box{width:1.1rem;height:.8rem;border:1px solid #999;display:inline-block;flex:none}"
    ".lg-dot{width:.8rem;height:.8rem;border-radius:50%;border:1.5px solid #fff;flex:none;"
    "box-shadow:0 0 0 1px #888;display:inline-block}"
    ".lg-ring{width:.8rem;height:.8rem;border-radius:50%;border:2.5px solid #555;"
    "display:inline-block;flex:none}"
    ".lg-halo{width:.8rem;height:.8rem;border-radius:50%;background:#bbb;border:1.5px solid #fff;flex:none;"
    "display:inline-block;margin:0 .15rem}"
    ".lg-h{font-weight:600;margin:.4rem 0 .2rem}</style>"
)


def legend(entries: dict[str, list[tuple[str, str]]], lang: str) -> None:
    """Swatches for the province fill, the batches in view, the revoked ring and the unverified ring."""

    def rows(items, shape):
        return "".join(
            f'<div class="lg-row"><span class="lg-{shape}" style="background:{colour}"></span>'
            f"{html_escape(text)}</div>"
            for colour, text in items
        )

    html = (
        STYLE
        + f'<div class="lg-h">{html_escape(i18n.t("legend_fill", lang))}</div>'
        + rows(entries["fill"], "box")
        + f'<div class="lg-h">{html_escape(i18n.t("legend_batch", lang))}</div>'
        + rows(entries["batch"], "dot")
        + f'<div class="lg-row"><span class="lg-ring" style="background:transparent"></span>'
        f"{html_escape(i18n.t('legend_superseded', lang))}</div>"
        + "".join(
            f'<div class="lg-row"><span class="lg-halo" style="box-shadow:0 0 0 2px #fff,'
            f'0 0 0 3.5px {colour}"></span>{html_escape(text)}</div>'
            for colour, text in entries.get("unverified", [])
        )
    )
    st.markdown(html, unsafe_allow_html=True)
