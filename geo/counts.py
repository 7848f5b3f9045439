"""One count per question: active zones on the as-of day, designated and revoked beside it, changes since."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from geo import i18n
from geo.changes import ADDED, REMOVED, usable


@dataclass(frozen=True)
class Counts:
    """The numbers of a filtered view, as every page shows them."""

    designated: int  # zones in view designated on or before the as-of day
    active: int  # of those, not revoked by that day: the headline
    revoked: int  # of those, revoked by that day
    provinces: int  # provinces with an active zone
    batches: int  # batches with a zone in view
    provinces_shown: int = 0  # provinces with a zone in view (active or revoked): the headline figure
    batches_active: int = 0  # batches with an active zone
    since: dt.date | None = None  # the start of the window compared with (None: no comparison)
    added: int = 0  # zones in view designated in (since, as-of]
    removed: int = 0  # zones in view revoked in (since, as-of]

    def headline(self, lang: str) -> str:
        """'26 active zones · 27 designated · 1 revoked' (the parts beside the headline only when they
        differ from it); comparing: '+76 designated, 3 revoked since 2022-01-01 · 178 active zones'."""
        active = i18n.plural("n_active", self.active, lang)
        if self.since is not None:
            return f"{self.window(lang)} · {active}"
        parts = [active]
        if self.designated != self.active:
            parts.append(i18n.t("n_designated", lang, n=self.designated))
            parts.append(i18n.t("n_revoked", lang, n=self.revoked))
        return " · ".join(parts)

    def window(self, lang: str) -> str:
        """'+76 designated, 3 revoked since 2022-01-01' ('' when not comparing)."""
        if self.since is None:
            return ""
        return i18n.t("n_since", lang, added=self.added, removed=self.removed, since=self.since.isoformat())


def count(view: pd.DataFrame, since: dt.date | None = None, asof: dt.date | None = None) -> Counts:
    """The counts of a view from geo.filters.apply (with its `status_asof` and `change` columns); with a
    usable window (since, asof] (geo.changes.usable) also the changes in it."""
    status = view["status_asof"]
    active = view.loc[status == "active", "province_code"]
    window = usable(since, asof) and "change" in view
    change = view["change"] if window else pd.Series(dtype="string")
    return Counts(
        designated=len(view),
        active=len(active),
        revoked=int((status == "revoked").sum()),
        provinces=int(active.nunique()),
        batches=int(view["batch"].nunique()),
        provinces_shown=int(view["province_code"].nunique()),
        batches_active=int(view.loc[status == "active", "batch"].nunique()),
        since=since if window else None,
        added=int(change.isin(ADDED).sum()),
        removed=int(change.isin(REMOVED).sum()),
    )
