"""`readout validate`, `list` and `schema` as an admin runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.knowledge.schema import schema_json

FIXTURES = Path(__file__).resolve().parents[1] / "knowledge" / "fixtures"


def test_validate_a_valid_directory_prints_a_one_line_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", str(FIXTURES / "valid")]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("valid: 1 readout, 1 term, 1 follow-up")
    assert len(out.strip().splitlines()) == 1


def test_validate_a_broken_directory_exits_1_with_file_line_and_no_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    assert main(["validate", "unknown_field"]) == 1
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "unknown_field/alpha.yaml:7:1: unknown field 'sumary' (entry 'alpha')",
        "the knowledge base has 1 problem",
    ]
    assert "Traceback" not in captured.err


def test_validate_dot_shows_whole_file_names(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES / "unknown_field")
    assert main(["validate", "."]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "alpha.yaml:7:1: unknown field 'sumary' (entry 'alpha')"  # not "pha.yaml"
    )


def test_validate_defaults_to_the_configured_directory(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READOUT_KNOWLEDGE_DIR", str(FIXTURES / "valid"))
    assert main(["validate"]) == 0
    assert "1 readout, 1 term, 1 follow-up" in capsys.readouterr().out


def test_validate_takes_the_directory_as_knowledge_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    assert main(["validate", "--knowledge", "valid"]) == 0
    assert capsys.readouterr().out == "valid: valid: 1 readout, 1 term, 1 follow-up\n"
    assert main(["validate", "--knowledge", "unknown_field"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "unknown_field/alpha.yaml:7:1: unknown field 'sumary' (entry 'alpha')",
        "the knowledge base has 1 problem",
    ]
    assert main(["validate", "--knowledge", "nowhere"]) == 1  # as `validate nowhere` does
    assert "nowhere: the knowledge directory does not exist" in capsys.readouterr().err


def test_validate_refuses_dir_and_knowledge_together_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    assert main(["validate", "valid", "--knowledge", "unknown_field"]) == 2
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "readout: give the directory to validate once, as DIR (valid) or as --knowledge "
        "(unknown_field), not both."
    ]
    assert captured.out == ""


def test_list_json_gives_id_kind_title_for_entries_and_follow_ups(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["list", "--json", "--knowledge", str(FIXTURES / "valid")]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows == [
        {"id": "alpha-beta-2026-02-04", "kind": "readout", "title": "Alpha meets Beta",
         "date": "2026-02-04"},
        {"id": "alpha-beta-2026-02-04#agreements", "kind": "follow-up",
         "title": "Were any agreements signed?", "date": "2026-02-04"},
        {"id": "alpha", "kind": "term", "title": "Alpha term", "date": None},
    ]  # fmt: skip


def test_list_as_text_shows_one_line_per_row(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--knowledge", str(FIXTURES / "valid")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["alpha-beta-2026-02-04", "readout", "2026-02-04"]
    assert lines[-1] == "1 readout, 1 term, 1 follow-up"


def test_schema_prints_the_generated_json_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == schema_json()
    assert "readout" in json.loads(out)["discriminator"]["mapping"]


def test_a_malformed_setting_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READOUT_LOG_LEVEL", "LOUD")
    assert main(["validate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("readout: READOUT_LOG_LEVEL is not valid:")
    assert len(err.strip().splitlines()) == 1


def test_schema_synonyms_prints_the_synonyms_files_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["schema", "--synonyms"]) == 0
    out = capsys.readouterr().out
    assert json.loads(out)["title"] == "Readout synonyms"
    assert "means" in json.loads(out)["$defs"]["SynonymGroup"]["required"]
