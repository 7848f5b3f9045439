"""The sources page: the replies, facts resting on one source or none, the ledger, boundaries, citation."""

import datetime as dt
import re

import pandas as pd
import streamlit as st

from geo import buildrecord, bundle, i18n, provenance
from geo.evidence import revocation_text
from geo.facttext import note
from geo.paths import EVIDENCE_CSV
from geo.textsafe import md_escape, safe_url
from views import context, state, widgets

ctx = context.current()
lang = ctx.lang
t = ctx.tr
data = ctx.data
reg = data.registry
cc = st.column_config


def zone_name(name_zh: str, name_en: str) -> str:
    return f"{name_zh} · {name_en}" if lang == "zh" else f"{name_en} · {name_zh}"


def group_head(key: str, frame: pd.DataFrame) -> None:
    """'Zone designations: 51 · 45 single source, 6 unverified'."""
    counts = frame["confidence"].value_counts()
    single, none = int(counts.get("single_source", 0)), int(counts.get("unverified", 0))
    head = md_escape(t(key, n=len(frame)))
    st.markdown(f"**{head}** · {md_escape(t('so_weak_split', single=single, none=none))}")


st.title(t("page_sources"))

st.subheader(t("so_batches"))
st.caption(t("so_batches_intro"))
facts = provenance.all_facts(data)  # every fact the registry states, with its confidence: THE provenance
batches = provenance.batch_sources(reg.batches, data.zones, facts, lang)
st.dataframe(
    batches,
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
        "single",
        "note",
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
        "single": cc.TextColumn(t("src_single"), width="large"),  # derived from the ledger
        "note": cc.TextColumn(t("src_note"), width="large"),
    },
    hide_index=True,
    width="stretch",
    placeholder="—",
    key="sources_batches",
)

st.subheader(t("so_weak"))
st.markdown(f"**{md_escape(t('conf_rule_head'))}**")
st.markdown(md_escape(t("conf_rule")))  # the same words as the README (tests/test_docs.py)
st.caption(t("so_weak_intro"))
weak = provenance.weak_facts(facts)
zones = data.zones_by_id

designation = weak["designation"]
group_head("so_weak_designation", designation)
if len(designation):
    st.dataframe(
        pd.DataFrame(
            {
                "zone": list(map(zone_name, designation["name_zh"], designation["name_en"])),
                "batch": designation["batch"],
                "document_no": designation["value"],
                "confidence": [i18n.label("confidence", c, lang) for c in designation["confidence"]],
                "n_sources": designation["n_sources"],
                "domains": designation["domains"],
                "zone_id": designation["zone_id"],
            }
        ),
        column_config={
            "zone": cc.TextColumn(t("wk_zone"), width="medium"),
            "batch": cc.NumberColumn(t("wk_batch"), format="%d", width="small"),
            "document_no": cc.TextColumn(t("wk_document")),
            "confidence": cc.TextColumn(t("wk_confidence")),
            "n_sources": cc.NumberColumn(t("wk_sources"), format="%d", width="small"),
            "domains": cc.TextColumn(t("wk_domains")),
            "zone_id": cc.TextColumn(t("col_zone_id")),
        },
        hide_index=True,
        width="stretch",
        placeholder="—",
        key="weak_designation",
    )

revocation = weak["revocation"]
group_head("so_weak_revocation", revocation)
if len(revocation):
    # One line each: what revoked the zone and how well that is sourced, then the zones.csv note, which says
    # what is inferred (which zone of the revoking reply takes its place) rather than sourced.
    lines = []
    for r in revocation.itertuples(index=False):
        z = zones.loc[r.zone_id]
        said = note(z.note, z.note_zh, lang)
        lines.append(
            f"- **{md_escape(zone_name(r.name_zh, r.name_en))}**: "
            f"{md_escape(revocation_text(r.value, r.confidence, lang))} · {md_escape(r.domains or '—')}"
            + (f"  \n  {t('wk_note')}: {md_escape(said)}" if said else "")
        )
    st.markdown("\n".join(lines))

plans = weak["plan"]
group_head("so_weak_plan", plans)
if len(plans):
    st.dataframe(
        pd.DataFrame(
            {
                "zone": list(map(zone_name, plans["name_zh"], plans["name_en"])),
                "value": plans["value"],
                "confidence": [i18n.label("confidence", c, lang) for c in plans["confidence"]],
                "n_sources": plans["n_sources"],
                "domains": plans["domains"],
                "zone_id": plans["zone_id"],
            }
        ),
        column_config={
            "zone": cc.TextColumn(t("wk_zone"), width="medium"),
            "value": cc.TextColumn(t("wk_value")),
            "confidence": cc.TextColumn(t("wk_confidence")),
            "n_sources": cc.NumberColumn(t("wk_sources"), format="%d", width="small"),
            "domains": cc.TextColumn(t("wk_domains")),
            "zone_id": cc.TextColumn(t("col_zone_id")),
        },
        hide_index=True,
        width="stretch",
        placeholder="—",
        key="weak_plan",
    )

