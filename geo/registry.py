"""Read and validate the zone registry (data/*.csv) into typed frames; errors name file, row and column."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from geo.paths import BATCHES_CSV, DATA_DIR, PROVINCES_CSV, ZONES_CSV
from geo.schemas import (
    BATCH_COLUMNS,
    PROVINCE_COLUMNS,
    ZONE_COLUMNS,
    batch_schema,
    province_schema,
    zone_schema,
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (row is the spreadsheet row: the header is row 1)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.message}"


class RegistryError(ValueError):
    """Raised once with every problem found in the registry files."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"The zone registry has {len(problems)} problem(s):\n{lines}")


@dataclass(frozen=True)
class Registry:
    """The three validated, typed registry frames."""

    batches: pd.DataFrame
    zones: pd.DataFrame
    provinces: pd.DataFrame


def _read_csv(path: Path, required: list[str]) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read a CSV as text; report a missing/empty file, a wrong encoding or missing columns."""
    name = path.name
    if not path.exists():
        return None, [Problem(name, None, None, f"file not found at {path}")]
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [
            Problem(name, line, None, f"not valid UTF-8 (byte {err.start}); save the file as UTF-8")
        ]
    if not text.strip():
        return None, [Problem(name, None, None, "the file is empty (expected a header row and data)")]
    try:
        df = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as err:
        return None, [Problem(name, None, None, f"not a well-formed CSV file: {err}")]
    df.columns = [c.strip() for c in df.columns]
    missing = [c for c in required if c not in df.columns]
    problems = [Problem(name, 1, c, "required column is missing from the header") for c in missing]
    return (None if missing else df), problems


def _problems_from(err: pa.errors.SchemaErrors, file: str) -> list[Problem]:
    out: dict[tuple, Problem] = {}
    cases = err.failure_cases
    for case in cases.itertuples(index=False):
        idx = None if pd.isna(case.index) else int(case.index)
        row = None if idx is None else idx + 2
        check = str(case.check)
        if "|" in check:
            column, message = check.split("|", 1)
        elif check == "multiple_fields_uniqueness":
            column, message = str(case.column), "duplicate value (must be unique)"
        elif check == "field_uniqueness":
            column, message = str(case.column), f"duplicate value {case.failure_case!r} (must be unique)"
        elif check in ("column_in_dataframe", "column_in_schema"):
            column, message = str(case.failure_case), "required column is missing"
        else:
            column = "" if pd.isna(case.column) else str(case.column)
            message = f"{check} (found {case.failure_case!r})"
        key = (row, column, message)
        out.setdefault(key, Problem(file, row, column, message))
    return sorted(out.values(), key=lambda p: (p.row or 0, p.column or ""))


def _validate(df: pd.DataFrame, schema: pa.DataFrameSchema, file: str) -> list[Problem]:
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        return _problems_from(err, file)
    return []


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
    out["superseded_by"] = pd.to_numeric(out["superseded_by"].replace("", None)).astype("Int64")
    return out.reset_index(drop=True)


def _typed_provinces(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["coastal"] = out["coastal"] == "true"
    return out.reset_index(drop=True)


def load_registry(data_dir: Path | str = DATA_DIR) -> Registry:
    """Load batches.csv, zones.csv and provinces.csv; raise RegistryError listing every problem."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    provinces, p = _read_csv(data_dir / PROVINCES_CSV, PROVINCE_COLUMNS)
    problems += p
    batches, p = _read_csv(data_dir / BATCHES_CSV, BATCH_COLUMNS)
    problems += p
    zones, p = _read_csv(data_dir / ZONES_CSV, ZONE_COLUMNS)
    problems += p
    if provinces is not None:
        problems += _validate(provinces, province_schema(), "provinces.csv")
    if batches is not None:
        problems += _validate(batches, batch_schema(), "batches.csv")
    if zones is not None and batches is not None and provinces is not None:
        schema = zone_schema(set(batches["batch"]), set(provinces["province_code"]))
        problems += _validate(zones, schema, "zones.csv")
        problems += _count_problems(batches, zones)
    if problems:
        raise RegistryError(problems)
    return Registry(_typed_batches(batches), _typed_zones(zones), _typed_provinces(provinces))
