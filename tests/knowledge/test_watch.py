"""Hot reload: an edit changes current(), a broken edit keeps the last good base and says where,
a deleted file reloads, and readers never see a half-swapped base."""

from __future__ import annotations

import asyncio
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import watchfiles

from bot.errors import KnowledgeError
from bot.knowledge import watch
from bot.knowledge.base import KnowledgeBase
from bot.knowledge.watch import LiveKnowledge, ReloadResult
from tests.support.fakes import TitleMatcher
from tests.support.live_kbs import answer, term
from tests.support.waiting import eventually


def test_an_edited_file_changes_the_next_answer(root: Path) -> None:
    live = LiveKnowledge(root, TitleMatcher.whole_titles)
    first = live.current()
    assert answer(live, "Alpha") == "alpha"
    (root / "terms" / "alpha.yaml").write_text(term("alpha", "Alpha Centauri"))
    result = live.reload()
    assert result.ok
    assert result.summary().startswith("reloaded 0 readouts, 2 terms, 0 follow-ups in ")
    assert answer(live, "Alpha") is None
    assert answer(live, "Alpha Centauri") == "alpha"
    assert live.current().generation == first.generation + 1
    assert first.kb.get("alpha").title == "Alpha"  # type: ignore[union-attr]
    assert live.status().reloads == 1


def test_a_broken_edit_keeps_the_last_good_base_and_says_where(root: Path) -> None:
    live = LiveKnowledge(root, TitleMatcher.whole_titles)
    before = live.current()
    broken = term("alpha", "Alpha Centauri").replace("summary:", "sumary:")
    (root / "terms" / "alpha.yaml").write_text(broken)
    result = live.reload()
    assert not result.ok
    assert live.current() is before
    assert answer(live, "Alpha") == "alpha"
    assert "knowledge/terms/alpha.yaml:6:1: unknown field 'sumary' (entry 'alpha')" in [
        str(p) for p in result.problems
    ]
    assert result.summary().startswith("reload failed with 2 problems; still serving 0 readouts")
    status = live.status()
    assert status.failing
    assert (status.failures, status.entries) == (1, 2)
    assert status.last_problems == result.problems

    (root / "terms" / "alpha.yaml").write_text(term("alpha", "Alpha Centauri"))
    assert live.reload().ok
    status = live.status()
    assert not status.failing
    assert status.last_problems == result.problems  # kept for reference


def test_added_and_deleted_files_reload(root: Path) -> None:
    live = LiveKnowledge(root, TitleMatcher.whole_titles)
    (root / "terms" / "gamma.yaml").write_text(term("gamma", "Gamma"))
    assert live.reload().ok
    assert answer(live, "Gamma") == "gamma"
    (root / "terms" / "beta.yaml").unlink()
    assert live.reload().ok
    assert len(live.current().kb) == 2
    assert answer(live, "Beta") is None


def test_a_first_load_with_problems_raises(root: Path) -> None:
    (root / "terms" / "alpha.yaml").write_text("id: [")
    with pytest.raises(KnowledgeError):
        LiveKnowledge(root, TitleMatcher.whole_titles)


def test_a_matcher_that_fails_to_build_keeps_the_old_snapshot(root: Path) -> None:
    builds: list[KnowledgeBase] = []

    def flaky(kb: KnowledgeBase) -> TitleMatcher:
        builds.append(kb)
        if len(builds) > 1:
            raise RuntimeError("index too large")
        return TitleMatcher(kb, whole=True)

    live = LiveKnowledge(root, flaky)
    before = live.current()
    result = live.reload()
    assert not result.ok
    assert live.current() is before
    assert "the matcher could not be built: index too large" in str(result.problems[0])


