"""Shared Streamlit plumbing for app.py and the pages: cached data, the sidebar filters, the view context."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import i18n
from geo.boundaries import (
    load_coastline,
    load_land_border,
    load_maritime,
    load_prefectures,
    load_provinces,
    load_zone_areas,
)
from geo.display import OUTLINE_FINE, Outlines, display_geometries
from geo.filters import Choices, Filters, Notice, build_choices, option_label, parse_query
from geo.filters import apply as apply_filters
from geo.join import location_class, zones_view
from geo.registry import DATA_DIR, Registry, RegistryError, load_registry

CTX_KEY = "_ctx"
FILTER_KEYS = ("province", "region", "batch", "level", "location", "q", "asof")


@dataclass(frozen=True)
class Data:
    """Everything that does not depend on the filters, loaded once per server."""

    reg: Registry
    zones: pd.DataFrame
    choices: Choices
    province_codes: list[str]
    outlines: Outlines
    provinces_gdf: gpd.GeoDataFrame
    maritime: list[dict]
    prefectures: pd.DataFrame
    last_day: dt.date


@dataclass(frozen=True)
class Context:
    """One script run's view: the data, the filters, the filtered zones and the language."""

    data: Data
    filters: Filters
    view: pd.DataFrame
    notices: tuple[Notice, ...]

    @property
    def lang(self) -> str:
        return self.filters.lang


# The registry folder can be pointed elsewhere (tests use broken and hostile copies); default: data/.
DATA_ENV = "PILOT_ZONES_DATA"


@st.cache_resource(show_spinner=False)
def load_data(data_dir: str | None = None) -> Data:
    """Read the registry and the committed boundary files, join them (raises RegistryError)."""
    reg = load_registry(data_dir or DATA_DIR)
    areas = load_zone_areas()
    location = location_class(areas, load_land_border(), load_coastline())
    zones = zones_view(reg, location)
    provinces = load_provinces()
    ids = areas["zone_id"].tolist()
    outlines = Outlines(
        order=ids, fine=dict(zip(ids, display_geometries(areas.geometry.values, OUTLINE_FINE), strict=True))
    )
    prefectures = pd.DataFrame(load_prefectures().drop(columns="geometry"))
    last_day = reg.batches["effective_on"].max().date()
    choices = build_choices(reg.provinces, reg.batches, last_day)
    maritime = [
        {"type": "Feature", "geometry": g.__geo_interface__, "properties": {}}
        for g in load_maritime().geometry
    ]
    province_codes = provinces["province_code"].tolist()
    return Data(reg, zones, choices, province_codes, outlines, provinces, maritime, prefectures, last_day)


def data_or_stop(lang: str) -> Data:
    """The data, or a readable error (file, row, column) and a stopped script — never a traceback."""
    try:
        return load_data(os.environ.get(DATA_ENV))
    except RegistryError as err:
        st.error(i18n.t("data_error", lang))
        st.code("\n".join(str(p) for p in err.problems), language=None)
        st.stop()
    except (OSError, ValueError) as err:
        st.error(i18n.t("data_error", lang))
        st.code(f"{type(err).__name__}: {err}", language=None)
        st.stop()


def _widget_value(param: str, value):
    """Filters value -> the value a widget holds."""
    if param in ("province", "region", "batch", "level", "location"):
        return list(value)
    return value


def seed_from_url(choices: Choices) -> None:
    """On a session's first run, read the URL: valid values seed the widgets, invalid ones become notices."""
    if "_seeded" in st.session_state:
        return
    raw = {k: st.query_params.get_all(k) for k in st.query_params.keys()}  # noqa: SIM118
    filters, notices = parse_query(raw, choices)
    for param in (*FILTER_KEYS, "lang"):
        value = getattr(filters, param)
        if value not in ((), "", None):
            st.session_state[param] = _widget_value(param, value)
    st.session_state.setdefault("lang", filters.lang)
    st.session_state["_notices"] = tuple(notices)
    st.session_state["_seeded"] = True


