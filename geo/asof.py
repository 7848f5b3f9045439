"""The registry as it stood on a given day: which zones existed and which were active."""

from __future__ import annotations

import datetime as dt

import pandas as pd


def status_on_day(zones: pd.DataFrame, day: dt.date | None = None) -> pd.Series:
    """Per zone: 'active', 'revoked' or 'pending' (its reply not yet in effect) on `day` (None: with every
    reply in effect), from the zones' `effective_on` and `revoked_on` (Dataset.zones carries both)."""
    if day is None:
        return pd.Series("active", index=zones.index).where(zones["revoked_on"].isna(), "revoked")
    cut = pd.Timestamp(day)
    started = zones["effective_on"] <= cut
    status = pd.Series("pending", index=zones.index)
    status[started] = "active"
    status[started & (zones["revoked_on"] <= cut)] = "revoked"
    return status


def latest_day(batches: pd.DataFrame) -> dt.date:
    """The effective day of the newest reply."""
    return batches["effective_on"].max().date()


def timeline_steps(batches: pd.DataFrame) -> list[tuple[int, dt.date, str]]:
    """(batch, effective day, document number) for each reply, oldest first."""
    ordered = batches.sort_values("effective_on")
    return [
        (int(b), d.date(), doc)
        for b, d, doc in zip(ordered["batch"], ordered["effective_on"], ordered["document_no"], strict=True)
    ]


def step_index(steps: list[tuple[int, dt.date, str]], day: dt.date | None) -> int:
    """The index of the newest step in force on `day` (the last step when day is None, 0 before the first)."""
    if day is None:
        return len(steps) - 1
    index = 0
    for i, (_batch, effective, _doc) in enumerate(steps):
        if effective <= day:
            index = i
    return index
