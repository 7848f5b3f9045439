"""Research data: every prefecture-level unit (`units`) and the unit x period treatment panel (`panel`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from geo.dataset import Dataset
from geo.schemas import CONFIDENCE
from geo.treatment import (
    CONVENTIONS,
    FIRST_YEAR,
    KINDS,
    PERIODS,
    UNDECIDED,
    Day,
    Spell,
    active,
    first_day,
    first_spells,
    spells,
)
from geo.unitnames import english_name

BASE_COLUMNS = ["unit_code", "unit_name_zh", "unit_name_en", "province_code", "unit_type"]
PANEL_COLUMNS = ["treated", "treated_partial", "zone_ids", "gvar", "gvar_partial", "rel_time"]
FIRST_PARTS = ("", "_bounds", "_zones", "_batches", "_confidence")  # per convention and kind, in order
UNIT_COLUMNS = [
    *BASE_COLUMNS[:4],
    "province_name_zh",
    "province_name_en",
    "unit_type",
    "name_en_source",
    "zones",
    *[f"{c}_{k}{p}" for c in CONVENTIONS for k in KINDS for p in FIRST_PARTS],
    "note",
    "note_zh",
]
NOTES = {  # why a unit's coverage is left undecided (geo.treatment.UNDECIDED), in both languages
    "sansha": (
        "Whether 海南全岛 (the whole of Hainan Island) covers Sansha, which governs the Xisha, Zhongsha and "
        "Nansha islands, is stated by no source read: its values are blank from batch 8 on (see the "
        "codebook).",
        "海南全岛是否覆盖管辖西沙、中沙、南沙群岛的三沙市，所读来源均未说明：自第8批起其取值留空（见数据说明）。",
    )
}


def base_units(data: Dataset) -> pd.DataFrame:
    """One row per feature of prefectures.geojson but Hong Kong, Macao and Taiwan: code, names, province,
    type (its `level`), and where the English name comes from ('registry': a zone that is the unit).
    Memoised: do not modify."""
    return data.memo(("panel-units",), lambda: _base_units(data))


def _base_units(data: Dataset) -> pd.DataFrame:
    pref = data.prefectures
    pref = pref[~pref["province_code"].isin(data.not_applicable)]
    provinces = data.registry.provinces.set_index("province_code")
    registry_names = dict(zip(data.zones["adcodes"], data.zones["name_en"], strict=True))
    codes = pref["adcode"].astype(str)
    out = pd.DataFrame(
        {
            "unit_code": codes.to_numpy(),
            "unit_name_zh": pref["name_zh"].to_numpy(),
            "unit_name_en": [
                registry_names.get(c) or english_name(n) for c, n in zip(codes, pref["name_zh"], strict=True)
            ],
            "province_code": pref["province_code"].to_numpy(),
            "province_name_zh": pref["province_code"].map(provinces["name_zh"]).to_numpy(),
            "province_name_en": pref["province_code"].map(provinces["name_en"]).to_numpy(),
            "unit_type": pref["level"].to_numpy(),
            "name_en_source": ["registry" if c in registry_names else "pinyin" for c in codes],
        }
    )
    return out.sort_values("unit_code", kind="stable").reset_index(drop=True)


def unit_spells(data: Dataset, convention: str) -> dict[str, list[Spell]]:
    """unit_code -> the spells of the zones covering it under `convention` (memoised; do not modify)."""

    def build() -> dict[str, list[Spell]]:
        reg = data.registry
        codes = base_units(data)["unit_code"]
        out: dict[str, list[Spell]] = {c: [] for c in codes}
        for s in spells(reg.zones, reg.plans, reg.batches, codes, convention):
            out[s.unit_code].append(s)
        return out

    return data.memo(("panel-spells", convention), build)


def _weakest(confidences: Iterable[str]) -> str:
    found = list(confidences)
    return max(found, key=CONFIDENCE.index) if found else ""


def _date_fact(convention: str, spell: Spell) -> tuple[str, str]:
    if convention == "plan":
        return spell.zone_id, "plan"
    return f"batch:{spell.batch}", "approved_on" if convention == "approval" else "published_on"


def _bounds(day: Day) -> str:
    """ISO 8601 interval of a bounded day: '2025-01-01/2025-04-25', '2020-04-27/..' with no later bound."""
    return f"{day.lo.isoformat()}/{day.hi.isoformat() if day.hi else '..'}"


def first_columns(found: list[Spell], convention: str, confidence: dict[tuple[str, str], str]) -> list[str]:
    """The first day, its bounds if not known, the zones and batches behind it and the weakest confidence
    of the facts it rests on (their designations and the convention's date), for the spells of one kind."""
    first = first_day(found)
    if first is None:
        return ["", "", "", "", ""]
    behind = first_spells(found, first)
    facts = [(s.zone_id, "designation") for s in behind] + [_date_fact(convention, s) for s in behind]
    return [
        first.lo.isoformat() if first.known else "",
        "" if first.known else _bounds(first),
        ";".join(dict.fromkeys(s.zone_id for s in behind)),
        ";".join(str(b) for b in sorted({s.batch for s in behind})),
        _weakest(confidence.get(f, "unverified") for f in facts),
    ]


def units(data: Dataset) -> pd.DataFrame:
    """The unit table: one row per unit with, per convention and kind (whole; part = all or part), the first
    day a zone covered it, or its bounds where that day is not known, the zones, batches and confidence."""
    out = base_units(data)
    facts = data.facts
    confidence = dict(
        zip(zip(facts["subject"], facts["fact"], strict=True), facts["confidence"], strict=True)
    )
    per = {c: unit_spells(data, c) for c in CONVENTIONS}
    rows = []
    for code in out["unit_code"]:
        row: list[str] = []
        for c in CONVENTIONS:
            found = per[c][code]
            row += first_columns([s for s in found if s.whole], c, confidence)
            row += first_columns(found, c, confidence)
        rows.append(row)
    firsts = [f"{c}_{k}{p}" for c in CONVENTIONS for k in KINDS for p in FIRST_PARTS]
    out = pd.concat([out, pd.DataFrame(rows, columns=firsts)], axis=1)
    zones = unit_spells(data, CONVENTIONS[0])
    out["zones"] = [";".join(s.zone_id for s in zones[c]) for c in out["unit_code"]]
    doubts = {unit: why for (_zone, unit), why in UNDECIDED.items()}
    out["note"] = [NOTES[doubts[c]][0] if c in doubts else "" for c in out["unit_code"]]
    out["note_zh"] = [NOTES[doubts[c]][1] if c in doubts else "" for c in out["unit_code"]]
    return out[UNIT_COLUMNS]


# The panel ------------------------------------------------------------------------------------------


def periods(period: str, start: int, end: int) -> list[tuple[int, dt.date]]:
    """(label, last day) of every period from `start` to `end` (years): 2020 or 202004 (YYYYMM)."""
    if period == "year":
        return [(y, dt.date(y, 12, 31)) for y in range(start, end + 1)]
    out = []
    for y in range(start, end + 1):
        for m in range(1, 13):
            last = (pd.Timestamp(y, m, 1) + pd.offsets.MonthEnd(0)).date()
            out.append((y * 100 + m, last))
    return out


def period_of(day: dt.date, period: str) -> int:
    return day.year if period == "year" else day.year * 100 + day.month


def gvar(found: list[Spell], period: str) -> int | None:
    """The period the first spell starts in (0: none; None: its bounds span more than one period)."""
    first = first_day(found)
    if first is None:
        return 0
    if first.hi is None or period_of(first.lo, period) != period_of(first.hi, period):
        return None
    return period_of(first.lo, period)


def _steps(label: int, period: str) -> int:
    return label if period == "year" else (label // 100) * 12 + label % 100


def _treated(whole: list[Spell], found: list[Spell], day: dt.date) -> tuple[bool | None, bool | None, tuple]:
    if not found:
        return False, False, ()
    t_part, zone_ids = active(found, day)
    return active(whole, day)[0], t_part, zone_ids


def check_range(period: str, start: int, end: int, today: dt.date) -> None:
    """Raise ValueError naming what is wrong with a panel's period and range."""
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    if not 1990 <= start <= end <= today.year + 1:
        raise ValueError(f"the years must satisfy 1990 <= start ({start}) <= end ({end}) <= {today.year + 1}")


def panel(
    data: Dataset,
    convention: str = "approval",
    period: str = "year",
    start: int = FIRST_YEAR,
    end: int | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """One row per unit and period (year, or month as YYYY-MM), `start` to `end` (default: this year), for
    one convention: treated (a zone covering the whole unit active at the period's end), treated_partial (all
    or part), the zones, gvar and gvar_partial (first treated period; 0 never; blank when the days' bounds
    do not tell) and rel_time. A value the bounds of unknown days leave open is blank, never guessed."""
    today = today or dt.date.today()
    end = today.year if end is None else end
    check_range(period, start, end, today)
    per_unit = unit_spells(data, convention)
    steps = periods(period, start, end)
    base = base_units(data)[BASE_COLUMNS]
    cols: dict[str, list] = {name: [] for name in ["label", *PANEL_COLUMNS]}
    for code in base["unit_code"]:
        found = per_unit[code]
        whole = [s for s in found if s.whole]
        g, g_part = gvar(whole, period), gvar(found, period)
        for label, last in steps:
            t_whole, t_part, zone_ids = _treated(whole, found, last)
            cols["label"].append(label)
            cols["treated"].append(t_whole)
            cols["treated_partial"].append(t_part)
            cols["zone_ids"].append(";".join(zone_ids))
            cols["gvar"].append(g)
            cols["gvar_partial"].append(g_part)
            cols["rel_time"].append(_steps(label, period) - _steps(g, period) if g else None)
    out = base.loc[base.index.repeat(len(steps))].reset_index(drop=True)
    typed = {name: pd.array(cols[name], dtype="Int8") for name in ("treated", "treated_partial")}
    typed |= {name: pd.array(cols[name], dtype="Int64") for name in ("gvar", "gvar_partial", "rel_time")}
    typed["zone_ids"] = pd.array(cols["zone_ids"], dtype="string")
    out = pd.concat([out, pd.DataFrame({"label": cols["label"], **typed})], axis=1)
    time = "year" if period == "year" else "period"
    if period == "year":
        out[time] = out["label"].astype("int64")
    else:
        out[time] = [f"{x // 100:04d}-{x % 100:02d}" for x in out["label"]]
    for col in BASE_COLUMNS:
        out[col] = out[col].astype("string")
    if period == "month":
        out["period"] = out["period"].astype("string")
    return out[[*BASE_COLUMNS, time, *PANEL_COLUMNS]]


def cohort_sizes(data: Dataset, kind: str = "whole") -> pd.DataFrame:
    """Units first treated per year under each convention (gvar, or gvar_partial for kind 'part'), and the
    units whose first year the known days do not tell (year blank)."""
    rows = []
    for convention in CONVENTIONS:
        per_unit = unit_spells(data, convention)
        for found in per_unit.values():
            g = gvar([s for s in found if s.whole] if kind == "whole" else found, "year")
            if g != 0:
                rows.append((convention, g))
    frame = pd.DataFrame(rows, columns=["convention", "year"])
    frame["year"] = frame["year"].astype("Int64")
    out = frame.groupby(["convention", "year"], dropna=False).size().rename("units").reset_index()
    return out.sort_values(
        ["convention", "year"], key=lambda s: s.map(_order) if s.name == "convention" else s
    )


def _order(convention: str) -> int:
    return CONVENTIONS.index(convention)


# Files and the command line ---------------------------------------------------------------------------

RESEARCH_DIR = "research"  # data/research/: the committed tables (units.csv, panel_year_approval.csv)
UNITS_CSV = "units.csv"
PANEL_CSV = "panel_year_approval.csv"


def committed_files(
    data: Dataset, start: int = FIRST_YEAR, end: int | None = None
) -> dict[str, pd.DataFrame]:
    """The tables committed under data/research/: the unit table and the yearly panel by approval."""
    return {UNITS_CSV: units(data), PANEL_CSV: panel(data, "approval", "year", start, end)}


def main(argv: list[str] | None = None) -> int:
    """`python -m geo.panel units --out FILE`; `python -m geo.panel panel --convention
    approval|publication|plan --period year|month [--start Y --end Y] --out FILE` (.csv UTF-8 without BOM,
    .dta, .parquet); `python -m geo.panel files` rewrites data/research/."""
    import argparse
    from pathlib import Path

    from geo import panelfiles
    from geo.dataset import load_dataset
    from geo.paths import DATA_DIR

    parser = argparse.ArgumentParser(prog="python -m geo.panel", description=__doc__)
    parser.add_argument("--data", default=None, help="the registry folder (default: data/)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("units", help="the unit table").add_argument("--out", required=True, type=Path)
    p = sub.add_parser("panel", help="the unit x period panel")
    p.add_argument("--convention", choices=CONVENTIONS, default="approval")
    p.add_argument("--period", choices=PERIODS, default="year")
    p.add_argument("--start", type=int, default=FIRST_YEAR)
    p.add_argument("--end", type=int, default=None, help="default: this year")
    p.add_argument("--out", required=True, type=Path)
    f = sub.add_parser("files", help=f"rewrite data/{RESEARCH_DIR}/ ({UNITS_CSV}, {PANEL_CSV})")
    f.add_argument("--end", type=int, default=None, help="the panel's last year (default: this year)")
    args = parser.parse_args(argv)
    try:
        data = load_dataset(args.data)
        if args.command == "files":
            folder = Path(args.data or DATA_DIR) / RESEARCH_DIR
            folder.mkdir(exist_ok=True)
            for name, frame in committed_files(data, end=args.end).items():
                panelfiles.write(frame, folder / name)
                print(f"wrote {folder / name} ({len(frame)} rows)")
            return 0
        if args.command == "units":
            frame = units(data)
        else:
            frame = panel(data, args.convention, args.period, args.start, args.end)
        panelfiles.write(frame, args.out)
    except (ValueError, OSError) as err:
        parser.exit(2, f"error: {err}\n")
    print(f"wrote {args.out} ({len(frame)} rows)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
