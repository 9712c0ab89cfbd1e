"""Set up Navigator in a private folder (.venv) and open it, or run its tests.

    python quickstart.py app      set everything up and open Navigator on the sample directory
    python quickstart.py test     set everything up and run the tests
    python quickstart.py package  build the installable app folder, dist/navigator/

Needs only Python 3.11 or newer, on Linux, macOS or Windows. The first run downloads the
libraries Navigator uses (a few minutes); later runs start straight away.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / "navigator-installed.txt"


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return VENV / scripts / ("python.exe" if os.name == "nt" else "python")


def set_up(extras: str) -> Path:
    """Create .venv and install Navigator into it, unless that was already done."""
    if sys.version_info < (3, 11):  # noqa: UP036 - runs on old Pythons to say so
        sys.exit(f"Navigator needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    python = venv_python()
    if not python.exists():
        print("Creating a private Python environment in .venv ...", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = f"{extras}:{hashlib.sha256((ROOT / 'pyproject.toml').read_bytes()).hexdigest()}"
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("Installing Navigator and the libraries it uses ...", flush=True)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "--upgrade", "pip"], check=True)
        target = f".[{extras}]" if extras else "."
        subprocess.run(
            [python, "-m", "pip", "install", "--quiet", "--editable", target], cwd=ROOT, check=True
        )
        STAMP.write_text(wanted)
    return python


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("app", "test", "package"):
        print(__doc__)
        return 2
    if argv[0] == "package":
        return package(argv[1:])
    if argv[0] == "app":
        python = set_up("")
        return subprocess.call([python, "-m", "navigator", *argv[1:]], cwd=ROOT)
    python = set_up("test")
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return subprocess.call([python, "-m", "pytest", *argv[1:]], cwd=ROOT, env=env)


def package(extra_args: list[str]) -> int:
    """Build the app folder with PyInstaller (recipe: packaging/navigator.spec) into dist/."""
    python = set_up("package")
    print("Building dist/navigator/ (a few minutes) ...", flush=True)
    spec = ROOT / "packaging" / "navigator.spec"
    return subprocess.call(
        [python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", *extra_args, spec],
        cwd=ROOT,
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
