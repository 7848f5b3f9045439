"""Registry: the real files load with the published counts; each broken fixture names file, row, column."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pandas as pd
import pytest

from geo.asof import status_on_day
from geo.paths import DATA_DIR
from geo.registry import RegistryError, load_registry

# Counts per batch, from the State Council replies as listed in the registry issue.
PUBLISHED_COUNTS = {1: 1, 2: 12, 3: 22, 4: 24, 5: 46, 6: 27, 7: 33, 8: 16}


@pytest.fixture(scope="module")
def reg(data):
    return data.registry


def test_real_registry_loads_with_published_counts(reg):
    assert reg.zones.groupby("batch").size().to_dict() == PUBLISHED_COUNTS
    assert len(reg.zones) == 181
    assert len(reg.provinces) == 34
    assert reg.batches["zone_count"].tolist() == list(PUBLISHED_COUNTS.values())


@pytest.fixture(scope="module")
def zones(data):
    return data.zones


def test_active_zones_as_of_end_2022_and_now(zones):
    end_2022 = status_on_day(zones, dt.date(2022, 12, 31))
    assert (end_2022 == "active").sum() == 165
    assert (end_2022 == "pending").sum() == 16
    now = status_on_day(zones, None)
    assert (now == "active").sum() == 178
    revoked = set(zones.loc[now == "revoked", "name_zh"])
    assert revoked == {"海口市", "三亚市", "阿拉山口市"}


def test_a_zone_is_revoked_from_the_day_the_revoking_reply_took_effect(zones):
    haikou = zones[zones["zone_id"] == "haikou"]
    assert status_on_day(haikou, dt.date(2025, 4, 24)).item() == "active"
    assert status_on_day(haikou, dt.date(2025, 4, 25)).item() == "revoked"


def test_before_the_first_reply_nothing_is_active(zones):
    status = status_on_day(zones, dt.date(2015, 3, 6))
    assert (status == "pending").all()
    assert (status_on_day(zones, dt.date(2015, 3, 7)) == "active").sum() == 1


def test_batch_6_names_include_ordos_and_alashankou(reg):
    b6 = reg.zones[reg.zones.batch == 6]
    assert b6.iloc[0]["name_zh"] == "鄂尔多斯市"
    assert b6.iloc[-1]["name_zh"] == "阿拉山口市"
    assert reg.batches.set_index("batch").loc[6, "document_no"] == "国函〔2022〕8号"


def test_names_as_the_replies_write_them(reg):
    names = set(reg.zones["name_zh"])
    assert {"鄂尔多斯市", "喀什地区", "红河哈尼族彝族自治州", "雄安新区", "海南全岛"} <= names


def test_homonyms_are_placed_in_the_right_province(reg):
    z = reg.zones.set_index("zone_id")
    assert z.loc["taizhou-zj", "province_code"] == "33"
    assert z.loc["taizhou-js", "province_code"] == "32"
    assert z.loc["yichun", "province_code"] == "36"
    assert z.loc["xiongan", "adcodes"].split(";") == ["130629", "130632", "130638"]


def test_low_confidence_rows_are_flagged_not_dropped(zones):
    z = zones.set_index("name_zh")
    # The designation's confidence, derived from the ledger; Haikou's designation is well sourced, its
    # revocation is not (see tests/test_evidence.py).
    assert z.loc["海口市", "designation_confidence"] == "confirmed"
    assert z.loc["焦作市", "designation_confidence"] == "unverified"
    assert z.loc["德州市", "designation_confidence"] == "single_source"
    assert z.loc["廊坊市", "designation_confidence"] == "confirmed"
    assert z.loc["秦皇岛市", "designation_confidence"] == "confirmed"
    assert z.loc["鄂州市", "designation_confidence"] == "single_source"
    revoked = zones[zones["status"] == "revoked"]
    assert set(revoked["revoked_by"]) == {"国函〔2025〕40号"} and (revoked["revoked_by_batch"] == 8).all()
    assert (revoked["revoked_on"] == pd.Timestamp("2025-04-25")).all()


def test_dates_and_unconfirmed_facts(reg):
    b = reg.batches.set_index("batch")
    assert b.loc[1, "approved_on"] == pd.Timestamp("2015-03-07")
    assert pd.isna(b.loc[5, "published_on"])
    assert pd.isna(b.loc[8, "approved_on"])
    assert b.loc[8, "effective_on"] == pd.Timestamp("2025-04-25")


# ---- broken fixtures -------------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for name in ("batches.csv", "zones.csv", "provinces.csv", "evidence.csv", "plans.csv", "publishers.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def _set(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; `row` is the spreadsheet row (the header is row 1)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[row - 2, column] = value
    df.to_csv(path, index=False)


def _errors(data_dir: Path) -> str:
    with pytest.raises(RegistryError) as info:
        load_registry(data_dir)
    return str(info.value)


@pytest.mark.parametrize(
    ("file", "row", "column", "value", "expected"),
    [
        ("zones.csv", 5, "level", "city", "must be one of"),
        ("zones.csv", 6, "zone_id", "hangzhou", "duplicate"),
        ("zones.csv", 7, "province_code", "99", "must be one of"),
        ("zones.csv", 8, "adcodes", "3301", "must match"),
        ("zones.csv", 9, "lon", "12.5", "China's extent"),
        ("zones.csv", 10, "lat", "north", "China's extent"),
        ("zones.csv", 11, "status", "closed", "must be one of"),
        ("zones.csv", 12, "status", "superseded", "must be one of active, revoked"),
        ("zones.csv", 12, "revoked_by", "8", "must be the document_no of a reply in batches.csv"),
        ("zones.csv", 15, "revoked_by", "国函〔2025〕40号", "a revoked zone needs revoked_by"),
        ("zones.csv", 13, "name_zh", "", "must not be empty"),
        ("zones.csv", 14, "adcodes", "110000", "province"),
        ("batches.csv", 3, "approved_on", "2016-02-30", "not a real calendar date"),
        ("batches.csv", 4, "document_no", "国函2018-93", "must match"),
        ("batches.csv", 5, "zone_count", "23", "says 23 zones but zones.csv has 24"),
        ("provinces.csv", 4, "region", "south", "must be one of"),
    ],
)
def test_each_rule_names_file_row_and_column(data_copy, file, row, column, value, expected):
    _set(data_copy / file, row, column, value)
    msg = _errors(data_copy)
    lines = [ln for ln in msg.splitlines() if f"{file}, row {row}, column '{column}'" in ln]
    assert any(expected in ln for ln in lines), msg


def test_revoked_by_must_name_a_later_reply(data_copy):
    zones = pd.read_csv(data_copy / "zones.csv", dtype=str, keep_default_na=False)
    row = int(zones.index[zones.zone_id == "haikou"][0]) + 2  # designated by batch 3 (国函〔2018〕93号)
    _set(data_copy / "zones.csv", row, "revoked_by", "国函〔2016〕17号")
    msg = _errors(data_copy)
    assert f"zones.csv, row {row}, column 'revoked_by': must name a later reply" in msg


def test_duplicate_batch_and_area(data_copy):
    zones = pd.read_csv(data_copy / "zones.csv", dtype=str, keep_default_na=False)
    dup = zones.iloc[[1]].assign(zone_id="tianjin-again")
    pd.concat([zones, dup]).to_csv(data_copy / "zones.csv", index=False)
    _set(data_copy / "batches.csv", 3, "zone_count", "13")
    msg = _errors(data_copy)
    assert f"zones.csv, row {len(zones) + 2}, column 'adcodes': duplicate" in msg


def test_every_problem_is_listed_at_once(data_copy):
    _set(data_copy / "zones.csv", 5, "level", "city")
    _set(data_copy / "zones.csv", 20, "status", "closed")
    msg = _errors(data_copy)
    assert "row 5, column 'level'" in msg and "row 20, column 'status'" in msg
    assert "2 problem(s)" in msg


def test_wrong_encoding_is_named(data_copy):
    text = (data_copy / "zones.csv").read_text(encoding="utf-8")
    (data_copy / "zones.csv").write_bytes(text.encode("gb18030"))
    msg = _errors(data_copy)
    assert "zones.csv, row 2: not valid UTF-8" in msg


def test_missing_column_is_named(data_copy):
    df = pd.read_csv(data_copy / "batches.csv", dtype=str, keep_default_na=False)
    df.drop(columns="document_no").to_csv(data_copy / "batches.csv", index=False)
    msg = _errors(data_copy)
    assert "batches.csv, row 1, column 'document_no': required column is missing" in msg


def test_empty_and_missing_files(data_copy):
    (data_copy / "provinces.csv").write_text("")
    (data_copy / "batches.csv").unlink()
    msg = _errors(data_copy)
    assert "provinces.csv: the file is empty" in msg
    assert "batches.csv: file not found" in msg


def test_extra_columns_are_welcome(data_copy):
    df = pd.read_csv(data_copy / "provinces.csv", dtype=str, keep_default_na=False)
    df.assign(capital="x").to_csv(data_copy / "provinces.csv", index=False)
    assert len(load_registry(data_copy).provinces) == 34


def test_a_utf8_bom_is_accepted(data_copy):
    text = (data_copy / "batches.csv").read_text(encoding="utf-8")
    (data_copy / "batches.csv").write_text("\ufeff" + text, encoding="utf-8")
    assert len(load_registry(data_copy).batches) == 8
