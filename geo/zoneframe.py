"""Dataset.zones, the derived zones frame the pages read, as a pandera model: its columns, checked at load."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import DataFrame, Series

from geo.csvcheck import Problem
from geo.join import LOCATIONS
from geo.schemas import CONFIDENCE, LEVELS, REGIONS, STATUSES

FRAME = "derived zones frame (geo/dataset.py)"  # how load problems name it: no file, but built from them


class ZoneFrame(pa.DataFrameModel):
    """One row per zone of zones.csv, joined with its reply (batches.csv), its province (provinces.csv),
    its location class (the boundaries), the reply that revoked it and the confidences the ledger gives
    its designation and revocation. A filter's `column` (geo.filters.Entry) is one of these."""

    zone_id: Series[str] = pa.Field(unique=True, str_matches=r"^[a-z][a-z0-9-]*$")
    batch: Series[int] = pa.Field(ge=1)
    name_zh: Series[str]
    name_en: Series[str] = pa.Field(unique=True)
    province_code: Series[str] = pa.Field(str_matches=r"^\d{2}$")
    adcodes: Series[str] = pa.Field(str_matches=r"^\d{6}(;\d{6})*$")
    level: Series[str] = pa.Field(isin=LEVELS)
    lon: Series[float]
    lat: Series[float]
    marker_source: Series[str]
    seat_zh: Series[str]
    status: Series[str] = pa.Field(isin=STATUSES)  # in the registry; the view's day decides status_asof
    revoked_by: Series[str]  # the revoking reply's document number; '' for an active zone
    aliases: Series[str]
    note: Series[str]
    note_zh: Series[str]
    # The zone's reply (batches.csv).
    approved_on: Series[pa.DateTime] = pa.Field(nullable=True)
    published_on: Series[pa.DateTime] = pa.Field(nullable=True)
    effective_on: Series[pa.DateTime]  # approval, else publication: the day the zone counts from
    document_no: Series[str]
    document_no_en: Series[str]
    title_zh: Series[str]
    title_en: Series[str]
    source_url: Series[str]
    source_url_alt: Series[str]
    # Its province (provinces.csv) and location class (the boundary files).
    province_name_zh: Series[str]
    province_name_en: Series[str]
    region: Series[str] = pa.Field(isin=REGIONS)
    coastal_province: Series[bool]
    location: Series[str] = pa.Field(isin=LOCATIONS)
    # The reply that revoked it, and the day it took effect: the zone counts until then.
    revoked_by_batch: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    revoked_on: Series[pa.DateTime] = pa.Field(nullable=True)
    # Derived from the ledger (geo.evidence); never typed.
    designation_confidence: Series[str] = pa.Field(isin=CONFIDENCE)
    revocation_confidence: Series[str] = pa.Field(isin=(*CONFIDENCE, ""))  # '' for an active zone
    # The confidence of each date beside it ('' where the date is empty): its reply's, and the revoking one's.
    approved_on_confidence: Series[str] = pa.Field(isin=(*CONFIDENCE, ""))
    published_on_confidence: Series[str] = pa.Field(isin=(*CONFIDENCE, ""))
    revoked_on_confidence: Series[str] = pa.Field(isin=(*CONFIDENCE, ""))
    # Its implementation plan (plans.csv): dates, NaT where the source gives none; '' for no plan found.
    plan_issued_on: Series[pa.DateTime] = pa.Field(nullable=True)
    plan_published_on: Series[pa.DateTime] = pa.Field(nullable=True)
    plan_confidence: Series[str] = pa.Field(isin=(*CONFIDENCE, ""))
    search_text: Series[str]  # geo.search's haystack: names, aliases, pinyin
    # Its implementation plan's title, number, issuer and source (geo.planfacts): '' where none was found.
    plan_title: Series[str]
    plan_document_no: Series[str]
    plan_issuer: Series[str]
    plan_url: Series[str]

    class Config:
        strict = True  # no column but these: a new one is added here first
        ordered = True

    @pa.dataframe_check(name="a revoked zone has its revoking reply, its day and a revocation confidence")
    def revocation_complete(cls, frame: pd.DataFrame) -> pd.Series:
        revoked = frame["status"] == "revoked"
        parts = (
            frame["revoked_by"] != "",
            frame["revoked_by_batch"].notna(),
            frame["revoked_on"].notna(),
            frame["revocation_confidence"] != "",
        )
        return pd.concat([part == revoked for part in parts], axis=1).all(axis=1)

    @pa.dataframe_check(name="revoked after it was designated")
    def revoked_later(cls, frame: pd.DataFrame) -> pd.Series:
        return frame["revoked_on"].isna() | (frame["revoked_on"] > frame["effective_on"])


def checked(frame: pd.DataFrame) -> tuple[DataFrame[ZoneFrame] | None, list[Problem]]:
    """The frame if it is a ZoneFrame, else None and every problem (row = zones.csv's spreadsheet row)."""
    try:
        return ZoneFrame.validate(frame, lazy=True), []
    except pa.errors.SchemaErrors as err:
        problems: dict[tuple, Problem] = {}
        for case in err.failure_cases.itertuples(index=False):
            row = None if pd.isna(case.index) else int(case.index) + 2
            column = None if pd.isna(case.column) else str(case.column)
            message = f"{case.check} (found {case.failure_case!r})"
            problems.setdefault((row, column, str(case.check)), Problem(FRAME, row, column, message))
        return None, list(problems.values())
