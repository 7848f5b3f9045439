"""Pieces of the map page: headline figures, timeline, legend, selection and the detail panel."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from geo import i18n
from geo.asof import step_index
from geo.fonts import INSTALL_HINT, cjk_font_available
from geo.textsafe import html_escape, md_escape, safe_url
from views.common import Context

PRESENTER_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], header[data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], footer { display: none !important; }
.block-container { padding: 0.6rem 1.2rem 0 1.2rem !important; max-width: 100% !important; }
h1 { font-size: 1.9rem !important; padding: 0 0 .2rem 0 !important; }
[data-testid="stMetricValue"] { font-size: 1.8rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.05rem !important; }
.lg-row { font-size: 1.05rem !important; }
</style>
"""


def presenter_mode() -> bool:
    """Presenter mode: on when the URL says present=1; hides the chrome and enlarges the type."""
    on = st.query_params.get("present") == "1"
    if on:
        st.markdown(PRESENTER_CSS, unsafe_allow_html=True)
    return on


def _set_presenter(on: bool) -> None:
    if on:
        st.query_params["present"] = "1"
    else:
        st.query_params.pop("present", None)


def presenter_toggle(on: bool, lang: str) -> None:
    """A button that enters or leaves presenter mode (kept in the URL as present=1)."""
    label = i18n.t("presenter_exit" if on else "presenter_enter", lang)
    icon = ":material/close_fullscreen:" if on else ":material/slideshow:"
    st.button(label, on_click=_set_presenter, args=(not on,), key="presenter_button", icon=icon)


def headline(ctx: Context, view: pd.DataFrame, per_row: int = 4) -> None:
    """Zones shown, provinces with a zone, batches and the as-of date — all as of the filters."""
    lang = ctx.lang
    active = view[view["status_asof"] == "active"]
    superseded = int((view["status_asof"] == "superseded").sum())
    asof = ctx.filters.asof or dt.date.today()
    figures = [
        dict(
            label=i18n.t("m_zones", lang),
            value=len(view),
            delta=f"{superseded} {i18n.label('status', 'superseded', lang).lower()}" if superseded else None,
            delta_color="off",
            delta_arrow="off",
            help=i18n.t("m_zones_help", lang),
        ),
        dict(label=i18n.t("m_provinces", lang), value=active["province_code"].nunique()),
        dict(label=i18n.t("m_batches", lang), value=view["batch"].nunique()),
        dict(label=i18n.t("m_asof", lang), value=asof.isoformat()),
    ]
    for start in range(0, len(figures), per_row):
        for col, fig in zip(st.columns(per_row), figures[start : start + per_row], strict=False):
            col.metric(**fig)


def _jump(steps, key: str) -> None:
    index = st.session_state[key]
    st.session_state["_next_asof"] = "today" if index >= len(steps) else steps[index][1]
    st.session_state["playing"] = False


def _play(steps) -> None:
    st.session_state["_next_asof"] = steps[0][1]
    st.session_state["playing"] = True


def _stop() -> None:
    st.session_state["playing"] = False


def advance_playback(steps, asof: dt.date | None) -> None:
    """Move the as-of date to the next reply (then to today, and stop)."""
    position = step_index(steps, asof)
    if asof is None:
        st.session_state["playing"] = False
    elif position >= len(steps) - 1:
        st.session_state["_next_asof"] = "today"
        st.session_state["playing"] = False
    else:
        st.session_state["_next_asof"] = steps[position + 1][1]


def timeline(ctx: Context, steps) -> None:
    """A slider over the replies (plus today) and a play button that animates the roll-out."""
    lang = ctx.lang
    labels = [i18n.t("timeline_label", lang, batch=b, date=d.isoformat(), doc=doc) for b, d, doc in steps] + [
        i18n.t("timeline_all", lang)
    ]
    current = len(steps) if ctx.filters.asof is None else step_index(steps, ctx.filters.asof)
    st.session_state["_timeline"] = current
    slider_col, button_col = st.columns([5, 1], vertical_alignment="bottom")
    with slider_col:
        st.select_slider(
            i18n.t("timeline", lang),
            options=list(range(len(labels))),
            format_func=lambda i: labels[i],
            key="_timeline",
            on_change=_jump,
            args=(steps, "_timeline"),
        )
    with button_col:
        if st.session_state.get("playing"):
            st.button(i18n.t("stop", lang), on_click=_stop, width="stretch", key="stop_button")
        else:
            st.button(
                i18n.t("play", lang),
                on_click=_play,
                args=(steps,),
                width="stretch",
                key="play_button",
            )


