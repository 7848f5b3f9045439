"""The selected zone's details in a side dialog: attributes on the view's day, facts, confidences, sources."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import i18n, provenance
from geo.asof import status_on_day
from geo.evidence import BATCH_FACTS, CONFIRMED, subject_sources
from geo.facttext import day_text, marked, note, plan_text, status_text
from geo.mapview import base_layer_id
from geo.planfacts import plan_line, plan_of
from geo.sourcekinds import OFFICIAL_GOVERNMENT
from geo.textsafe import md_escape, safe_url
from views import state
from views.context import Context


def picked_zone(selection: object, layer_ids: tuple[str, ...]) -> str | None:
    """The zone_id of the clicked marker or area in a pydeck selection event, if any (an area is a GeoJSON
    feature: its zone_id is among its properties)."""
    try:
        objects = selection["selection"]["objects"]  # type: ignore[index]
    except (KeyError, TypeError):
        return None
    # The layers' ids as sent end with a token (geo.mapview.with_pick_ids).
    by_layer = {base_layer_id(layer_id): found for layer_id, found in objects.items()}
    for layer in layer_ids:
        for obj in by_layer.get(layer, []) or []:
            if not isinstance(obj, dict):
                continue
            props = obj.get("properties")
            zone = obj.get("zone_id") or (props.get("zone_id") if isinstance(props, dict) else None)
            if zone:
                return str(zone)
    return None


def _clear() -> None:
    state.update(zone="")


SHORT_TITLE = 60  # characters of a source's title shown; the whole title is one click away (its link)


def short_title(title: str, limit: int = SHORT_TITLE) -> str:
    """A source's title cut at a word (or, in Chinese, a character) to at most `limit` characters."""
    title = " ".join(str(title).split())
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:-–—|·") + "…"


def _link(url: str) -> str | None:
    """A URL safe to put in a Markdown link (brackets percent-encoded), or None."""
    link = safe_url(url)
    return link.replace("(", "%28").replace(")", "%29") if link else None


def _source_lines(rows: pd.DataFrame, tr: i18n.Translator) -> str:
    """One Markdown list item per source: its title as a link, publisher and date (all escaped)."""
    items = []
    for r in rows.itertuples(index=False):
        words = short_title(r.source_title) if r.source_title else tr("d_untitled", domain=r.domain)
        title = md_escape(words)
        link = _link(r.source_url)
        head = f"[{title}]({link})" if link else title
        dated = f", {md_escape(r.published_on)}" if r.published_on else ""
        items.append(f"- {head} — {md_escape(r.publisher)}{dated}")
    return "\n".join(items)


def _facts(ctx: Context, subject: str) -> pd.DataFrame:
    """The fact_table rows of one subject (a zone_id or batch:N), by fact (geo.provenance: the one source
    of what every page says about a fact)."""
    facts = provenance.all_facts(ctx.data)
    return facts[facts["subject"] == subject].set_index("fact")


def evidence(ctx: Context, subject: str, fact: str, facts: pd.DataFrame) -> None:
    """The sources of one fact of a zone or its reply, with its confidence, and their quotes."""
    tr = ctx.tr
    rows = subject_sources(ctx.data.registry.evidence, subject)
    rows = rows[rows["fact"] == fact]
    confidence = str(facts.at[fact, "confidence"])
    head = f"{tr('fact_' + fact)} · {tr.label('confidence', confidence)}"
    if len(rows):
        head += f" · {tr('d_n_sources', n=int(facts.at[fact, 'n_sources']))}"
    st.markdown(f"**{md_escape(head)}**")
    if rows.empty:
        st.caption(tr("d_no_source" if fact == "designation" else "d_no_source_fact"))
        return
    st.markdown(_source_lines(rows, tr))
    with st.expander(tr("d_quotes", n=len(rows))):
        for r in rows.itertuples(index=False):
            said = f"  \n*{md_escape(r.note)}*" if r.note else ""
            st.markdown(f"**{md_escape(r.publisher)}**: “{md_escape(r.quote)}”{said}")


def _revocation(ctx: Context, z: pd.Series, facts: pd.DataFrame) -> None:
    """The revocation's sources, and what it rests on: a link to an official government source of the
    revocation where the ledger has one, else the words that the revoking reply's text was not found."""
    evidence(ctx, z.name, "revocation", facts)
    ledger = ctx.data.registry.evidence
    rows = ledger[(ledger["subject"] == z.name) & (ledger["fact"] == "revocation")]
    official = rows[rows["kind"] == OFFICIAL_GOVERNMENT]
    link = safe_url(official["source_url"].iloc[0]) if len(official) else None
    if link:
        st.link_button(ctx.tr("d_revocation_reply", doc=z.revoked_by), link, width="stretch")
        return
    domains = str(facts.at["revocation", "domains"]) or ctx.tr("d_none")
    st.caption(md_escape(ctx.tr("d_revocation_rests", sources=domains, doc=z.revoked_by)))


