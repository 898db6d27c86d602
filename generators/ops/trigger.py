"""`portal serve-trigger`: a small HTTP endpoint for administrators who do
not use a shell (standard library http.server, no hand-written parser).

    POST /rebuild   Authorization: Bearer <token>   [JSON body {"by": "...", "reason": "..."}]
                    -> 202 {"accepted": true, "queued": "started"|"coalesced", "status": {...}}
    GET  /status    Authorization: Bearer <token>
                    -> 200 {"current": ..., "running": ..., "last_build": ..., ...}

Both need the token: the status names release ids, counts of undisclosed
and embargoed decisions and error messages, which are internal. Tokens are
compared in constant time (hmac.compare_digest). The server binds to
127.0.0.1 by default; put it behind the intranet reverse proxy (with TLS)
if administrators reach it from elsewhere.

A POST never builds in the request thread: a worker thread runs `portal
rebuild` as a subprocess (a crash cannot take the server down). Requests
arriving while a build runs are coalesced into one follow-up build; builds
started elsewhere (the timer, a shell) are coalesced through ROOT/.pending.
"""
from __future__ import annotations

import hmac
import json
import os
import re
import stat
import subprocess
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .root import Root, now_iso

MAX_BODY = 4096
MIN_TOKEN_LENGTH = 16
SAFE_TEXT = re.compile(r"[^\w\s\-.:@/（）()，,。]", re.UNICODE)


def read_token(path: Path) -> str:
    path = Path(path)
    token = path.read_text(encoding="utf-8").strip()
    if len(token) < MIN_TOKEN_LENGTH:
        raise SystemExit(f"令牌太短（至少 {MIN_TOKEN_LENGTH} 个字符）：{path}；可用 `openssl rand -hex 32 > {path}` 生成")
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        print(f"警告：令牌文件 {path} 可被其他用户读取；请 chmod 600", file=sys.stderr)
    return token


def clean(text, limit: int = 80) -> str:
    return SAFE_TEXT.sub("", str(text or ""))[:limit].strip()


class Builder:
    """One worker thread; requests while it builds become one follow-up build."""

    def __init__(self, command: list[str], env: dict | None = None):
        self.command = command
        self.env = env
        self.lock = threading.Lock()
        self.wake = threading.Condition(self.lock)
        self.requested: list[str] = []
        self.running = False
        self.last_exit: int | None = None
        self.last_finished: str | None = None
        self.stopping = False
        self.thread = threading.Thread(target=self._run, name="portal-rebuild-worker", daemon=True)
        self.thread.start()

    def request(self, trigger: str) -> str:
        with self.lock:
            queued = "coalesced" if (self.running or self.requested) else "started"
            self.requested.append(trigger)
            self.wake.notify()
            return queued

    def _run(self):
        while True:
            with self.lock:
                while not self.requested and not self.stopping:
                    self.wake.wait()
                if self.stopping:
                    return
                triggers, self.requested = self.requested, []
                self.running = True
            trigger = triggers[-1] if len(triggers) == 1 else f"{triggers[-1]} (+{len(triggers) - 1} 次合并)"
            try:
                proc = subprocess.run(self.command + ["--trigger", trigger], env=self.env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
                code = proc.returncode
                if code not in (0, 75):
                    tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
                    print(f"重建失败（退出码 {code}）：{' | '.join(tail)}", file=sys.stderr)
            except OSError as exc:
                code = -1
                print(f"无法启动重建：{exc}", file=sys.stderr)
            with self.lock:
                self.running = False
                self.last_exit = code
                self.last_finished = now_iso()

    def state(self) -> dict:
        with self.lock:
            return {"worker_running": self.running, "worker_queued": len(self.requested),
                    "worker_last_exit": self.last_exit, "worker_last_finished": self.last_finished}

    def stop(self):
        with self.lock:
            self.stopping = True
            self.wake.notify()


def make_handler(token: str, root: Root, builder: Builder):
    expected = token.encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        server_version = "portal-trigger"
        sys_version = ""

        def log_message(self, fmt, *args):  # no tokens in logs: only method, path, status
            sys.stderr.write(f"{self.address_string()} {fmt % args}\n")

        def _send(self, status: int, doc: dict, extra_headers: dict | None = None):
            body = (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            for k, v in (extra_headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def _authorised(self) -> bool:
            header = self.headers.get("Authorization", "")
            scheme, _, given = header.partition(" ")
            ok = hmac.compare_digest(given.strip().encode("utf-8"), expected) and scheme.lower() == "bearer"
            if not ok:
                self._send(HTTPStatus.UNAUTHORIZED, {"error": "需要有效的令牌（Authorization: Bearer …）"},
                           {"WWW-Authenticate": 'Bearer realm="portal"'})
            return ok

        def _status(self) -> dict:
            return {**root.status(), **builder.state()}

        def do_GET(self):
            if self.path.split("?")[0] not in ("/status", "/status/"):
                return self._send(HTTPStatus.NOT_FOUND, {"error": "not found"})
            if self._authorised():
                self._send(HTTPStatus.OK, self._status())

        def do_POST(self):
            if self.path.split("?")[0] not in ("/rebuild", "/rebuild/"):
                return self._send(HTTPStatus.NOT_FOUND, {"error": "not found"})
            if not self._authorised():
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0 or length > MAX_BODY:
                return self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "请求体过大"})
            body = {}
            if length:
                try:
                    body = json.loads(self.rfile.read(length).decode("utf-8"))
                except (ValueError, UnicodeDecodeError):
                    return self._send(HTTPStatus.BAD_REQUEST, {"error": "请求体应为 JSON"})
                if not isinstance(body, dict):
                    body = {}
            who = clean(body.get("by")) or "unknown"
            reason = clean(body.get("reason"), 120)
            trigger = f"http:{self.client_address[0]} by={who}" + (f" reason={reason}" if reason else "")
            queued = builder.request(trigger)
            self._send(HTTPStatus.ACCEPTED, {"accepted": True, "queued": queued, "trigger": trigger,
                                             "status": self._status()})

        def do_PUT(self):
            self._send(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "method not allowed"})

        do_DELETE = do_PATCH = do_PUT

    return Handler


def rebuild_command(args) -> list[str]:
    cmd = [sys.executable, "-m", "generators.cli", "rebuild", "--data", str(Path(args.data).resolve()),
           "--root", str(Path(args.root).resolve()), "--keep", str(args.keep), "-q"]
    if args.site_url:
        cmd += ["--site-url", args.site_url]
    if args.settings:
        cmd += ["--settings", str(Path(args.settings).resolve())]
    return cmd


def make_server(args) -> tuple[ThreadingHTTPServer, Builder]:
    token = read_token(args.token_file)
    root = Root(args.root)
    root.ensure()
    env = dict(os.environ)
    repo = str(Path(__file__).resolve().parent.parent.parent)
    env["PYTHONPATH"] = repo + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    builder = Builder(rebuild_command(args), env)
    server = ThreadingHTTPServer((args.bind, args.port), make_handler(token, root, builder))
    server.daemon_threads = True
    return server, builder


def serve(args) -> int:
    server, builder = make_server(args)
    host, port = server.server_address[:2]
    if args.bind not in ("127.0.0.1", "::1", "localhost"):
        print(f"注意：触发接口监听 {args.bind}，不只本机可访问；请确认有防火墙和 TLS 反向代理", file=sys.stderr)
    print(f"触发接口：http://{host}:{port}/rebuild（POST），/status（GET）", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        builder.stop()
        server.server_close()
    return 0
