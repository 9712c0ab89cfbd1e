#!/usr/bin/python3
"""What a screen reader sees of a running application, through the real AT-SPI bus.

Run by the system Python (/usr/bin/python3), which has Debian's python3-pyatspi; the
project's virtualenv does not (pyatspi is not on PyPI). The screen-reader test in
test_screen_reader.py starts the app and calls this script once per step:

    walk_tree.py bus --timeout S              the accessibility bus answers (and its address)
    walk_tree.py wait-app NAME --timeout S    NAME is on the bus with a showing window
    walk_tree.py dump NAME                    the tree of NAME's windows, as JSON
    walk_tree.py type NAME ROLE NAME TEXT [--enter] [--timeout S]
                                              focus that control and type TEXT on the keyboard
    walk_tree.py wait-for NAME ROLE TEXT --timeout S
                                              a showing node of ROLE whose name (or a label's
                                              text, or a table cell's name) contains TEXT

Every command prints one JSON object on stdout and exits 0, or prints one line saying what
went wrong on stderr and exits 1. Every wait is bounded by its --timeout.

The dump descends only into what is showing (the current tab, not the hidden ones), as a
screen reader's review does, and reads tables through the Table interface, row by row, as a
screen reader reads a table; their children (the same cells again) are left out.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

try:
    import gi

    gi.require_version("Atspi", "2.0")
    import pyatspi
    from gi.repository import Gio, GLib
except (ImportError, ValueError) as error:  # ValueError: gi has no Atspi typelib
    sys.exit(
        f"pyatspi is not usable by {sys.executable} ({error}): apt-get install python3-pyatspi"
    )

POLL_SECONDS = 0.25
MAX_DEPTH = 60  # far deeper than any real window; stops a cycle in a broken tree
RETURN_KEYSYM = 0xFF0D


class Failure(Exception):
    """A step that could not be done, said in one line."""


# The bus ---------------------------------------------------------------------------------------


def bus_address(timeout: float) -> str:
    """The accessibility bus's address, once org.a11y.Bus answers on the session bus.

    Waits for the name rather than asking for it, so the bus launcher the test started is
    the one used (asking would make D-Bus start a second one)."""
    session = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    deadline = time.monotonic() + timeout
    while True:
        owned = session.call_sync(
            "org.freedesktop.DBus",
            "/org/freedesktop/DBus",
            "org.freedesktop.DBus",
            "NameHasOwner",
            GLib.Variant("(s)", ("org.a11y.Bus",)),
            None,
            Gio.DBusCallFlags.NONE,
            5000,
            None,
        ).unpack()[0]
        if owned:
            break
        if time.monotonic() > deadline:
            raise Failure(
                f"org.a11y.Bus did not appear on the session bus within {timeout:g} s "
                "(at-spi-bus-launcher not running?)"
            )
        time.sleep(POLL_SECONDS)
    return str(
        session.call_sync(
            "org.a11y.Bus",
            "/org/a11y/bus",
            "org.a11y.Bus",
            "GetAddress",
            None,
            None,
            Gio.DBusCallFlags.NONE,
            int(timeout * 1000),
            None,
        ).unpack()[0]
    )


# Finding things --------------------------------------------------------------------------------


def states_of(node: Any) -> list[str]:
    return sorted(pyatspi.stateToString(s) for s in node.getState().getStates())


def children_of(node: Any) -> Iterator[Any]:
    for index in range(node.childCount):
        child = node.getChildAtIndex(index)
        if child is not None:
            yield child


def application(name: str) -> Any | None:
    desktop = pyatspi.Registry.getDesktop(0)
    for app in children_of(desktop):
        if app.name == name:
            return app
    return None


def showing_nodes(root: Any, depth: int = 0) -> Iterator[Any]:
    """Every node under root (root too) that is showing, parents before children."""
    if depth > MAX_DEPTH:
        return
    if depth and not root.getState().contains(pyatspi.STATE_SHOWING):
        return
    yield root
    for child in children_of(root):
        yield from showing_nodes(child, depth + 1)


def find(app: Any, role: str, matches: Callable[[str], bool]) -> Any | None:
    for node in showing_nodes(app):
        if node.getRoleName() == role and matches(node.name or ""):
            return node
    return None


def wait_until(what: str, timeout: float, attempt: Callable[[], Any]) -> Any:
    """attempt() until it gives something other than None; Failure after timeout seconds.
    A node that vanishes while being read (the app is redrawing) counts as not yet."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            found = attempt()
        except GLib.Error:
            found = None
        if found is not None:
            return found
        if time.monotonic() > deadline:
            raise Failure(f"{what}: not there within {timeout:g} s")
        time.sleep(POLL_SECONDS)


