"""Reading Web API failures: which mean Slack may have posted, and one phrase for a log line,
whatever Slack's answer looked like."""

from __future__ import annotations

from types import SimpleNamespace

import aiohttp
from slack_sdk.errors import SlackApiError

from bot.slack.web_api import (
    ResponseRefused,
    api_error,
    describe_failure,
    may_have_posted,
)


def _api_failure(data: object, status: int = 500) -> SlackApiError:
    return SlackApiError("failed", SimpleNamespace(data=data, status_code=status))


def test_only_a_call_that_timed_out_after_it_was_sent_may_have_posted() -> None:
    assert may_have_posted(TimeoutError())
    assert not may_have_posted(aiohttp.ConnectionTimeoutError("no connection"))
    assert not may_have_posted(aiohttp.ServerDisconnectedError())
    assert not may_have_posted(_api_failure({"ok": False, "error": "ratelimited"}, 429))


def test_the_error_code_is_read_only_from_json() -> None:
    assert api_error(_api_failure({"ok": False, "error": "invalid_auth"}, 200)) == "invalid_auth"
    assert api_error(_api_failure("<html>Service Unavailable</html>")) is None
    assert api_error(_api_failure({})) is None
    raw = SlackApiError("failed", object())  # slack_sdk's raw response to a broken JSON body
    assert api_error(raw) is None


def test_each_failure_is_one_short_phrase() -> None:
    assert describe_failure(_api_failure({"error": "internal_error"})) == (
        "Slack answered 500 (internal_error)"
    )
    assert describe_failure(_api_failure("<html>\n</html>", 502)) == "Slack answered 502"
    assert describe_failure(TimeoutError()).startswith("no answer in time; Slack may have")
    assert describe_failure(aiohttp.ConnectionTimeoutError()) == "no connection in time"
    refused = ResponseRefused("response_url answered 404: expired_url")
    assert describe_failure(refused) == "response_url answered 404: expired_url"
    disconnected = describe_failure(aiohttp.ServerDisconnectedError("Server\ndisconnected"))
    assert disconnected == "ServerDisconnectedError: Server disconnected"
