"""data/plans.csv: each plan rests on the ledger's `plan` rows and back; a broken copy is named."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from geo.csvcheck import RegistryError
from geo.paths import DATA_DIR
from geo.registry import load_registry
from tests import facts

FILES = ("batches.csv", "zones.csv", "provinces.csv", "evidence.csv", "plans.csv")


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for name in FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def _frame(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _plan_row(zone_id: str) -> int:
    """The spreadsheet row of a zone's plan in data/plans.csv (the header is row 1)."""
    return [p["zone_id"] for p in facts.rows("plans.csv")].index(zone_id) + 2


def _errors(data_dir: Path) -> list[str]:
    with pytest.raises(RegistryError) as info:
        load_registry(data_dir)
    return str(info.value).splitlines()


def _set(path: Path, row: int, column: str, value: str) -> None:
    df = _frame(path)
    df.loc[row - 2, column] = value
    df.to_csv(path, index=False)


# ---- the real data -------------------------------------------------------------------------------------


def test_every_plan_and_every_plan_source_agree():
    plans = facts.rows("plans.csv")
    sources = [r for r in facts.rows("evidence.csv") if r["fact"] == "plan"]
    zones = {z["zone_id"] for z in facts.rows("zones.csv")}
    cited: dict[str, set[str]] = {}
    for r in sources:
        cited.setdefault(r["subject"], set()).add(r["source_url"])
    assert plans, "plans.csv holds the plans found"
    assert {p["zone_id"] for p in plans} == set(cited)
    assert len({p["zone_id"] for p in plans}) == len(plans), "one row per zone"
    for p in plans:
        assert p["zone_id"] in zones
        assert p["source_url"] in cited[p["zone_id"]]


def test_the_loaded_plans_are_the_file_with_dates():
    reg = load_registry()
    raw = facts.rows("plans.csv")
    assert reg.plans["zone_id"].tolist() == [p["zone_id"] for p in raw]
    issued = [dt.date.fromisoformat(p["issued_on"]) if p["issued_on"] else None for p in raw]
    got = [None if pd.isna(d) else d.date() for d in reg.plans["issued_on"]]
    assert got == issued


def test_a_plan_shared_by_several_zones_has_the_same_fields_on_each_row():
    by_title: dict[tuple[str, str], set[tuple[str, ...]]] = {}
    for p in facts.rows("plans.csv"):
        if p["document_no"]:
            key = (p["document_no"], p["issuer_zh"])
            by_title.setdefault(key, set()).add((p["title_zh"], p["issued_on"], p["published_on"]))
    assert by_title and all(len(v) == 1 for v in by_title.values())


# ---- broken copies: file, row and column named -----------------------------------------------------------


def test_a_plan_without_a_ledger_row_is_named(data_copy):
    zone = facts.rows("plans.csv")[0]["zone_id"]
    ev = _frame(data_copy / "evidence.csv")
    ev[~((ev["subject"] == zone) & (ev["fact"] == "plan"))].to_csv(data_copy / "evidence.csv", index=False)
    lines = _errors(data_copy)
    expected = f"plans.csv, row {_plan_row(zone)}, column 'zone_id': the plan of '{zone}' has no `plan` row"
    assert any(expected in ln for ln in lines), lines


def test_a_plan_source_without_a_plan_is_named(data_copy):
    zone = facts.rows("plans.csv")[-1]["zone_id"]
    plans = _frame(data_copy / "plans.csv")
    plans[plans["zone_id"] != zone].to_csv(data_copy / "plans.csv", index=False)
    ev_rows = [
        i + 2
        for i, r in enumerate(facts.rows("evidence.csv"))
        if r["subject"] == zone and r["fact"] == "plan"
    ]
    lines = _errors(data_copy)
    for row in ev_rows:
        expected = f"evidence.csv, row {row}, column 'subject': a `plan` source for '{zone}'"
        assert any(expected in ln for ln in lines), lines


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("zone_id", "atlantis", "unknown zone"),
        ("source_url", "https://example.org/not-read", "is not among the `plan` sources"),
        ("source_url", "www.gov.cn/no-scheme", "must match"),
        ("issued_on", "2020-02-30", "not a real calendar date"),
        ("issued_on", "23 July 2020", "must match"),
        ("published_on", "1999-01-01", "must lie between 2015-01-01 and"),
    ],
)
def test_each_rule_names_file_row_and_column(data_copy, column, value, expected):
    row = 3
    _set(data_copy / "plans.csv", row, column, value)
    lines = [ln for ln in _errors(data_copy) if f"plans.csv, row {row}, column '{column}'" in ln]
    assert any(expected in ln for ln in lines), lines


def test_a_plan_published_before_it_was_issued_is_named(data_copy):
    row = next(i + 2 for i, p in enumerate(facts.rows("plans.csv")) if p["issued_on"])
    _set(data_copy / "plans.csv", row, "published_on", "2015-01-02")
    lines = _errors(data_copy)
    assert any(
        f"plans.csv, row {row}, column 'published_on': a plan cannot be published before" in ln
        for ln in lines
    )


def test_a_zone_with_two_plan_rows_is_named(data_copy):
    plans = _frame(data_copy / "plans.csv")
    pd.concat([plans, plans.iloc[[0]]]).to_csv(data_copy / "plans.csv", index=False)
    lines = _errors(data_copy)
    assert any(
        f"plans.csv, row {len(plans) + 2}, column 'zone_id'" in ln and "must be unique" in ln for ln in lines
    )


def test_a_missing_plans_file_is_named(data_copy):
    (data_copy / "plans.csv").unlink()
    assert any("plans.csv: file not found" in ln for ln in _errors(data_copy))
