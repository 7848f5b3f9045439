"""Compare with an earlier date: the one-click "since the previous reply"; the change list under the map."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from geo import i18n
from geo.changes import change_list, previous_reply_day
from geo.dataset import Dataset
from geo.filters import Filters
from geo.textsafe import safe_url
from views import state
from views.context import Context


def previous_reply(data: Dataset, filters: Filters, where: Any = st) -> None:
    """A button that compares with the day of the reply before the newest one in force on the as-of day."""
    tr = i18n.Translator(filters.lang)
    day = previous_reply_day([s.day for s in data.steps], filters.asof)
    where.button(
        tr("since_previous"),
        on_click=state.update,
        kwargs={"since": day},
        disabled=day is None or day == filters.since,
        help=tr("since_previous_help"),
        icon=":material/compare_arrows:",
        key="since_previous",
        width="stretch",
    )


def changes(ctx: Context) -> None:
    """What changed in the window: one row per designation and revocation of a zone in view, with the
    day, the reply's document number and a source (nothing when the view compares with no date)."""
    counts = ctx.counts
    if counts.since is None:
        return
    tr, lang = ctx.tr, ctx.lang
    frame = ctx.data.memo(
        ("changes", ctx.filters.rows_key()),
        lambda: change_list(ctx.view, ctx.data.registry.batches, ctx.data.registry.evidence),
    )
    st.subheader(tr("changes_title", since=counts.since.isoformat()))
    st.caption(tr("changes_intro", since=counts.since.isoformat(), asof=ctx.asof.isoformat()))
    if frame.empty:
        st.info(tr("changes_none"), icon=":material/history:")
        return
    first, second = ("name_zh", "name_en") if lang == "zh" else ("name_en", "name_zh")
    shown = pd.DataFrame(
        {
            "day": frame["day"].dt.strftime("%Y-%m-%d"),
            "change": [tr.label("change", c) for c in frame["change"]],
            "zone": [f"{a} · {b}" for a, b in zip(frame[first], frame[second], strict=True)],
            "document_no": frame["document_no"],
            "source_url": [safe_url(u) for u in frame["source_url"]],
        }
    )
    cc = st.column_config
    st.dataframe(
        shown,
        column_config={
            "day": cc.TextColumn(tr("cl_day"), width="small"),
            "change": cc.TextColumn(tr("cl_change"), width="small"),
            "zone": cc.TextColumn(tr("cl_zone"), width="medium"),
            "document_no": cc.TextColumn(tr("cl_document")),
            "source_url": cc.LinkColumn(tr("cl_source"), display_text=r"https?://([^/]+)"),
        },
        hide_index=True,
        width="stretch",
        placeholder="—",
        key="change_list",
    )
