"""The evidence as a reader meets it: detail panel, table, sources page, map ring, tooltip, citation link."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from geo.filters import Filters
from geo.mapkey import map_key
from geo.mapview import UNVERIFIED_RINGS, MapOptions, build_deck
from tests import facts
from tests.apptest import captions, run, unescape, warnings

REVOKED = ("haikou", "sanya", "alashankou")
LABELS = {"confirmed": "Confirmed", "single_source": "Single source", "unverified": "Unverified (no source)"}


def markdown(at: AppTest) -> str:
    """The page's Markdown as a reader sees it: escapes and bold markers removed."""
    return "\n".join(unescape(m.value).replace("**", "") for m in at.markdown)


def detail_rows(at: AppTest) -> dict[str, str]:
    """The detail panel's attributes ('**Label:** value' per line), as a reader sees them."""
    for m in at.markdown:
        lines = m.value.split("  \n")
        pairs = [re.fullmatch(r"\*\*(.+?):\*\* (.*)", ln, flags=re.S) for ln in lines]
        if len(lines) > 5 and all(pairs):
            return {unescape(x.group(1)): unescape(x.group(2)) for x in pairs if x}
    raise AssertionError("no detail panel on the page")


def status(rows: dict[str, str]) -> str:
    """The detail panel's status on the view's day ('Status on 2026-12-03', '2026-12-03 时的状态')."""
    return next(v for k, v in rows.items() if k.startswith("Status on") or k.endswith("时的状态"))


def frame_with(at: AppTest, *columns: str) -> pd.DataFrame:
    """The one dataframe on the page that has these columns."""
    found = [d.value for d in at.dataframe if set(columns) <= set(d.value.columns)]
    assert len(found) == 1, [list(d.value.columns) for d in at.dataframe]
    return found[0]


# The detail panel ----------------------------------------------------------------------------------


@pytest.mark.parametrize("zone_id", REVOKED)
def test_detail_panel_words_the_revocation_and_lists_its_one_source(zone_id):
    at = run(zone=zone_id)
    rows = detail_rows(at)
    day = facts.revoked_on_wording(zone_id)
    assert status(rows) == f"{facts.revocation_wording(zone_id)}, effective {day}"
    assert status(rows) == "Revoked by 国函〔2025〕40号 (one source), effective 2025-04-25 (one source)"
    assert rows["Revoked by"] == "国函〔2025〕40号 (one source)" and rows["Revoked on"] == day
    assert rows["Designation confidence"] == "Confirmed"
    assert rows["Revocation confidence"] == "Single source"
    assert "inference" in rows["Note"], "which zone takes its place is said to be inferred, not sourced"
    text = markdown(at)
    designation = facts.ledger_rows(zone_id, "designation")
    revocation = facts.ledger_rows(zone_id, "revocation")
    assert f"Designation · Confirmed · {facts.n_sources(zone_id, 'designation')} sources" in text
    assert "Revocation · Single source · 1 source" in text
    # What the revocation rests on, since no official text of the revoking reply is in the ledger.
    rests = f"What the revocation rests on: {revocation[0]['source_url'].split('/')[2]}"
    assert any(c.startswith(rests) and "was not found" in c for c in captions(at)), captions(at)
    for source in designation + revocation:
        assert source["publisher"] in text
        # Titles are the links' text, cut at a word after at most 60 characters (the whole title is the
        # linked page's; the quote is one click away, in the expander).
        title = " ".join(source["source_title"].split())
        shown = title if len(title) <= 60 else title[:30]
        assert shown in unescape(text), shown
        assert source["source_url"] in text
    labels = [e.label for e in at.expander]
    assert f"What the sources say ({len(designation)})" in labels and "What the sources say (1)" in labels
    assert revocation[0]["quote"] in text  # "... will be revoked", inside the expander


