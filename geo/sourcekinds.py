"""Source kinds (data/publishers.csv) and THE confidence rule: independent sources, and which confirm."""

from __future__ import annotations

import unicodedata

import pandas as pd
import pandera.pandas as pa

from geo.csvcheck import Problem
from geo.paths import EVIDENCE_CSV, PUBLISHERS_CSV
from geo.schemas import CONFIDENCE, text

PUBLISHER_COLUMNS = ["domain", "kind", "name", "reason"]
OFFICIAL_GOVERNMENT = "official_government"
OFFICIAL_NEWS = "official_news"
ESTABLISHED_MEDIA = "established_media"
KINDS = (
    OFFICIAL_GOVERNMENT,  # a government body's own site
    OFFICIAL_NEWS,  # a state news outlet
    ESTABLISHED_MEDIA,  # an established news organisation
    "trade_or_aggregator",  # law firms, consultancies, trade sites, policy databases, reposting sites
    "machine_translation_or_content_farm",  # machine translations, scraped mirrors, SEO content farms
)
OUTLETS = (OFFICIAL_NEWS, ESTABLISHED_MEDIA)  # a second independent source makes a fact confirmed
CONFIRMED, SINGLE, UNVERIFIED = CONFIDENCE


def publisher_schema() -> pa.DataFrameSchema:
    """publishers.csv: one row per registrable domain of the ledger, its kind, name and the reason."""
    return pa.DataFrameSchema(
        {
            "domain": text(r"[a-z0-9-]+(\.[a-z0-9-]+)+", unique=True),
            "kind": text(allowed=KINDS),
            "name": text(),
            "reason": text(),
        }
    )


def unknown_domains(evidence: pd.DataFrame, publishers: pd.DataFrame) -> list[Problem]:
    """Every source of the ledger (`evidence`, with its `domain`) has a publisher row: else one problem per
    ledger row, naming the row, its source_url and the domain to add."""
    known = set(publishers["domain"])
    out = []
    for i, (url, domain) in enumerate(zip(evidence["source_url"], evidence["domain"], strict=True)):
        if domain not in known:
            message = f"{url}: its domain {domain} has no row in {PUBLISHERS_CSV} (add its kind and reason)"
            out.append(Problem(EVIDENCE_CSV, i + 2, "source_url", message))
    return out


def same_words(quote: str) -> str:
    """A quote as compared for copies: Unicode NFKC (full-width letters and punctuation as half-width),
    case folded, with whitespace and punctuation removed."""
    folded = unicodedata.normalize("NFKC", str(quote)).casefold()
    return "".join(ch for ch in folded if not ch.isspace() and not unicodedata.category(ch).startswith("P"))


def independent_sources(rows: pd.DataFrame) -> list[list[int]]:
    """The ledger rows of one fact (with `domain`, `quote`, `published_on`) grouped into independent sources
    (positions in `rows`). Rows on one registrable domain are one source. Rows with the same words
    (same_words) on the same day are copies of one text, one source wherever they were published. An undated
    row with the same words as a dated one is a copy of it (of the earliest, should several days carry those
    words): it adds no source, and it does not join texts of different days into one. Undated rows with the
    same words and no dated twin are one source."""
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    words = [same_words(q) for q in rows["quote"]]
    days = list(rows["published_on"])
    first: dict[tuple[str, str], int] = {}  # (words, day) -> its first row; day '' for undated rows
    first_dated: dict[str, tuple[str, int]] = {}  # words -> (earliest day, a row of that day)
    for i, (w, d) in enumerate(zip(words, days, strict=True)):
        if (w, d) in first:
            join(i, first[(w, d)])
        else:
            first[(w, d)] = i
        if d and (w not in first_dated or d < first_dated[w][0]):
            first_dated[w] = (d, i)
    for i, (w, d) in enumerate(zip(words, days, strict=True)):
        if not d and w in first_dated:
            join(i, first_dated[w][1])
    by_domain: dict[str, int] = {}
    for i, domain in enumerate(rows["domain"]):
        if domain in by_domain:
            join(i, by_domain[domain])
        else:
            by_domain[domain] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(rows)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def confidence_of(kinds: list[set[str]]) -> str:
    """THE rule, from the kinds of each independent source (one set per source: the kinds of its rows):
    confirmed = an official_government source, or two independent sources of which at least one is an
    official_news or established_media outlet; single_source = any other sourced fact; unverified = none."""
    if any(OFFICIAL_GOVERNMENT in k for k in kinds):
        return CONFIRMED
    if len(kinds) >= 2 and any(k & set(OUTLETS) for k in kinds):
        return CONFIRMED
    return SINGLE if kinds else UNVERIFIED
