"""Research data (geo/panel.py): units, the panel, the named hard cases, the oracle, files and the command."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pandas as pd
import pytest

from geo import asof, panel, panelfiles, treatment
from geo.paths import DATA_DIR, ROOT
from tests import facts

TODAY = dt.date(2026, 12, 3)
NAMES = {"jinhua": "330700", "yanbian": "222400", "baoding": "130600", "bortala": "652700"}
NAMES |= {"haikou": "460100", "sanya": "460200", "sansha": "460300", "danzhou": "460400", "beijing": "110000"}


@pytest.fixture(scope="module")
def units(data) -> pd.DataFrame:
    return panel.units(data).set_index("unit_code")


@pytest.fixture(scope="module")
def yearly(data) -> pd.DataFrame:
    return panel.panel(data, "approval", "year", 2010, 2026, today=TODAY)


def unit_rows(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    return frame[frame["unit_code"] == NAMES[name]].set_index(frame.columns[5])


def test_units_are_every_feature_but_hong_kong_macao_and_taiwan(units):
    assert set(units.index) == set(facts.research_units())
    assert len(units) == 367
    assert units.loc["469001", "unit_type"] == "province_direct_county"
    assert units.loc["110000", "unit_type"] == "municipality"


def test_every_unit_once_per_period(data, yearly):
    assert len(yearly) == 367 * 17
    assert not yearly.duplicated(["unit_code", "year"]).any()
    monthly = panel.panel(data, "plan", "month", 2024, 2025, today=TODAY)
    assert len(monthly) == 367 * 24 and not monthly.duplicated(["unit_code", "period"]).any()
    assert list(monthly["period"].iloc[:2]) == ["2024-01", "2024-02"]


def test_the_panel_columns_are_the_contract(yearly):
    assert list(yearly.columns) == [
        "unit_code", "unit_name_zh", "unit_name_en", "province_code", "unit_type", "year", "treated",
        "treated_partial", "zone_ids", "gvar", "gvar_partial", "rel_time",
    ]  # fmt: skip


@pytest.mark.parametrize("convention", treatment.CONVENTIONS)
@pytest.mark.parametrize("kind", treatment.KINDS)
def test_first_days_follow_the_oracle(units, convention, kind):
    for unit in facts.research_units():
        known, unknown = facts.first_day(unit, convention, kind)
        got = units.loc[unit, f"{convention}_{kind}"]
        if not unknown:
            assert got == known, (unit, convention, kind)
            assert units.loc[unit, f"{convention}_{kind}_bounds"] == ""
        else:  # a covering zone's day is unknown: blank with bounds, or the known day if surely first
            assert got in ("", known), (unit, convention, kind)
            if got == "":
                assert units.loc[unit, f"{convention}_{kind}_bounds"], unit


def test_jinhua_part_from_yiwu_whole_from_its_own_batch(units, yearly):
    row = units.loc[NAMES["jinhua"]]
    assert (row["approval_part"], row["approval_part_zones"], row["approval_part_batches"]) == (
        "2018-07-24",
        "yiwu",
        "3",
    )
    assert (row["approval_whole"], row["approval_whole_zones"]) == ("2022-01-22", "jinhua")
    rows = unit_rows(yearly, "jinhua")
    assert rows.loc[2018, ["treated", "treated_partial", "gvar", "gvar_partial"]].tolist() == [
        0,
        1,
        2022,
        2018,
    ]
    assert rows.loc[2022, "treated"] == 1 and rows.loc[2022, "zone_ids"] == "yiwu;jinhua"


def test_yanbian_is_part_only(units, yearly):
    row = units.loc[NAMES["yanbian"]]
    assert row["approval_whole"] == "" and row["approval_whole_bounds"] == ""
    assert row["approval_part"] == "2019-12-15" and row["approval_part_zones"] == "hunchun"
    rows = unit_rows(yearly, "yanbian")
    assert rows["treated"].eq(0).all() and rows["gvar"].eq(0).all()
    assert rows.loc[2023, "zone_ids"] == "hunchun;yanji" and rows.loc[2019, "treated_partial"] == 1


def test_baoding_part_from_xiongan_whole_from_batch_8(yearly):
    rows = unit_rows(yearly, "baoding")
    assert rows.loc[2020, ["treated", "treated_partial", "zone_ids"]].tolist() == [0, 1, "xiongan"]
    assert rows.loc[2025, ["treated", "gvar", "gvar_partial", "rel_time"]].tolist() == [1, 2025, 2020, 0]


def test_bortala_part_from_alashankou_whole_from_batch_8_with_no_gap(data, yearly):
    rows = unit_rows(yearly, "bortala")
    assert rows.loc[2022:2026, "treated_partial"].eq(1).all()
    assert rows.loc[2022, "zone_ids"] == "alashankou" and rows.loc[2025, "zone_ids"] == "bortala"
    assert rows.loc[2024, "treated"] == 0 and rows.loc[2025, "treated"] == 1
    # Month by month, with batch 8's approval day unknown: alashankou ends the day bortala starts.
    months = panel.panel(data, "approval", "month", 2024, 2025, today=TODAY)
    bortala = months[months["unit_code"] == NAMES["bortala"]]
    assert bortala["treated_partial"].eq(1).all()


def test_haikou_and_sanya_stay_treated_after_their_revocation(data, yearly):
    for name, first in (("haikou", 2018), ("sanya", 2020)):
        rows = unit_rows(yearly, name)
        assert rows.loc[first:2026, "treated"].eq(1).all(), name
        assert rows.loc[2026, "zone_ids"] == "hainan" and rows.loc[first, "gvar"] == first
    months = panel.panel(data, "approval", "month", 2025, 2025, today=TODAY)
    haikou = months[months["unit_code"] == NAMES["haikou"]]
    assert haikou["treated"].eq(1).all()  # continuous, though the revoking reply's day is unknown


def test_the_other_units_of_hainan_island_are_treated_from_batch_8(yearly):
    island = yearly[
        (yearly["province_code"] == "46") & ~yearly["unit_code"].isin(["460100", "460200", "460300"])
    ]
    assert island["unit_code"].nunique() == 16  # 儋州 and the 15 county-level units
    assert island["gvar"].eq(2025).all()
    assert island[island["year"] == 2024]["treated"].eq(0).all()
    assert island[island["year"] == 2025]["treated"].eq(1).all()


def test_sansha_is_left_undecided(units, yearly):
    rows = unit_rows(yearly, "sansha")
    assert rows.loc[2010:2024, "treated"].eq(0).all()
    assert rows.loc[2025:2026, ["treated", "treated_partial"]].isna().all().all()
    assert rows["gvar"].isna().all()
    assert "Xisha" in units.loc[NAMES["sansha"], "note"] and units.loc[NAMES["sansha"], "note_zh"]


def test_a_municipality_is_treated_whole(yearly):
    rows = unit_rows(yearly, "beijing")
    assert rows.loc[2018, ["treated", "gvar"]].tolist() == [1, 2018]
    assert rows.loc[2017, "treated"] == 0


def test_a_revocation_no_zone_makes_up_for_ends_treatment(data):
    reg = data.registry
    zones = reg.zones.copy()
    zones.loc[zones["zone_id"] == "lhasa", ["status", "revoked_by"]] = ["revoked", "国函〔2025〕40号"]
    found = [s for s in treatment.spells(zones, reg.plans, reg.batches, ["540100"], "publication")]
    assert [s.zone_id for s in found] == ["lhasa"]
    assert treatment.active(found, dt.date(2024, 12, 31))[0] is True
    assert treatment.active(found, dt.date(2025, 4, 25))[0] is False
    assert panel.gvar(found, "year") == 2022  # the first treated year stays


def test_unknown_days_are_blank_never_guessed(data):
    # Batch 5's publication day is not known: its zones' units are blank from its approval on.
    pub = panel.panel(data, "publication", "year", 2019, 2026, today=TODAY)
    datong = pub[pub["unit_code"] == "140200"].set_index("year")
    assert datong.loc[2019, "treated"] == 0 and datong.loc[2020:2026, "treated"].isna().all()
    assert datong["gvar"].isna().all()
    # Batch 8's approval day lies in 2025 (its number) before 25 April (its publication): months unsettled.
    months = panel.panel(data, "approval", "month", 2025, 2025, today=TODAY)
    qhd = months[months["unit_code"] == "130300"].set_index("period")
    assert qhd.loc["2024-12":"2025-03", "treated"].isna().all() if "2024-12" in qhd.index else True
    assert qhd.loc["2025-01":"2025-03", "treated"].isna().all()
    assert qhd.loc["2025-04":"2025-12", "treated"].eq(1).all() and qhd["gvar"].isna().all()
    # A zone with no plan found is never dated by a guess.
    plan = panel.panel(data, "plan", "year", 2010, 2026, today=TODAY)
    assert plan[plan["unit_code"] == "460100"]["gvar"].isna().all()


@pytest.mark.parametrize("day", ["2016-06-30", "2019-12-31", "2022-06-30", "2025-04-25", "2026-01-01"])
def test_units_treated_in_whole_or_part_are_those_the_maps_active_zones_cover(data, day):
    on = dt.date.fromisoformat(day)
    active = data.zones[asof.status_on_day(data.zones, on) == "active"]
    covered = {
        u
        for u in facts.research_units()
        for z in active["adcodes"]
        for c in z.split(";")
        if facts.coverage_of(c, u)
    }
    per_unit = panel.unit_spells(data, "approval")
    treated = {u for u, found in per_unit.items() if treatment.active(found, on)[0]}
    undecided = {u for u, found in per_unit.items() if treatment.active(found, on)[0] is None}
    assert treated == covered - undecided
    assert undecided <= facts.UNDECIDED_UNITS


def test_cohort_sizes_add_up_to_the_units_ever_covered(data):
    cohorts = panel.cohort_sizes(data)
    ever = sum(
        1 for u in facts.research_units() if any(k == "whole" for k in facts.covering_zones()[u].values())
    )
    for convention in treatment.CONVENTIONS:
        assert cohorts[cohorts["convention"] == convention]["units"].sum() == ever


def test_the_dta_reads_back_with_labels(yearly):
    raw = panelfiles.to_dta(yearly)
    with pd.io.stata.StataReader(io.BytesIO(raw)) as reader:
        back = reader.read(convert_categoricals=False)
        variables, values = reader.variable_labels(), reader.value_labels()
    assert b"<release>118</release>" in raw[:200]
    assert (
        variables["gvar"].startswith("First treated year") and variables["unit_name_zh"] == "Name (Chinese)"
    )
    assert {0: "not treated", 1: "treated"} in values.values()
    assert set(values) >= {"treated", "unit_type"}
    assert back["unit_name_zh"].iloc[0] == yearly["unit_name_zh"].iloc[0]
    assert back["gvar"].isna().sum() == yearly["gvar"].isna().sum()


def test_parquet_round_trip(yearly):
    back = pd.read_parquet(io.BytesIO(panelfiles.to_parquet(yearly)))
    pd.testing.assert_frame_equal(back, yearly, check_dtype=False)


def test_csv_with_and_without_bom(units):
    frame = units.reset_index()
    plain, bom = panelfiles.to_csv(frame), panelfiles.to_csv(frame, bom=True)
    assert not plain.startswith(b"\xef\xbb\xbf") and bom == b"\xef\xbb\xbf" + plain
    assert pd.read_csv(io.BytesIO(plain), dtype=str).shape == frame.shape


def test_the_committed_files_are_up_to_date(data):
    committed = pd.read_csv(DATA_DIR / panel.RESEARCH_DIR / panel.PANEL_CSV, usecols=["year"])
    start, end = int(committed["year"].min()), int(committed["year"].max())
    for name, frame in panel.committed_files(data, start, end).items():
        path = DATA_DIR / panel.RESEARCH_DIR / name
        assert path.read_bytes() == panelfiles.to_csv(frame), (
            f"{name} is stale: run `python -m geo.panel files`"
        )


def test_english_names_come_from_the_registry_or_pinyin(units):
    assert units.loc["222400", "unit_name_en"] == "Yanbian Autonomous Prefecture"
    assert (
        units.loc["140400", "unit_name_en"] == "Changzhi" and units.loc["341500", "unit_name_en"] == "Lu'an"
    )
    assert units.loc["652700", "name_en_source"] == "registry"
    assert not units["unit_name_en"].str.contains("族|[\u4e00-\u9fff]").any()


def test_a_file_is_written_in_the_format_its_name_says(tmp_path, yearly):
    for name, read in (("p.dta", pd.read_stata), ("p.parquet", pd.read_parquet)):
        panelfiles.write(yearly, tmp_path / name)
        assert len(read(tmp_path / name)) == len(yearly)


def test_the_command_writes_a_file_and_refuses_bad_input(tmp_path, capsys):
    # The command as a person runs it, once (the other formats: the tests above).
    out = tmp_path / "p.csv"
    args = ["panel", "--convention", "plan", "--period", "year", "--start", "2020", "--end", "2021"]
    done = subprocess.run([sys.executable, "-m", "geo.panel", *args, "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    back = pd.read_csv(out, dtype={"unit_code": str})
    assert len(back) == 367 * 2 and not out.read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(SystemExit) as refused:
        panel.main(["panel", "--out", str(tmp_path / "p.xlsx")])
    assert refused.value.code == 2 and "p.xlsx" in capsys.readouterr().err
