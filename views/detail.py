"""The selected zone's detail panel: every attribute, its reply, its two confidences and their sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import i18n
from geo.evidence import CONFIRMED, revocation_text, subject_sources
from geo.planfacts import confidence_of_fact, plan_line, plan_of
from geo.textsafe import md_escape, safe_url
from views import state
from views.context import Context


def picked_zone(selection: object, layer_ids: tuple[str, ...]) -> str | None:
    """The zone_id of the clicked marker in a pydeck selection event, if any."""
    try:
        objects = selection["selection"]["objects"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    for layer in layer_ids:
        for obj in objects.get(layer, []) or []:
            if isinstance(obj, dict) and obj.get("zone_id"):
                return str(obj["zone_id"])
    return None


def _clear() -> None:
    state.update(zone="")


def _link(url: str) -> str | None:
    """A URL safe to put in a Markdown link (brackets percent-encoded), or None."""
    link = safe_url(url)
    return link.replace("(", "%28").replace(")", "%29") if link else None


def _source_lines(rows: pd.DataFrame, tr: i18n.Translator) -> str:
    """One Markdown list item per source: its title as a link, publisher and date (all escaped)."""
    items = []
    for r in rows.itertuples(index=False):
        title = md_escape(r.source_title or tr("d_untitled", domain=r.domain))
        link = _link(r.source_url)
        head = f"[{title}]({link})" if link else title
        dated = f", {md_escape(r.published_on)}" if r.published_on else ""
        items.append(f"- {head} — {md_escape(r.publisher)}{dated}")
    return "\n".join(items)


def evidence(ctx: Context, zone_id: str, fact: str, confidence: str) -> None:
    """The sources of one fact of the zone (designation or revocation) with their quotes."""
    tr = ctx.tr
    rows = subject_sources(ctx.data.registry.evidence, zone_id)
    rows = rows[rows["fact"] == fact]
    head = f"{tr('fact_' + fact)} · {tr.label('confidence', confidence)}"
    if len(rows):
        head += f" · {tr('d_n_sources', n=len(rows))}"
    st.markdown(f"**{md_escape(head)}**")
    if rows.empty:
        st.caption(tr("d_no_source"))
        return
    st.markdown(_source_lines(rows, tr))
    with st.expander(tr("d_quotes", n=len(rows))):
        for r in rows.itertuples(index=False):
            note = f"  \n*{md_escape(r.note)}*" if r.note else ""
            st.markdown(f"**{md_escape(r.publisher)}**: “{md_escape(r.quote)}”{note}")


def plan_section(ctx: Context, zone_id: str) -> None:
    """The zone's implementation plan (title, date, issuer, link, confidence) with its sources, or "no plan
    found"."""
    tr = ctx.tr
    found = plan_of(ctx.data.registry.plans, zone_id)
    if found is None:
        st.markdown(f"**{md_escape(tr('d_plan'))}** · {md_escape(tr('d_no_plan'))}")
        return
    confidence = confidence_of_fact(ctx.data.facts, zone_id, "plan")
    st.markdown(f"**{md_escape(tr('d_plan'))}**")
    st.markdown(md_escape(plan_line(found, ctx.lang)))
    evidence(ctx, zone_id, "plan", confidence)


def detail_panel(ctx: Context) -> None:
    """Every attribute of the selected zone (Filters.zone), its official document and link, its two
    confidences and the sources of the ledger behind them."""
    tr, lang = ctx.tr, ctx.lang
    zone_id = ctx.filters.zone
    with st.container(border=True, key="detail_panel"):
        st.markdown(f"**{md_escape(tr('detail_title'))}**")
        zones = ctx.data.zones_by_id
        if not zone_id or zone_id not in zones.index:
            st.caption(tr("detail_none"))
            return
        z = zones.loc[zone_id]
        first, second = (z.name_zh, z.name_en) if lang == "zh" else (z.name_en, z.name_zh)
        st.markdown(f"### {md_escape(first)}\n{md_escape(second)}")
        revoked = z.status == "revoked"

        def date(v) -> str:
            return v.date().isoformat() if pd.notna(v) else tr("not_confirmed")

        status = (
            revocation_text(z.revoked_by, z.revocation_confidence, lang)
            if revoked
            else tr.label("status", z.status)
        )
        rows = [
            (tr("tt_province"), z.province_name_zh if lang == "zh" else z.province_name_en),
            (tr("d_level"), tr.label("level", z.level)),
            (tr("tt_location"), tr.label("location", z.location)),
            (tr("tt_batch"), str(z.batch)),
            (tr("tt_document"), f"{z.document_no} ({z.document_no_en})"),
            (tr("tt_approved"), date(z.approved_on)),
            (tr("d_published"), date(z.published_on)),
            (tr("tt_status"), status),
            (tr("d_designation_confidence"), tr.label("confidence", z.designation_confidence)),
            (tr("d_revocation_confidence"), revoked and tr.label("confidence", z.revocation_confidence)),
            (tr("d_adcodes"), z.adcodes),
            (tr("d_marker"), f"{z.lat:.4f}°N, {z.lon:.4f}°E ({z.marker_source})"),
            (tr("d_title"), (z.title_zh if lang == "zh" else z.title_en) or tr("not_confirmed")),
            (tr("d_note"), z.note),
        ]
        # One line per attribute, escaped and wrapping in the narrow column (a table would cut the values).
        facts = "  \n".join(f"**{md_escape(k)}:** {md_escape(v)}" for k, v in rows if v)
        st.markdown(facts)
        if z.designation_confidence != CONFIRMED:
            label = i18n.label("confidence", z.designation_confidence, lang)
            st.warning(md_escape(f"{tr('fact_designation')}: {label}"), icon=":material/warning:")
        st.markdown(f"**{md_escape(tr('d_evidence'))}**")
        evidence(ctx, zone_id, "designation", z.designation_confidence)
        if revoked:
            evidence(ctx, zone_id, "revocation", z.revocation_confidence)
        plan_section(ctx, zone_id)
        for url in (z.source_url, z.source_url_alt):
            link = safe_url(url)
            if link:
                st.link_button(f"{tr('d_source')}: {md_escape(z.document_no)}", link, width="stretch")
        st.button(tr("clear_selection"), on_click=_clear, key="clear_zone")