def reset_filters() -> None:
    """Back to the defaults (keeps the language)."""
    for key in FILTER_KEYS:
        st.session_state[key] = None if key == "asof" else "" if key == "q" else []
    st.session_state.pop("zone", None)
    st.session_state["playing"] = False


def sidebar(data: Data) -> tuple[Filters, tuple[Notice, ...]]:
    """The shared filters, bound to the URL; returns the Filters and the notices about the URL."""
    seed_from_url(data.choices)
    if "_next_asof" in st.session_state:  # set by the timeline before this run's widgets exist
        pending = st.session_state.pop("_next_asof")
        st.session_state["asof"] = None if pending == "today" else pending
    opts = data.choices.options
    provinces = data.reg.provinces
    with st.sidebar:
        lang = st.radio(
            i18n.t("language", st.session_state.get("lang", "en")),
            opts["lang"],
            format_func=lambda v: i18n.t(f"lang_{v}", "en"),
            horizontal=True,
            key="lang",
            bind="query-params",
        )
        t = lambda k: i18n.t(k, lang)  # noqa: E731
        st.header(t("filters"))
        picked = {}
        for name, widget in (
            ("province", st.multiselect),
            ("region", st.pills),
            ("batch", st.pills),
            ("level", st.multiselect),
            ("location", st.pills),
        ):
            # Multiselects show "All" when empty; pills choose several at once.
            extra = {"placeholder": t("f_all")} if widget is st.multiselect else {"selection_mode": "multi"}
            picked[name] = widget(
                t(f"f_{name}"),
                opts[name],
                format_func=lambda v, n=name: option_label(n, v, lang, provinces),
                key=name,
                bind="query-params",
                **extra,
            )
        q = st.text_input(t("f_q"), key="q", max_chars=100, bind="query-params")
        asof = st.date_input(
            t("f_asof"),
            value=None,
            min_value=dt.date(2015, 1, 1),
            max_value=max(dt.date.today(), data.last_day),
            help=t("f_asof_help"),
            key="asof",
            bind="query-params",
        )
        st.button(t("reset"), on_click=reset_filters, width="stretch", icon=":material/restart_alt:")
        st.subheader(t("display"))
        st.toggle(t("show_superseded"), value=True, key="show_superseded")
        st.toggle(t("basemap"), value=False, key="basemap")
    filters = Filters(
        province=tuple(picked["province"] or ()),
        region=tuple(picked["region"] or ()),
        batch=tuple(sorted(picked["batch"] or ())),
        level=tuple(picked["level"] or ()),
        location=tuple(picked["location"] or ()),
        q=(q or "").strip(),
        asof=asof if isinstance(asof, dt.date) else None,
        lang=i18n.norm_lang(lang),
    )
    return filters, st.session_state.get("_notices", ())


def build_context() -> Context:
    """Called by app.py once per run: load, read the filters, filter, and store the context for the pages."""
    lang = i18n.norm_lang(st.session_state.get("lang"))
    data = data_or_stop(lang)
    filters, notices = sidebar(data)
    view = apply_filters(data.zones, data.reg.batches, filters)
    ctx = Context(data, filters, view, notices)
    st.session_state[CTX_KEY] = ctx
    return ctx


def ctx() -> Context:
    """The current run's context (set by app.py before the page runs)."""
    return st.session_state[CTX_KEY]


def show_notices(context: Context) -> None:
    """Notices about ignored URL values, and the empty-state message."""
    for notice in context.notices:
        st.warning(notice.text(context.lang), icon=":material/warning:")


BASE_CSS = """
<style>
.block-container { padding-top: 2.2rem !important; padding-bottom: 1rem !important; }
h1 { font-size: 1.75rem !important; padding-top: 0 !important; }
[data-testid="stMetricValue"] { font-size: 1.9rem !important; }
</style>
"""


def page_style() -> None:
    """A compact layout so the map fits on a 1280x720 screen."""
    st.markdown(BASE_CSS, unsafe_allow_html=True)


def source_line(lang: str) -> None:
    st.caption(i18n.t("source_line", lang))
