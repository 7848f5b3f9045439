"""The registry as it stood on a given day: which zones existed and which were active."""

from __future__ import annotations

import datetime as dt

import pandas as pd


def status_as_of(zones: pd.DataFrame, batches: pd.DataFrame, day: dt.date | None = None) -> pd.Series:
    """Per zone: 'active', 'superseded' or 'pending' (its reply not yet issued) on `day` (None = latest)."""
    effective = batches.set_index("batch")["effective_on"]
    if day is None:
        day = effective.max().date()
    day_ts = pd.Timestamp(day)
    started = zones["batch"].map(effective) <= day_ts
    ended = zones["superseded_by"].map(effective, na_action="ignore") <= day_ts
    ended = ended.fillna(False).astype(bool)
    status = pd.Series("pending", index=zones.index)
    status[started] = "active"
    status[started & ended] = "superseded"
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
