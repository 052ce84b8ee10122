"""Which commit of the knowledge repository is being served, for `/readout status`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def git_revision(root: Path) -> str | None:
    """The short commit of the repository holding `root`, '+' when its files differ; else None."""
    head = _git(root, "rev-parse", "--short", "HEAD")
    if not head:
        return None
    return f"{head}+" if _git(root, "status", "--porcelain", "--", ".") else head


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    try:
        done = subprocess.run(  # noqa: S603 - fixed arguments, no shell
            [git, "-C", str(root), *args], capture_output=True, text=True, timeout=5, check=True
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip()
