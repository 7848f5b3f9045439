"""The charts page: zones per province (count or coverage), over time, and by region and location."""

import datetime as dt

import streamlit as st

from geo import charts, i18n
from views import common

ctx = common.ctx()
lang = ctx.lang
t = lambda k, **kw: i18n.t(k, lang, **kw)  # noqa: E731
data = ctx.data

st.title(t("page_charts"))
if ctx.view.empty:
    st.info(t("empty_state"), icon="🔎")
    st.stop()
st.caption(t("ch_active_note"))

measure = st.segmented_control(
    t("ch_measure"),
    ["count", "coverage"],
    format_func=lambda m: t(f"ch_measure_{m}"),
    default="count",
    required=True,
    key="chart_measure",
)
st.altair_chart(
    charts.province_chart(ctx.view, data.reg.provinces, data.prefectures, lang, measure=measure),
    width="stretch",
    theme=None,
)
st.altair_chart(
    charts.cumulative_chart(ctx.view, data.reg.batches, lang, ctx.filters.asof or dt.date.today()),
    width="stretch",
    theme=None,
)
for kind in ("region", "location"):
    st.altair_chart(charts.category_chart(ctx.view, kind, lang), width="stretch", theme=None)
