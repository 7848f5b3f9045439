"""Small widgets shared by the pages: navigation links that carry the view, notices, source line, style."""

from __future__ import annotations

import streamlit as st

from geo import i18n
from geo.filters import Filters
from geo.hidden import explain, hidden_matches, revealed
from geo.textsafe import md_escape
from views import state
from views.context import Context
from views.pages import Page

MAX_NOTICES = 4  # notices shown at once; the rest are summarised in one line


def nav_links(nav: dict[Page, st.Page], filters: Filters) -> None:
    """The page links in the sidebar (views.pages), each carrying the view's canonical URL parameters."""
    with st.sidebar:
        for page, link in nav.items():
            st.page_link(link, query_params=state.link_params(filters, page), icon=page.icon)


def share(ctx: Context) -> None:
    """The canonical link to this view, with a copy button (the code block's own)."""
    with st.sidebar:
        st.subheader(ctx.tr("share"))
        st.code(state.share_url(ctx.filters), language=None, wrap_lines=True)
        st.caption(ctx.tr("share_help"))


def show_notices(ctx: Context) -> None:
    """Each URL value that was not used, shown literally and briefly; at most a handful at once."""
    notices = ctx.notices
    for notice in notices[:MAX_NOTICES]:
        st.warning(md_escape(notice.text(ctx.lang)), icon=":material/warning:")
    if len(notices) > MAX_NOTICES:
        st.warning(i18n.t("notices_more", ctx.lang, n=len(notices) - MAX_NOTICES), icon=":material/warning:")


def empty_state(ctx: Context) -> None:
    """What to do when no zone matches the filters."""
    st.info(ctx.tr("empty_state"), icon=":material/search_off:")


MAX_HIDDEN = 3  # hidden matches explained one by one; the rest are counted


def _reveal(filters: Filters) -> None:
    state.update(**{e.name: v for e, v in filters.items()})


def search_answers(ctx: Context) -> None:
    """The zones the search matches but the view hides: which, why, and one button that shows them."""
    hidden = ctx.data.memo(
        ("hidden", ctx.filters.rows_key()), lambda: hidden_matches(ctx.data.zones, ctx.filters.rows_key())
    )
    if not hidden:
        return
    lines = [explain(match, ctx.filters, ctx.data.vocab, ctx.lang) for match in hidden[:MAX_HIDDEN]]
    if len(hidden) > MAX_HIDDEN:
        lines.append(ctx.tr("hid_more", n=len(hidden) - MAX_HIDDEN))
    with st.container(key="search_answers"):
        st.info("  \n".join(md_escape(line) for line in lines), icon=":material/manage_search:")
        label = i18n.t("hid_show", ctx.lang, n=len(hidden))
        st.button(label, on_click=_reveal, args=(revealed(ctx.filters, hidden),), key="reveal_hidden")


def source_line(ctx: Context) -> None:
    """The source of the view's data (its years), how current the registry is (when it was last checked for
    new replies, only if a check is recorded) and the newest reply in effect on the view's day."""
    check = ctx.data.check
    parts = [ctx.source.source_words(ctx.lang), *([check.line(ctx.lang)] if check else [])]
    parts.append(ctx.source.latest_words(ctx.lang))
    st.caption(md_escape(" · ".join(parts)))


BASE_CSS = """
<style>
.block-container { padding-top: 2.2rem !important; padding-bottom: 1rem !important; }
h1 { font-size: 1.75rem !important; padding-top: 0 !important; }
[data-testid="stMetricValue"] { font-size: 1.9rem !important; }
/* While the roll-out plays its bar stands where the slider was: as tall, so nothing below moves. */
.st-key-timeline_playing { min-height: 68px; justify-content: flex-end; }
</style>
"""


EMBEDDED_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"] { display: none !important; }
.block-container { padding: 0.5rem 1rem 0 1rem !important; max-width: 100% !important; }
</style>
"""


def embedded_style() -> None:
    """In an iframe (?embed=true): no sidebar, little padding."""
    st.markdown(EMBEDDED_CSS, unsafe_allow_html=True)


def page_style() -> None:
    """A compact layout so the map fits on a 1280x720 screen."""
    st.markdown(BASE_CSS, unsafe_allow_html=True)
