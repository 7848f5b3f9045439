"""Evidence ledger: the derivation rules, messages naming file/row/column, and the real ledger's verdicts."""

from __future__ import annotations

import csv
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pytest

from geo.evidence import (
    EVIDENCE_COLUMNS,
    batch_confidence,
    derive,
    registrable_domain,
    split_aliases,
    zone_confidence,
)
from geo.paths import DATA_DIR
from geo.registry import RegistryError, load_registry


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _ledger(*rows: tuple[str, str, str]) -> pd.DataFrame:
    """A hand-made ledger: (subject, fact, url) per row."""
    return pd.DataFrame(
        [
            {
                "subject": s,
                "fact": f,
                "source_url": u,
                "source_title": "",
                "publisher": "p",
                "published_on": "",
                "quote": "q",
                "note": "",
            }
            for s, f, u in rows
        ],
        columns=EVIDENCE_COLUMNS,
    )


# ---- the rules on a hand-made fixture ------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_verdicts():
    ledger = _ledger(
        ("official_only", "designation", "http://english.www.gov.cn/policies/a.htm"),
        ("ministry_english", "designation", "http://english.mofcom.gov.cn/article/b.shtml"),
        ("city_site", "designation", "https://www.sm.gov.cn/c.htm"),
        ("two_domains", "designation", "https://example.com/a"),
        ("two_domains", "designation", "https://news.example.org/b"),
        ("same_domain_twice", "designation", "https://www.foodmachtech.com/news/2/82"),
        ("same_domain_twice", "designation", "https://fr.foodmachtech.com/news/2/82"),
        ("one_repost", "designation", "https://desk33.com/d-1300170.html"),
        ("one_repost", "revocation", "https://newsworldstream.com/x"),
        ("batch:1", "title", "http://hangzhou.baogaosu.com/x"),
        ("batch:1", "title", "http://www.highmark.cn/y"),
    )
    return derive(ledger).set_index(["subject", "fact"])


@pytest.mark.parametrize(
    ("subject", "fact", "confidence", "n_sources"),
    [
        ("official_only", "designation", "confirmed", 1),
        ("ministry_english", "designation", "confirmed", 1),
        ("city_site", "designation", "confirmed", 1),
        ("two_domains", "designation", "confirmed", 2),
        ("same_domain_twice", "designation", "single_source", 2),
        ("one_repost", "designation", "single_source", 1),
        ("one_repost", "revocation", "single_source", 1),
        ("batch:1", "title", "confirmed", 2),
    ],
)
def test_derivation_rules(fixture_verdicts, subject, fact, confidence, n_sources):
    row = fixture_verdicts.loc[(subject, fact)]
    assert row["confidence"] == confidence
    assert row["n_sources"] == n_sources


def test_same_domain_twice_counts_one_domain(fixture_verdicts):
    assert fixture_verdicts.loc[("same_domain_twice", "designation"), "domains"] == "foodmachtech.com"


def test_no_row_means_unverified_and_revocation_only_for_revoked_zones():
    ledger = _ledger(
        ("a", "designation", "https://example.com/1"), ("b", "revocation", "https://example.com/2")
    )
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
def reg():
    return load_registry()


@pytest.fixture(scope="module")
def ledger():
    return load_registry().evidence


@pytest.fixture(scope="module")
def zc(reg, ledger):
    out = zone_confidence(reg.zones, derive(ledger)).merge(reg.zones[["zone_id", "name_zh"]])
    return out.set_index("name_zh")


def _site(url: str) -> str:
    """The test's own notion of a site: the last two host labels, three under gov.cn/com.cn/org.cn."""
    labels = urlsplit(url).hostname.lower().split(".")
    three = labels[-1] == "cn" and labels[-2] in ("gov", "com", "org")
    return ".".join(labels[-3:] if three else labels[-2:])


def test_no_zone_is_confirmed_without_an_official_source_or_two_sites(reg, ledger):
    raw = _rows(DATA_DIR / "evidence.csv")
    for z in zone_confidence(reg.zones, derive(ledger)).itertuples():
        urls = [r["source_url"] for r in raw if r["subject"] == z.zone_id and r["fact"] == "designation"]
        official = any(urlsplit(u).hostname.endswith(".gov.cn") for u in urls)
        if z.designation_confidence == "confirmed":
            assert official or len({_site(u) for u in urls}) >= 2, z.zone_id
        elif z.designation_confidence == "single_source":
            assert not official and len({_site(u) for u in urls}) == 1, z.zone_id
        else:
            assert urls == [], z.zone_id


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
    # desk33 and Jilin's notice 吉政发〔2023〕8号 (chinawuliu.com.cn repost)
    "延吉市": "confirmed",
    # desk33 and Shandong's notice (sdbdra.cn repost)
    **dict.fromkeys(["枣庄市", "济宁市", "泰安市"], "confirmed"),
    # only Shandong's notice (one repost), Sichuan's notice (one repost), 桂政办函〔2023〕45号 (one repost)
    **dict.fromkeys(["德州市", "聊城市", "滨州市", "菏泽市"], "single_source"),
    **dict.fromkeys(["宜宾市", "达州市", "贺州市"], "single_source"),
    # no source read lists them
    **dict.fromkeys(["焦作市", "许昌市", "柳州市", "铜仁市"], "unverified"),
    **dict.fromkeys(["大理白族自治州", "伊犁哈萨克自治州"], "unverified"),
    # 湘政发〔2023〕9号 on hjq.huaihua.gov.cn (official)
    "衡阳市": "confirmed",
    "株洲市": "confirmed",
    # 藏政发〔2023〕19号 reposted on two sites
    "拉萨市": "confirmed",
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


def test_sources_md_numbers_match_the_ledger(reg, ledger):
    text = " ".join((DATA_DIR / "SOURCES.md").read_text(encoding="utf-8").split())
    n = re.search(r"The ledger holds (\d+) rows from (\d+) pages on (\d+) domains", text)
    assert n and [int(x) for x in n.groups()] == [
        len(ledger),
        ledger["source_url"].nunique(),
        ledger["domain"].nunique(),
    ]
    derived = derive(ledger)
    counts = zone_confidence(reg.zones, derived)["designation_confidence"].value_counts()
    z = re.search(r"Zones: (\d+) designations confirmed, (\d+) single source, (\d+) unverified", text)
    assert z and [int(x) for x in z.groups()] == [
        counts.get(k, 0) for k in ("confirmed", "single_source", "unverified")
    ]
    bc = batch_confidence(reg.batches, derived).set_index("batch")
    zc = zone_confidence(reg.zones, derived).assign(batch=reg.zones["batch"].to_numpy())
    for b in range(1, 9):
        row = re.search(
            rf"\| {b} \| 国函〔\d+〕\d+号 \| (\d+) / (\d+) / (\d+) \| ([^|]+)\|([^|]+)\|([^|]+)\|([^|]+)\|",
            text,
        )
        assert row, b
        per = zc[zc["batch"] == b]["designation_confidence"].value_counts()
        assert [int(x) for x in row.groups()[:3]] == [
            per.get(k, 0) for k in ("confirmed", "single_source", "unverified")
        ]
        for cell, fact in zip(
            row.groups()[3:], ("approved_on", "published_on", "title", "document_no"), strict=True
        ):
            assert cell.strip().split(" (")[0].replace(" ", "_") == bc.loc[b, fact], (b, fact)
