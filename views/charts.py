"""The charts page: zones per province (count or coverage), over time, and by region and location."""

from functools import partial

import streamlit as st

from geo import charts, panelcharts
from views import context, controls, vega, widgets

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
since = ctx.counts.since  # the window compared with, if usable
measure = ctx.filters.measure
vega.chart(
    ctx,
    ("province", measure, since),
    lambda: charts.province_chart(
        ctx.view, data.registry.provinces, data.prefectures, ctx.lang, measure, since
    ),
)
vega.chart(
    ctx, ("cumulative", since), lambda: charts.cumulative_chart(ctx.view, batches, ctx.lang, ctx.asof, since)
)
for kind in ("region", "location"):
    vega.chart(ctx, (kind, since), partial(charts.category_chart, ctx.view, kind, ctx.lang, since))
if panelcharts.plan_lags(ctx.view, data.registry.plans).empty:
    st.caption(ctx.tr("ch_plan_none"))
else:
    vega.chart(
        ctx, ("plan-lag",), lambda: panelcharts.plan_lag_chart(ctx.view, data.registry.plans, ctx.lang)
    )
widgets.source_line(ctx)
