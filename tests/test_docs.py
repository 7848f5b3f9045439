"""The README says what the code does: its list of URL parameters is the filter spec's, in the same order."""

from __future__ import annotations

import re

from geo import i18n
from geo.filters import SPEC
from geo.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_parameters() -> list[str]:
    """The parameters the README lists, in its order: the backticked names of the sentence that promises
    the canonical order (as datasette's test_docs.py reads its documented options)."""
    section = README.split("## A view is a link", 1)[1].split("\n## ", 1)[0]
    sentence = re.search(r"a fixed order —(.*?)\. Copy it", section, re.S)
    assert sentence, "the README no longer states the canonical parameter order"
    return re.findall(r"`([a-z_]+)`", sentence.group(1))


def test_the_readme_lists_every_url_parameter_in_the_canonical_order():
    assert readme_parameters() == [entry.name for entry in SPEC]


def test_every_parameter_in_the_readmes_examples_is_one_of_the_spec():
    section = README.split("## A view is a link", 1)[1].split("\n## ", 1)[0]
    used = set(re.findall(r"[?&]([a-z_]+)=", section))
    assert used and used <= {entry.name for entry in SPEC} | {"embed"}, used


def test_the_readme_states_the_confidence_rule_in_the_words_the_sources_page_shows():
    rule = i18n.t("conf_rule", "en")
    section = README.split("<!-- conf_rule:", 1)[1].split("-->", 1)[1].split("\n\n", 1)[0]
    assert " ".join(section.split()) == rule
