"""A mock Slack Web API on loopback: answers like Slack and records every call.

`POST /api/<method>` answers `{"ok": true, ...}` (auth.test names the bot UBOT; a token
containing `xoxb-rejected` gets `invalid_auth`; `fail_next` makes the next call of a method to
a channel fail; `hold` keeps a method's answers back until released); `POST /response/<id>`
stands in for a response_url. Calls are recorded in arrival order and `wait_for` blocks until a
matching call arrives.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
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


class MockSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._failing: dict[tuple[str, str], str] = {}
        self._held: dict[str, threading.Event] = {}
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self.api_url = f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def fail_next(self, method: str, channel: str, error: str = "fatal_error") -> None:
        """Answer the next `method` call to `channel` with `{"ok": false, "error": error}`."""
        with self._changed:
            self._failing[(method, channel)] = error

    def hold(self, method: str) -> threading.Event:
        """Record `method` calls as they arrive but answer none until the returned event is set
        (or 10 s pass)."""
        with self._changed:
            return self._held.setdefault(method, threading.Event())

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

    def methods(self) -> list[str]:
        with self._changed:
            return [c.method for c in self.calls]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        mock = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

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
                if path.startswith("/response/"):
                    method, body = "response_url", b"ok"
                else:
                    method = path.removeprefix("/api/")
                    rejected = "xoxb-rejected" in (self.headers.get("Authorization") or "")
                    answer = {"ok": False, "error": "invalid_auth"} if rejected else None
                    answer = answer or mock._failure(method, data) or _answer(method, data)
                    body = json.dumps(answer).encode()
                mock.record(Call(method, path, data, self.headers.get("Authorization")))
                with mock._changed:
                    held = mock._held.get(method)
                if held is not None:
                    held.wait(10)
                self.send_response(200)
                kind = "text/plain" if method == "response_url" else "application/json"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    @contextmanager
    def running(self) -> Iterator[MockSlack]:
        thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
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
    return {"ok": True}
