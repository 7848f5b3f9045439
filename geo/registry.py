"""Read and validate the zone registry (data/*.csv) into typed frames; errors name file, row and column."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

LEVELS = (
    "municipality",
    "prefecture_city",
    "county_level_city",
    "autonomous_prefecture",
    "prefecture",
    "new_area",
    "province",
)
STATUSES = ("active", "superseded")
CONFIDENCE = ("confirmed", "single_source", "unconfirmed")
REGIONS = ("east", "central", "west", "northeast", "none")
# China's extent (WGS-84), generous enough for Zengmu Ansha and the western tip of Xinjiang.
LON_RANGE = (73.0, 136.0)
LAT_RANGE = (3.0, 54.0)

DATE = r"^\d{4}-\d{2}-\d{2}$"

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
    "confidence",
    "note",
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
    "status",
    "superseded_by",
    "confidence",
    "note",
]
PROVINCE_COLUMNS = ["province_code", "adcode", "name_zh", "name_en", "region", "coastal"]


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


def _row_check(column: str, message: str, fn) -> pa.Check:
    """A frame-wide check whose failures are reported against one named column."""
    return pa.Check(fn, name=f"{column}|{message}")


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
            column = None if pd.isna(case.column) else str(case.column)
            message = f"{check} (found {case.failure_case!r})"
        key = (row, column, message)
        out.setdefault(key, Problem(file, row, column, message))
    return sorted(out.values(), key=lambda p: (p.row or 0, p.column or ""))


def _text(pattern: str | None = None, allowed=None, required: bool = True, unique: bool = False) -> pa.Column:
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


def _validate(df: pd.DataFrame, schema: pa.DataFrameSchema, file: str) -> list[Problem]:
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        return _problems_from(err, file)
    return []


def _batch_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "batch": _text(r"[1-9]\d*", unique=True),
            "approved_on": _text(DATE[1:-1], required=False),
            "published_on": _text(DATE[1:-1], required=False),
            "document_no": _text(r"国函〔\d{4}〕\d+号"),
            "document_no_en": _text(r"Guohan \[\d{4}\] No\. \d+"),
            "title_zh": _text(required=False),
            "title_en": _text(required=False),
            "zone_count": _text(r"[1-9]\d*"),
            "source_url": _text(r"https?://\S+", required=False),
            "confidence": _text(allowed=CONFIDENCE),
            "note": _text(required=False),
        },
        checks=[
            _row_check(
                "approved_on",
                "approval or publication date required (at least one)",
                lambda d: (d["approved_on"] != "") | (d["published_on"] != ""),
            ),
            _row_check("approved_on", "not a real calendar date", lambda d: _real_date(d["approved_on"])),
            _row_check("published_on", "not a real calendar date", lambda d: _real_date(d["published_on"])),
        ],
    )


def _real_date(s: pd.Series) -> pd.Series:
    parsed = pd.to_datetime(s, format="%Y-%m-%d", errors="coerce")
    return (s == "") | parsed.notna()


def _zone_schema(batches: set[str], provinces: set[str]) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "zone_id": _text(r"[a-z][a-z0-9-]*", unique=True),
            "batch": _text(allowed=sorted(batches, key=int)),
            "name_zh": _text(),
            "name_en": _text(),
            "province_code": _text(r"\d{2}", allowed=sorted(provinces)),
            "adcodes": _text(r"\d{6}(;\d{6})*"),
            "level": _text(allowed=LEVELS),
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
            "marker_source": _text(r"geonames:\d+|label_point"),
            "status": _text(allowed=STATUSES),
            "superseded_by": _text(allowed=sorted(batches, key=int), required=False),
            "confidence": _text(allowed=CONFIDENCE),
            "note": _text(required=False),
        },
        unique=["batch", "adcodes"],
        checks=[
            _row_check(
                "superseded_by",
                "must name a later batch than the zone's own",
                lambda d: (
                    (d["superseded_by"] == "")
                    | (
                        pd.to_numeric(d["superseded_by"], errors="coerce")
                        > pd.to_numeric(d["batch"], errors="coerce")
                    )
                ),
            ),
            _row_check(
                "superseded_by",
                "a superseded zone needs superseded_by, an active one must leave it empty",
                lambda d: (d["status"] == "superseded") == (d["superseded_by"] != ""),
            ),
            _row_check(
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


def _province_schema() -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {
            "province_code": _text(r"\d{2}", unique=True),
            "adcode": _text(r"\d{2}0000", unique=True),
            "name_zh": _text(),
            "name_en": _text(),
            "region": _text(allowed=REGIONS),
            "coastal": _text(allowed=("true", "false")),
        },
        checks=[
            _row_check(
                "adcode",
                "must start with the province code",
                lambda d: d["adcode"].str[:2] == d["province_code"],
            )
        ],
    )


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
    provinces, p = _read_csv(data_dir / "provinces.csv", PROVINCE_COLUMNS)
    problems += p
    batches, p = _read_csv(data_dir / "batches.csv", BATCH_COLUMNS)
    problems += p
    zones, p = _read_csv(data_dir / "zones.csv", ZONE_COLUMNS)
    problems += p
    if provinces is not None:
        problems += _validate(provinces, _province_schema(), "provinces.csv")
    if batches is not None:
        problems += _validate(batches, _batch_schema(), "batches.csv")
    if zones is not None and batches is not None and provinces is not None:
        schema = _zone_schema(set(batches["batch"]), set(provinces["province_code"]))
        problems += _validate(zones, schema, "zones.csv")
        problems += _count_problems(batches, zones)
    if problems:
        raise RegistryError(problems)
    return Registry(_typed_batches(batches), _typed_zones(zones), _typed_provinces(provinces))
