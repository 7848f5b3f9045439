"""Evidence ledger: the derivation rules, messages naming file/row/column, and the real ledger's verdicts."""

from __future__ import annotations

import csv
import re
import shutil
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from geo.evidence import (
    EVIDENCE_COLUMNS,
    batch_confidence,
    derive,
    registrable_domain,
    split_aliases,
    with_sources,
    zone_confidence,
)
from geo.paths import DATA_DIR
from geo.registry import RegistryError, load_registry
from tests import facts


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# The kinds of the fixture's domains, as publishers.csv would give them.
KINDS = pd.DataFrame(
    [
        ("www.gov.cn", "official_government"),
        ("mofcom.gov.cn", "official_government"),
        ("chinadaily.com.cn", "official_news"),
        ("tass.com", "established_media"),
        ("fairkwa.com", "machine_translation_or_content_farm"),
        ("laitimes.com", "machine_translation_or_content_farm"),
        ("foodmachtech.com", "machine_translation_or_content_farm"),
        ("desk33.com", "trade_or_aggregator"),
        ("newsworldstream.com", "machine_translation_or_content_farm"),
    ],
    columns=["domain", "kind"],
)


def _ledger(*rows: tuple) -> pd.DataFrame:
    """A hand-made ledger: (subject, fact, url[, quote[, date]]) per row, with domains and kinds."""
    records = []
    for subject, fact, url, *rest in rows:
        quote, day = (list(rest) + ["q", ""])[:2] if rest else ("q" + url, "")
        records.append(
            {"subject": subject, "fact": fact, "source_url": url, "source_title": "", "publisher": "p",
             "published_on": day, "quote": quote, "note": ""}
        )  # fmt: skip
    return with_sources(pd.DataFrame(records, columns=EVIDENCE_COLUMNS), KINDS)


# ---- the rules on a hand-made fixture ------------------------------------------------------------------

GOV = "http://english.www.gov.cn/policies/a.htm"
DAILY = "http://global.chinadaily.com.cn/a/1.html"
FARM = "https://www.fairkwa.com/news/1.html"
FARM2 = "https://www.laitimes.com/article/2.html"


@pytest.fixture(scope="module")
def fixture_verdicts():
    ledger = _ledger(
        ("official_only", "designation", GOV),
        ("ministry_english", "designation", "http://english.mofcom.gov.cn/article/b.shtml"),
        ("outlet_and_farm", "designation", DAILY),
        ("outlet_and_farm", "designation", FARM),
        ("media_and_farm", "designation", "https://tass.com/economy/1"),
        ("media_and_farm", "designation", FARM),
        ("two_farms", "designation", FARM),
        ("two_farms", "designation", FARM2),
        ("one_outlet", "designation", DAILY),
        ("same_domain_twice", "designation", "https://www.foodmachtech.com/news/2/82"),
        ("same_domain_twice", "designation", "https://fr.foodmachtech.com/news/2/82"),
        ("one_repost", "designation", "https://desk33.com/d-1300170.html"),
        ("one_repost", "revocation", "https://newsworldstream.com/x"),
        # Copies of one text: the same words on the same day, or an undated copy, count once.
        ("copy_same_day", "designation", DAILY, "Xi'an, Lanzhou, Xiamen", "2018-07-14"),
        ("copy_same_day", "designation", FARM, "Xi’an，Lanzhou Xiamen", "2018-07-14"),
        ("copy_undated", "designation", DAILY, "Haikou, Guiyang", "2018-07-14"),
        ("copy_undated", "designation", FARM, "HAIKOU, GUIYANG", ""),
        ("other_day", "designation", DAILY, "Haikou, Guiyang", "2018-07-14"),
        ("other_day", "designation", FARM, "Haikou, Guiyang", "2018-08-29"),
        # An undated copy belongs to one dated text: it does not join two days into one source.
        ("no_bridge", "designation", DAILY, "Haikou, Guiyang", "2018-07-14"),
        ("no_bridge", "designation", FARM, "Haikou, Guiyang", "2018-08-29"),
        ("no_bridge", "designation", FARM2, "Haikou, Guiyang", ""),
        ("other_words", "designation", DAILY, "Haikou, Guiyang", "2018-07-14"),
        ("other_words", "designation", FARM, "Haikou, Kunming", "2018-07-14"),
    )
    return derive(ledger).set_index(["subject", "fact"])


