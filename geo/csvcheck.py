"""Read a registry CSV as text and validate it with pandera: every problem names file, row and column."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa


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
    """Raised once with every problem found in the data files (registry, boundaries, static geometry)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        lines = "\n".join(f"- {p}" for p in problems)
        super().__init__(f"The data files have {len(problems)} problem(s):\n{lines}")


def read_csv(path: Path, required: list[str]) -> tuple[pd.DataFrame | None, list[Problem]]:
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


def validate(df: pd.DataFrame, schema: pa.DataFrameSchema, file: str) -> list[Problem]:
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        return _problems_from(err, file)
    return []
