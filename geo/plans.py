"""Implementation plans (data/plans.csv): their schema, and their agreement with the ledger's `plan` rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa

from geo.csvcheck import Problem
from geo.paths import EVIDENCE_CSV, PLANS_CSV
from geo.schemas import DATE, FIRST_DAY, _date_between, _real_date, last_allowed_day, row_check, text

PLAN_COLUMNS = [
    "zone_id",
    "title_zh",
    "document_no",
    "issuer_zh",
    "issued_on",
    "published_on",
    "source_url",
    "note",
]
PLAN_FACT = "plan"
_URL = r"https?://\S+"


def plan_schema(zone_ids: set[str], today: dt.date | None = None) -> pa.DataFrameSchema:
    """Columns, values and row rules of plans.csv: one row per known zone, real dates, a source address."""
    last = last_allowed_day(today or dt.date.today())
    between = f"must lie between {FIRST_DAY} and {last} (a year from today)"
    return pa.DataFrameSchema(
        {
            "zone_id": pa.Column(
                str,
                pa.Check(
                    lambda s, k=frozenset(zone_ids): s.isin(k),
                    name="zone_id|unknown zone (must be a zone_id of zones.csv)",
                ),
                unique=True,
            ),
            "title_zh": text(required=False),
            "document_no": text(required=False),
            "issuer_zh": text(required=False),
            "issued_on": text(DATE[1:-1], required=False),
            "published_on": text(DATE[1:-1], required=False),
            "source_url": text(_URL),
            "note": text(required=False),
        },
        checks=[
            row_check("issued_on", "not a real calendar date", lambda d: _real_date(d["issued_on"])),
            row_check("published_on", "not a real calendar date", lambda d: _real_date(d["published_on"])),
            row_check("issued_on", between, lambda d: _date_between(d["issued_on"], FIRST_DAY, last)),
            row_check("published_on", between, lambda d: _date_between(d["published_on"], FIRST_DAY, last)),
            row_check(
                "published_on",
                "a plan cannot be published before the date it bears (issued_on)",
                lambda d: (
                    (d["issued_on"] == "") | (d["published_on"] == "") | (d["published_on"] >= d["issued_on"])
                ),
            ),
        ],
    )


def ledger_problems(plans: pd.DataFrame, evidence: pd.DataFrame) -> list[Problem]:
    """Every plan rests on at least one `plan` row of the ledger, its source_url among them, and every `plan`
    row of the ledger belongs to a plan: nothing cited without a row, no row without its source."""
    ledger = evidence[evidence["fact"] == PLAN_FACT]
    cited: dict[str, set[str]] = {}
    for subject, url in zip(ledger["subject"], ledger["source_url"], strict=True):
        cited.setdefault(subject, set()).add(url)
    out = []
    for i, (zone_id, source_url) in enumerate(zip(plans["zone_id"], plans["source_url"], strict=True)):
        line = i + 2
        urls = cited.get(zone_id, set())
        if not urls:
            message = f"the plan of '{zone_id}' has no `{PLAN_FACT}` row in {EVIDENCE_CSV}"
            message += ": add the page read, with its words"
            out.append(Problem(PLANS_CSV, line, "zone_id", message))
        elif source_url not in urls:
            message = f"{source_url} is not among the `{PLAN_FACT}` sources of '{zone_id}'"
            message += f" in {EVIDENCE_CSV}"
            out.append(Problem(PLANS_CSV, line, "source_url", message))
    planned = set(plans["zone_id"])
    for i, (fact, subject) in enumerate(zip(evidence["fact"], evidence["subject"], strict=True)):
        if fact == PLAN_FACT and subject not in planned:
            message = f"a `{PLAN_FACT}` source for '{subject}', but {PLANS_CSV} has no row for that zone"
            out.append(Problem(EVIDENCE_CSV, i + 2, "subject", message))
    return out


def typed_plans(df: pd.DataFrame) -> pd.DataFrame:
    """The validated plans with issued_on and published_on as dates (NaT where the source gives none)."""
    out = df[PLAN_COLUMNS].copy()
    for col in ("issued_on", "published_on"):
        out[col] = pd.to_datetime(out[col].replace("", None), format="%Y-%m-%d")
    return out.reset_index(drop=True)
