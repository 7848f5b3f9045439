"""Entry point: page config, the cached dataset, the view's state from and to the URL, sidebar, navigation."""

import streamlit as st

from geo import i18n
from views import context, controls, pages, state, widgets

st.set_page_config(
    page_title="Pilot zones map · 综试区地图",
    layout="wide",
    initial_sidebar_state="expanded",
)

lang = i18n.norm_lang(state.current().lang)
data = context.dataset_or_stop(lang)
filters, notices = state.read(data)
filters = state.open_single_match(data, filters)  # a new search with one match opens it
ctx = context.Context(data, filters, notices)
context.store(ctx)

nav = pages.navigation(ctx.lang)
navigation = st.navigation(list(nav.values()), position="hidden")
page = next(p for p, shown in nav.items() if shown is navigation)
st.session_state[state.PAGE] = page.url_path
state.publish(filters)
if not page.default:  # the roll-out plays on the map page only
    st.session_state[state.PLAYING] = False
if st.context.is_embedded:  # ?embed=true: the map alone, for an iframe (views/map.py)
    widgets.embedded_style()
elif not filters.present:  # presenter mode hides the sidebar: nothing to draw there
    widgets.nav_links(nav, filters)
    controls.sidebar(data, filters)
    widgets.share(ctx)
widgets.page_style()
widgets.show_notices(ctx)
navigation.run()
