"""THE page table: every page's script, title, URL path and icon; navigation and page links read it."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from geo import i18n


@dataclass(frozen=True)
class Page:
    """One page of the app."""

    script: str  # run by st.navigation (pages live in views/, see the README)
    title_key: str  # i18n key of its title
    url_path: str  # its address below the app's root ('' for the default page's '/')
    icon: str  # on its link in the sidebar (st.Page gets none: Streamlit would fetch it as a favicon)
    default: bool = False


PAGES: tuple[Page, ...] = (
    Page("views/map.py", "page_map", "map", ":material/map:", default=True),
    Page("views/charts.py", "page_charts", "charts", ":material/bar_chart:"),
    Page("views/table.py", "page_table", "table", ":material/table:"),
    Page("views/sources.py", "page_sources", "sources", ":material/menu_book:"),
    Page("views/research.py", "page_research", "research", ":material/science:"),
)
MAP, CHARTS, TABLE, SOURCES, RESEARCH = PAGES


def address(page: Page) -> str:
    """The page's path in the browser: '' for the default page (the app's root), else its URL path."""
    return "" if page.default else page.url_path


def navigation(lang: str) -> dict[Page, st.Page]:
    """The st.Page of every page, titled in `lang`, for st.navigation and st.page_link."""
    return {
        p: st.Page(p.script, title=i18n.t(p.title_key, lang), url_path=p.url_path, default=p.default)
        for p in PAGES
    }
