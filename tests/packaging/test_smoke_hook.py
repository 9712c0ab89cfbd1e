"""The hook .ci/package uses to check a built app: with NAVIGATOR_SMOKE_TEST set, `navigator`
opens the window, waits for the directory and the people store (signing in on Follow-up), says
what it saw and exits 0. Run here from the source tree in a child process (it starts and ends
its own Qt event loop)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_the_smoke_test_opens_the_window_on_the_sample_directory_and_exits_0(
    tmp_path: Path,
) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "NAVIGATOR_SMOKE_TEST": "1",
        "NAVIGATOR_DATA_DIR": str(tmp_path),
    }
    for name in ("NAVIGATOR_DB", "NAVIGATOR_PEOPLE_DB", "NAVIGATOR_GEOCODER"):
        env.pop(name, None)
    # The timeout only stops a hung child from hanging the suite; the app's own limit is 120 s.
    done = subprocess.run(
        [sys.executable, "-m", "navigator"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    (line,) = [text for text in done.stdout.splitlines() if text.startswith("smoke test:")]
    assert "window 'Navigator' shown" in line
    count = int(line.split(" activities loaded")[0].rsplit(" ", 1)[1])
    assert count > 0
    assert "Appointment" in line
    assert "people store open" in line
    # The user's own copy of the sample directory and a new people store, in their data folder.
    assert (tmp_path / "directory.db").exists()
    assert (tmp_path / "people.db").exists()
