"""Bad requests over real HTTP against `readout serve --http` (at INFO, as in production): each
case in the table gets its 4xx (or 200 and one warning line where Slack expects an ack), never a
5xx, never a traceback, and an unsigned body never reaches the log."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support.bad_requests import FORM, LIMIT, MARKER, SIGNED, UNSIGNED, Case, signature
from tests.support.serving import bot_env, serving
from tests.support.slack_mock import MockSlack
from tests.support.slack_requests import command_body

BOT_TOKEN = "xoxb-0000000000-1111111111-TeStToKeNvAlUe"


@pytest.fixture(scope="module")
def mock() -> Iterator[MockSlack]:
    with MockSlack().running() as slack:
        yield slack


@pytest.fixture(scope="module")
def served(mock: MockSlack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    log = tmp_path_factory.mktemp("bad") / "serve.log"
    env = bot_env(
        mock.api_url,
        f"sqlite:///{log.parent / 'readout.db'}",
        token=BOT_TOKEN,
        READOUT_ADMINS="U0",
    )
    with serving(env, log) as base:
        yield base, log
    text = log.read_text()
    assert "Traceback" not in text
    assert MARKER not in text


def _send(base: str, case: Case) -> httpx.Response:
    headers: Any = case.headers  # raw header bytes on purpose, which httpx sends as they are
    return httpx.post(f"{base}/slack/events", content=case.body, headers=headers, timeout=30)


def _wait_for_log(log: Path, fragment: str, after: int) -> str:
    deadline = time.monotonic() + 10
    while fragment not in (new := log.read_text()[after:]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return new


@pytest.mark.parametrize("case", UNSIGNED + SIGNED, ids=lambda case: case.name)
def test_bad_requests_get_a_4xx_and_one_log_line_never_a_traceback(
    served: tuple[str, Path], case: Case
) -> None:
    base, log = served
    before = len(log.read_text())
    response = _send(base, case)
    assert response.status_code < 500
    assert response.status_code in case.expect, response.text
    new = _wait_for_log(log, case.warning, before) if case.warning else log.read_text()[before:]
    if case.warning:
        warnings = [line for line in new.splitlines() if case.warning in line]
        assert [" WARNING " in line for line in warnings] == [True], new
    assert "Traceback" not in new
    assert MARKER not in new
    assert " ERROR " not in new


@pytest.mark.parametrize("signed", [False, True])
def test_a_newline_in_a_body_cannot_forge_a_log_line(
    served: tuple[str, Path], signed: bool
) -> None:
    base, log = served
    forged = "2026-01-01 00:00:00,000 ERROR bot.slack: forged"
    body = f"text=x\n{forged}\n".encode()
    headers = [("Content-Type", FORM.encode()), *(signature(body) if signed else [])]
    response = httpx.post(f"{base}/slack/events", content=body, headers=headers, timeout=30)
    assert response.status_code == (200 if signed else 401)  # signed: a form nobody handles
    assert not any(line.startswith(forged) for line in log.read_text().splitlines())


def test_a_signed_request_still_works_after_the_table(
    served: tuple[str, Path], mock: MockSlack
) -> None:
    """The refusals cost nothing: a well-formed command is answered as before."""
    base, _ = served
    body = command_body("who is tommy pigott", mock.response_url("after"))
    headers = [("Content-Type", FORM.encode()), *signature(body.encode())]
    response = httpx.post(f"{base}/slack/events", content=body, headers=headers, timeout=30)
    assert response.status_code == 200
    assert "Pigott" in response.json()["text"]


def test_get_is_not_allowed(served: tuple[str, Path]) -> None:
    base, _ = served
    assert httpx.get(f"{base}/slack/events", timeout=30).status_code == 405


def _raw(base: str, head: str, body: bytes = b"", *, close: bool = False) -> bytes:
    """Send `head` (request line and headers) and `body` over a socket; the response's bytes."""
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        if close:
            sock.shutdown(socket.SHUT_WR)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        return answer


def _head(length: str | None, *extra: str) -> str:
    lines = ["POST /slack/events HTTP/1.1", "Host: localhost", f"Content-Type: {FORM}"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    stamp, sig = (v.decode() for _, v in signature(b"not this body"))
    lines += [f"X-Slack-Request-Timestamp: {stamp}", f"X-Slack-Signature: {sig}", *extra]
    return "\n".join(lines) + "\n"


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0


@pytest.mark.parametrize(
    ("name", "length", "body", "close", "expect"),
    [
        ("declared over the limit, nothing sent", str(LIMIT + 1), b"", False, {413}),
        ("declared 10 MB, 1 KB sent", str(10 * LIMIT), b"x" * 1024, False, {413}),
        ("shorter than declared, then closed", "1000", b"text=x", True, {0, 400}),
        ("longer than declared", "5", b"text=hello", False, {400, 401}),
        ("not a number", "abc", b"text=x", False, {400}),
        ("negative", "-1", b"", False, {400}),
        ("declared twice, differently", "6\nContent-Length: 7", b"text=x", False, {400}),
    ],
)
def test_content_length_lies_are_refused(
    served: tuple[str, Path], name: str, length: str, body: bytes, close: bool, expect: set[int]
) -> None:
    base, log = served
    before = len(log.read_text())
    answer = _raw(base, _head(length), body, close=close)
    assert _status(answer) in expect, (name, answer[:200])
    time.sleep(0.2)  # whatever the server logs about it
    new = log.read_text()[before:]
    assert "Traceback" not in new


def test_a_chunked_body_is_counted_as_it_streams(served: tuple[str, Path]) -> None:
    """No Content-Length: the server stops reading at the limit and answers 413."""
    base, _ = served
    chunk = b"x" * 65536
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(LIMIT // len(chunk) + 2))
    answer = _raw(base, _head(None, "Transfer-Encoding: chunked"), chunks)
    assert _status(answer) == 413


def test_a_signed_chunked_body_is_served(served: tuple[str, Path], mock: MockSlack) -> None:
    base, _ = served
    body = command_body("help", mock.response_url("chunked")).encode()
    stamp, sig = (v.decode() for _, v in signature(body))
    head = "\n".join(
        [
            "POST /slack/events HTTP/1.1",
            "Host: localhost",
            f"Content-Type: {FORM}",
            "Transfer-Encoding: chunked",
            f"X-Slack-Request-Timestamp: {stamp}",
            f"X-Slack-Signature: {sig}",
        ]
    )
    answer = _raw(base, head + "\n", b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body))
    assert _status(answer) == 200


def test_the_limit_is_exact(served: tuple[str, Path]) -> None:
    """A signed body of exactly the limit is served; one byte more is refused with 413."""
    base, _ = served
    for size, expect in ((LIMIT, 200), (LIMIT + 1, 413)):
        head = '{"type": "url_verification", "challenge": "c", "pad": "'
        body = (head + "x" * (size - len(head) - 2) + '"}').encode()
        assert len(body) == size
        headers = [("Content-Type", b"application/json"), *signature(body)]
        response = httpx.post(f"{base}/slack/events", content=body, headers=headers, timeout=30)
        assert response.status_code == expect