def test_detail_panel_flags_an_unverified_designation_and_says_no_source_names_it():
    unverified = sorted(facts.weak_facts()["designation"].items())
    zone_id = next(z for z, c in unverified if c == "unverified")
    at = run(zone=zone_id)
    rows = detail_rows(at)
    assert rows["Designation confidence"] == "Unverified (no source)"
    assert "Revocation confidence" not in rows, "an active zone has no revocation"
    assert status(rows) == "Active"
    assert "Designation: Unverified (no source)" in warnings(at)
    assert "No source in the evidence ledger names this zone." in captions(at)
    assert facts.ledger_rows(zone_id, "designation") == []


def test_detail_panel_in_chinese():
    at = run(zone="haikou", lang="zh")
    rows = detail_rows(at)
    assert status(rows) == "已由国函〔2025〕40号撤销（单一来源），生效日期 2025-04-25（单一来源）"
    assert rows["撤销可信度"] == "单一来源" and rows["设立可信度"] == "已确认"
    assert "撤销 · 单一来源 · 1 个来源" in markdown(at)
    haikou = next(z for z in facts.rows("zones.csv") if z["zone_id"] == "haikou")
    assert haikou["note_zh"] and rows["备注"] == haikou["note_zh"], "the note in Chinese"


def test_detail_panel_text_from_the_ledger_is_shown_literally():
    at = run(zone="dezhou")
    sources = facts.ledger_rows("dezhou", "designation")
    raw = [m.value for m in at.markdown if sources[0]["source_url"] in m.value]
    assert raw and "\\" in raw[0], "titles and publishers are Markdown-escaped"
    assert "<" not in "".join(raw).replace("\\<", "")


# The table page ------------------------------------------------------------------------------------


def test_table_page_carries_both_confidences_and_the_revocation_wording():
    at = run("views/table.py", batch="3")
    table = at.dataframe[0].value.set_index("zone_id")
    wanted = {z["zone_id"] for z in facts.rows("zones.csv") if z["batch"] == "3"}
    assert set(table.index) == wanted
    assert table.at["haikou", "status"] == facts.revocation_wording("haikou")
    assert table.at["haikou", "revocation_confidence"] == "Single source"
    for zone_id in wanted - {"haikou"}:
        assert table.at[zone_id, "status"] == "Active" and pd.isna(table.at[zone_id, "revocation_confidence"])
    confidence = facts.fact_confidence()
    for zone_id in wanted:
        assert table.at[zone_id, "designation_confidence"] == LABELS[confidence[(zone_id, "designation")]]


# The sources page ----------------------------------------------------------------------------------


def test_sources_page_lists_every_weak_fact_grouped_with_counts():
    at = run("views/sources.py")
    weak = facts.weak_facts()
    text = markdown(at)
    for group, key in (("designation", "Zone designations"), ("revocation", "Revocations"),
                       ("batch", "Facts about the replies")):  # fmt: skip
        found = list(weak[group].values())
        single, none = found.count("single_source"), found.count("unverified")
        assert f"{key}: {len(found)} · {single} single source, {none} unverified" in text, key
    designations = frame_with(at, "zone", "zone_id", "document_no")
    got = dict(zip(designations["zone_id"], designations["confidence"], strict=True))
    assert got == {z: LABELS[c] for z, c in weak["designation"].items()}
    replies = frame_with(at, "fact", "value")
    assert len(replies) == len(weak["batch"])
    batch_8 = replies[replies["batch"] == 8].set_index("fact")
    assert batch_8.at["Approval date", "value"] == "(empty)"  # batch 8's approval date is not known
    lines = text.splitlines()
    for zone_id in weak["revocation"]:
        name = next(z["name_en"] for z in facts.rows("zones.csv") if z["zone_id"] == zone_id)
        i = next(i for i, ln in enumerate(lines) if ln.startswith(f"- {name} · "))
        assert facts.revocation_wording(zone_id) in lines[i]
        assert "is an inference from geography" in lines[i + 1], "the successor is inferred, not sourced"


