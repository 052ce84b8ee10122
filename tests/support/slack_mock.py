"""A mock Slack Web API on loopback: answers like Slack, records every call, and misbehaves
on demand.

`POST /api/<method>` answers `{"ok": true, ...}` (auth.test names the bot UBOT; a token
containing `xoxb-rejected` gets `invalid_auth`; `fail_next` makes the next call of a method to
a channel fail; `hold` keeps a method's answers back until released); `POST /response/<id>`
stands in for a response_url. Calls are recorded in arrival order and `wait_for` blocks until a
matching call arrives.

Faults, for any method or `response_url`: `inject(method, fault, times=N)` (or `seconds=S`)
makes the next N calls (or every call for S seconds) answer 429 with Retry-After, 500 with a
JSON or an HTML body, drop the connection without an answer, or answer late;
`refuse_connections(S)` stops listening for S seconds. A call that met a fault, or that Slack
refused, is recorded but not delivered; `delivered()` lists the calls that were, so a test can
assert "posted exactly once". (A slow answer is delivered: Slack posts, then answers late.)
"""

from __future__ import annotations

import itertools
import json
import math
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal
from urllib.parse import parse_qsl

BOT_USER_ID = "UBOT"
_TS = itertools.count(100)


@dataclass(frozen=True)
class Call:
    """One request the app made: a Web API method or a response_url post."""

    method: str
    """`chat.postMessage`, `views.publish`, ... or `response_url`."""
    path: str
    data: dict[str, Any]
    authorization: str | None
    delivered: bool = True
    """False when the mock answered with a fault or an error: nothing was posted."""
    fault: str | None = None


@dataclass(frozen=True)
class Fault:
    """One way of misbehaving; build it with the functions below."""

    kind: Literal["status", "rate_limited", "drop", "slow"]
    status: int = 200
    body: bytes = b""
    content_type: str = "application/json"
    retry_after: int | None = None
    """For 429: the Retry-After to send; None: the seconds left of a timed fault."""
    seconds: float = 0.0
    """For slow: how late the answer comes."""

    @property
    def delivers(self) -> bool:
        return self.kind == "slow"


def server_error(status: int = 500, *, json_body: bool = True) -> Fault:
    """A 5xx: Slack's JSON error, or an HTML page as a proxy or outage page sends."""
    if json_body:
        body, kind = b'{"ok": false, "error": "internal_error"}', "application/json"
    else:
        body, kind = b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"
    return Fault("status", status=status, body=body, content_type=kind)


def rate_limited(retry_after: int | None = 1) -> Fault:
    return Fault("rate_limited", status=429, body=b'{"ok": false, "error": "ratelimited"}',
                 retry_after=retry_after)  # fmt: skip


def dropped() -> Fault:
    """The connection closes after the request is read, with no answer."""
    return Fault("drop")


def slow(seconds: float) -> Fault:
    return Fault("slow", seconds=seconds)


@dataclass
class _Injected:
    fault: Fault
    times: int | None
    until: float | None
    where: Callable[[Call], bool] | None = field(default=None)

    def applies(self, call: Call, now: float) -> bool:
        if self.until is not None and now >= self.until:
            return False
        return self.where is None or self.where(call)


class MockSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._failing: dict[tuple[str, str], str] = {}
        self._held: dict[str, tuple[threading.Event, float]] = {}
        self._faults: dict[str, list[_Injected]] = {}
        self._connections: set[socket.socket] = set()
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._reopen: threading.Timer | None = None
        self.port = self._server.server_address[1]
        self.api_url = f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def fail_next(self, method: str, channel: str, error: str = "fatal_error") -> None:
        """Answer the next `method` call to `channel` with `{"ok": false, "error": error}`."""
        with self._changed:
            self._failing[(method, channel)] = error

    def hold(self, method: str, seconds: float = 10.0) -> threading.Event:
        """Record `method` calls as they arrive but answer none until the returned event is set
        (or `seconds` pass)."""
        with self._changed:
            event, _ = self._held.setdefault(method, (threading.Event(), seconds))
            return event

    def inject(
        self,
        method: str,
        fault: Fault,
        *,
        times: int | None = 1,
        seconds: float | None = None,
        where: Callable[[Call], bool] | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` (a Web API method or `response_url`) that
        satisfy `where` with `fault`; with `seconds`, every such call until they pass. Faults
        injected earlier are used up first."""
        until = time.monotonic() + seconds if seconds is not None else None
        with self._changed:
            injected = _Injected(fault, None if seconds is not None else times, until, where)
            self._faults.setdefault(method, []).append(injected)

    def refuse_connections(self, seconds: float) -> None:
        """Stop listening for `seconds`: open connections are closed and new ones refused."""
        server = self._server
        server.shutdown()
        server.server_close()
        with self._changed:
            open_connections = list(self._connections)
        for connection in open_connections:
            with suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        self._reopen = threading.Timer(seconds, self._listen, kwargs={"again": True})
        self._reopen.daemon = True
        self._reopen.start()

    def _listen(self, *, again: bool = False) -> None:
        if again:  # on the same port, after refuse_connections
            self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())
            self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def _fault(self, call: Call) -> tuple[Fault, float] | None:
        """The fault for this call, if any, and the seconds left of a timed one."""
        now = time.monotonic()
        with self._changed:
            queue = self._faults.get(call.method, [])
            queue[:] = [i for i in queue if i.until is None or now < i.until]
            for injected in queue:
                if not injected.applies(call, now):
                    continue
                if injected.times is not None:
                    injected.times -= 1
                    if injected.times <= 0:
                        queue.remove(injected)
                left = injected.until - now if injected.until is not None else 0.0
                return injected.fault, left
        return None

    def _failure(self, method: str, data: dict[str, Any]) -> dict[str, Any] | None:
        with self._changed:
            error = self._failing.pop((method, str(data.get("channel"))), None)
        return {"ok": False, "error": error} if error else None

    def record(self, call: Call) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def wait_for(
        self, predicate: Callable[[Call], bool], timeout: float = 10.0, *, nth: int = 1
    ) -> Call:
        """The `nth` recorded call matching `predicate`, waiting for it if need be."""

        def found() -> Call | None:
            matching = [c for c in self.calls if predicate(c)]
            return matching[nth - 1] if len(matching) >= nth else None

        with self._changed:
            call = self._changed.wait_for(found, timeout)
        if call is None:
            raise AssertionError(f"no matching call #{nth} within {timeout}s: {self.calls}")
        return call

    def wait_delivered(self, predicate: Callable[[Call], bool], timeout: float = 10.0) -> Call:
        """The first delivered call matching `predicate`, waiting for it if need be."""
        return self.wait_for(lambda c: c.delivered and predicate(c), timeout)

    def delivered(self, predicate: Callable[[Call], bool] = lambda c: True) -> list[Call]:
        """Every call that was answered as a success: what Slack would have posted."""
        with self._changed:
            return [c for c in self.calls if c.delivered and predicate(c)]

    def methods(self) -> list[str]:
        with self._changed:
            return [c.method for c in self.calls]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        mock = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                with mock._changed:
                    mock._connections.add(self.connection)

            def finish(self) -> None:
                with mock._changed:
                    mock._connections.discard(self.connection)
                super().finish()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    data = json.loads(raw or "{}")
                else:
                    data = dict(parse_qsl(raw))
                    for key in ("blocks", "view"):
                        if isinstance(data.get(key), str):
                            data[key] = json.loads(data[key])
                path, _, query = self.path.partition("?")
                data.update(parse_qsl(query))
                method = "response_url" if path.startswith("/response/") else path[5:]
                authorization = self.headers.get("Authorization")
                found = mock._fault(Call(method, path, data, authorization))
                if found is not None and not found[0].delivers:
                    fault, left = found
                    mock.record(Call(method, path, data, authorization, False, fault.kind))
                    self._misbehave(fault, left)
                    return
                if method == "response_url":
                    answer: dict[str, Any] | None = None
                    body = b"ok"
                else:
                    rejected = "xoxb-rejected" in (authorization or "")
                    answer = {"ok": False, "error": "invalid_auth"} if rejected else None
                    answer = answer or mock._failure(method, data) or _answer(method, data)
                    body = json.dumps(answer).encode()
                delivered = answer is None or bool(answer.get("ok"))
                kind = found[0].kind if found else None
                mock.record(Call(method, path, data, authorization, delivered, kind))
                if found is not None:
                    time.sleep(found[0].seconds)
                with mock._changed:
                    held = mock._held.get(method)
                if held is not None:
                    held[0].wait(held[1])
                content_type = "text/plain" if method == "response_url" else "application/json"
                self._send(200, body, content_type)

            do_GET = do_POST  # slack_sdk sends a few methods (chat.getPermalink) as GET

            def _misbehave(self, fault: Fault, left: float) -> None:
                if fault.kind == "drop":
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                headers = {}
                if fault.kind == "rate_limited":
                    wait = fault.retry_after
                    headers["Retry-After"] = str(wait if wait is not None else math.ceil(left))
                self._send(fault.status, fault.body, fault.content_type, headers)

            def _send(
                self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                with suppress(OSError):  # a slow answer's caller may have given up
                    self.end_headers()
                    self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    @contextmanager
    def running(self) -> Iterator[MockSlack]:
        self._listen()
        try:
            yield self
        finally:
            if self._reopen is not None:
                self._reopen.cancel()
            self._server.shutdown()
            self._server.server_close()


def _answer(method: str, data: dict[str, Any]) -> dict[str, Any]:
    if method == "auth.test":
        return {
            "ok": True,
            "url": "https://example.slack.com/",
            "team": "Example",
            "user": "readout",
            "team_id": "T0TEAM",
            "user_id": BOT_USER_ID,
            "bot_id": "B0BOT",
        }
    if method == "chat.postMessage":
        ts = f"1700000000.{next(_TS):06d}"
        return {"ok": True, "channel": data.get("channel"), "ts": ts, "message": {"ts": ts}}
    if method == "views.publish":
        return {"ok": True, "view": {"id": "V0VIEW", **(data.get("view") or {})}}
    if method == "chat.getPermalink":
        channel, ts = data.get("channel"), str(data.get("message_ts", "")).replace(".", "")
        link = f"https://example.slack.com/archives/{channel}/p{ts}"
        return {"ok": True, "channel": channel, "permalink": link}
    if method == "chat.update":
        return {"ok": True, "channel": data.get("channel"), "ts": data.get("ts")}
    if method == "chat.postEphemeral":
        return {"ok": True, "message_ts": f"1700000000.{next(_TS):06d}"}
    return {"ok": True}
