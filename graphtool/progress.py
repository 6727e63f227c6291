"""Progress on stderr for long steps: a bar with counts, silenced by ``--quiet``.

The library reports through a :class:`Progress` object it is handed; the
default one is silent, so library users see nothing unless they ask. The CLI
hands in :func:`stderr_progress`.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterable, Iterator, Sized
from typing import TextIO, TypeVar

T = TypeVar("T")


class Progress:
    """Silent progress: the interface long steps report to."""

    def step(self, label: str) -> None:
        """A new step begins (one line on stderr when not silent)."""

    def iterate(self, items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
        """Yield ``items``, reporting how many are done out of ``total``."""
        yield from items

    def advance(self, label: str, done: int, total: int) -> None:
        """``done`` of ``total`` finished in the step ``label``."""


class StderrProgress(Progress):
    """A bar with counts on a terminal, one line per step otherwise; at most 10 updates a second.

    With ``delay`` (seconds), a step shows only once it has run that long: its
    line is held back and written after the delay (by a timer, or by the first
    report of progress after it), so quick steps stay silent and a long one
    shows whatever the size of the input.
    """

    def __init__(self, stream: TextIO | None = None, width: int = 30, delay: float = 0.0) -> None:
        self.stream = stream or sys.stderr
        self.width = width
        self.delay = delay
        self._last = 0.0
        self._start = time.perf_counter()
        self._step_start = self._start
        self._held: str | None = None
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def _elapsed(self) -> str:
        return f"{time.perf_counter() - self._start:6.1f}s"

    def step(self, label: str) -> None:
        self._step_start = time.perf_counter()
        if self.delay > 0:
            with self._lock:
                if self._timer is not None:
                    self._timer.cancel()
                self._held = label
                # a step that never reports progress still shows once it runs long
                self._timer = threading.Timer(self.delay, self._show_held, args=(label,))
                self._timer.daemon = True
                self._timer.start()
            return
        self.stream.write(f"[{self._elapsed()}] {label}\n")
        self.stream.flush()

    def _show_held(self, label: str) -> None:
        """Write the held line of the step ``label`` if it is still the one running."""
        with self._lock:
            if self._held != label:
                return
            self._held = None
            try:
                self.stream.write(f"[{self._elapsed()}] {label}\n")
                self.stream.flush()
            except (ValueError, OSError):  # the command has ended and closed its stream
                pass

    def _running_long(self, now: float) -> bool:
        """Whether the current step has run past the delay (writing its held line once)."""
        if self.delay <= 0:
            return True
        if now - self._step_start < self.delay:
            return False
        if self._held is not None:
            self._show_held(self._held)
        return True

    def advance(self, label: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if not self._running_long(now):
            return
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        if not self._tty:
            if done >= total:
                self.stream.write(f"[{self._elapsed()}] {label}: {done:,}/{total:,}\n")
                self.stream.flush()
            return
        filled = int(self.width * done / total) if total else self.width
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if done >= total else ""
        self.stream.write(f"\r[{self._elapsed()}] {label} [{bar}] {done:,}/{total:,}{end}")
        self.stream.flush()

    def iterate(self, items: Iterable[T], label: str, total: int | None = None) -> Iterator[T]:
        if total is None and isinstance(items, Sized):
            total = len(items)
        done = 0
        for item in items:
            yield item
            done += 1
            if total:
                self.advance(label, done, total)


SILENT = Progress()


#: Seconds a step runs before its progress shows when the input looked small.
SHOW_AFTER_SECONDS = 3.0


def stderr_progress(quiet: bool = False, *, small: bool = False) -> Progress:
    """The progress reporter for the CLI: on stderr, or silent with ``--quiet``.

    For a ``small`` input every step starts silent and shows once it has run
    :data:`SHOW_AFTER_SECONDS` (a dense graph can be slow whatever its size in bytes).
    """
    if quiet:
        return SILENT
    return StderrProgress(delay=SHOW_AFTER_SECONDS if small else 0.0)
