"""The sources page: every State Council reply, the boundary data's provenance, how to cite the dashboard."""

import datetime as dt
import re

import pandas as pd
import streamlit as st

from geo import provenance
from geo.textsafe import md_escape
from views import context, widgets

ctx = context.current()
lang = ctx.lang
t = ctx.tr
reg = ctx.data.registry

st.title(t("page_sources"))

st.subheader(t("so_batches"))
st.caption(t("so_batches_intro"))
batches = provenance.batch_sources(reg.batches, reg.zones, lang)
cc = st.column_config
shown = batches.drop(columns=["single", "note"])
for col in ("approved_on", "published_on"):
    shown[col] = shown[col].dt.strftime("%Y-%m-%d").fillna(t("not_confirmed"))
st.dataframe(
    shown,
    column_order=[
        "batch",
        "document_no",
        "document_no_en",
        "approved_on",
        "published_on",
        "zones",
        "source_url",
        "source_url_alt",
        "title",
    ],  # fmt: skip
    column_config={
        "batch": cc.NumberColumn(t("src_batch"), format="%d", width="small"),
        "document_no": cc.TextColumn(t("src_document_no")),
        "document_no_en": cc.TextColumn(t("src_document_no_en")),
        "approved_on": cc.TextColumn(t("src_approved_on")),
        "published_on": cc.TextColumn(t("src_published_on")),
        "title": cc.TextColumn(t("src_title"), width="large"),
        "source_url": cc.LinkColumn(t("src_source_url"), display_text=r"https?://([^/]+)"),
        "source_url_alt": cc.LinkColumn(t("src_source_url_alt"), display_text=r"https?://([^/]+)"),
        "zones": cc.NumberColumn(t("src_zones"), format="%d", width="small"),
    },
    hide_index=True,
    width="stretch",
    placeholder="—",
    key="sources_batches",
)
st.markdown(f"**{t('src_single')}**")
none = t("so_single_none")
for row in batches.itertuples(index=False):
    if row.single == none and not row.note:
        continue
    doc = row.document_no if lang == "zh" else f"{row.document_no_en} ({row.document_no})"
    head = f"**{md_escape(t('batch_n', n=row.batch))} · {md_escape(doc)}**"
    note = f"  \n{t('src_note')}: {md_escape(row.note)}" if row.note else ""
    st.markdown(f"- {head}: {md_escape(row.single)}{note}")

st.subheader(t("so_boundaries"))
build = ctx.data.build_info
if build:
    st.caption(t("so_build_intro"))
    lines = [f"- **{md_escape(k)}**: {md_escape(v)}" for k, v in provenance.boundary_summary(build, lang)]
    st.markdown("\n".join(lines))
    with st.expander(t("so_build_all")):
        facts = pd.DataFrame(provenance.build_facts(build), columns=[t("so_key"), t("so_value")])
        st.dataframe(facts, hide_index=True, width="stretch", key="sources_build_all")
sources_md = ctx.data.sources_md
for section in provenance.md_sections(sources_md, "bound"):
    with st.expander(t("so_build_notes")):
        st.markdown(re.sub(r"(?m)^#{1,5} ", "##### ", section))
st.caption(t("so_licence"))
with st.expander(t("so_provenance")):
    st.markdown(sources_md)

st.subheader(t("so_cite"))
today = dt.date.today()
version = provenance.project_version()
url = str(st.context.url or "").split("?")[0].rsplit("/sources", 1)[0]
st.code(provenance.citation(version, ctx.data.latest.day, today, lang, url), language=None, wrap_lines=True)
st.markdown(f"**{t('so_bibtex')}**")
st.code(provenance.bibtex(version, ctx.data.latest.day, today, url), language="bibtex", wrap_lines=True)
widgets.source_line(ctx)