@pytest.mark.parametrize(
    ("subject", "fact", "confidence", "n_sources"),
    [
        ("official_only", "designation", "confirmed", 1),
        ("ministry_english", "designation", "confirmed", 1),
        ("outlet_and_farm", "designation", "confirmed", 2),
        ("media_and_farm", "designation", "confirmed", 2),
        ("two_farms", "designation", "single_source", 2),
        ("one_outlet", "designation", "single_source", 1),
        ("same_domain_twice", "designation", "single_source", 1),
        ("one_repost", "designation", "single_source", 1),
        ("one_repost", "revocation", "single_source", 1),
        ("copy_same_day", "designation", "single_source", 1),
        ("copy_undated", "designation", "single_source", 1),
        ("other_day", "designation", "confirmed", 2),
        ("no_bridge", "designation", "confirmed", 2),
        ("other_words", "designation", "confirmed", 2),
    ],
)
def test_derivation_rules(fixture_verdicts, subject, fact, confidence, n_sources):
    row = fixture_verdicts.loc[(subject, fact)]
    assert row["confidence"] == confidence
    assert row["n_sources"] == n_sources


def test_same_domain_twice_counts_one_domain_and_two_pages(fixture_verdicts):
    row = fixture_verdicts.loc[("same_domain_twice", "designation")]
    assert row["domains"] == "foodmachtech.com" and row["n_pages"] == 2


def test_no_row_means_unverified_and_revocation_only_for_revoked_zones():
    ledger = _ledger(("a", "designation", DAILY), ("b", "revocation", FARM))
    zones = pd.DataFrame({"zone_id": ["a", "b", "c"], "status": ["active", "revoked", "revoked"]})
    got = zone_confidence(zones, derive(ledger)).set_index("zone_id")
    designation = got["designation_confidence"].to_dict()
    assert designation == {"a": "single_source", "b": "unverified", "c": "unverified"}
    assert got["revocation_confidence"].to_dict() == {"a": "", "b": "single_source", "c": "unverified"}
    batches = pd.DataFrame({"batch": [1]})
    assert batch_confidence(batches, derive(ledger)).iloc[0].tolist() == [1] + ["unverified"] * 4


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("http://english.www.gov.cn/policies/x.htm", "www.gov.cn"),
        ("http://english.scio.gov.cn/topnews/x.htm", "scio.gov.cn"),
        ("http://hjq.huaihua.gov.cn/hjq/x.shtml", "huaihua.gov.cn"),
        ("https://swt.ln.gov.cn/english/x.html", "ln.gov.cn"),
        ("http://global.chinadaily.com.cn/a/x.html", "chinadaily.com.cn"),
        ("http://japanese.china.org.cn/business/x.htm", "china.org.cn"),
        ("https://m.0t69.cn/index.php", "0t69.cn"),
        ("https://WWW.Example.COM:8080/a?b=c", "example.com"),
        ("https://news.bbc.co.uk/x", "bbc.co.uk"),
        ("https://foo.bj.cn/", "foo.bj.cn"),
        ("https://desk33.com/d.html", "desk33.com"),
    ],
)
def test_registrable_domain(url, domain):
    assert registrable_domain(url) == domain


def test_split_aliases():
    assert split_aliases("Kashi; Kashgar;") == ["Kashi", "Kashgar"]
    assert split_aliases("") == []


# ---- validation messages -----------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    for name in ("batches.csv", "zones.csv", "provinces.csv", "evidence.csv", "plans.csv"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


