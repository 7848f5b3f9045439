"""The research tables as files: CSV (UTF-8, with or without BOM), Stata .dta (118, labelled), Parquet."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from geo.codebook import UNIT_TYPES, Field, panel_fields, unit_fields, value_labels

FORMATS = ("csv", "csv-bom", "dta", "parquet")
SUFFIXES = {".csv": "csv", ".dta": "dta", ".parquet": "parquet"}
MIME = {
    "csv": "text/csv",
    "csv-bom": "text/csv",
    "dta": "application/x-stata-dta",
    "parquet": "application/vnd.apache.parquet",
}
STATA_VERSION = 118  # Stata 14+: Unicode strings, so Chinese names survive


def fields_of(frame: pd.DataFrame) -> list[Field]:
    """The codebook's fields of a units or panel frame, in its column order."""
    period = "month" if "period" in frame else "year"
    known = {f.name: f for f in unit_fields() + panel_fields(period)}
    missing = [c for c in frame.columns if c not in known]
    if missing:
        raise ValueError(f"no codebook entry for column(s) {', '.join(missing)}")
    return [known[c] for c in frame.columns]


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Date columns (the codebook's type date) as dates, for the binary formats."""
    out = frame.copy()
    for f in fields_of(frame):
        if f.type == "date":
            out[f.name] = pd.to_datetime(out[f.name].replace("", None), format="%Y-%m-%d")
    return out


def to_csv(frame: pd.DataFrame, bom: bool = False) -> bytes:
    """UTF-8 CSV (with a BOM for Excel when asked), blank cells for missing values, LF line ends."""
    text = frame.to_csv(index=False, lineterminator="\n")
    return text.encode("utf-8-sig" if bom else "utf-8")


def to_dta(frame: pd.DataFrame) -> bytes:
    """Stata 118 with every variable's label and value labels for treated, treated_partial and unit_type."""
    out = typed(frame)
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col]) and not isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].astype(object).where(out[col].notna(), "").astype(str)
        elif pd.api.types.is_integer_dtype(out[col]) and out[col].hasnans:
            out[col] = out[col].astype("float64")  # Stata's missing value '.'
    if "unit_type" in out:
        out["unit_type"] = pd.Categorical(out["unit_type"], categories=list(UNIT_TYPES))
    labels = {f.name: f.label for f in fields_of(frame)}
    coded = {k: v for k, v in value_labels().items() if k in out}
    buf = io.BytesIO()
    out.to_stata(
        buf,
        write_index=False,
        version=STATA_VERSION,
        variable_labels=labels,
        value_labels=coded,
        convert_dates={f.name: "td" for f in fields_of(frame) if f.type == "date"},
    )
    return buf.getvalue()


def to_parquet(frame: pd.DataFrame) -> bytes:
    """Parquet (pyarrow), nullable integers and dates kept."""
    buf = io.BytesIO()
    typed(frame).to_parquet(buf, index=False)
    return buf.getvalue()


def encode(frame: pd.DataFrame, fmt: str) -> bytes:
    """The frame as `fmt`: csv, csv-bom, dta or parquet."""
    if fmt == "csv":
        return to_csv(frame)
    if fmt == "csv-bom":
        return to_csv(frame, bom=True)
    if fmt == "dta":
        return to_dta(frame)
    if fmt == "parquet":
        return to_parquet(frame)
    raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def write(frame: pd.DataFrame, path: Path) -> None:
    """Write the frame in the format its suffix names (.csv UTF-8 without BOM, .dta, .parquet)."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"{path}: the file name must end in {', '.join(SUFFIXES)}")
    path.write_bytes(encode(frame, fmt))


def extension(fmt: str) -> str:
    return {"csv-bom": "csv"}.get(fmt, fmt)