def need_app(name: str) -> Any:
    app = application(name)
    if app is None:
        on_bus = sorted(a.name for a in children_of(pyatspi.Registry.getDesktop(0)))
        raise Failure(
            f"no application named {name!r} on the accessibility bus (there are: {on_bus})"
        )
    return app


# The dump --------------------------------------------------------------------------------------


def describe(node: Any, depth: int = 0) -> dict[str, Any]:
    states = states_of(node)
    out: dict[str, Any] = {
        "role": node.getRoleName(),
        "name": node.name or "",
        "description": node.description or "",
        "states": states,
    }
    labelled_by = [
        target.name or ""
        for relation in node.getRelationSet()
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY
        for target in (relation.getTarget(i) for i in range(relation.getNTargets()))
        if target is not None
    ]
    if labelled_by:
        out["labelled_by"] = labelled_by
    if out["role"] in ("text", "label"):  # what is typed in a field, or shown in a label
        out["text"] = text_of(node)
    table = node.queryTable() if out["role"] == "table" else None
    if table is not None:
        out["table"] = describe_table(table)
    elif depth < MAX_DEPTH and (depth == 0 or "showing" in states):
        out["children"] = [describe(child, depth + 1) for child in children_of(node)]
    return out


def text_of(node: Any) -> str:
    try:
        return str(node.queryText().getText(0, -1))
    except NotImplementedError:
        return ""


def describe_table(table: Any) -> dict[str, Any]:
    """Column headers and every cell's name and states, as a screen reader reads them."""
    headers = []
    for column in range(table.nColumns):
        header = table.getColumnHeader(column)
        headers.append(header.name if header is not None else "")
    rows = []
    for row in range(table.nRows):
        cells = []
        for column in range(table.nColumns):
            cell = table.getAccessibleAt(row, column)
            cells.append(
                {"name": cell.name or "", "role": cell.getRoleName(), "states": states_of(cell)}
                if cell is not None
                else None
            )
        rows.append(cells)
    return {"column_headers": headers, "rows": rows}


# Commands --------------------------------------------------------------------------------------


def command_bus(args: argparse.Namespace) -> dict[str, Any]:
    address = bus_address(args.timeout)
    # The registry daemon answers on the accessibility bus: the desktop can be read.
    desktop = pyatspi.Registry.getDesktop(0)
    return {
        "address": address,
        "desktop": desktop.name,
        "applications": [a.name for a in children_of(desktop)],
    }


def command_wait_app(args: argparse.Namespace) -> dict[str, Any]:
    started = time.monotonic()

    def shown_window() -> Any | None:
        app = application(args.app)
        if app is None:
            return None
        for window in children_of(app):
            if window.getState().contains(pyatspi.STATE_SHOWING):
                return window
        return None

    window = wait_until(
        f"a showing window of {args.app!r} on the accessibility bus", args.timeout, shown_window
    )
    return {
        "window": window.name,
        "role": window.getRoleName(),
        "seconds": round(time.monotonic() - started, 2),
    }


def command_dump(args: argparse.Namespace) -> dict[str, Any]:
    return describe(need_app(args.app))


