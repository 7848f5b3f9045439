"""The map page's headline figures: active zones, changes since a date, provinces, batches, the day."""

from __future__ import annotations

from typing import Any

import streamlit as st

from views.context import Context


def headline(ctx: Context, per_row: int = 4) -> None:
    """Active zones on the as-of day; the changes in the window (when comparing); the provinces and batches of
    the zones the map shows (active or revoked), each with the number that have an active zone beside it where
    that differs; the day itself."""
    tr, numbers = ctx.tr, ctx.counts
    beside = None
    if numbers.designated != numbers.active:
        beside = f"{tr('n_designated', n=numbers.designated)} · {tr('n_revoked', n=numbers.revoked)}"

    def with_active(shown: int, active: int) -> dict[str, Any]:
        if shown == active:
            return dict(value=shown)
        return dict(value=shown, delta=tr("n_with_active", n=active), delta_color="off", delta_arrow="off")

    figures: list[dict[str, Any]] = [
        dict(
            label=tr("m_zones"),
            value=numbers.active,
            delta=beside,
            delta_color="off",
            delta_arrow="off",
            help=tr("m_zones_help"),
        ),
        dict(
            label=tr("m_provinces"),
            help=tr("m_provinces_help"),
            **with_active(numbers.provinces_shown, numbers.provinces),
        ),
        dict(
            label=tr("m_batches"),
            help=tr("m_batches_help"),
            **with_active(numbers.batches, numbers.batches_active),
        ),
        dict(label=tr("m_asof"), value=ctx.asof.isoformat()),
    ]
    if numbers.since is not None:  # comparing: what changed in the window, the sentence as its help
        since = numbers.since.isoformat()
        window = dict(label=tr("m_since", since=since), value=f"+{numbers.added} / −{numbers.removed}")
        figures.insert(1, window | dict(help=numbers.window(ctx.lang)))
        per_row = len(figures) if per_row >= len(figures) - 1 else per_row  # one row where four fit
    for start in range(0, len(figures), per_row):
        for col, fig in zip(st.columns(per_row), figures[start : start + per_row], strict=False):
            col.metric(**fig)
