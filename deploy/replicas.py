"""Start or stop N Streamlit replicas on loopback behind one unprivileged nginx (make serve-replicas)."""

# python -m deploy.replicas start --replicas 3 --port 8600   # nginx on :8600, replicas on :8601-8603
# python -m deploy.replicas stop
#
# Everything lives in the run directory (default deploy/run/, git-ignored): replica-<i>.pid and
# replica-<i>.log
# for each replica, nginx.pid, replicas.json (ports and PIDs), and nginx/ with the rendered nginx.conf, its
# logs, pid file and temp folders. nginx never needs root: it listens on a loopback port above 1024 and reads
# nothing from /etc. When this script runs as root, nginx is started as `nobody` (with setpriv).

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from geo.linkpage import link_too_long_html

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
DEFAULT_RUN_DIR = ROOT / "deploy" / "run"
NGINX_USER = "nobody"  # whom nginx runs as when this script is started by root
START_TIMEOUT = 120.0  # seconds for every replica to answer /_stcore/health (the machine may be busy)


def find_nginx() -> str | None:
    """Debian's nginx lives in /usr/sbin, which a normal user's PATH may lack."""
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    """Nothing listens on the port (connections in TIME_WAIT from a previous run don't count)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def is_alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in ("Z", "X")


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _health(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


def warm(ports: list[int]) -> list[float]:
    """Open the map once on each replica (over Streamlit's websocket, as a browser would) before any browser
    comes: the first run imports the app's libraries and loads the dataset into the server's cache, which
    otherwise the first browsers on that replica wait for, all at once if another replica has just died.
    Returns each replica's seconds."""
    import asyncio

    from deploy.streamclient import first_view, socket

    async def one(port: int) -> float:
        started = time.perf_counter()
        async with socket(f"http://127.0.0.1:{port}", "") as (ws, _upstream):
            await first_view(ws, "")
        return time.perf_counter() - started

    async def every() -> list[float]:
        return list(await asyncio.gather(*(one(p) for p in ports)))

    return asyncio.run(every())


def _tail(path: Path, chars: int = 2000) -> str:
    try:
        return path.read_text(errors="replace")[-chars:]
    except OSError:
        return ""


def render_config(
    run_dir: str, listen: str, upstreams: list[str], debug_headers: bool = False, log_dir: str | None = None
) -> str:
    """nginx.conf from the template: listen on `listen`, balance over `upstreams` (host:port), write the pid
    and temp files into `run_dir` and the logs into `log_dir` (default: run_dir)."""
    servers = "\n".join(f"        server {u} max_fails=1 fail_timeout=10s;" for u in upstreams)
    debug = (
        "        # For tests: which replica answered (the last address when nginx had to try several).\n"
        "        add_header X-Upstream $upstream_addr always;"
        if debug_headers
        else ""
    )
    text = TEMPLATE.read_text()
    for key, value in {
        "@RUN_DIR@": run_dir,
        "@LOG_DIR@": log_dir or run_dir,
        "@LISTEN@": listen,
        "@UPSTREAM_SERVERS@": servers,
        "@DEBUG_HEADERS@": debug,
        "@LINK_TOO_LONG_PAGE@": link_too_long_html(),
    }.items():
        text = text.replace(key, value)
    if "@" in "".join(line.split("#")[0] for line in text.splitlines()):
        raise ValueError("a placeholder was left in the nginx configuration")
    return text


def _privilege_drop() -> tuple[list[str], pwd.struct_passwd | None]:
    """`setpriv` arguments that run nginx as NGINX_USER when we are root; nothing otherwise."""
    if os.geteuid() != 0:
        return [], None
    user = pwd.getpwnam(NGINX_USER)
    return ["setpriv", f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups"], user


def start_nginx(
    run_dir: Path, port: int, upstream_ports: list[int], debug_headers: bool = False, timeout: float = 30.0
) -> int:
    """Render the configuration into run_dir/nginx/, start nginx, wait until it listens; returns its PID."""
    nginx = find_nginx()
    if not nginx:
        raise RuntimeError("nginx is missing: run `bash .ci/system-deps` (installs Debian's nginx package)")
    nginx_dir = run_dir / "nginx"
    nginx_dir.mkdir(parents=True, exist_ok=True)
    conf = nginx_dir / "nginx.conf"
    upstreams = [f"127.0.0.1:{p}" for p in upstream_ports]
    conf.write_text(render_config(str(nginx_dir), f"127.0.0.1:{port}", upstreams, debug_headers))
    drop, user = _privilege_drop()
    if user:
        for path in [nginx_dir, *nginx_dir.rglob("*")]:
            os.chown(path, user.pw_uid, user.pw_gid)
        if subprocess.run([*drop, "test", "-w", str(nginx_dir)], check=False).returncode != 0:
            raise RuntimeError(
                f"nginx runs as {NGINX_USER} when started by root, and {NGINX_USER} cannot reach "
                f"{nginx_dir}: make its parent folders traversable (chmod o+x) or start as a normal user"
            )
    with (nginx_dir / "stderr.log").open("w") as log:
        proc = subprocess.Popen(
            [*drop, nginx, "-c", str(conf), "-p", str(nginx_dir), "-e", str(nginx_dir / "error.log")],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # outlives this script; `stop` ends it by its PID
        )
    (run_dir / "nginx.pid").write_text(f"{proc.pid}\n")
    deadline = time.monotonic() + timeout
    while port_is_free(port):
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(
                "nginx did not start:\n" + _tail(nginx_dir / "stderr.log") + _tail(nginx_dir / "error.log")
            )
        time.sleep(0.05)
    return proc.pid


def running_pids(run_dir: Path) -> dict[str, int]:
    """The live processes recorded in run_dir, by pid file name."""
    found = {}
    for pid_file in sorted(run_dir.glob("*.pid")):
        try:
            pid = int(pid_file.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            continue
        if is_alive(pid) and ("streamlit" in _cmdline(pid) or "nginx" in _cmdline(pid)):
            found[pid_file.name] = pid
    return found


def start(
    replicas: int,
    port: int,
    run_dir: Path,
    replica_ports: list[int] | None = None,
    debug_headers: bool = False,
    app: str = "app.py",
) -> dict:
    """Start the replicas, wait for their health, then nginx; returns what was started (as replicas.json)."""
    run_dir = run_dir.resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    if running_pids(run_dir):
        raise RuntimeError(f"replicas already running from {run_dir}: run `make stop-replicas` first")
    for old in [*run_dir.glob("*.pid"), run_dir / "replicas.json"]:
        old.unlink(missing_ok=True)
    ports = replica_ports or [port + 1 + i for i in range(replicas)]
    busy = [p for p in [port, *ports] if not port_is_free(p)]
    if busy:
        raise RuntimeError(f"ports already in use on 127.0.0.1: {busy} (choose another PORT)")
    if not find_nginx():
        raise RuntimeError("nginx is missing: run `bash .ci/system-deps` (installs Debian's nginx package)")

    started: dict = {"port": port, "run_dir": str(run_dir), "replicas": []}
    try:
        procs = []
        for i, p in enumerate(ports, start=1):
            with (run_dir / f"replica-{i}.log").open("w") as log:
                proc = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "streamlit",
                        "run",
                        app,
                        "--server.address",
                        "127.0.0.1",
                        "--server.port",
                        str(p),
                        "--server.headless",
                        "true",
                        "--browser.gatherUsageStats",
                        "false",
                        "--server.fileWatcherType",
                        "none",
                    ],
                    cwd=ROOT,
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            (run_dir / f"replica-{i}.pid").write_text(f"{proc.pid}\n")
            procs.append((i, p, proc))
            started["replicas"].append({"index": i, "port": p, "pid": proc.pid})
        deadline = time.monotonic() + START_TIMEOUT
        for i, p, proc in procs:
            while not _health(f"http://127.0.0.1:{p}/_stcore/health"):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"replica {i} (port {p}) did not start:\n" + _tail(run_dir / f"replica-{i}.log")
                    )
                time.sleep(0.2)
        for replica, seconds in zip(started["replicas"], warm(ports), strict=True):
            replica["warmed_s"] = round(seconds, 2)
        started["nginx_pid"] = start_nginx(run_dir, port, ports, debug_headers)
        if not _health(f"http://127.0.0.1:{port}/_stcore/health", timeout=10):
            raise RuntimeError("nginx does not reach the replicas:\n" + _tail(run_dir / "nginx/error.log"))
    except BaseException:
        stop(run_dir)
        raise
    (run_dir / "replicas.json").write_text(json.dumps(started, indent=2) + "\n")
    return started


def stop(run_dir: Path, timeout: float = 10.0) -> list[str]:
    """Stop every process recorded in run_dir (SIGTERM, then SIGKILL); returns what was stopped."""
    run_dir = run_dir.resolve()
    pids = running_pids(run_dir)
    for pid in pids.values():
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while any(is_alive(p) for p in pids.values()) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in pids.values():
        if is_alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    for pid_file in run_dir.glob("*.pid"):
        pid_file.unlink(missing_ok=True)
    (run_dir / "replicas.json").unlink(missing_ok=True)
    return [f"{name.removesuffix('.pid')} (pid {pid})" for name, pid in pids.items()]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    up = sub.add_parser("start", help="start N replicas and nginx in front of them")
    up.add_argument("--replicas", "-n", type=int, default=3)
    up.add_argument("--port", type=int, default=8600, help="nginx's loopback port")
    up.add_argument(
        "--replica-ports",
        type=lambda s: [int(p) for p in s.split(",")],
        help="comma-separated replica ports (default: PORT+1 .. PORT+N)",
    )
    up.add_argument("--free-ports", action="store_true", help="let the system pick free replica ports")
    up.add_argument(
        "--debug-headers",
        action="store_true",
        help="add an X-Upstream response header naming the replica that answered",
    )
    up.add_argument("--app", default="app.py")
    up.add_argument("--run-dir", type=Path, default=DEFAULT_RUN_DIR)
    down = sub.add_parser("stop", help="stop what `start` started")
    down.add_argument("--run-dir", type=Path, default=DEFAULT_RUN_DIR)
    render = sub.add_parser("render", help="print the nginx configuration for other hosts (e.g. compose)")
    render.add_argument("--listen", required=True, help="nginx's listen address, e.g. 8080")
    render.add_argument(
        "--upstreams",
        required=True,
        type=lambda s: s.split(","),
        help="comma-separated host:port of the replicas",
    )
    render.add_argument("--run-dir", required=True, help="folder for the pid and temp files")
    render.add_argument("--log-dir", help="folder for the logs (default: --run-dir)")
    args = ap.parse_args(argv)

    if args.command == "render":
        print(render_config(args.run_dir, args.listen, args.upstreams, log_dir=args.log_dir), end="")
        return

    if args.command == "stop":
        stopped = stop(args.run_dir)
        print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
        return
    ports = [free_port() for _ in range(args.replicas)] if args.free_ports else args.replica_ports
    if ports and len(ports) != args.replicas:
        sys.exit("--replica-ports must list one port per replica")
    try:
        started = start(args.replicas, args.port, args.run_dir, ports, args.debug_headers, args.app)
    except RuntimeError as err:
        sys.exit(str(err))
    for r in started["replicas"]:
        print(
            f"replica {r['index']}: http://127.0.0.1:{r['port']} (pid {r['pid']}; "
            f"first run {r['warmed_s']} s)"
        )
    print(
        f"nginx: http://127.0.0.1:{started['port']} (pid {started['nginx_pid']}); "
        f"files in {started['run_dir']}; stop with `make stop-replicas`"
    )


if __name__ == "__main__":
    main()
