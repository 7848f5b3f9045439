"""What changed between two dates: each zone's change in the window (since, as-of], and the change list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd

from geo.evidence import subject_sources

# A zone's change in the window, as the `change` column holds it (codes; i18n labels them, kind "change").
DESIGNATED, REVOKED, BOTH, UNCHANGED = "designated", "revoked", "designated_revoked", "unchanged"
CHANGES = (DESIGNATED, REVOKED, BOTH, UNCHANGED)
ADDED = (DESIGNATED, BOTH)  # counted as designated in the window
REMOVED = (REVOKED, BOTH)  # counted as revoked in the window
LIST_COLUMNS = ["day", "change", "zone_id", "name_zh", "name_en", "batch", "document_no", "source_url"]


def usable(since: dt.date | None, asof: dt.date | None) -> bool:
    """Whether (since, asof] is a window: a since on or before the as-of day (None: every reply)."""
    return since is not None and (asof is None or since <= asof)


def unusable_reason(since: dt.date | None, asof: dt.date | None, first_day: dt.date) -> str | None:
    """Why a `since` is ignored (an i18n reason key), or None when it is usable or not given: later than
    the as-of day, or before the registry's first reply (`first_day`), where it would compare with nothing."""
    if since is None:
        return None
    if asof is not None and since > asof:
        return "reason_since_after_asof"
    if since < first_day:
        return "reason_since_before_registry"
    return None


def change_column(view: pd.DataFrame, since: dt.date | None, asof: dt.date | None) -> pd.Series:
    """Per zone of `view` (Dataset.zones rows): its change in (since, asof]: designated (its reply took
    effect in it), revoked (the revoking reply did), designated_revoked (both), unchanged; all <NA> when
    there is no window (see usable)."""
    if not usable(since, asof):
        return pd.Series(pd.NA, index=view.index, dtype="string")
    lo = pd.Timestamp(since)
    hi = pd.Timestamp(asof) if asof is not None else pd.Timestamp.max

    def within(days: pd.Series) -> pd.Series:
        return ((days > lo) & (days <= hi)).fillna(False).astype(bool)

    added, removed = within(view["effective_on"]), within(view["revoked_on"])
    out = pd.Series(UNCHANGED, index=view.index, dtype="string")
    out[added] = DESIGNATED
    out[removed] = REVOKED
    out[added & removed] = BOTH
    return out


def previous_reply_day(days: Sequence[dt.date], asof: dt.date | None) -> dt.date | None:
    """The day of the reply before the newest one in force on `asof` (None: every reply), so that
    (that day, asof] holds the newest reply's changes; None if fewer than two replies are in force."""
    in_force = sorted(d for d in days if asof is None or d <= asof)
    return in_force[-2] if len(in_force) >= 2 else None


def change_list(view: pd.DataFrame, batches: pd.DataFrame, evidence: pd.DataFrame) -> pd.DataFrame:
    """One row per change in the window of `view` (with its `change` column), oldest first: the day,
    designated or revoked, the zone, the reply (its batch and document number) and a source that states
    the change: the ledger's first source for that fact (in geo.evidence.subject_sources' order, official
    ones first), else the reply's main source (batches.csv)."""
    reply_url = dict(zip(batches["batch"].astype(int), batches["source_url"], strict=True))
    rows = []
    for z in view[view["change"].isin(CHANGES[:3]).fillna(False)].itertuples(index=False):
        sources = subject_sources(evidence, z.zone_id)
        events = []
        if z.change in ADDED:
            events.append((z.effective_on, DESIGNATED, int(z.batch), z.document_no, "designation"))
        if z.change in REMOVED:
            events.append((z.revoked_on, REVOKED, int(z.revoked_by_batch), z.revoked_by, "revocation"))
        for day, change, batch, doc, fact in events:
            found = sources.loc[sources["fact"] == fact, "source_url"]
            url = found.iloc[0] if len(found) else reply_url.get(batch, "")
            rows.append((day, change, z.zone_id, z.name_zh, z.name_en, batch, doc, url))
    out = pd.DataFrame(rows, columns=LIST_COLUMNS)
    return out.sort_values(["day", "change", "batch", "name_en"], kind="stable").reset_index(drop=True)
