"""Three replicas behind nginx: six browsers spread over them, two replicas killed, every browser goes on."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
from google.protobuf.message import DecodeError
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.harness import CANVAS
from deploy.replicas import find_nginx, free_port
from geo.paths import ROOT
from tests.e2e.helpers import next_frame, settle, wait_for_metric
from tests.facts import expected

RECOVERY_S = 15
STATUS = '[data-testid="stStatusWidget"]'  # shown while a script runs or the connection is lost
# (page, canonical query, the text that shows the view's count): each browser's own view, restored from
# its URL alone. Two browsers are on the map (its headline figure; the reconnected page keeps its map), the
# others on pages without it (their count line): every page is restored after a move, and a new map costs
# 5-10 s of software WebGL, which six at once would spend on the 2 cores before the kill even starts.
VIEWS = [
    ("", "batch=3", ("Active zones", str(expected(batch={3}).active))),
    ("", "lang=zh&batch=6", ("有效综试区", str(expected(batch={6}).active))),
    ("table", "province=44", f"{expected(province={'44'}).active} active zones"),
    ("charts", "batch=3,5", f"{expected(batch={3, 5}).active} active zones"),
    ("table", "province=32,33&batch=2", f"{expected(province={'32', '33'}, batch={2}).active} active zones"),
    ("charts", "lang=zh&asof=2019-01-01", f"有效综试区 {expected(dt.date(2019, 1, 1)).active} 个"),
]
# Records, from the first paint on, whether an exception box or Streamlit's connection-error dialog ever
# showed up (a check at the end alone could miss one that came and went).
WATCH_ERRORS = """
window.__errorsSeen = [];
new MutationObserver(() => {
  if (document.querySelector('[data-testid="stException"]')) window.__errorsSeen.push('exception');
  for (const d of document.querySelectorAll('[role="dialog"]')) {
    if (d.innerText.includes('Connection error')) window.__errorsSeen.push('connection error dialog');
  }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.fixture
def replicas():
    """`deploy/replicas.py start` with 3 replicas on free ports; yields (nginx URL, {address: pid file})."""
    if not find_nginx():
        pytest.fail("nginx is missing: run `bash .ci/system-deps` (Debian package nginx)")
    run_dir = Path(tempfile.mkdtemp(prefix="replicas-"))
    run_dir.chmod(0o755)  # nginx runs as `nobody` when the tests run as root
    port = free_port()
    script = [sys.executable, "-m", "deploy.replicas"]
    try:
        started = subprocess.run(
            [
                *script,
                "start",
                "--replicas",
                "3",
                "--port",
                str(port),
                "--free-ports",
                "--debug-headers",
                "--run-dir",
                str(run_dir),
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert started.returncode == 0, started.stdout + started.stderr
        info = json.loads((run_dir / "replicas.json").read_text())
        pid_files = {
            f"127.0.0.1:{r['port']}": run_dir / f"replica-{r['index']}.pid" for r in info["replicas"]
        }
        yield f"http://127.0.0.1:{port}", pid_files
    finally:
        subprocess.run([*script, "stop", "--run-dir", str(run_dir)], cwd=ROOT, timeout=60, check=False)
        shutil.rmtree(run_dir, ignore_errors=True)


def upstream(headers: dict) -> str:
    """The replica that answered (nginx lists every address it tried; the last one answered)."""
    return headers["x-upstream"].split(",")[-1].strip()


def wait_until(page, condition, deadline: float, what: str) -> None:
    """Wait for a Python-side condition (the page's websocket events), a browser frame at a time so that
    Playwright delivers the events meanwhile."""
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {RECOVERY_S} s of the kill")
        next_frame(page)


def wait_for_view(page, figure, timeout: float) -> None:
    """Wait until the page shows its view's count: on the map its headline figure (label, value), on
    another page its count line (a text, not preceded by a digit)."""
    if isinstance(figure, tuple):
        wait_for_metric(page, *figure, timeout=timeout)
        return
    page.wait_for_function(
        """(figure) => [...document.querySelectorAll('[data-testid="stCaptionContainer"]')].some(e =>
            (' ' + e.innerText.replace(/\\s+/g, ' ')).split(figure).slice(0, -1)
                .some(before => !/[0-9]$/.test(before)))""",
        arg=figure,
        timeout=timeout,
    )


def remaining_ms(deadline: float) -> float:
    return max(deadline - time.monotonic(), 0.1) * 1000


class Session:
    """One browser (its own context, so its own cookie) on one view, with its websockets and frames."""

    def __init__(self, browser, base: str, path: str, query: str):
        self.context = browser.new_context(viewport={"width": 1100, "height": 800})
        self.page = self.context.new_page()
        self.page.add_init_script(WATCH_ERRORS)
        self.query = query
        self.sockets = []  # [opened at (monotonic), websocket]
        self.runs = 0  # script runs that finished, as the server told this page
        self.page.on("websocket", self._on_websocket)
        response = self.page.goto(f"{base}/{path}?{query}", wait_until="commit")  # the six load side by side
        self.home = upstream(response.headers)

    def _on_websocket(self, ws) -> None:
        self.sockets.append((time.monotonic(), ws))
        ws.on("framereceived", self._on_frame)

    def _on_frame(self, payload) -> None:
        if isinstance(payload, str):
            return
        msg = ForwardMsg()
        try:
            msg.ParseFromString(payload)
        except DecodeError:
            return
        if msg.WhichOneof("type") == "script_finished":
            self.runs += msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY

    def reconnected_since(self, t: float) -> bool:
        return any(opened > t and not ws.is_closed() for opened, ws in self.sockets)

    def errors_seen(self) -> list[str]:
        return self.page.evaluate("() => window.__errorsSeen")


@pytest.mark.alone  # the 15 s bar, with no other test suite's browsers competing for the 2 cores
def test_sessions_survive_two_of_three_replicas_killed(browser, replicas):
    base, pid_files = replicas
    sessions = []
    try:
        for path, query, _figure in VIEWS:
            sessions.append(Session(browser, base, path, query))
        for s, (path, _query, figure) in zip(sessions, VIEWS, strict=True):
            if not path:
                s.page.wait_for_selector(CANVAS, timeout=120_000)
            wait_for_view(s.page, figure, timeout=120_000)
            settle(s.page, timeout=120_000)
        # Distinct browsers on one address get distinct cookies and spread over the replicas (all six on
        # one replica: a chance of about 3 / 3**6 = 0.4 % with random cookies).
        cookies = [{c["name"]: c["value"] for c in s.context.cookies()}.get("st_route") for s in sessions]
        assert None not in cookies and len(set(cookies)) == len(sessions), cookies
        homes = Counter(s.home for s in sessions)
        assert len(homes) > 1, f"all six browsers on one replica: {homes}"

        # Keep the replica with the fewest browsers: the most browsers have to move.
        survivor = min(pid_files, key=lambda address: homes.get(address, 0))
        killed_at = time.monotonic()
        for address, pid_file in pid_files.items():
            if address != survivor:
                os.kill(int(pid_file.read_text()), signal.SIGKILL)
        deadline = killed_at + RECOVERY_S
        moved = [s for s in sessions if s.home != survivor]
        assert moved

        # Every moved browser opens a new websocket by itself, through nginx, to the survivor ...
        for s in moved:
            wait_until(s.page, lambda s=s: s.reconnected_since(killed_at), deadline, f"{s.query}: reconnect")
        for s in sessions:
            health = s.context.request.get(f"{base}/_stcore/health", timeout=remaining_ms(deadline))
            assert health.ok and upstream(health.headers) == survivor, (s.query, health.headers)
        # ... but Streamlit reruns nothing on a reconnect while the page is idle. The next rerun (here the
        # "r" shortcut) runs on the survivor, in a session that never saw this browser: it must finish and
        # show the browser's own view, the count for its URL.
        runs_before = [s.runs for s in sessions]
        for s in sessions:
            s.page.keyboard.press("r")
        for s, runs, (_path, query, figure) in zip(sessions, runs_before, VIEWS, strict=True):
            wait_until(s.page, lambda s=s, n=runs: s.runs > n, deadline, f"{query}: script run finished")
            s.page.wait_for_function(
                f"() => !document.querySelector('{STATUS}')", timeout=remaining_ms(deadline)
            )
            wait_for_view(s.page, figure, timeout=remaining_ms(deadline))
        recovered_in = time.monotonic() - killed_at
        print(f"browsers per replica {dict(homes)}; kept {survivor}; all back in {recovered_in:.1f} s")
        for s, (path, query, _figure) in zip(sessions, VIEWS, strict=True):
            assert s.page.evaluate("() => location.pathname") == f"/{path}", (path, query)
            address = s.page.evaluate("() => location.search")
            assert set(parse_qsl(query)) == set(parse_qsl(urlsplit(address).query)), (query, address)
            assert s.page.locator('[data-testid="stException"]').count() == 0, query
            assert s.errors_seen() == [], (query, s.errors_seen())
        assert recovered_in < RECOVERY_S, recovered_in
    finally:
        for s in sessions:
            s.context.close()
