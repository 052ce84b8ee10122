"""Over real HTTP: an answer from an entry past its review date carries the note, whether asked
with /readout or with a mention. (Reviewed on 29 November 2025 with the default 180 days, the
entry is overdue on any day from 28 May 2026 on.)"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx

from tests.support.serving import REPO, bot_env, serving
from tests.support.slack_mock import MockSlack
from tests.support.slack_requests import command_body, event_body, sign

NOTE = "Last reviewed on 29 November 2025, past its review date."


def test_an_overdue_entry_answers_with_its_note(tmp_path: Path) -> None:
    knowledge = Path(shutil.copytree(REPO / "knowledge", tmp_path / "knowledge"))
    pigott = knowledge / "terms" / "tommy-pigott.yaml"
    pigott.write_text(pigott.read_text().replace("reviewed: 2026-11-29", "reviewed: 2025-11-29"))
    with MockSlack().running() as mock:
        env = bot_env(
            mock.api_url,
            f"sqlite:///{tmp_path / 'r.db'}",
            token="xoxb-0000-1111-ReViEwS",
            knowledge=knowledge,
        )
        with serving(env, tmp_path / "serve.log") as base:

            def post(body: str, content_type: str) -> httpx.Response:
                headers = {"Content-Type": content_type, **sign(body)}
                return httpx.post(f"{base}/slack/events", content=body, headers=headers)

            form = "application/x-www-form-urlencoded"
            answer = post(command_body("who is tommy pigott", mock.response_url("x")), form)
            assert NOTE in json.dumps(answer.json(), ensure_ascii=False)
            fresh = post(command_body("who is marco rubio", mock.response_url("y")), form)
            assert "past its review date" not in fresh.text
            assert "Reviewed" in fresh.text

            mention = {
                "type": "app_mention",
                "user": "U0ASKER",
                "text": "<@UBOT> who is tommy pigott",
                "ts": "1700000000.000200",
                "channel": "C0CHAN",
                "event_ts": "1700000000.000200",
            }
            post(event_body(mention, "Ev0REVIEW"), "application/json")
            reply = mock.wait_for(lambda c: c.method == "chat.postMessage")
            assert NOTE in json.dumps(reply.data["blocks"], ensure_ascii=False)
