"""The sources page: every State Council reply, the boundary data's provenance, how to cite the dashboard."""

import datetime as dt
import re

import pandas as pd
import streamlit as st

from geo import about, i18n
from geo.textsafe import md_escape
from views import common

ctx = common.ctx()
lang = ctx.lang
t = lambda k, **kw: i18n.t(k, lang, **kw)  # noqa: E731
reg = ctx.data.reg

st.title(t("page_sources"))

st.subheader(t("so_batches"))
st.caption(t("so_batches_intro"))
batches = about.batch_sources(reg.batches, reg.zones, lang)
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
build = about.read_build()
if build is None:
    st.info(t("so_build_missing"))
else:
    st.caption(t("so_build_intro"))
    lines = [f"- **{md_escape(k)}**: {md_escape(v)}" for k, v in about.boundary_summary(build, lang)]
    st.markdown("\n".join(lines))
    with st.expander(t("so_build_all")):
        facts = pd.DataFrame(about.build_facts(build), columns=[t("so_key"), t("so_value")])
        st.dataframe(facts, hide_index=True, width="stretch", key="sources_build_all")
sources_md = (about.ROOT / "data" / "SOURCES.md").read_text(encoding="utf-8")
for section in about.md_sections(sources_md, "bound"):
    with st.expander(t("so_build_notes")):
        st.markdown(re.sub(r"(?m)^#{1,5} ", "##### ", section))
st.caption(t("so_licence"))
with st.expander(t("so_provenance")):
    st.markdown(sources_md)

st.subheader(t("so_cite"))
today = dt.date.today()
version = about.project_version()
url = str(st.context.url or "").split("?")[0].rsplit("/sources", 1)[0]
st.code(about.citation(version, ctx.data.last_day, today, lang, url), language=None, wrap_lines=True)
st.markdown(f"**{t('so_bibtex')}**")
st.code(about.bibtex(version, ctx.data.last_day, today, url), language="bibtex", wrap_lines=True)
common.source_line(lang)
