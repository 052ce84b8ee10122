"""`readout ask --json` gives a script the answer itself (its text, sources and attribution), and
`readout ask` exits like grep: 0 when something was answered, 1 when nothing was."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main

READOUT = """\
id: lima-meeting-2026-03-02
kind: readout
title: Secretary Alpha meets Minister Beta in Lima
date: 2026-03-02
location: Lima
participants:
  - {name: Alpha, role: Secretary}
  - {name: Beta, role: Minister}
attributed_to: Spokesperson Gamma
summary: They discussed *lithium* & trade <in private>.
key_points:
  - Lithium came first.
  - Trade came _second_.
follow_ups:
  - id: fish-quota
    question: Did they settle the fish quota?
    answer: No; the _quota_ stays open.
    sources:
      - title: Quota report
        url: https://example.org/quota
        publisher: Example Wire
        published: 2026-03-03
sources:
  - title: Readout of the Lima meeting
    url: https://example.org/lima
    publisher: Example Department
reviewed: 2026-03-04
"""

TERM = """\
id: quinoa-index
kind: term
category: concept
title: Quinoa price index
summary: A *monthly* index of quinoa prices.
details: Published by snake_case_office since 2020.
sources:
  - title: About the index
    url: https://example.org/quinoa
    publisher: Example Bureau
    published: 2026-01-15
reviewed: 2026-03-04
"""


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    (tmp_path / "readouts").mkdir()
    (tmp_path / "terms").mkdir()
    (tmp_path / "readouts" / "lima-meeting-2026-03-02.yaml").write_text(READOUT)
    (tmp_path / "terms" / "quinoa-index.yaml").write_text(TERM)
    return tmp_path


def ask_json(capsys: pytest.CaptureFixture[str], kb: Path, question: str) -> dict[str, Any]:
    assert main(["ask", "--json", "--knowledge", str(kb), question]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_a_terms_answer_carries_its_plain_text_and_sources(
    capsys: pytest.CaptureFixture[str], kb: Path
) -> None:
    answer = ask_json(capsys, kb, "quinoa price index")["answer"]
    assert answer["id"] == "quinoa-index"
    assert answer["text"] == (
        "A monthly index of quinoa prices.\n\nPublished by snake_case_office since 2020."
    )
    assert answer["sources"] == [
        {
            "title": "About the index",
            "url": "https://example.org/quinoa",
            "publisher": "Example Bureau",
            "published": "2026-01-15",
        }
    ]
    assert answer["attributed_to"] is None


def test_a_readouts_answer_has_its_key_points_and_attribution(
    capsys: pytest.CaptureFixture[str], kb: Path
) -> None:
    answer = ask_json(capsys, kb, "Secretary Alpha meets Minister Beta in Lima")["answer"]
    assert answer["id"] == "lima-meeting-2026-03-02"
    assert answer["text"] == (
        "They discussed lithium & trade <in private>.\n\n"
        "- Lithium came first.\n- Trade came second."
    )
    assert answer["sources"] == [
        {
            "title": "Readout of the Lima meeting",
            "url": "https://example.org/lima",
            "publisher": "Example Department",
            "published": None,
        }
    ]
    assert answer["attributed_to"] == "Spokesperson Gamma"


def test_a_follow_up_cites_its_own_sources_and_its_readouts_attribution(
    capsys: pytest.CaptureFixture[str], kb: Path
) -> None:
    answer = ask_json(capsys, kb, "did they settle the fish quota?")["answer"]
    assert answer["id"] == "lima-meeting-2026-03-02#fish-quota"
    assert answer["text"] == "No; the quota stays open."
    assert [s["url"] for s in answer["sources"]] == ["https://example.org/quota"]
    assert answer["attributed_to"] == "Spokesperson Gamma"


def test_ask_exits_1_when_nothing_was_answered(
    capsys: pytest.CaptureFixture[str], kb: Path
) -> None:
    assert main(["ask", "--knowledge", str(kb), "lunch menu"]) == 1
    assert "does not cover" in capsys.readouterr().out
    assert main(["ask", "--json", "--knowledge", str(kb), "lunch menu"]) == 1
    assert json.loads(capsys.readouterr().out)["answer"] is None


def test_an_ambiguous_question_is_not_an_answer_either(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for period in ("monthly", "yearly"):  # two titles the question matches equally well
        text = TERM.replace("quinoa-index", f"quinoa-{period}")
        text = text.replace("Quinoa price index", f"Quinoa {period} price index")
        (tmp_path / f"quinoa-{period}.yaml").write_text(text)
    assert main(["ask", "--json", "--knowledge", str(tmp_path), "quinoa price index"]) == 1
    assert json.loads(capsys.readouterr().out)["decision"] == "ambiguous"


def test_ask_file_exits_0_when_any_line_was_answered_and_1_when_none(
    capsys: pytest.CaptureFixture[str], kb: Path, tmp_path: Path
) -> None:
    some = tmp_path / "some.txt"
    some.write_text("lunch menu\nquinoa price index\n")
    assert main(["ask", "--file", str(some), "--knowledge", str(kb)]) == 0
    none = tmp_path / "none.txt"
    none.write_text("lunch menu\nweather tomorrow\n")
    assert main(["ask", "--file", str(none), "--knowledge", str(kb)]) == 1
    assert capsys.readouterr().out.count("does not cover") == 3
