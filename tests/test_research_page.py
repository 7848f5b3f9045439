"""The research data page (AppTest): its state in its URL, every unit whatever the filters, files."""

from __future__ import annotations

from geo import i18n
from tests.apptest import run
from tests.facts import UNDECIDED_UNITS

PAGE = "views/research.py"


def test_the_page_keeps_its_state_in_the_url_and_every_unit_whatever_the_filters():
    at = run(PAGE, convention="plan", period="month", start="2020", end="2021", province="44")
    assert list(at.query_params.items()) == [
        ("province", "44"), ("convention", "plan"), ("period", "month"), ("start", "2020"), ("end", "2021"),
    ]  # fmt: skip
    captions = [c.value for c in at.caption]
    assert any(c.startswith("8,808 rows: 367 units × 24 periods") for c in captions), captions
    assert any(i.value == i18n.t("rs_no_filters", "en") for i in at.info)
    labels = [b.label for b in at.get("download_button")]
    assert labels.count(i18n.t("rs_fmt_dta", "en")) == 2 and len(labels) == 8


def test_a_reversed_range_is_put_right_and_said_so():
    at = run(PAGE, start="2024", end="2018")
    assert any("2018–2024" in w.value for w in at.warning)


def test_the_page_in_chinese_shows_the_codebook_summary_and_the_snippets():
    at = run(PAGE, lang="zh")
    text = "\n".join(m.value for m in at.markdown)
    assert "三沙未定" in text and "**Stata**" in text
    assert any("csdid" in c.value for c in at.code)


def test_one_unit_left_blank_is_said_in_the_singular():
    at = run(PAGE)  # the default convention: only 三沙 (tests/facts.UNDECIDED_UNITS) has no first period
    captions = [c.value for c in at.caption]
    said = f"Under this convention {len(UNDECIDED_UNITS)} unit has"
    assert any(c.startswith(said) for c in captions), captions
