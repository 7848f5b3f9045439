"""The research data page: the unit table and the panel, their chart, files, codebook and citation."""

import datetime as dt
import functools

import streamlit as st

from geo import codebook, panel, panelcharts, panelfiles, research
from geo.textsafe import md_escape
from views import context, controls, vega, widgets

ctx = context.current()
t, lang, data, f = ctx.tr, ctx.lang, ctx.data, ctx.filters

st.title(t("page_research"))
st.caption(t("rs_intro"))
st.info(t("rs_no_filters"), icon=":material/info:")

left, right = st.columns(2)
with left:
    controls.widget("convention", data, f)
    controls.widget("period", data, f)
with right:
    controls.widget("start", data, f)
    controls.widget("end", data, f)
start, end = sorted((int(f.start), int(f.end)))
if (start, end) != (int(f.start), int(f.end)):
    st.warning(t("rs_range_swapped", start=start, end=end))

key = (f.convention, f.period, start, end, dt.date.today().year)
frame = data.memo(("research-panel", *key), lambda: panel.panel(data, f.convention, f.period, start, end))
units = data.memo(("research-units",), lambda: panel.units(data))
cohorts = data.memo(("research-cohorts",), lambda: panel.cohort_sizes(data))

st.subheader(t("rs_preview"))
n_units = frame["unit_code"].nunique()
st.caption(t("rs_rows", rows=len(frame), units=n_units, periods=len(frame) // max(n_units, 1)))
unknown = int(frame.drop_duplicates("unit_code")["gvar"].isna().sum())
if unknown:
    st.caption(t("rs_unknown", n=unknown))
shown = frame.head(research.PREVIEW_ROWS)
st.dataframe(shown, hide_index=True, width="stretch", height=360, key="research_preview")
if len(frame) > len(shown):
    st.caption(t("rs_preview_cut", n=len(shown)))

vega.chart(ctx, ("cohorts",), lambda: panelcharts.cohort_chart(cohorts, lang))

st.subheader(t("rs_downloads"))
for table, rows, stem in (
    ("rs_units_table", units, "units"),
    ("rs_panel_table", frame, research.panel_stem(f.convention, f.period, start, end)),
):
    st.markdown(f"**{md_escape(t(table))}**")
    columns = st.columns(len(panelfiles.FORMATS))
    for column, fmt in zip(columns, panelfiles.FORMATS, strict=True):
        column.download_button(
            t(f"rs_fmt_{fmt}"),
            functools.partial(panelfiles.encode, rows, fmt),  # built when clicked
            file_name=research.file_name(stem, fmt),
            mime=panelfiles.MIME[fmt],
            on_click="ignore",
            icon=":material/download:",
            key=f"dl_{stem.split('_')[0]}_{fmt}",
        )

st.subheader(t("rs_codebook"))
for table, fields in (
    ("rs_panel_table", codebook.panel_fields(f.period)),
    ("rs_units_table", codebook.unit_fields()),
):
    with st.expander(t("rs_fields", table=t(table))):
        st.dataframe(research.fields_frame(fields, lang), hide_index=True, width="stretch")
with st.expander(t("rs_codebook")):
    st.markdown(research.codebook_text(data.data_dir, lang))

st.subheader(t("rs_snippets"))
for language, code in research.snippets(f.convention, f.period).items():
    st.markdown(f"**{language}**")
    st.code(code, language=language.lower() if language != "Stata" else None)

st.subheader(t("rs_cite"))
version = data.version  # THE data version (geo.release.data_version)
st.code(research.citation(version, f.convention, lang), language=None, wrap_lines=True)
widgets.source_line(ctx)
