"""The table page: the zones of the view, with downloads of exactly what is shown."""

import datetime as dt
import functools

import streamlit as st

from geo import export, provenance
from geo.filters import summary_rows
from views import context, state, widgets

ctx = context.current()
tr, data = ctx.tr, ctx.data
lang = ctx.lang

st.title(tr("page_table"))
frame = export.table_frame(ctx.view, lang)
st.caption(ctx.counts.headline(lang) + " · " + tr("as_of_day", date=ctx.asof.isoformat()))

names = export.headers(lang)
cc = st.column_config
config = {c: cc.TextColumn(names[c]) for c in frame.columns}
config |= {c: cc.CheckboxColumn(names[c]) for c in export.BOOL_COLUMNS}
config["batch"] = cc.NumberColumn(names["batch"], format="%d")
config |= {c: cc.NumberColumn(names[c], format="%.5f") for c in ("lon", "lat")}
config["source_url"] = cc.LinkColumn(names["source_url"], display_text=tr("tb_open"))
config["status"] = cc.TextColumn(names["status"], width="medium")
if frame.empty:
    widgets.empty_state(ctx)
widgets.search_answers(ctx)
st.dataframe(
    frame, column_config=config, hide_index=True, width="stretch", placeholder="—", key="zones_table"
)
widgets.source_line(ctx)

st.subheader(tr("tb_download"))
st.caption(tr("tb_download_help"))
today = dt.date.today()
rows = export.export_frame(ctx.view)  # the same rows, with the registry's column names and codes
source = ctx.source  # the view's provenance: its facts, the data version, the replies in effect on its day
summary = summary_rows(ctx.filters, data.vocab, lang)
metadata = provenance.view_metadata(source, summary, today, len(rows), lang, state.citation_url(ctx.filters))
csv_col, xlsx_col, geo_col = st.columns(3)
# Each file is built when its button is clicked, not on every run of the page (the XLSX takes about 0.2 s).
csv_col.download_button(
    tr("tb_csv"),
    functools.partial(export.to_csv, rows),
    file_name=export.file_name(ctx.filters, today, "csv"),
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="dl_csv",
)
xlsx_col.download_button(
    tr("tb_xlsx"),
    lambda: export.to_xlsx(
        rows,
        lang,
        provenance.batch_sources(data.registry.batches, data.zones, source.facts, lang),
        source.facts,
        metadata,
    ),
    file_name=export.file_name(ctx.filters, today, "xlsx"),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
    icon=":material/download:",
    key="dl_xlsx",
)
with geo_col:
    button_slot = st.container()
    outlines = st.checkbox(tr("tb_outlines"), key="dl_outlines")
    button_slot.download_button(
        tr("tb_geojson"),
        functools.partial(export.to_geojson, rows, data.outlines.fine if outlines else None, metadata),
        file_name=export.file_name(ctx.filters, today, "geojson"),
        mime="application/geo+json",
        on_click="ignore",
        icon=":material/download:",
        key="dl_geojson",
    )
