"""The research page's words and files: names, codebook text, code snippets, the data version and citation."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from geo import i18n
from geo.codebook import Field
from geo.panelfiles import extension
from geo.provenance import AUTHORS, TITLE

PREVIEW_ROWS = 2000  # rows of the panel the page shows (the downloads hold all)
CODEBOOK_MD = "research/CODEBOOK.md"
NAME = "pilot-zones"


def panel_stem(convention: str, period: str, start: int, end: int) -> str:
    """'panel_year_approval_2010-2026'."""
    return f"panel_{period}_{convention}_{start}-{end}"


def file_name(stem: str, fmt: str) -> str:
    """'pilot-zones_units.dta'; the Excel CSV says so: 'pilot-zones_units_excel.csv'."""
    return f"{NAME}_{stem}{'_excel' if fmt == 'csv-bom' else ''}.{extension(fmt)}"


def fields_frame(fields: list[Field], lang: str) -> pd.DataFrame:
    """The codebook's columns as a table in `lang`: name, type, meaning."""
    zh = i18n.norm_lang(lang) == "zh"
    return pd.DataFrame(
        {
            i18n.t("rs_col_name", lang): [f.name for f in fields],
            i18n.t("rs_col_type", lang): [f.type for f in fields],
            i18n.t("rs_col_meaning", lang): [f.zh if zh else f.en for f in fields],
        }
    )


def codebook_text(data_dir: Path, lang: str) -> str:
    """data/research/CODEBOOK.md: its English part, or its Chinese summary (after the rule) in Chinese."""
    try:
        text = (Path(data_dir) / CODEBOOK_MD).read_text(encoding="utf-8")
    except OSError:
        return ""
    english, _, chinese = text.partition("\n---\n")
    part = (chinese if i18n.norm_lang(lang) == "zh" and chinese else english).strip()
    return re.sub(r"(?m)^(#{1,3}) ", lambda m: "#" * (len(m.group(1)) + 3) + " ", part)  # under the page's


def citation(version: str, convention: str, lang: str, year: int | None = None) -> str:
    """The research data's citation with its version and the convention used."""
    import datetime as dt

    return i18n.t(
        "rs_cite_text",
        lang,
        authors=AUTHORS,
        year=year or dt.date.today().year,
        title=TITLE,
        version=version,
        convention=i18n.t(f"rs_conv_{convention}", lang),
    )


def snippets(convention: str, period: str) -> dict[str, str]:
    """Short code that reads the downloaded panel: R `did`, Stata `csdid`, Python (`differences`)."""
    stem = f"{NAME}_panel_{period}_{convention}"
    time = "year" if period == "year" else "t"
    month = period == "month"
    r_prep = (
        "p$t <- as.integer(substr(p$period, 1, 4)) * 12 + as.integer(substr(p$period, 6, 7))\n"
        "p$gvar <- ifelse(p$gvar > 0, (p$gvar %/% 100) * 12 + p$gvar %% 100, 0)\n"
        if month
        else ""
    )
    stata_prep = (
        "gen t = real(substr(period, 1, 4)) * 12 + real(substr(period, 6, 2))\n"
        "replace gvar = floor(gvar / 100) * 12 + mod(gvar, 100) if gvar > 0\n"
        if month
        else ""
    )
    py_prep = (
        'p["t"] = p["period"].str[:4].astype(int) * 12 + p["period"].str[5:].astype(int)\n'
        'p["gvar"] = p["gvar"].where(p["gvar"] == 0, p["gvar"] // 100 * 12 + p["gvar"] % 100)\n'
        if month
        else ""
    )
    return {
        "R": (
            "library(did)\n"
            f'p <- read.csv("{stem}.csv", colClasses = c(unit_code = "character"))\n'
            "p <- subset(p, !is.na(gvar))  # blank gvar: the known days do not settle it\n"
            f"{r_prep}p$id <- as.integer(p$unit_code)\n"
            "# y: your outcome, merged by unit_code and year\n"
            f'out <- att_gt(yname = "y", tname = "{time}", idname = "id", gname = "gvar", data = p)\n'
            'aggte(out, type = "dynamic")'
        ),
        "Stata": (
            f'use "{stem}.dta", clear\n'
            "drop if missing(gvar)  // the known days do not settle it\n"
            f"{stata_prep}destring unit_code, gen(id)\n"
            "* y: your outcome, merged by unit_code and year\n"
            f"csdid y, ivar(id) time({time}) gvar(gvar) notyet\n"
            "estat event"
        ),
        "Python": (
            "import pandas as pd\n"
            "from differences import ATTgt\n\n"
            f'p = pd.read_parquet("{stem}.parquet").dropna(subset=["gvar"])\n'
            f"{py_prep}"
            'p["cohort"] = p["gvar"].where(p["gvar"] > 0)  # NaN = never treated\n'
            "# y: your outcome, merged by unit_code and year\n"
            f'att = ATTgt(data=p.set_index(["unit_code", "{time}"]), cohort_column="cohort")\n'
            'att.fit(formula="y")\n'
            'att.aggregate("event")'
        ),
    }
