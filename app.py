"""Entry point: page config, the cached dataset, the view's state from and to the URL, sidebar, navigation."""

import streamlit as st

from geo import i18n
from views import context, controls, state, widgets

st.set_page_config(
    page_title="Pilot zones map · 综试区地图",
    layout="wide",
    initial_sidebar_state="auto",  # collapsed on a phone, where it would cover the page
)

lang = i18n.norm_lang(state.current().lang)
data = context.dataset_or_stop(lang)
filters, notices = state.read(data)
ctx = context.Context(data, filters, notices)
context.store(ctx)

tr = ctx.tr
# No page icons: Streamlit would use them as favicons fetched from Google's servers (the app is offline).
pages = [
    st.Page("views/map.py", title=tr("page_map"), url_path="map", default=True),
    st.Page("views/charts.py", title=tr("page_charts"), url_path="charts"),
    st.Page("views/table.py", title=tr("page_table"), url_path="table"),
    st.Page("views/sources.py", title=tr("page_sources"), url_path="sources"),
]
navigation = st.navigation(pages, position="hidden")
if navigation is not pages[0]:  # the roll-out plays on the map page only
    st.session_state[state.PLAYING] = False
if st.context.is_embedded:  # ?embed=true: the map alone, for an iframe (views/map.py)
    widgets.embedded_style()
elif not filters.present:  # presenter mode hides the sidebar: nothing to draw there
    widgets.nav_links(pages, filters)
    controls.sidebar(data, filters)
    widgets.share(ctx)
widgets.page_style()
widgets.show_notices(ctx)
try:
    navigation.run()
finally:  # the address last: it never says a view before the page shows it (the roll-out's steps)
    state.publish(filters)
