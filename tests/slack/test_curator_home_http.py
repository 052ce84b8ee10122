"""App Home over real HTTP: an admin sees the curators' section above the catalogue (the question
waiting, with a link to its card; the overdue entry and its owner; the revision), anyone else
does not, and "Reload now" reloads and refreshes the tab."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bot.config import QuestionPrivacy
from bot.render.curator_home import ACTION_LINK, ACTION_RELOAD
from bot.store.db import open_database
from bot.store.escalations import NewEscalation, open_escalation, set_card
from bot.store.privacy import QuestionKeeper, stored_salt
from tests.support.curator_serving import ADMIN, ASKER, curator_bot, text_of
from tests.support.serving import REPO
from tests.support.slack_mock import MockSlack
from tests.support.slack_requests import APP, TEAM, event_body


def _home_opened(bot: Any, user: str, n: int) -> dict[str, Any]:
    event = {
        "type": "app_home_opened",
        "user": user,
        "channel": "D0HOME",
        "tab": "home",
        "event_ts": f"1700000000.00{n}",
    }
    bot.post(event_body(event, f"EvHome{n}"), "application/json")
    call = bot.mock.wait_for(
        lambda c: c.method == "views.publish" and c.data.get("user_id") == user, nth=n
    )
    return dict(call.data["view"])


def test_admins_see_the_curators_section_first(tmp_path: Path) -> None:
    knowledge = Path(shutil.copytree(REPO / "knowledge", tmp_path / "knowledge"))
    pigott = knowledge / "terms" / "tommy-pigott.yaml"
    text = pigott.read_text().replace("reviewed: 2026-11-29", "reviewed: 2025-11-29")
    pigott.write_text(text + "owners: [U0OWNER]\n")
    url = f"sqlite:///{tmp_path / 'readout.db'}"
    db = open_database(url)
    keeper = QuestionKeeper(QuestionPrivacy.PLAIN, stored_salt(db))
    waiting, _ = open_escalation(
        db, NewEscalation("C1:1:U1", ASKER, "C0CHAN", "thread", "1.0", "quinoa <!here>?"), keeper
    )
    set_card(db, waiting.id, "C0CURATORS", "1700000000.000777")
    db.close()
    with MockSlack().running() as mock, curator_bot(mock, tmp_path, knowledge=knowledge) as bot:
        view = _home_opened(bot, ADMIN, 1)
        assert view["blocks"][0]["text"]["text"] == "For curators"
        shown = text_of(view["blocks"])
        assert "“quinoa &lt;!here&gt;?” from <@U0ASKER>" in shown
        assert "https://example.slack.com/archives/C0CURATORS/p1700000000000777" in shown
        assert "*Tommy Pigott" in shown
        assert "<@U0OWNER>" in shown
        assert "What Readout knows" in shown
        assert len(view["blocks"]) <= 100

        other = _home_opened(bot, ASKER, 1)
        assert "For curators" not in text_of(other["blocks"])

        payload = {
            "type": "block_actions",
            "user": {"id": ADMIN, "username": "admin", "team_id": TEAM},
            "api_app_id": APP,
            "team": {"id": TEAM, "domain": "example"},
            "container": {"type": "view", "view_id": "V0VIEW"},
            "view": {"id": "V0VIEW", "type": "home", "blocks": []},
            "trigger_id": "1.2.3",
            "actions": [
                {
                    "type": "button",
                    "action_id": ACTION_RELOAD,
                    "block_id": "b",
                    "value": "reload",
                    "action_ts": "1700000000.1",
                }
            ],
        }
        link = {
            **payload,
            "actions": [
                {
                    "type": "button",
                    "action_id": f"{ACTION_LINK}.0",
                    "block_id": "b",
                    "url": "https://example.slack.com/x",
                    "action_ts": "1700000000.2",
                }
            ],
        }
        bot.post(urlencode({"payload": json.dumps(link)}))  # acknowledged (200), nothing else
        bot.post(urlencode({"payload": json.dumps(payload)}))
        again = mock.wait_for(
            lambda c: c.method == "views.publish" and c.data.get("user_id") == ADMIN, nth=2
        )
        assert again.data["view"]["blocks"][0]["text"]["text"] == "For curators"
