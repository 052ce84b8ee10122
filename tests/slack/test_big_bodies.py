"""Big unsigned bodies are refused before they are read, and the worker stays responsive:
/healthz answers while they are being sent (over real HTTP, `readout serve --http`)."""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.bad_requests import FORM, MARKER, signature
from tests.support.serving import bot_env, serving
from tests.support.slack_mock import MockSlack

BOT_TOKEN = "xoxb-0000000000-1111111111-TeStToKeNvAlUe"
MB = 1024 * 1024


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    log = tmp_path_factory.mktemp("big") / "serve.log"
    with MockSlack().running() as mock:
        env = bot_env(
            mock.api_url,
            f"sqlite:///{log.parent / 'readout.db'}",
            token=BOT_TOKEN,
        )
        with serving(env, log) as base:
            yield base, log
    assert MARKER not in log.read_text()
    assert "Traceback" not in log.read_text()


def _healthy(base: str) -> bool:
    return httpx.get(f"{base}/healthz", timeout=10).status_code == 200


def _form(size: int) -> bytes:
    """A form body of `size` bytes whose text is one long run of word starts (`a-a-a-…`): the
    old log redaction read to the end of the run from each one, so 160 KB of it blocked the
    worker for seconds and 2 MB for hours."""
    head = f"text={MARKER}".encode()
    return head + b"a-" * ((size - len(head)) // 2) + b"a" * ((size - len(head)) % 2)


@pytest.mark.parametrize(
    ("framing", "signed", "expect"),
    [
        ("content-length", False, {401, 413}),
        ("chunked", False, {401}),
        ("chunked", True, {413}),  # well-formed (wrong) signature: read up to the limit only
    ],
)
def test_a_10_mb_body_is_answered_before_it_is_sent_whole(
    served: tuple[str, Path], framing: str, signed: bool, expect: set[int]
) -> None:
    """Send the headers and the first 2 MB of a 10 MB body, then stop: the refusal arrives
    anyway, and /healthz answers while that request is still open."""
    base, _ = served
    host, port = base.removeprefix("http://").split(":")
    lines = ["POST /slack/events HTTP/1.1", "Host: localhost", f"Content-Type: {FORM}"]
    lines.append(
        f"Content-Length: {10 * MB}"
        if framing == "content-length"
        else "Transfer-Encoding: chunked"
    )
    if signed:
        lines += [f"{k}: {v.decode()}" for k, v in signature(b"another body", secret="wrong")]
    first = _form(2 * MB)
    sent = first if framing == "content-length" else b"%x\r\n%s\r\n" % (len(first), first)
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        sender = threading.Thread(target=_send_quietly, args=(sock, sent), daemon=True)
        sender.start()
        answer = sock.recv(4096)  # the rest of the body is never sent
        assert _healthy(base)
        sender.join(30)
    assert answer.startswith(b"HTTP/1.1 ")
    assert int(answer.split(b" ")[1]) in expect


def _send_quietly(sock: socket.socket, data: bytes) -> None:
    with contextlib.suppress(OSError):  # the server may close once it has refused the request
        sock.sendall(data)


@pytest.mark.parametrize("size", [160 * 1024, 2 * MB, 10 * MB], ids=["160KB", "2MB", "10MB"])
def test_unsigned_big_bodies_are_refused_while_healthz_answers(
    served: tuple[str, Path], size: int
) -> None:
    base, _ = served
    body = _form(size)
    result: dict[str, int] = {}

    def send() -> None:
        response = httpx.post(
            f"{base}/slack/events", content=body, headers={"Content-Type": FORM}, timeout=60
        )
        result["status"] = response.status_code

    sender = threading.Thread(target=send)
    sender.start()
    healthy = [_healthy(base) for _ in range(5)]
    sender.join(60)
    assert not sender.is_alive()
    assert result["status"] in {401, 413}
    assert all(healthy)