def legend(entries: dict[str, list[tuple[str, str]]], lang: str) -> None:
    """Swatches for the province fill and for the batches in view (labels escaped)."""

    def rows(items, shape):
        return "".join(
            f'<div class="lg-row"><span class="lg-{shape}" style="background:{colour}"></span>'
            f"{html_escape(text)}</div>"
            for colour, text in items
        )

    html = (
        "<style>.lg-row{display:flex;align-items:center;gap:.45rem;font-size:.85rem;line-height:1.5}"
        ".lg-box{width:1.1rem;height:.8rem;border:1px solid #999;display:inline-block}"
        ".lg-dot{width:.8rem;height:.8rem;border-radius:50%;border:1.5px solid #fff;"
        "box-shadow:0 0 0 1px #888;display:inline-block}"
        ".lg-ring{width:.8rem;height:.8rem;border-radius:50%;border:2.5px solid #555;display:inline-block}"
        ".lg-h{font-weight:600;margin:.4rem 0 .2rem}</style>"
        f'<div class="lg-h">{html_escape(i18n.t("legend_fill", lang))}</div>'
        + rows(entries["fill"], "box")
        + f'<div class="lg-h">{html_escape(i18n.t("legend_batch", lang))}</div>'
        + rows(entries["batch"], "dot")
        + f'<div class="lg-row"><span class="lg-ring" style="background:transparent"></span>'
        f"{html_escape(i18n.t('legend_superseded', lang))}</div>"
    )
    st.markdown(html, unsafe_allow_html=True)


def selected_zone(event, layer_ids) -> str | None:
    """The zone_id of the clicked marker, if any."""
    try:
        objects = event.selection.get("objects", {})
    except AttributeError:
        return None
    for layer in layer_ids:
        for obj in objects.get(layer, []) or []:
            if isinstance(obj, dict) and obj.get("zone_id"):
                return str(obj["zone_id"])
    return None


def _clear() -> None:
    st.session_state.pop("zone", None)


def detail_panel(ctx: Context, zone_id: str | None) -> None:
    """Every attribute of the selected zone, its official document and link, and its confidence flag."""
    lang = ctx.lang
    t = lambda k: i18n.t(k, lang)  # noqa: E731
    with st.container(border=True, key="detail_panel"):
        st.markdown(f"**{md_escape(t('detail_title'))}**")
        zones = ctx.data.zones.set_index("zone_id")
        if not zone_id or zone_id not in zones.index:
            st.caption(t("detail_none"))
            return
        z = zones.loc[zone_id]
        first, second = (z.name_zh, z.name_en) if lang == "zh" else (z.name_en, z.name_zh)
        st.markdown(f"### {md_escape(first)}\n{md_escape(second)}")
        date = lambda v: v.date().isoformat() if pd.notna(v) else t("not_confirmed")  # noqa: E731
        rows = [
            (t("tt_province"), z.province_name_zh if lang == "zh" else z.province_name_en),
            (t("d_level"), i18n.label("level", z.level, lang)),
            (t("tt_location"), i18n.label("location", z.location, lang)),
            (t("tt_batch"), str(z.batch)),
            (t("tt_document"), f"{z.document_no} ({z.document_no_en})"),
            (t("tt_approved"), date(z.approved_on)),
            (t("d_published"), date(z.published_on)),
            (t("tt_status"), i18n.label("status", z.status, lang)),
            (
                t("d_superseded_by"),
                "" if pd.isna(z.superseded_by) else i18n.t("batch_n", lang, n=z.superseded_by),
            ),
            (t("d_confidence"), i18n.label("confidence", z.confidence, lang)),
            (t("d_adcodes"), z.adcodes),
            (t("d_marker"), f"{z.lat:.4f}°N, {z.lon:.4f}°E ({z.marker_source})"),
            (t("d_title"), (z.title_zh if lang == "zh" else z.title_en) or t("not_confirmed")),
            (t("d_note"), z.note),
        ]
        table = pd.DataFrame(
            {"field": [k for k, _v in rows], "value": ["" if pd.isna(v) else str(v) for _k, v in rows]}
        )
        st.table(table, border="horizontal", hide_index=True, hide_header=True)
        if z.confidence != "confirmed":
            st.warning(i18n.label("confidence", z.confidence, lang), icon=":material/warning:")
        for url in (z.source_url, z.source_url_alt):
            link = safe_url(url)
            if link:
                st.link_button(f"{t('d_source')}: {z.document_no}", link, width="stretch")
        st.button(t("clear_selection"), on_click=_clear, key="clear_zone")


def static_downloads(ctx: Context, view: pd.DataFrame) -> None:
    """PNG and SVG of the current view, drawn only when a button is clicked."""
    lang = ctx.lang
    if not cjk_font_available():
        st.warning(INSTALL_HINT, icon=":material/font_download_off:")
        return
    stem = f"pilot-zones-map_{ctx.filters.describe()}_{dt.date.today().isoformat()}"

    def render(fmt: str):
        def draw() -> bytes:
            from geo.staticmap import render_static_map  # matplotlib loads only when a picture is asked for

            asof = ctx.filters.asof or dt.date.today()
            return render_static_map(view, ctx.data.provinces_gdf, ctx.data.reg.batches, lang, fmt, asof=asof)

        return draw

    for fmt, mime, icon in (
        ("png", "image/png", ":material/image:"),
        ("svg", "image/svg+xml", ":material/draw:"),
    ):
        st.download_button(
            i18n.t(f"download_{fmt}", lang),
            render(fmt),
            file_name=f"{stem}.{fmt}",
            mime=mime,
            on_click="ignore",
            icon=icon,
            width="stretch",
            help=i18n.t("static_help", lang),
        )
