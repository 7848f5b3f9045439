"""The fence around Streamlit's internals (views/streamlit_private.py): the private paths, no fallback."""

from __future__ import annotations

import importlib

import pytest

from tests.apptest import run
from views import streamlit_private


@pytest.fixture(autouse=True)
def no_fallback_yet():
    streamlit_private.FALLBACKS.clear()
    yield
    assert streamlit_private.FALLBACKS == [], "a Streamlit internal moved: see views/streamlit_private.py"


def test_the_internals_the_url_writer_uses_are_there():
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx
    from streamlit.runtime.state.query_params import QueryParams
    from streamlit.runtime.state.session_state_proxy import get_session_state

    assert callable(get_script_run_ctx) and callable(get_session_state)
    msg = ForwardMsg()
    msg.page_info_changed.query_string = "batch=6,7"
    assert msg.page_info_changed.query_string == "batch=6,7"
    for name in ("clear_with_no_forward_msg", "set_with_no_forward_msg"):
        assert callable(getattr(QueryParams, name)), name
    assert "_query_params" in QueryParams.__dataclass_fields__


def test_the_app_writes_its_canonical_url_through_the_private_path():
    at = run(batch="7,6", lang="中文", province="广东 Guangdong")
    assert list(at.query_params.items()) == [("lang", "zh"), ("province", "44"), ("batch", "6,7")]


def test_the_internals_browser_value_reads_are_there():
    """browser_value reads the widget states a page sent with a new session's first run (see
    tests/test_sessions.py for the page that moves to a new session)."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState
    from streamlit.runtime.state.safe_session_state import SafeSessionState
    from streamlit.runtime.state.session_state import Serialized, SessionState, WStates

    assert "_state" in SafeSessionState.__annotations__
    assert "_new_widget_state" in SessionState.__dataclass_fields__
    states = WStates()
    states.set_widget_from_proto(WidgetState(id="$$ID-abc-map_size", json_value='{"size": [900, 540]}'))
    assert isinstance(states.states["$$ID-abc-map_size"], Serialized)


def test_the_emoji_catalogue_warms_up():
    streamlit_private.warm_emoji_catalogue()
    assert importlib.util.find_spec("streamlit.emojis") is not None


def test_the_charts_page_draws_again_from_the_specs_it_kept():
    """views/vega.py keeps the spec Streamlit's own converter makes (data as named Arrow datasets)."""
    at = run("views/charts.py", batch="3")
    first = [
        (c.proto.spec, [(d.name, d.data.data) for d in c.proto.datasets]) for c in at.get("vega_lite_chart")
    ]
    assert len(first) == 5 and all(datasets for _spec, datasets in first)
    at.run()  # the same view: every chart from its kept spec
    assert [
        (c.proto.spec, [(d.name, d.data.data) for d in c.proto.datasets]) for c in at.get("vega_lite_chart")
    ] == first


def test_a_chart_spec_falls_back_to_none_when_the_converter_moved(monkeypatch, data):
    import streamlit.elements.vega_charts as vega_charts

    from geo import charts
    from geo.filters import Filters

    monkeypatch.delattr(vega_charts, "_convert_altair_to_vega_lite_spec")
    chart = charts.category_chart(data.view(Filters()), "region", "en")
    assert streamlit_private.vega_lite_spec(chart) is None  # views/vega.py then draws with st.altair_chart
    assert any(f.startswith("vega_lite_spec") for f in streamlit_private.FALLBACKS)
    streamlit_private.FALLBACKS.clear()


def test_a_fallback_is_recorded(monkeypatch):
    """The fence itself: with the internals gone, the public API is used and the fallback recorded."""
    import streamlit.proto.ForwardMsg_pb2 as forward

    monkeypatch.delattr(forward, "ForwardMsg")
    at = run(batch="7,6")
    assert at.query_params["batch"] == "6,7"  # still canonical, through st.query_params
    assert any(f.startswith("write_query") for f in streamlit_private.FALLBACKS)
    streamlit_private.FALLBACKS.clear()
