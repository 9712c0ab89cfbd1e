"""A throwaway desktop for the screen-reader test: an X server (Xvfb), a private D-Bus
session, the AT-SPI accessibility bus, and the Navigator app on them.

Nothing is shared with the developer's own desktop: a display Xvfb picks itself, a session
bus of our own, and a temporary HOME and data folder. Every process is started in its own
process group and killed (with whatever it started) when the `desktop()` context ends,
whatever happened; every wait has a timeout.

When something needed is missing or does not start, `DesktopError` says which, and how to
install it; the test fails on it (it does not skip: CI must not go green without it).
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import PySide6

ROOT = Path(__file__).resolve().parents[2]
WALKER = Path(__file__).with_name("walk_tree.py")
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's python3-pyatspi is for this Python only
BUS_LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
APT_PACKAGES = (
    "xvfb dbus-daemon at-spi2-core python3-pyatspi "
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0"
)
APT_LINE = f"apt-get install {APT_PACKAGES}"
SCREEN = "1366x768x24"  # a work laptop's screen
START_SECONDS = 30  # X server, session bus, accessibility bus: each
APP_SECONDS = 120  # the app on the bus; generous, for a loaded two-core machine
WALKER_SECONDS = 180  # the longest a single walker call may take, waits included
STOP_SECONDS = 10


class DesktopError(Exception):
    """Something the test needs is missing or would not start; the message says what."""


@dataclass
class Desktop:
    env: dict[str, str]  # for any process that should be on this desktop
    log: Path  # the output of `process`, shown if it has died
    process: subprocess.Popen[bytes]  # the app (or, while starting, the bus launcher)
    label: str  # what `process` is, in a message

    def walk(self, *args: str) -> Any:
        """Run walk_tree.py with these arguments; its JSON answer, or DesktopError saying
        what the walker said went wrong (and, if the app has died, the app's own output)."""
        try:
            done = subprocess.run(
                [SYSTEM_PYTHON, str(WALKER), *args],
                env=self.env,
                capture_output=True,
                text=True,
                timeout=WALKER_SECONDS,
            )
        except subprocess.TimeoutExpired as error:
            raise DesktopError(
                f"walk_tree.py {args[0]} took over {WALKER_SECONDS} s{self._app_state()}"
            ) from error
        if done.returncode != 0:
            said = done.stderr.strip() or f"exit status {done.returncode}"
            raise DesktopError(f"{said}{self._app_state()}")
        return json.loads(done.stdout)

    def _app_state(self) -> str:
        if self.process.poll() is None:
            return ""
        return (
            f"\n{self.label} exited with status {self.process.returncode}; "
            f"its output:\n" + _tail(self.log)
        )


def missing_programs() -> list[str]:
    """What this machine lacks for the test, each with the Debian package that has it."""
    missing = []
    if shutil.which("Xvfb") is None:
        missing.append("Xvfb (package xvfb)")
    if shutil.which("dbus-daemon") is None:
        missing.append("dbus-daemon (package dbus-daemon)")
    if _bus_launcher() is None:
        missing.append("at-spi-bus-launcher (package at-spi2-core)")
    if not os.access(SYSTEM_PYTHON, os.X_OK):
        missing.append(f"{SYSTEM_PYTHON} (package python3)")
    else:
        check = subprocess.run(
            [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, text=True, timeout=60
        )
        if check.returncode != 0:
            missing.append(f"pyatspi for {SYSTEM_PYTHON} (package python3-pyatspi)")
    missing.extend(f"{library} for Qt's X11 platform plugin" for library in _xcb_missing())
    return missing


@contextmanager
def desktop(tmp: Path, db: Path) -> Iterator[Desktop]:
    """The app on directory `db`, running on a desktop of its own with a screen reader's bus."""
    missing = missing_programs()
    if missing:
        raise DesktopError(
            "the screen-reader test needs "
            + "; ".join(missing)
            + f". On Debian or Ubuntu: {APT_LINE}"
        )
    home = tmp / "home"
    for folder in ("home", "data", "runtime", "logs"):
        (tmp / folder).mkdir()
    (tmp / "runtime").chmod(0o700)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_RUNTIME_DIR": str(tmp / "runtime"),
        "NAVIGATOR_DATA_DIR": str(tmp / "data"),
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    logs = tmp / "logs"
    with ExitStack() as stack:
        _stop_cleanly_on_sigterm(stack)
        env["DISPLAY"] = _start_xvfb(stack, env, logs)
        env["DBUS_SESSION_BUS_ADDRESS"] = _start_session_bus(stack, env, logs)
        launcher = _start(
            stack,
            [str(_bus_launcher()), "--launch-immediately", "--a11y=1", "--screen-reader=1"],
            env,
            logs / "at-spi-bus-launcher.log",
        )
        probe = Desktop(env, logs / "at-spi-bus-launcher.log", launcher, "at-spi-bus-launcher")
        try:
            probe.walk("bus", "--timeout", str(START_SECONDS))
        except DesktopError as error:
            running = launcher.poll() is None  # (if it has exited, the error has its output)
            raise DesktopError(
                f"the accessibility bus did not start: {error}"
                + ("\n" + _tail(logs / "at-spi-bus-launcher.log") if running else "")
            ) from error
        app_env = {
            **env,
            "QT_QPA_PLATFORM": "xcb",
            # Qt offers its tree on the bus only when asked to (a desktop setting normally).
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "QT_ACCESSIBILITY": "1",
        }
        app_log = logs / "navigator.log"
        app = _start(
            stack,
            [str(ROOT / ".venv" / "bin" / "python"), "-m", "navigator", "--db", str(db)],
            app_env,
            app_log,
            cwd=tmp,
        )
        running = Desktop(env, app_log, app, "The app")
        running.walk("wait-app", "Navigator", "--timeout", str(APP_SECONDS))
        yield running


# Starting and stopping -------------------------------------------------------------------------


def _start(
    stack: ExitStack,
    command: list[str],
    env: dict[str, str],
    log: Path,
    cwd: Path | None = None,
    pass_fds: tuple[int, ...] = (),
    stdout: int | None = None,
) -> subprocess.Popen[bytes]:
    """Start `command` in a process group of its own, stopped with that group at the end."""
    with log.open("ab") as out:
        process = subprocess.Popen(
            command,
            env=env,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=stdout if stdout is not None else out,
            stderr=out,
            pass_fds=pass_fds,
            start_new_session=True,
        )
    stack.callback(_stop, process)
    return process


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process and everything it started; then SIGKILL to whatever is left of
    its group (a bus daemon or the registry outliving their parent, or a process that hung)."""
    with suppress(ProcessLookupError):  # the whole group has gone already
        os.killpg(process.pid, signal.SIGTERM)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=STOP_SECONDS)
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    with suppress(subprocess.TimeoutExpired):
        process.wait(timeout=STOP_SECONDS)


def _stop_cleanly_on_sigterm(stack: ExitStack) -> None:
    """A SIGTERM (a CI job's time limit) ends the run through the clean-up, not past it."""

    def interrupt(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    previous = signal.signal(signal.SIGTERM, interrupt)
    stack.callback(signal.signal, signal.SIGTERM, previous)


def _start_xvfb(stack: ExitStack, env: dict[str, str], logs: Path) -> str:
    """Xvfb on a display number it chooses itself (-displayfd), so two runs never collide."""
    read_end, write_end = os.pipe()
    try:
        _start(
            stack,
            [
                "Xvfb",
                "-displayfd",
                str(write_end),
                "-screen",
                "0",
                SCREEN,
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            env,
            logs / "xvfb.log",
            pass_fds=(write_end,),
        )
        os.close(write_end)
        write_end = -1
        number = _read_line(read_end, START_SECONDS)
    finally:
        os.close(read_end)
        if write_end >= 0:
            os.close(write_end)
    if not number.isdigit():
        raise DesktopError(
            f"Xvfb did not start within {START_SECONDS} s:\n" + _tail(logs / "xvfb.log")
        )
    return f":{number}"


def _start_session_bus(stack: ExitStack, env: dict[str, str], logs: Path) -> str:
    """A private session bus (dbus-daemon --session), whose address it prints."""
    process = _start(
        stack,
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        env,
        logs / "dbus-daemon.log",
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    address = _read_line(process.stdout.fileno(), START_SECONDS)
    if not address.startswith("unix:"):
        raise DesktopError(
            f"the D-Bus session bus did not start within {START_SECONDS} s:\n"
            + _tail(logs / "dbus-daemon.log")
        )
    return address


def _read_line(fd: int, timeout: float) -> str:
    """The first line written to fd within timeout seconds ("" if none)."""
    data = b""
    deadline = time.monotonic() + timeout
    while b"\n" not in data:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            break
        chunk = os.read(fd, 256)
        if not chunk:
            break
        data += chunk
    return data.split(b"\n")[0].decode(errors="replace").strip()


def _tail(log: Path, lines: int = 30) -> str:
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return f"({log.name} was not written)"
    return "\n".join(text.splitlines()[-lines:]) or f"({log.name} is empty)"


# What the machine has --------------------------------------------------------------------------


def _bus_launcher() -> Path | None:
    for candidate in BUS_LAUNCHERS:
        if os.access(candidate, os.X_OK):
            return Path(candidate)
    return None


def _xcb_missing() -> list[str]:
    """Shared libraries Qt's xcb plugin needs that this machine does not have (by ldd)."""
    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists() or shutil.which("ldd") is None:
        return []  # not a wheel layout we know: the app's own error will say what is wrong
    found = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=60)
    return sorted({line.split()[0] for line in found.stdout.splitlines() if "not found" in line})
