"""One count per question: active zones on the as-of day (the headline), designated and revoked beside it."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo import i18n


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

    def headline(self, lang: str) -> str:
        """'26 active zones · 27 designated · 1 revoked' (the parts beside the headline only when they
        differ from it)."""
        parts = [i18n.plural("n_active", self.active, lang)]
        if self.designated != self.active:
            parts.append(i18n.t("n_designated", lang, n=self.designated))
            parts.append(i18n.t("n_revoked", lang, n=self.revoked))
        return " · ".join(parts)


def count(view: pd.DataFrame) -> Counts:
    """The counts of a view from geo.filters.apply (with its `status_asof` column)."""
    status = view["status_asof"]
    active = view.loc[status == "active", "province_code"]
    return Counts(
        designated=len(view),
        active=len(active),
        revoked=int((status == "revoked").sum()),
        provinces=int(active.nunique()),
        batches=int(view["batch"].nunique()),
        provinces_shown=int(view["province_code"].nunique()),
        batches_active=int(view.loc[status == "active", "batch"].nunique()),
    )