def plan_section(ctx: Context, zone_id: str, facts: pd.DataFrame) -> None:
    """The zone's implementation plan (title, date, issuer) with its confidence and sources (links), or "no
    plan found"."""
    tr = ctx.tr
    found = plan_of(ctx.data.registry.plans, zone_id)
    if found is None:
        st.markdown(f"**{md_escape(tr('d_plan'))}** · {md_escape(tr('d_no_plan'))}")
        return
    st.markdown(md_escape(plan_line(found, ctx.lang)))
    evidence(ctx, zone_id, "plan", facts)


DIALOG_WIDTH = 460  # pixels: wide enough for a source's title on one or two lines


def detail_dialog(ctx: Context) -> None:
    """The selected zone's details in a dialog drawn from the left edge (the legend on the right stays in
    view); closing it (its ×, Esc, a click beside it) clears the selection."""
    dialog = st.dialog(ctx.tr("detail_title"), width=DIALOG_WIDTH, position="left", on_dismiss=_clear)
    dialog(detail_panel)(ctx)


def detail_panel(ctx: Context) -> None:
    """Every attribute of the selected zone (Filters.zone) as of the view's day, its official document and
    link, each fact and date with its confidence, and the sources of the ledger behind them."""
    tr, lang = ctx.tr, ctx.lang
    zone_id = ctx.filters.zone
    with st.container(key="detail_panel"):
        zones = ctx.data.zones_by_id
        if not zone_id or zone_id not in zones.index:
            st.caption(tr("detail_none"))
            return
        z = zones.loc[zone_id]
        first, second = (z.name_zh, z.name_en) if lang == "zh" else (z.name_en, z.name_zh)
        st.markdown(f"### {md_escape(first)}\n{md_escape(second)}")
        status = str(status_on_day(zones.loc[[zone_id]], ctx.filters.asof).iloc[0])
        facts, reply = _facts(ctx, zone_id), _facts(ctx, f"batch:{z.batch}")
        title = (z.title_zh if lang == "zh" else z.title_en) or z.title_zh
        revoked = status == "revoked"
        rows = [
            (tr("tt_province"), z.province_name_zh if lang == "zh" else z.province_name_en),
            (tr("d_level"), tr.label("level", z.level)),
            (tr("tt_location"), tr.label("location", z.location)),
            (tr("tt_batch"), str(z.batch)),
            (
                tr("tt_document"),
                marked(f"{z.document_no} ({z.document_no_en})", reply.at["document_no", "confidence"], lang),
            ),
            (tr("tt_approved"), day_text(z.approved_on, z.approved_on_confidence, lang)),
            (tr("d_published"), day_text(z.published_on, z.published_on_confidence, lang)),
            (tr("d_designation_confidence"), tr.label("confidence", z.designation_confidence)),
            (tr("d_status_asof", date=ctx.asof.isoformat()), status_text(z, status, ctx.asof, lang)),
            (tr("d_revoked_by"), revoked and marked(z.revoked_by, z.revocation_confidence, lang)),
            (tr("d_revoked_on"), revoked and day_text(z.revoked_on, z.revoked_on_confidence, lang)),
            (tr("d_revocation_confidence"), revoked and tr.label("confidence", z.revocation_confidence)),
            (tr("d_plan"), plan_text(z, lang)),
            (tr("d_adcodes"), z.adcodes),
            (tr("d_marker"), f"{z.lat:.4f}°N, {z.lon:.4f}°E ({z.marker_source})"),
            (tr("d_title"), marked(title, reply.at["title", "confidence"], lang) if title else ""),
            (tr("d_note"), note(z.note, z.note_zh, lang)),
        ]
        # One line per attribute, escaped and wrapping in the narrow column (a table would cut the values).
        lines = "  \n".join(f"**{md_escape(k)}:** {md_escape(v)}" for k, v in rows if v)
        st.markdown(lines)
        if z.designation_confidence != CONFIRMED:
            label = i18n.label("confidence", z.designation_confidence, lang)
            st.warning(md_escape(f"{tr('fact_designation')}: {label}"), icon=":material/warning:")
        st.markdown(f"**{md_escape(tr('d_evidence'))}**")
        evidence(ctx, zone_id, "designation", facts)
        if z.status == "revoked":
            _revocation(ctx, z, facts)
        plan_section(ctx, zone_id, facts)
        for fact in BATCH_FACTS:
            evidence(ctx, f"batch:{z.batch}", fact, reply)
        for url in (z.source_url, z.source_url_alt):
            link = safe_url(url)
            if link:
                st.link_button(f"{tr('d_source')}: {md_escape(z.document_no)}", link, width="stretch")
        if st.button(tr("clear_selection"), key="clear_zone"):
            _clear()
            st.rerun()  # the whole page: the dialog closes
