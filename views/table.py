"""The table page: the filtered zones, a search box in both scripts, downloads of exactly what is shown."""

import datetime as dt

import streamlit as st

from geo import about, export, i18n
from views import common

ctx = common.ctx()
lang = ctx.lang
t = lambda k, **kw: i18n.t(k, lang, **kw)  # noqa: E731
data = ctx.data

st.title(t("page_table"))
search_col, count_col = st.columns([3, 1], vertical_alignment="bottom")
query = search_col.text_input(t("tb_search"), placeholder=t("tb_search_ph"), max_chars=100, key="table_q")
frame = export.table_frame(export.search(ctx.view, query), lang)
count_col.metric(t("tb_rows"), len(frame), help=t("tb_rows_help"))

names = export.headers(lang)
cc = st.column_config
config = {c: cc.TextColumn(names[c]) for c in frame.columns}
config |= {c: cc.DateColumn(names[c], format="YYYY-MM-DD") for c in export.DATE_COLUMNS}
config |= {c: cc.CheckboxColumn(names[c]) for c in export.BOOL_COLUMNS}
config |= {c: cc.NumberColumn(names[c], format="%d") for c in ("batch", "superseded_by")}
config |= {c: cc.NumberColumn(names[c], format="%.5f") for c in ("lon", "lat")}
config["source_url"] = cc.LinkColumn(names["source_url"], display_text=t("tb_open"))
if frame.empty:
    st.info(t("empty_state"), icon="🔎")
st.dataframe(
    frame, column_config=config, hide_index=True, width="stretch", placeholder="—", key="zones_table"
)
common.source_line(lang)

st.subheader(t("tb_download"))
today = dt.date.today()
searched = bool(query.strip())
csv_col, xlsx_col, geo_col = st.columns(3)
csv_col.download_button(
    t("tb_csv"),
    export.to_csv(frame, lang),
    file_name=export.file_name(ctx.filters, today, "csv", searched),
    mime="text/csv",
    on_click="ignore",
    icon="⬇️",
    key="dl_csv",
)
xlsx_col.download_button(
    t("tb_xlsx"),
    export.to_xlsx(
        frame,
        lang,
        about.batch_sources(data.reg.batches, data.reg.zones, lang),
        export.filters_summary(ctx.filters, data.reg.provinces, lang, query.strip()),
        today,
    ),
    file_name=export.file_name(ctx.filters, today, "xlsx", searched),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
    icon="⬇️",
    key="dl_xlsx",
)
with geo_col:
    button_slot = st.container()
    outlines = st.checkbox(t("tb_outlines"), key="dl_outlines")
    button_slot.download_button(
        t("tb_geojson"),
        export.to_geojson(frame, lang, data.outlines.fine if outlines else None),
        file_name=export.file_name(ctx.filters, today, "geojson", searched),
        mime="application/geo+json",
        on_click="ignore",
        icon="⬇️",
        key="dl_geojson",
    )
