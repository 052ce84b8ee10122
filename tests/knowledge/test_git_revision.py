"""The served revision is the knowledge repository's short commit, with '+' when files differ."""

from __future__ import annotations

import subprocess
from pathlib import Path

from bot.knowledge.git_revision import git_revision
from bot.knowledge.watch import LiveKnowledge
from tests.support.fakes import TitleMatcher
from tests.support.live_kbs import term


def test_git_revision(tmp_path: Path, root: Path) -> None:
    assert git_revision(root) is None  # tmp_path is not in a repository
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-C", str(root)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "knowledge"], check=True)
    head = subprocess.run(
        [*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert git_revision(root) == head
    (root / "terms" / "alpha.yaml").write_text(term("alpha", "Changed"))
    assert git_revision(root) == f"{head}+"
    assert LiveKnowledge(root, TitleMatcher).status().revision == f"{head}+"