replies = weak["batch"]
documents = dict(zip(reg.batches["batch"], reg.batches["document_no"], strict=True))
group_head("so_weak_batch", replies)
if len(replies):
    st.dataframe(
        pd.DataFrame(
            {
                "batch": replies["batch"],
                "document_no": [documents[b] for b in replies["batch"]],
                "fact": [t(f"fact_{f}") for f in replies["fact"]],
                "value": [v or t("wk_empty") for v in replies["value"]],
                "confidence": [i18n.label("confidence", c, lang) for c in replies["confidence"]],
                "n_sources": replies["n_sources"],
                "domains": replies["domains"],
            }
        ),
        column_config={
            "batch": cc.NumberColumn(t("wk_batch"), format="%d", width="small"),
            "document_no": cc.TextColumn(t("wk_document")),
            "fact": cc.TextColumn(t("wk_fact")),
            "value": cc.TextColumn(t("wk_value")),
            "confidence": cc.TextColumn(t("wk_confidence")),
            "n_sources": cc.NumberColumn(t("wk_sources"), format="%d", width="small"),
            "domains": cc.TextColumn(t("wk_domains")),
        },
        hide_index=True,
        width="stretch",
        placeholder="—",
        key="weak_batch",
    )

st.subheader(t("so_ledger"))
ledger = reg.evidence
st.caption(
    t(
        "so_ledger_intro",
        rows=len(ledger),
        pages=ledger["source_url"].nunique(),
        domains=ledger["domain"].nunique(),
    )
)
today = dt.date.today()
source = ctx.source  # the view's provenance: its day, the replies in effect then, the data version
version = data.version  # THE data version (geo.release.data_version), as in CITATION.cff
url = state.citation_url(ctx.filters)  # the view on the public address, else on the browser's
bib = source.bibtex(today, url)
files = bundle.bundle_files(data.data_dir, data.boundaries_dir)
readme = bundle.readme_text(
    provenance.TITLE, source.citation("en", today, url), bib, bundle.read_package(data.data_dir), facts
)
ledger_col, zip_col = st.columns(2)
ledger_col.download_button(
    t("so_ledger_download"),
    (data.data_dir / EVIDENCE_CSV).read_bytes(),
    file_name=EVIDENCE_CSV,
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="dl_evidence",
)
zip_col.download_button(
    t("so_zip"),
    lambda: bundle.data_zip(files, readme),  # built when clicked
    file_name=f"{bundle.FOLDER}_{data.latest.day.isoformat()}.zip",
    mime="application/zip",
    on_click="ignore",
    icon=":material/folder_zip:",
    help=t("so_zip_help"),
    key="dl_zip",
)
with st.expander(t("so_ledger_show")):
    st.dataframe(
        ledger.drop(columns=["domain"]).assign(source_url=[safe_url(u) for u in ledger["source_url"]]),
        column_config={
            "source_url": cc.LinkColumn(t("ev_url"), display_text=r"https?://([^/]+)"),
            "source_title": cc.TextColumn(t("ev_title")),
            "publisher": cc.TextColumn(t("ev_publisher")),
            "kind": cc.TextColumn(t("ev_kind")),
            "published_on": cc.TextColumn(t("ev_published_on")),
            "quote": cc.TextColumn(t("ev_quote"), width="large"),
            "note": cc.TextColumn(t("src_note"), width="large"),
        },
        hide_index=True,
        width="stretch",
        placeholder="—",
        key="sources_ledger",
    )

st.subheader(t("so_boundaries"))
build = data.build_info
if build:
    st.caption(t("so_build_intro"))
    lines = [f"- **{md_escape(k)}**: {md_escape(v)}" for k, v in buildrecord.boundary_summary(build, lang)]
    st.markdown("\n".join(lines))
    with st.expander(t("so_build_all")):
        record = pd.DataFrame(buildrecord.build_facts(build), columns=[t("so_key"), t("so_value")])
        st.dataframe(record, hide_index=True, width="stretch", key="sources_build_all")
sources_md = data.sources_md
for section in buildrecord.md_sections(sources_md, "bound"):
    with st.expander(t("so_build_notes")):
        st.markdown(re.sub(r"(?m)^#{1,5} ", "##### ", section))
st.caption(t("so_licence"))
with st.expander(t("so_provenance")):
    st.markdown(sources_md)

st.subheader(t("so_release"))
st.markdown(md_escape(t("so_release_intro", version=version)))
check = data.check
if check is None:
    st.caption(t("so_checked_none"))
else:
    searched = "\n".join(
        f"- {md_escape(s.source[lang])}: {t('so_checked_found' if s.found else 'so_checked_not_found')}"
        for s in check.searched
    )
    st.markdown(
        f"**{md_escape(t('so_checked_head', date=check.checked_on.isoformat()))}**  \n"
        f"{md_escape(check.what[lang])} {md_escape(check.how[lang])}\n\n"
        f"{md_escape(t('so_checked_searched'))}:\n\n{searched}\n\n"
        + md_escape(t("so_checked_record", record=check.record))
    )

st.subheader(t("so_cite"))
st.code(source.citation(lang, today, url), language=None, wrap_lines=True)
st.markdown(f"**{t('so_bibtex')}**")
st.code(bib, language="bibtex", wrap_lines=True)
if url:
    st.caption(t("so_cite_url"))
widgets.source_line(ctx)
