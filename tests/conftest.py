"""Shared test set-up: no display, and never the user's real data folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Set before Qt is imported by any test module.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE_DIRECTORY = ROOT / "data" / "sample_directory.json"
BUNDLED_DB = ROOT / "resources.db"


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path_factory: pytest.TempPathFactory,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test gets its own data folder and no inherited NAVIGATOR_DB."""
    monkeypatch.setenv("NAVIGATOR_DATA_DIR", str(tmp_path_factory.mktemp("navigator-data")))
    monkeypatch.delenv("NAVIGATOR_DB", raising=False)
