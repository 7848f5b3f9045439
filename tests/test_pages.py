"""One page table (views/pages.py): navigation, the sidebar's links and every other page list read it."""

from __future__ import annotations

import re

import pytest

from geo import i18n
from geo.paths import ROOT
from views.pages import PAGES

SOURCES = [ROOT / "app.py", *sorted((ROOT / "views").glob("*.py"))]


def test_every_page_has_a_script_a_title_in_both_languages_and_one_default():
    assert [p.url_path for p in PAGES] == ["map", "charts", "table", "sources", "research"]
    for page in PAGES:
        assert (ROOT / page.script).is_file(), page.script
        assert set(i18n.STRINGS[page.title_key]) == {"en", "zh"}
        assert page.icon.startswith(":material/")
    assert sum(p.default for p in PAGES) == 1


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_no_other_module_spells_out_a_page(path):
    if path.name == "pages.py":
        return
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"""["']views/\w+\.py["']""", text), "name the page through views.pages"
    assert "st.Page(" not in text and ":material/map:" not in text
