"""The charts page: zones per province (count or coverage), over time, and by region and location."""

import streamlit as st

from geo import charts, panelcharts
from views import context, controls, widgets

ctx = context.current()
tr, data = ctx.tr, ctx.data

st.title(tr("page_charts"))
st.caption(ctx.counts.headline(ctx.lang) + " · " + tr("as_of_day", date=ctx.asof.isoformat()))
if ctx.view.empty:
    widgets.empty_state(ctx)
    widgets.source_line(ctx)
    st.stop()
st.caption(tr("ch_active_note"))
controls.widget("measure", data, ctx.filters)
batches = data.registry.batches
st.altair_chart(
    charts.province_chart(
        ctx.view, data.registry.provinces, data.prefectures, ctx.lang, ctx.filters.measure, ctx.counts.since
    ),
    width="stretch",
    theme=None,
)
since = ctx.counts.since  # the window compared with, if usable
st.altair_chart(
    charts.cumulative_chart(ctx.view, batches, ctx.lang, ctx.asof, since), width="stretch", theme=None
)
for kind in ("region", "location"):
    st.altair_chart(charts.category_chart(ctx.view, kind, ctx.lang, since), width="stretch", theme=None)
if panelcharts.plan_lags(ctx.view, data.registry.plans).empty:
    st.caption(ctx.tr("ch_plan_none"))
else:
    st.altair_chart(
        panelcharts.plan_lag_chart(ctx.view, data.registry.plans, ctx.lang), width="stretch", theme=None
    )
widgets.source_line(ctx)
