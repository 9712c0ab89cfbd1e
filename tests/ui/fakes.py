"""Stand-ins for the dialog seam: answer file choosers and questions, record messages."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


class FakeDialogs:
    def __init__(self) -> None:
        self.paths: list[Path] = []
        self.answers: list[bool] = []  # replies to confirm(), in order; "No" when run out
        self.messages: list[str] = []
        self.questions: list[str] = []
        self.choices: list[int] = []  # replies to choose_item(), in order

    def open_path(self, *_args: object) -> Path | None:
        return self.paths.pop(0) if self.paths else None

    def open_folder(self, *_args: object) -> Path | None:
        return self.paths.pop(0) if self.paths else None

    def save_path(self, *_args: object) -> Path | None:
        return self.paths.pop(0) if self.paths else None

    def error(self, _parent: object, text: str) -> None:
        self.messages.append(text)

    def info(self, _parent: object, text: str) -> None:
        self.messages.append(text)

    def confirm(self, _parent: object, text: str) -> bool:
        self.questions.append(text)
        return self.answers.pop(0) if self.answers else False

    def choose_item(
        self, _parent: object, _title: str, _label: str, items: list[str]
    ) -> int | None:
        self.questions.append(" | ".join(items))
        return self.choices.pop(0) if self.choices else None

    def choose_printer(self, _parent: object) -> None:
        return None


class HeldWorker:
    """A one-thread executor that runs nothing until `release()`: what is queued on it has
    plainly not been run on the UI thread, and runs in the order it was queued."""

    def __init__(self) -> None:
        self.executor = ThreadPoolExecutor(max_workers=1)
        self._gate = threading.Event()
        self.executor.submit(self._gate.wait)

    def release(self) -> None:
        self._gate.set()

    def drain(self) -> None:
        """Wait until everything queued so far has run."""
        self.executor.submit(lambda: None).result(timeout=10)

    def close(self) -> None:
        self.release()
        self.executor.shutdown(wait=True)
