"""Streamlit's websocket protocol as a browser speaks it: rerun with a query string, read the run."""

# The frontend's part, without a browser: fetch the page (nginx's st_route cookie comes with it), open
# /_stcore/stream with that cookie and the page's Origin, send a BackMsg `rerun_script` with the query
# string, and read ForwardMsgs until `script_finished`. Used by `deploy.replicas start` to warm each replica,
# by bench/ (load benches) and by tests/test_sessions.py.

from __future__ import annotations

import asyncio
import json
import time
import urllib.request
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect
from websockets.typing import Origin, Subprotocol

from views.mapsize import COMPONENT as SIZE_COMPONENT

RUN_TIMEOUT_S = 180.0  # one script run, however busy the machine
MAP_SIZE = (900, 540)  # the map's size in CSS pixels the clients report, as a browser would


def rerun_message(query: str, size_widget: str = "") -> bytes:
    """A rerun with this query string; with the map's size reported by the widget `size_widget` if given."""
    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_script_hash = ""  # the default page: the map
    msg.rerun_script.widget_states.SetInParent()
    if size_widget:
        state = msg.rerun_script.widget_states.widgets.add()
        state.id = size_widget
        state.json_value = json.dumps({"size": list(MAP_SIZE)})
    return msg.SerializeToString()


@dataclass
class Run:
    """What one script run sent."""

    seconds: float = 0.0  # sending the rerun -> script_finished
    elements: list = field(default_factory=list)  # the new elements (Element protos), in order
    query_string: str = ""  # the address the app wrote, if it wrote one

    def of(self, kind: str) -> list:
        """The elements of one type ("metric", "deck_gl_json_chart", ...)."""
        return [getattr(e, kind) for e in self.elements if e.WhichOneof("type") == kind]

    @property
    def has_map(self) -> bool:
        return bool(self.of("deck_gl_json_chart"))

    @property
    def shown(self) -> str:
        """The "Active zones" figure ("" without one)."""
        return next((m.body for m in self.of("metric") if m.label == "Active zones"), "")

    @property
    def size_widget(self) -> str:
        """The id of the component that reports the map's size ("" if the run did not draw it)."""
        ids = (c.id for c in self.of("bidi_component") if c.component_name.endswith(SIZE_COMPONENT))
        return next(ids, "")


async def run_script(ws, query: str, size_widget: str = "", widgets: tuple = ()) -> Run:
    """Send one rerun (with the map's size reported by `size_widget` and the WidgetState protos `widgets`,
    as the browser sends its widgets' states) and read its messages until script_finished."""
    started = time.perf_counter()
    msg = BackMsg.FromString(rerun_message(query, size_widget))
    msg.rerun_script.widget_states.widgets.extend(widgets)
    await ws.send(msg.SerializeToString())
    out = Run()
    while True:
        msg = ForwardMsg.FromString(await asyncio.wait_for(ws.recv(), RUN_TIMEOUT_S))
        kind = msg.WhichOneof("type")
        if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            out.elements.append(msg.delta.new_element)
        elif kind == "page_info_changed":
            out.query_string = msg.page_info_changed.query_string
        elif kind == "script_finished":
            if msg.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                raise RuntimeError(f"script run ended with {msg.script_finished}")
            out.seconds = time.perf_counter() - started
            return out


async def first_view(ws, query: str) -> tuple[Run, str]:
    """A session's first view as a browser gets it: the first run, then (on a map page) the run the size
    report starts, which draws the map; (the run that drew the view, the size widget for later runs)."""
    run = await run_script(ws, query)
    if run.has_map or not run.size_widget:
        return run, run.size_widget
    return await run_script(ws, query, run.size_widget), run.size_widget


def _fetch_page(url: str) -> tuple[str, str]:
    """GET the page as a browser would first; (the st_route cookie or "", the X-Upstream header or "")."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(url, timeout=60) as response:
        response.read()
        cookies = response.headers.get_all("Set-Cookie") or []
        cookie = next((c.split(";")[0] for c in cookies if c.startswith("st_route=")), "")
        return cookie, response.headers.get("X-Upstream", "")


@asynccontextmanager
async def socket(base: str, query: str):
    """A session's websocket, opened as a browser opens it after loading the page `base/?query`;
    (the websocket, the replica that served the page per nginx's X-Upstream header, or "")."""
    cookie, upstream = await asyncio.to_thread(_fetch_page, f"{base}/?{query}")
    async with connect(
        base.replace("http://", "ws://") + "/_stcore/stream",
        subprotocols=[Subprotocol("streamlit")],
        origin=Origin(base),
        additional_headers={"Cookie": cookie} if cookie else None,
        proxy=None,
        max_size=None,
        open_timeout=RUN_TIMEOUT_S,
    ) as ws:
        yield ws, upstream
