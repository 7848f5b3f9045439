"""Read and validate the zone registry (data/*.csv) into typed frames; errors name file, row and column."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.csvcheck import Problem, RegistryError, read_csv, validate
from geo.evidence import EVIDENCE_COLUMNS, evidence_schema, with_sources
from geo.paths import BATCHES_CSV, DATA_DIR, EVIDENCE_CSV, PLANS_CSV, PROVINCES_CSV, PUBLISHERS_CSV, ZONES_CSV
from geo.plans import PLAN_COLUMNS, ledger_problems, plan_schema, typed_plans
from geo.schemas import (
    BATCH_COLUMNS,
    NO_REGION,
    PROVINCE_COLUMNS,
    ZONE_COLUMNS,
    batch_schema,
    province_schema,
    zone_schema,
)
from geo.sourcekinds import PUBLISHER_COLUMNS, publisher_schema, unknown_domains


@dataclass(frozen=True)
class Registry:
    """The validated, typed registry frames, the evidence ledger (one row per fact and source, with each
    source's domain and publisher kind), the provincial implementation plans (one row per zone that has
    one) and the publishers (one row per domain of the ledger: its kind and the reason)."""

    batches: pd.DataFrame
    zones: pd.DataFrame
    provinces: pd.DataFrame
    evidence: pd.DataFrame
    plans: pd.DataFrame
    publishers: pd.DataFrame


def _count_problems(batches: pd.DataFrame, zones: pd.DataFrame) -> list[Problem]:
    counts = zones["batch"].value_counts()
    out = []
    for i, row in batches.iterrows():
        got = int(counts.get(row["batch"], 0))
        if row["zone_count"].isdigit() and got != int(row["zone_count"]):
            out.append(
                Problem(
                    "batches.csv",
                    int(i) + 2,
                    "zone_count",
                    f"batch {row['batch']} says {row['zone_count']} zones but zones.csv has {got} rows",
                )
            )
    return out


def _order_problems(batches: pd.DataFrame) -> list[Problem]:
    """Batches are numbered in the order their replies took effect (approval, else publication)."""
    rows = []
    for i, row in batches.iterrows():
        column = "approved_on" if row["approved_on"] else "published_on"
        rows.append((int(row["batch"]), row[column], column, int(i) + 2))
    out = []
    newest: tuple[int, str] | None = None  # (batch, day) of the latest day so far, in batch order
    for batch, day, column, line in sorted(rows):
        if newest and day < newest[1]:
            message = (
                f"batch {batch} took effect on {day}, before batch {newest[0]} ({newest[1]}): "
                "batches are numbered in the order of their replies"
            )
            out.append(Problem("batches.csv", line, column, message))
        else:
            newest = (batch, day)
    return out


def _typed_batches(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["batch"] = out["batch"].astype(int)
    out["zone_count"] = out["zone_count"].astype(int)
    for col in ("approved_on", "published_on"):
        out[col] = pd.to_datetime(out[col].replace("", None), format="%Y-%m-%d")
    # The day a reply takes effect for "as of" views: its approval, else (if unknown) its publication.
    out["effective_on"] = out["approved_on"].fillna(out["published_on"])
    return out.sort_values("batch").reset_index(drop=True)


def _typed_zones(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["batch"] = out["batch"].astype(int)
    out["lon"] = out["lon"].astype(float)
    out["lat"] = out["lat"].astype(float)
    return out.reset_index(drop=True)


def _typed_provinces(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["coastal"] = out["coastal"] == "true"
    return out.reset_index(drop=True)


def not_applicable(provinces: pd.DataFrame) -> frozenset[str]:
    """The provinces the pilot-zone policy does not apply to (Hong Kong, Macao, Taiwan): provinces.csv's
    rows whose region is none. The maps draw them as not applicable."""
    return frozenset(provinces.loc[provinces["region"] == NO_REGION, "province_code"])


def load_registry(data_dir: Path | str = DATA_DIR, today: dt.date | None = None) -> Registry:
    """Load batches.csv, zones.csv, provinces.csv, evidence.csv, plans.csv and publishers.csv; raise
    RegistryError listing every problem (dates are checked against `today`, default the real one)."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    provinces, p = read_csv(data_dir / PROVINCES_CSV, PROVINCE_COLUMNS)
    problems += p
    batches, p = read_csv(data_dir / BATCHES_CSV, BATCH_COLUMNS)
    problems += p
    zones, p = read_csv(data_dir / ZONES_CSV, ZONE_COLUMNS)
    problems += p
    if provinces is not None:
        problems += validate(provinces, province_schema(), "provinces.csv")
    if batches is not None:
        found = validate(batches, batch_schema(today), "batches.csv")
        problems += found or _order_problems(batches)
    if zones is not None and batches is not None and provinces is not None:
        documents = dict(zip(batches["document_no"], batches["batch"], strict=True))
        schema = zone_schema(set(batches["batch"]), set(provinces["province_code"]), documents)
        problems += validate(zones, schema, "zones.csv")
        problems += _count_problems(batches, zones)
    evidence, p = read_csv(data_dir / EVIDENCE_CSV, EVIDENCE_COLUMNS)
    problems += p
    if evidence is not None and zones is not None and batches is not None:
        subjects = set(zones["zone_id"]) | {f"batch:{b}" for b in batches["batch"]}
        problems += validate(evidence, evidence_schema(subjects), EVIDENCE_CSV)
    plans, p = read_csv(data_dir / PLANS_CSV, PLAN_COLUMNS)
    problems += p
    if plans is not None and zones is not None:
        found = validate(plans, plan_schema(set(zones["zone_id"]), today), PLANS_CSV)
        problems += found or ([] if evidence is None else ledger_problems(plans, evidence))
    publishers, p = read_csv(data_dir / PUBLISHERS_CSV, PUBLISHER_COLUMNS)
    problems += p
    if publishers is not None:
        found = validate(publishers, publisher_schema(), PUBLISHERS_CSV)
        problems += found
        if evidence is not None and not found:
            problems += unknown_domains(with_sources(evidence, publishers), publishers)
    frames = (batches, zones, provinces, evidence, plans, publishers)
    if problems or any(frame is None for frame in frames):
        raise RegistryError(problems)
    assert batches is not None and zones is not None and provinces is not None
    assert evidence is not None and plans is not None and publishers is not None
    return Registry(
        _typed_batches(batches),
        _typed_zones(zones),
        _typed_provinces(provinces),
        with_sources(evidence[EVIDENCE_COLUMNS], publishers),
        typed_plans(plans),
        publishers[PUBLISHER_COLUMNS].reset_index(drop=True),
    )