def _set(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; `row` is the spreadsheet row (the header is row 1)."""
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[row - 2, column] = value
    df.to_csv(path, index=False)


@pytest.mark.parametrize(
    ("row", "column", "value", "expected"),
    [
        (2, "subject", "atlantis", "unknown subject"),
        (3, "subject", "batch:9", "unknown subject"),
        (4, "fact", "rumour", "must be one of"),
        (5, "source_url", "www.gov.cn/no-scheme", "malformed URL"),
        (6, "source_url", "http://", "malformed URL"),
        (7, "published_on", "2022-02-30", "not a real calendar date"),
        (8, "published_on", "8 Feb 2022", "must match"),
        (9, "quote", "", "must not be empty"),
        (2, "fact", "title", "a zone takes designation, revocation or plan"),
    ],
)
def test_each_rule_names_file_row_and_column(data_copy, row, column, value, expected):
    _set(data_copy / "evidence.csv", row, column, value)
    with pytest.raises(RegistryError) as info:
        load_registry(data_copy)
    lines = [ln for ln in str(info.value).splitlines() if f"evidence.csv, row {row}, column '{column}'" in ln]
    assert any(expected in ln for ln in lines), str(info.value)


def test_duplicate_fact_source_pair_is_reported(data_copy):
    path = data_copy / "evidence.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    pd.concat([df, df.iloc[[0]]]).to_csv(path, index=False)
    with pytest.raises(RegistryError, match=rf"evidence.csv, row {len(df) + 2}.*duplicate"):
        load_registry(data_copy)


def test_missing_ledger_is_reported(data_copy):
    (data_copy / "evidence.csv").unlink()
    with pytest.raises(RegistryError, match="evidence.csv: file not found"):
        load_registry(data_copy)


# ---- the real ledger ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reg(data):
    return data.registry


@pytest.fixture(scope="module")
def ledger(data):
    return data.registry.evidence


@pytest.fixture(scope="module")
def zc(reg, ledger):
    out = zone_confidence(reg.zones, derive(ledger)).merge(reg.zones[["zone_id", "name_zh"]])
    return out.set_index("name_zh")


def test_every_fact_has_the_confidence_the_csv_oracle_gives(reg, ledger):
    derived = derive(ledger).set_index(["subject", "fact"])["confidence"]
    oracle = facts.fact_confidence()
    assert len(oracle) == 291  # 181 designations, 3 revocations, 75 plans, 8 replies x 4 facts
    for key, expected in oracle.items():
        assert derived.get(key, "unverified") == expected, key


def test_every_ledger_domain_has_a_publisher_kind(ledger):
    assert (ledger["kind"] != "").all()


def test_every_zone_has_a_designation_confidence(reg, zc):
    assert len(zc) == len(reg.zones) == 181
    assert set(zc["designation_confidence"]) <= {"confirmed", "single_source", "unverified"}


def test_confidence_is_never_typed_in_the_registry():
    for name in ("zones.csv", "batches.csv"):
        header = next(csv.reader((DATA_DIR / name).open(encoding="utf-8-sig")))
        assert not any("confidence" in column for column in header), name


# What the ledger says goes stale in a hand-written note when a source is added: notes state other facts.
RESTATEMENTS = ("source in the ledger", "one source", "no source", "rests on", "not confirmed")


@pytest.mark.parametrize("name", ["zones.csv", "batches.csv"])
def test_no_note_restates_what_the_ledger_or_the_registry_says(name):
    for row in _rows(DATA_DIR / name):
        note = row["note"].casefold()
        assert not any(words in note for words in RESTATEMENTS), (name, row["note"])
        assert not note.startswith(("revoked by", "revokes")), (name, row["note"])


# What the ledger supports for the batch-7 names of the issue, from the sources read (see SOURCES.md).
BATCH_7 = {
    # only the desk33 repost lists these
    **dict.fromkeys(
        [
            "包头市",
            "鞍山市",
            "同江市",
            "蚌埠市",
            "南平市",
            "宁德市",
            "萍乡市",
            "新余市",
            "宜春市",
            "吉安市",
        ],
        "single_source",
    ),
    # desk33 and Jilin's notice 吉政发〔2023〕8号 (chinawuliu.com.cn repost): two reposts, no outlet
    "延吉市": "single_source",
    # desk33 and Shandong's notice (sdbdra.cn repost): two reposts, no outlet
    **dict.fromkeys(["枣庄市", "济宁市", "泰安市"], "single_source"),
    # only Shandong's notice (one repost), Sichuan's notice (one repost), 桂政办函〔2023〕45号 (one repost)
    **dict.fromkeys(["德州市", "聊城市", "滨州市", "菏泽市"], "single_source"),
    **dict.fromkeys(["宜宾市", "达州市", "贺州市"], "single_source"),
    # no source read lists them
    **dict.fromkeys(["焦作市", "许昌市", "柳州市", "铜仁市"], "unverified"),
    **dict.fromkeys(["大理白族自治州", "伊犁哈萨克自治州"], "unverified"),
    # 湘政发〔2023〕9号 on hjq.huaihua.gov.cn (official)
    "衡阳市": "confirmed",
    "株洲市": "confirmed",
    # 藏政发〔2023〕19号 reposted on two sites, neither an outlet
    "拉萨市": "single_source",
}


@pytest.mark.parametrize(("name_zh", "expected"), sorted(BATCH_7.items()))
def test_batch_7_names_carry_what_their_evidence_supports(zc, name_zh, expected):
    assert zc.loc[name_zh, "designation_confidence"] == expected


def test_revocations_rest_on_one_source_and_are_worded_so(reg, zc):
    for name in ("海口市", "三亚市", "阿拉山口市"):
        assert zc.loc[name, "designation_confidence"] == "confirmed"
        assert zc.loc[name, "revocation_confidence"] == "single_source"
    revoked = reg.zones[reg.zones["status"] == "revoked"]
    assert set(revoked["name_zh"]) == {"海口市", "三亚市", "阿拉山口市"}
    for note in revoked["note"]:
        assert "inference" in note  # which zone takes its place is inferred, and the note says so
    assert (zc.loc[zc.index.difference(revoked["name_zh"]), "revocation_confidence"] == "").all()


def test_batch_8_title_is_the_one_quoted_by_sanming(reg):
    b8 = reg.batches.set_index("batch").loc[8]
    raw = _rows(DATA_DIR / "evidence.csv")
    quotes = [r["quote"] for r in raw if r["subject"] == "batch:8" and r["fact"] == "title"]
    assert quotes, "batch 8 has a title source"
    # The stored page shows half-width brackets; compare in NFKC, which folds （） to ().
    title = unicodedata.normalize("NFKC", b8["title_zh"])
    assert any(title in unicodedata.normalize("NFKC", q) for q in quotes)
    assert pd.isna(b8["approved_on"]), "no source read gives batch 8's approval date"


def test_no_note_claims_an_uncited_offline_source():
    for name in ("zones.csv", "batches.csv", "SOURCES.md"):
        assert "found offline" not in (DATA_DIR / name).read_text(encoding="utf-8")


def test_every_batch_fact_has_a_confidence(reg, ledger):
    bc = batch_confidence(reg.batches, derive(ledger))
    assert bc["batch"].tolist() == list(range(1, 9))
    assert bc.loc[bc["batch"] == 8, "title"].item() == "confirmed"
    assert bc.loc[bc["batch"] == 6, "approved_on"].item() == "unverified"


def _md_section(text: str, heading: str) -> str:
    return text.split(f"\n### {heading}\n", 1)[1].split("\n#", 1)[0]


def _md_table(section: str) -> dict[int, list[str]]:
    """batch -> [confirmed, single, unverified designations, approved, published, title, document no.] as
    the section's table writes them ('single source' read as single_source, '(empty)' dropped)."""
    out = {}
    for b in range(1, 9):
        row = re.search(
            rf"\| {b} \| 国函〔\d+〕\d+号 \| (\d+) / (\d+) / (\d+) \| ([^|]+)\|([^|]+)\|([^|]+)\|([^|]+)\|",
            section,
        )
        assert row, b
        cells = [c.strip().split(" (")[0].replace(" ", "_") for c in row.groups()]
        out[b] = cells
    return out


def _expected_table(confidence: dict[tuple[str, str], str]) -> dict[int, list[str]]:
    """The same table from an oracle of tests/facts.py (csv module, not geo/)."""
    batch_of = {z["zone_id"]: int(z["batch"]) for z in facts.rows("zones.csv")}
    out = {}
    for b in range(1, 9):
        zones = [c for (s, f), c in confidence.items() if f == "designation" and batch_of[s] == b]
        counts = [str(zones.count(k)) for k in ("confirmed", "single_source", "unverified")]
        out[b] = counts + [confidence[(f"batch:{b}", f)] for f in facts.BATCH_FACTS]
    return out


def test_sources_md_numbers_match_the_ledger(reg, ledger):
    text = " ".join((DATA_DIR / "SOURCES.md").read_text(encoding="utf-8").split())
    n = re.search(r"The ledger holds (\d+) rows from (\d+) pages on (\d+) domains", text)
    assert n and [int(x) for x in n.groups()] == [
        len(ledger),
        ledger["source_url"].nunique(),
        ledger["domain"].nunique(),
    ]
    counts = zone_confidence(reg.zones, derive(ledger))["designation_confidence"].value_counts()
    z = re.search(r"Zones: (\d+) designations confirmed, (\d+) single source, (\d+) unverified", text)
    assert z and [int(x) for x in z.groups()] == [
        counts.get(k, 0) for k in ("confirmed", "single_source", "unverified")
    ]


def test_sources_md_tables_hold_the_coded_rule_and_the_earlier_one(reg, ledger):
    text = (DATA_DIR / "SOURCES.md").read_text(encoding="utf-8")
    current = _md_table(_md_section(text, "What the ledger supports"))
    assert current == _expected_table(facts.fact_confidence())
    derived = derive(ledger)
    bc = batch_confidence(reg.batches, derived).set_index("batch")
    zc = zone_confidence(reg.zones, derived).assign(batch=reg.zones["batch"].to_numpy())
    for b, cells in current.items():
        per = zc[zc["batch"] == b]["designation_confidence"].value_counts()
        assert cells[:3] == [str(per.get(k, 0)) for k in ("confirmed", "single_source", "unverified")]
        assert cells[3:] == [bc.loc[b, f] for f in ("approved_on", "published_on", "title", "document_no")]
    earlier = _md_table(_md_section(text, "The earlier rule, counted by distinct domains"))
    assert earlier == _expected_table(facts.domain_count_confidence())