def test_readers_never_see_a_partial_base(root: Path) -> None:
    entries = 40
    shutil.rmtree(root / "terms")
    (root / "terms").mkdir()

    def write(version: str, broken: bool = False) -> None:
        for n in range(entries):
            text = term(f"entry-{n}", f"Entry {n}", summary=f"Version {version}.")
            if broken and n == entries // 2:
                text = text.replace("kind: term", "kind: memo")
            (root / "terms" / f"entry-{n}.yaml").write_text(text)

    write("one")
    live = LiveKnowledge(root, TitleMatcher.whole_titles)
    seen: set[str] = set()
    bad: list[str] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            snap = live.current()
            versions = {e.summary for e in snap.kb}
            if len(snap.kb) != entries or len(versions) != 1:
                bad.append(f"{len(snap.kb)} entries, versions {versions}")
            if snap.matcher.kb is not snap.kb:
                bad.append("matcher built for another base")
            seen.update(versions)
            time.sleep(0.001)  # let the reloading thread have the interpreter too

    readers = [threading.Thread(target=read) for _ in range(4)]
    for reader in readers:
        reader.start()
    outcomes = []
    for round_ in range(12):
        write(["one", "two", "three"][round_ % 3], broken=round_ % 4 == 3)
        outcomes.append(live.reload().ok)
    done.set()
    for reader in readers:
        reader.join()
    assert bad == []
    assert outcomes.count(False) == 3
    assert seen >= {"Version one.", "Version two."}


class SeenFilter:
    """The watcher's own filter, noting each file it is asked about. watchfiles filters a batch
    once the batch is complete, so a name noted here is a change the watcher has taken in, and
    any reload it causes comes before the reload of a later change."""

    def __init__(self, inner: Callable[[watchfiles.Change, str], bool]) -> None:
        self.inner = inner
        self.names: set[str] = set()

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        self.names.add(Path(path).name)
        return self.inner(change, path)


def replace_file(path: Path, text: str) -> None:
    """Write `path` in one step (a rename), as editors save: one change, so one reload."""
    scratch = path.with_name(path.name + ".tmp")
    scratch.write_text(text)
    os.replace(scratch, path)


def test_the_watcher_reloads_on_change_and_reports_failures(
    root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = SeenFilter(watch._knowledge_files)
    monkeypatch.setattr(watch, "_knowledge_files", seen)
    live = LiveKnowledge(root, TitleMatcher.whole_titles)
    failures: list[ReloadResult] = []
    reloads: list[ReloadResult] = []

    async def on_failure(result: ReloadResult) -> None:
        failures.append(result)

    async def on_reload(result: ReloadResult) -> None:
        reloads.append(result)

    async def until(check: Callable[[], bool]) -> None:
        await asyncio.to_thread(
            eventually, check, 15.0, every=0.05, what="the watcher did not react in time"
        )

    async def scenario() -> None:
        stop = asyncio.Event()
        task = asyncio.create_task(
            live.watch(on_failure, on_reload=on_reload, stop=stop, step_ms=50)
        )
        # Ready when the watcher has seen a change: written until it has, not a guessed delay.
        deadline = time.monotonic() + 15
        while "ready.txt" not in seen.names:
            assert time.monotonic() < deadline, "the watcher did not start"
            (root / "ready.txt").write_text(str(time.monotonic()))
            await asyncio.sleep(0.05)
        path = root / "terms" / "alpha.yaml"
        path.write_text(term("alpha", "Alpha Prime"))
        await until(lambda: answer(live, "Alpha Prime") == "alpha")
        path.write_text("id: alpha\nkind: [\n")
        await until(lambda: bool(failures))
        path.unlink()
        await until(lambda: len(live.current().kb) == 1)

        # A file that is not YAML reloads nothing: once the watcher has taken it in, a YAML
        # change is answered by exactly one reload (two, had the text file caused one).
        generation = live.current().generation
        (root / "notes.txt").write_text("not knowledge")
        await until(lambda: "notes.txt" in seen.names)
        replace_file(path, term("alpha", "Alpha Again"))
        await until(lambda: answer(live, "Alpha Again") == "alpha")
        assert live.current().generation == generation + 1
        stop.set()
        await asyncio.wait_for(task, 5)

    asyncio.run(scenario())
    assert answer(live, "Beta") == "beta"
    assert failures[0].problems[0].path == "knowledge/terms/alpha.yaml"
    assert failures[0].problems[0].line >= 1
    # `on_reload` hears every reload, good or failed (the console says each one).
    assert [r for r in reloads if not r.ok] == failures
    assert len([r for r in reloads if r.ok]) >= 3  # Alpha Prime, the file removed, Alpha Again
