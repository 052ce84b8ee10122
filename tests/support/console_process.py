"""`readout console` as a subprocess a test types into: over pipes, or on a pseudo-terminal of a
given size; its output is read as it comes, so a test can wait for a line before typing on."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WAIT = 90.0
"""Generous: other test runs share the machine's two cores."""


class ConsoleProcess:
    """One console session; `output` is everything it has printed so far."""

    def __init__(
        self,
        env: Mapping[str, str],
        cwd: Path,
        *options: str,
        columns: int | None = None,
    ) -> None:
        command = [sys.executable, "-m", "bot", "console", *options]
        self._chunks: list[str] = []
        self._lock = threading.Lock()
        if columns is None:  # pipes
            self.process = subprocess.Popen(
                command,
                env=dict(env),
                cwd=cwd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
            )
            assert self.process.stdout is not None
            out = self.process.stdout.fileno()
            self._write = self.process.stdin.fileno()  # type: ignore[union-attr]
        else:  # a terminal `columns` wide
            main, side = pty.openpty()
            fcntl.ioctl(side, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
            self.process = subprocess.Popen(
                command, env=dict(env), cwd=cwd, stdin=side, stdout=side, stderr=side
            )
            os.close(side)
            out = self._write = main
        self._reader = threading.Thread(target=self._read, args=(out,), daemon=True)
        self._reader.start()

    def _read(self, fd: int) -> None:
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:  # a pseudo-terminal whose other side has closed
                return
            if not data:
                return
            with self._lock:
                self._chunks.append(data.decode("utf-8", "replace"))

    @property
    def output(self) -> str:
        with self._lock:
            return "".join(self._chunks).replace("\r\n", "\n")

    def send(self, line: str) -> None:
        os.write(self._write, (line + "\n").encode())

    def wait_for(self, text: str, *, after: int = 0, timeout: float = WAIT) -> int:
        """Where `text` first appears in the output from `after` on, waiting for it."""
        deadline = time.monotonic() + timeout
        while (found := self.output.find(text, after)) < 0:
            if time.monotonic() > deadline:
                raise AssertionError(f"no {text!r} within {timeout}s; output:\n{self.output}")
            if self.process.poll() is not None:
                time.sleep(0.2)  # let the reader take in the last of it
                if (found := self.output.find(text, after)) >= 0:
                    return found
                raise AssertionError(f"console exited without {text!r}:\n{self.output}")
            time.sleep(0.05)
        return found

    def quit(self) -> int:
        self.send("quit")
        code = self.process.wait(timeout=WAIT)
        self._reader.join(5)
        return code
