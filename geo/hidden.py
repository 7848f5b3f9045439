"""Answers instead of dead ends: zones a search matches that the date or other filters hide, and why."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from geo import i18n, search
from geo.facttext import day_text
from geo.filters import Filters, Vocabulary, apply

SEARCH = "q"
DATE = "asof"
REVOKED = "revoked"


@dataclass(frozen=True)
class HiddenMatch:
    """A zone the search matches but the view does not show, and the entries (filter names) that hide it."""

    zone_id: str
    row: pd.Series  # its row of Dataset.zones, with status_asof on the view's day
    reasons: tuple[str, ...]


def hidden_matches(zones: pd.DataFrame, filters: Filters) -> list[HiddenMatch]:
    """The zones (Dataset.zones) that match the view's search but not its other filters, in registry order,
    each with the filters that hide it ([] when there is no search)."""
    if not filters.q:
        return []
    derived = zones
    for entry in filters.spec:
        if entry.derive is not None:
            derived = entry.derive(derived, filters)
    found = search.matches(derived["search_text"], filters.q)
    shown = set(apply(zones, filters)["zone_id"])
    candidates = derived[found & ~derived["zone_id"].isin(shown)]
    masks = {
        entry.name: entry.rows(candidates, value)
        for entry, value in filters.changed()
        if entry.selects_rows and entry.name != SEARCH
    }
    out = []
    for i, row in candidates.iterrows():
        reasons = tuple(name for name, mask in masks.items() if mask is not None and not bool(mask[i]))
        out.append(HiddenMatch(str(row["zone_id"]), row, reasons))
    return out


def revealed(filters: Filters, hidden: list[HiddenMatch]) -> Filters:
    """The view with the filters that hide these zones set back to their defaults (the search kept); with one
    zone, its details open."""
    names = {name for match in hidden for name in match.reasons}
    changes = {name: filters.spec[name].default for name in names}
    if len(hidden) == 1:
        changes["zone"] = hidden[0].zone_id
    return filters.replace(**changes)


def explain(match: HiddenMatch, filters: Filters, vocab: Vocabulary, lang: str) -> str:
    """Why the view hides a zone the search matches: designated after the view's date, revoked while revoked
    zones are hidden, or outside other filters (named in words). Plain text."""
    row = match.row
    name = f"{row['name_zh']}" if i18n.norm_lang(lang) == "zh" else f"{row['name_en']} ({row['name_zh']})"
    q = filters.q
    if DATE in match.reasons and row["status_asof"] == "pending":
        approved = pd.notna(row["approved_on"])  # the day it counts from: approval, else publication
        confidence = row["approved_on_confidence"] if approved else row["published_on_confidence"]
        day = day_text(row["effective_on"], confidence, lang)
        return i18n.t("hid_date", lang, q=q, name=name, day=day, asof=filters.asof.isoformat())
    if REVOKED in match.reasons and row["status_asof"] == "revoked":
        day = day_text(row["revoked_on"], row["revoked_on_confidence"], lang)
        return i18n.t("hid_revoked", lang, q=q, name=name, day=day)
    words = "; ".join(filters.spec[n].words(getattr(filters, n), vocab, lang) for n in match.reasons)
    return i18n.t("hid_filter", lang, q=q, name=name, filters=words)
