"""Entry point: page config, data loaded once, sidebar filters bound to the URL, navigation over views/."""

import streamlit as st

from geo import i18n
from views import common

st.set_page_config(
    page_title="Pilot zones map · 综试区地图",
    layout="wide",
    initial_sidebar_state="expanded",
)

context = common.build_context()
lang = context.lang
navigation = st.navigation(
    [
        st.Page("views/map.py", title=i18n.t("page_map", lang), url_path="map", default=True),
        st.Page("views/charts.py", title=i18n.t("page_charts", lang), url_path="charts"),
        st.Page("views/table.py", title=i18n.t("page_table", lang), url_path="table"),
        st.Page("views/sources.py", title=i18n.t("page_sources", lang), url_path="sources"),
    ]
)
common.page_style()
common.show_notices(context)
navigation.run()