def command_type(args: argparse.Namespace) -> dict[str, Any]:
    """Focus a control the way a screen reader user's keyboard would reach it, then type.

    Text set through the EditableText interface would bypass the app's key handling (a
    postcode or interest typed that way is never looked up), so real key presses are sent
    through the registry's keyboard, as on a real desktop."""
    app = need_app(args.app)
    control = wait_until(
        f"{args.role} {args.name!r}",
        args.timeout,
        lambda: find(app, args.role, lambda n: n == args.name),
    )
    window = next(w for w in children_of(app) if w.getState().contains(pyatspi.STATE_SHOWING))
    activate(window, args.timeout)
    if not control.queryComponent().grabFocus():
        raise Failure(f"{args.role} {args.name!r} refused the keyboard focus")
    wait_until(
        f"the keyboard focus on {args.role} {args.name!r}",
        args.timeout,
        lambda: True if control.getState().contains(pyatspi.STATE_FOCUSED) else None,
    )
    pyatspi.Registry.generateKeyboardEvent(0, args.text, pyatspi.KEY_STRING)
    if args.enter:
        pyatspi.Registry.generateKeyboardEvent(RETURN_KEYSYM, None, pyatspi.KEY_SYM)
    return {"typed": args.text, "into": f"{args.role} {args.name}", "enter": args.enter}


def activate(window: Any, timeout: float) -> None:
    """Make the window the active one, so that keys reach it.

    On a desktop the window manager does this; Xvfb has none, and Qt activates a window when
    it is clicked. So: one click on the menu bar, just past its last menu, where nothing is."""
    if window.getState().contains(pyatspi.STATE_ACTIVE):
        return
    menu_bar = next((c for c in children_of(window) if c.getRoleName() == "menu bar"), None)
    if menu_bar is None:
        raise Failure(f"cannot activate {window.name!r}: it has no menu bar to click")
    x, y, width, height = menu_bar.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    menus_end = max(
        (
            sum(menu.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)[0:3:2])
            for menu in children_of(menu_bar)
        ),
        default=x,
    )
    click_x = menus_end + 20
    if click_x >= x + width:
        raise Failure(f"cannot activate {window.name!r}: its menu bar has no empty place")
    pyatspi.Registry.generateMouseEvent(click_x, y + height // 2, "b1c")
    wait_until(
        f"{window.name!r} becoming the active window",
        timeout,
        lambda: True if window.getState().contains(pyatspi.STATE_ACTIVE) else None,
    )


def command_wait_for(args: argparse.Namespace) -> dict[str, Any]:
    started = time.monotonic()
    app = need_app(args.app)

    def found() -> Any | None:
        for node in showing_nodes(app):
            if node.getRoleName() != args.role:
                continue
            if args.text in (node.name or "") or (
                args.role == "label" and args.text in text_of(node)
            ):
                return node
            if args.role == "table":  # a table's cells are read through its Table interface
                table = node.queryTable()
                for row in range(table.nRows):
                    for column in range(table.nColumns):
                        cell = table.getAccessibleAt(row, column)
                        if cell is not None and args.text in (cell.name or ""):
                            return cell
        return None

    node = wait_until(f"a {args.role} showing {args.text!r}", args.timeout, found)
    return {"name": node.name, "seconds": round(time.monotonic() - started, 2)}


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = top.add_subparsers(dest="command", required=True)
    bus = commands.add_parser("bus")
    bus.add_argument("--timeout", type=float, default=30)
    bus.set_defaults(run=command_bus)
    wait_app = commands.add_parser("wait-app")
    wait_app.add_argument("app")
    wait_app.add_argument("--timeout", type=float, default=60)
    wait_app.set_defaults(run=command_wait_app)
    dump = commands.add_parser("dump")
    dump.add_argument("app")
    dump.set_defaults(run=command_dump)
    type_ = commands.add_parser("type")
    for name in ("app", "role", "name", "text"):
        type_.add_argument(name)
    type_.add_argument("--enter", action="store_true")
    type_.add_argument("--timeout", type=float, default=30)
    type_.set_defaults(run=command_type)
    wait_for = commands.add_parser("wait-for")
    for name in ("app", "role", "text"):
        wait_for.add_argument(name)
    wait_for.add_argument("--timeout", type=float, default=60)
    wait_for.set_defaults(run=command_wait_for)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        result = args.run(args)
    except Failure as failure:
        print(f"walk_tree.py {args.command}: {failure}", file=sys.stderr)
        return 1
    except GLib.Error as error:  # the bus or the app went away mid-call
        print(f"walk_tree.py {args.command}: D-Bus error: {error.message}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
