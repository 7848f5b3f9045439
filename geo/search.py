"""Name search in both scripts: a normalised haystack per zone and word-by-word matching."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

# What a search looks in: names in both scripts and their aliases, the province, id, codes and document.
FIELDS = (
    "name_zh", "name_en", "aliases", "province_name_zh", "province_name_en", "zone_id", "adcodes",
    "document_no", "document_no_en",
)  # fmt: skip


def normalise(text: str) -> str:
    """Fold case and width; drop the apostrophes of pinyin (Xi'an -> xian); separators become spaces."""
    folded = re.sub(r"['’]", "", unicodedata.normalize("NFKC", str(text)).casefold())
    return folded.replace(";", " ").replace("|", " ")


def haystack(zones: pd.DataFrame) -> pd.Series:
    """Per zone, the normalised text a search looks in."""
    present = [f for f in FIELDS if f in zones]
    if zones.empty or not present:
        return pd.Series("", index=zones.index, dtype=str)
    return zones[present].fillna("").astype(str).agg(" ".join, axis=1).map(normalise)


def _matches(word: str, text: str) -> bool:
    """Latin letters and digits match the start of a word (so 'hangzhou' is not found in 'Changzhou');
    anything with Chinese characters matches anywhere."""
    if word.isascii():
        return any(token.startswith(word) for token in re.findall(r"[0-9a-z]+", text))
    return word in text


def matches(hay: pd.Series, query: str) -> pd.Series:
    """True where every word of `query` matches the zone's haystack."""
    words = [w for w in normalise(query or "").split() if w]
    if not words:
        return pd.Series(True, index=hay.index, dtype=bool)
    return pd.Series([all(_matches(w, text) for w in words) for text in hay], index=hay.index, dtype=bool)
