"""`readout ask` and `readout eval` as an analyst and an admin run them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bot.cli import main

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
QUESTIONS = Path(__file__).resolve().parents[1] / "eval" / "questions.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([*argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_ask_prints_the_answer_with_source_score_and_what_matched(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "ask", "--knowledge", str(KNOWLEDGE), "who", "is", "tommy", "piggot")
    assert code == 0
    assert "Tommy Pigott" in out
    assert "https://" in out
    assert re.search(
        r"\[answered: tommy-pigott matched (title|alias) 'Tommy Pigott' \(score \d+\)", out
    )


def test_ask_says_plainly_when_it_does_not_know(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--knowledge", str(KNOWLEDGE), "lunch menu")
    assert code == 1  # like grep: nothing answered
    assert "does not cover" in out


def test_ask_json_prints_one_object_per_question(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ask", "--json", "--knowledge", str(KNOWLEDGE), "FORGE")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert set(data) == {"question", "decision", "answer", "alternatives"}
    assert data["question"] == "FORGE"
    assert data["decision"] == "answer"
    assert set(data["answer"]) == {
        "id", "kind", "title", "score", "text", "sources", "attributed_to"
    }  # fmt: skip
    assert (data["answer"]["id"], data["answer"]["kind"]) == ("forge", "term")
    assert all(set(a) == {"id", "title", "score"} for a in data["alternatives"])


def test_ask_json_answer_is_null_unless_answered(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "ask", "--json", "--knowledge", str(KNOWLEDGE), "reset my password")
    data = json.loads(out)
    assert data["decision"] == "none"
    assert data["answer"] is None


def test_ask_file_reads_one_question_per_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    questions = tmp_path / "q.txt"
    questions.write_text("bolivia\n\napertura económica\nwhat's the weather\n", encoding="utf-8")
    code, out, _ = run(
        capsys, "ask", "--json", "--file", str(questions), "--knowledge", str(KNOWLEDGE)
    )
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["question"] for r in rows] == ["bolivia", "apertura económica", "what's the weather"]
    assert [r["decision"] for r in rows] == ["answer", "answer", "none"]
    assert rows[1]["answer"]["id"] == "economic-opening"


def test_ask_without_a_question_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "ask", "--knowledge", str(KNOWLEDGE))
    assert code == 2
    assert err.startswith("readout: give a question")
    assert "Traceback" not in err


def test_ask_with_a_missing_file_is_one_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, _, err = run(capsys, "ask", "--file", str(tmp_path / "nope.txt"))
    assert code == 1
    assert err.count("\n") == 1
    assert "cannot read --file" in err


def test_eval_of_the_shipped_questions_passes_the_floor(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys, "eval", str(QUESTIONS), "--knowledge", str(KNOWLEDGE), "--min-answered", "0.95"
    )
    assert code == 0
    for figure in ("answered", "offered", "wrong", "refused"):
        assert f"  {figure} " in out


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_eval_prints_every_miss_and_fails_below_the_floor(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "- {question: FORGE, expect: forge}\n"
        "- {question: lunch menu, expect: null}\n"
        "- {question: FORGE, expect: [marco-rubio, tommy-pigott]}\n"
        "- {question: what did biden and putin discuss, expect: marco-rubio}\n",
    )
    args = ("eval", str(path), "--knowledge", str(KNOWLEDGE))
    code, out, err = run(capsys, *args, "--min-answered", "0.5")
    assert code == 1
    assert err == "readout eval: answered 0.333 is below --min-answered 0.5.\n"
    misses = [line for line in out.splitlines() if line.startswith("MISS")]
    assert len(misses) == 2
    assert "questions.yaml:3:" in misses[0]
    assert "answered forge" in misses[0]
    assert "expected marco-rubio;" in misses[1]
    assert "  answered 0.333 (1/3)" in out
    assert "  refused  1.000 (1/1)" in out
    assert "  wrong    0.250 (1/4)" in out
    assert run(capsys, *args, "--min-answered", "0.3")[0] == 0
    assert run(capsys, *args, "--max-wrong", "0.2")[0] == 1
    assert run(capsys, *args, "--max-wrong", "0.25")[0] == 0
    assert run(capsys, *args, "--min-refused", "1")[0] == 0
    assert run(capsys, *args)[0] == 0


def test_eval_offered_counts_the_right_entry_among_the_suggestions_shown(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A question that gets "did you mean" or nearest topics with its entry among the buttons
    is offered, not answered; a question whose entry is nowhere shown is neither."""
    path = write(
        tmp_path,
        "- {question: state department spokesperson, expect: tommy-pigott}\n"
        "- {question: what is the capital of peru, expect: tommy-pigott}\n",
    )
    args = ("eval", str(path), "--knowledge", str(KNOWLEDGE))
    code, out, _ = run(capsys, *args, "--min-offered", "0.5")
    assert code == 0, out
    assert "  offered  0.500 (1/2)" in out
    assert run(capsys, *args, "--min-offered", "0.6")[0] == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- {question: a, expect: [\n", "YAML syntax error"),
        ("question: a\nexpect: forge\n", "should be a non-empty YAML list"),
        ("[]\n", "should be a non-empty YAML list"),
        ("- just text\n", ":1: item 1 should be a mapping"),
        (
            "- {question: FORGE, expect: forge}\n- {expect: forge}\n",
            ":2: item 2 needs a 'question'",
        ),
        ("- {question: FORGE}\n", "needs 'expect'"),
        ("- {question: FORGE, expect: 3}\n", "'expect' must be an id"),
        ("- {question: FORGE, expect: forge, because: x}\n", "unknown key 'because'"),
        ("- {question: FORGE, expect: no-such-entry}\n", "'no-such-entry', which the knowledge"),
    ],
)
def test_eval_file_errors_are_one_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, message: str
) -> None:
    code, out, err = run(capsys, "eval", str(write(tmp_path, text)), "--knowledge", str(KNOWLEDGE))
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err
    assert err.startswith("readout: ")


def test_eval_of_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(
        capsys, "eval", str(tmp_path / "missing.yaml"), "--knowledge", str(KNOWLEDGE)
    )
    assert code == 1
    assert "cannot read the question file" in err
    assert err.count("\n") == 1


def test_eval_floors_must_be_fractions(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["eval", str(QUESTIONS), "--min-answered", "95"])
    assert exit_info.value.code == 2
    assert "not between 0 and 1" in capsys.readouterr().err