def test_sources_page_links_to_the_ledger_and_offers_all_data():
    at = run("views/sources.py")
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Evidence ledger (CSV)", "All data (ZIP)"]
    ledger = frame_with(at, "subject", "fact", "quote")
    assert len(ledger) == len(facts.rows("evidence.csv"))
    pages = len({r["source_url"] for r in facts.rows("evidence.csv")})
    assert any(f"{len(ledger)} rows from {pages} pages" in c for c in captions(at))


def test_citation_link_is_the_canonical_view_on_the_configured_public_url(monkeypatch):
    monkeypatch.setenv("PILOT_ZONES_PUBLIC_URL", "https://example.org/pilot-zones")
    at = run("views/sources.py", batch="6", lang="zh", province="44")
    codes = [c.value for c in at.code]
    assert codes[0].endswith(" https://example.org/pilot-zones/?lang=zh&province=44&batch=6"), codes[0]
    assert "url = {https://example.org/pilot-zones/?lang=zh&province=44&batch=6}" in codes[1]


def test_a_public_url_that_is_not_http_is_ignored(monkeypatch):
    monkeypatch.setenv("PILOT_ZONES_PUBLIC_URL", "javascript:alert(1)")
    at = run("views/sources.py")
    assert not any("javascript" in c.value for c in at.code)


# The map -------------------------------------------------------------------------------------------


def deck(data, filters: Filters, lang: str = "en", style: str = "markers") -> dict:
    view = data.view(filters)
    options = MapOptions(lang=lang, style=style)
    deck = build_deck(data.province_codes, data.outlines, view, options, not_applicable=data.not_applicable)
    return json.loads(deck.to_json())


def test_unverified_designations_get_a_ring_of_their_own(data):
    spec = deck(data, Filters())
    rings = next(lyr for lyr in spec["layers"] if lyr["id"] == UNVERIFIED_RINGS)
    wanted = {z for z, c in facts.weak_facts()["designation"].items() if c == "unverified"}
    assert {r["zone_id"] for r in rings["data"]} == wanted
    assert rings["filled"] is False and rings["pickable"] is False
    ids = [lyr["id"] for lyr in spec["layers"]]
    assert ids.index(UNVERIFIED_RINGS) > ids.index("zones-active"), "drawn over the markers"
    confirmed_only = deck(data, Filters(batch=(1,)))
    assert UNVERIFIED_RINGS not in {lyr["id"] for lyr in confirmed_only["layers"]}


def test_legend_explains_the_ring_only_when_the_view_has_one(data):
    def kinds(filters: Filters) -> list[str]:
        return [r.kind for s in map_key(data.view(filters), data.registry.batches, "en") for r in s.rows]

    assert "unverified" in kinds(Filters())
    assert "unverified" not in kinds(Filters(batch=(1,)))
    at = run()
    assert "Designation unverified (dark edge)" in markdown(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tooltip_words_the_revocation(data, lang):
    spec = deck(data, Filters(batch=(3,)), lang)
    revoked = next(lyr for lyr in spec["layers"] if lyr["id"] == "zones-revoked")["data"]
    tip = next(r["tt"] for r in revoked if r["zone_id"] == "haikou")
    wording = facts.revocation_wording("haikou") if lang == "en" else "已由国函〔2025〕40号撤销（单一来源）"
    assert wording in tip.splitlines()[-1]


def test_the_slide_legend_explains_its_marks_only_when_drawn(data):
    def kinds(filters: Filters) -> list[str]:
        sections = map_key(data.view(filters), data.registry.batches, "en", hover=False)
        return [r.kind for s in sections for r in s.rows]

    assert kinds(Filters(batch=(7,))).count("unverified") == 1
    assert "unverified" not in kinds(Filters(batch=(1,))) and "single" not in kinds(Filters(batch=(1,)))
