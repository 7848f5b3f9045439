"""The pandera schemas of the three registry files: columns, types, allowed values and row rules."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa

LEVELS = (
    "municipality",
    "prefecture_city",
    "county_level_city",
    "autonomous_prefecture",
    "prefecture",
    "new_area",
    "province",
)
STATUSES = ("active", "revoked")
# The derived vocabulary of geo.evidence: an official source or two domains, one domain, no source.
CONFIDENCE = ("confirmed", "single_source", "unverified")
ECONOMIC_REGIONS = ("east", "central", "west", "northeast")  # the NBS four regions
NO_REGION = "none"  # Hong Kong, Macao, Taiwan: outside the NBS regions, drawn as not applicable
REGIONS = (*ECONOMIC_REGIONS, NO_REGION)
# China's extent (WGS-84), generous enough for Zengmu Ansha and the western tip of Xinjiang.
LON_RANGE = (73.0, 136.0)
LAT_RANGE = (3.0, 54.0)

DATE = r"^\d{4}-\d{2}-\d{2}$"
FIRST_DAY = dt.date(2015, 1, 1)  # no reply before this day (the first was approved in March 2015)


def last_allowed_day(today: dt.date) -> dt.date:
    """The latest date a reply may carry: a year from today (a reply known before it is published)."""
    return (pd.Timestamp(today) + pd.DateOffset(years=1)).date()


BATCH_COLUMNS = [
    "batch",
    "approved_on",
    "published_on",
    "document_no",
    "document_no_en",
    "title_zh",
    "title_en",
    "zone_count",
    "source_url",
    "note",
    "note_zh",
]
ZONE_COLUMNS = [
    "zone_id",
    "batch",
    "name_zh",
    "name_en",
    "province_code",
    "adcodes",
    "level",
    "lon",
    "lat",
    "marker_source",
    "seat_zh",
    "status",
    "revoked_by",
    "aliases",
    "note",
    "note_zh",
]
PROVINCE_COLUMNS = ["province_code", "adcode", "name_zh", "name_en", "region", "coastal"]


def row_check(column: str, message: str, fn) -> pa.Check:
    """A frame-wide check whose failures are reported against one named column."""
    return pa.Check(fn, name=f"{column}|{message}")


def text(pattern: str | None = None, allowed=None, required: bool = True, unique: bool = False) -> pa.Column:
    checks = []
    if required:
        checks.append(pa.Check(lambda s: s.str.strip() != "", name="must not be empty"))
    if pattern:
        checks.append(
            pa.Check(lambda s, p=pattern: (s == "") | s.str.fullmatch(p), name=f"must match {pattern}")
        )
    if allowed is not None:
        checks.append(
            pa.Check(
                lambda s, a=tuple(allowed): (s == "") | s.isin(a), name=f"must be one of {', '.join(allowed)}"
            )
        )
    return pa.Column(str, checks=checks, unique=unique, coerce=True)


def _is_float_between(s: pd.Series, lo: float, hi: float) -> pd.Series:
    num = pd.to_numeric(s, errors="coerce")
    return num.between(lo, hi)


def batch_schema(today: dt.date | None = None) -> pa.DataFrameSchema:
    last = last_allowed_day(today or dt.date.today())
    between = f"must lie between {FIRST_DAY} and {last} (a year from today)"
    return pa.DataFrameSchema(
        {
            "batch": text(r"[1-9]\d*", unique=True),
            "approved_on": text(DATE[1:-1], required=False),
            "published_on": text(DATE[1:-1], required=False),
            "document_no": text(r"国函〔\d{4}〕\d+号"),
            "document_no_en": text(r"Guohan \[\d{4}\] No\. \d+"),
            "title_zh": text(required=False),
            "title_en": text(required=False),
            "zone_count": text(r"[1-9]\d*"),
            "source_url": text(r"https?://\S+", required=False),
            "note": text(required=False),
            "note_zh": text(required=False),
        },
        checks=[
            row_check(
                "approved_on",
                "approval or publication date required (at least one)",
                lambda d: (d["approved_on"] != "") | (d["published_on"] != ""),
            ),
            row_check("approved_on", "not a real calendar date", lambda d: _real_date(d["approved_on"])),
            row_check("published_on", "not a real calendar date", lambda d: _real_date(d["published_on"])),
            row_check("approved_on", between, lambda d: _date_between(d["approved_on"], FIRST_DAY, last)),
            row_check("published_on", between, lambda d: _date_between(d["published_on"], FIRST_DAY, last)),
        ],
    )


def _real_date(s: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
    return (s == "") | parsed.notna()


def _date_between(s: pd.Series, first: dt.date, last: dt.date) -> pd.Series:
    """Empty, not a date (reported by its own check) or between first and last."""
    parsed = pd.to_datetime(s.where(s.str.fullmatch(DATE[1:-1]), None), format="%Y-%m-%d", errors="coerce")
    return parsed.isna() | parsed.between(pd.Timestamp(first), pd.Timestamp(last))


def zone_schema(batches: set[str], provinces: set[str], documents: dict[str, str]) -> pa.DataFrameSchema:
    """zones.csv against the batches (numbers), provinces (codes) and the replies' document numbers
    (document_no -> batch) of the other files."""

    def later(d: pd.DataFrame) -> pd.Series:
        revoking = pd.to_numeric(d["revoked_by"].map(documents), errors="coerce")
        return revoking.isna() | (revoking > pd.to_numeric(d["batch"], errors="coerce"))

    return pa.DataFrameSchema(
        {
            "zone_id": text(r"[a-z][a-z0-9-]*", unique=True),
            "batch": text(allowed=sorted(batches, key=int)),
            "name_zh": text(),
            "name_en": text(unique=True),
            "province_code": text(r"\d{2}", allowed=sorted(provinces)),
            "adcodes": text(r"\d{6}(;\d{6})*"),
            "level": text(allowed=LEVELS),
            "lon": pa.Column(
                str,
                pa.Check(
                    lambda s: _is_float_between(s, *LON_RANGE),
                    name="lon|must be a number within China's extent (73–136°E)",
                ),
            ),
            "lat": pa.Column(
                str,
                pa.Check(
                    lambda s: _is_float_between(s, *LAT_RANGE),
                    name="lat|must be a number within China's extent (3–54°N)",
                ),
            ),
            "marker_source": text(r"geonames:\d+|wikipedia:\S+|label_point"),
            "seat_zh": text(required=False),
            "status": text(allowed=STATUSES),
            "revoked_by": pa.Column(
                str,
                pa.Check(
                    lambda s, known=frozenset(documents): (s == "") | s.isin(known),
                    name="revoked_by|must be the document_no of a reply in batches.csv (国函〔YYYY〕N号)",
                ),
            ),
            "aliases": text(r"[^;]*\S[^;]*(;[^;]*\S[^;]*)*", required=False),
            "note": text(required=False),
            "note_zh": text(required=False),
        },
        unique=["batch", "adcodes"],
        checks=[
            row_check(
                "revoked_by",
                "must name a later reply than the one that designated the zone",
                later,
            ),
            row_check(
                "revoked_by",
                "a revoked zone needs revoked_by (the revoking reply's document_no); an active one leaves it "
                "empty",
                lambda d: (d["status"] == "revoked") == (d["revoked_by"] != ""),
            ),
            row_check(
                "adcodes",
                "the area codes must lie in the zone's province",
                lambda d: pd.Series(
                    [
                        all(code[:2] == prov for code in codes.split(";"))
                        for codes, prov in zip(d["adcodes"], d["province_code"], strict=True)
                    ],
                    index=d.index,
                ),
            ),
        ],
    )


def province_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "province_code": text(r"\d{2}", unique=True),
            "adcode": text(r"\d{2}0000", unique=True),
            "name_zh": text(),
            "name_en": text(),
            "region": text(allowed=REGIONS),
            "coastal": text(allowed=("true", "false")),
        },
        checks=[
            row_check(
                "adcode",
                "must start with the province code",
                lambda d: d["adcode"].str[:2] == d["province_code"],
            )
        ],
    )
