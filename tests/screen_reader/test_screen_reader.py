"""What a screen reader really gets from Navigator: the app runs on an X server (Xvfb) with
the AT-SPI accessibility bus, as on a Linux desktop with Orca, and walk_tree.py reads its
tree over that bus with pyatspi, and types into it through the bus's keyboard.

Asserted: the main window, its menus and the four section tabs are named; every control on
the Appointment tab has the role a screen reader announces and a name (a combo box, which Qt
names by its value on Linux, through its label); and once a postcode and an interest are
typed, each suggestion row gives the activity's name and every reason it was suggested for.

Marked `screen_reader` and left out of the default run (pyproject.toml), since it needs
Xvfb, D-Bus and AT-SPI from the system's packages; `.ci/run` runs it as a step of its own.
Run it with `.venv/bin/python -m pytest -m screen_reader tests/screen_reader`. Without the
programs it fails, saying which are missing and how to install them.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from navigator.domain.matches import Suggestion
from navigator.domain.profile import Profile
from navigator.matching import rank
from navigator.services.matching import MatchService
from navigator.services.postcode_areas import PostcodeAreas
from navigator.store.database import open_database, to_url
from navigator.store.repository import DirectoryRepository
from tests.screen_reader.desktop import ROOT, Desktop, DesktopError, desktop

pytestmark = pytest.mark.screen_reader

APP = "Navigator"
POSTCODE = "N7 6PA"
INTEREST = "gardening"
SHOWN_SUGGESTIONS = (
    25  # navigator.ui.appointment.appointment_view.SHOWN_SUGGESTIONS (no Qt import here)
)
DISTANCE = " km"  # in a suggestion's place once the person's postcode is known
WAIT = "60"  # seconds, for each thing the app has to do after a key press

Node = dict[str, Any]


@pytest.fixture(scope="module")
def screen_reader_view(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The tree as the app opens, then after typing a postcode and an interest, read once
    for every test here (starting the desktop is the slow part)."""
    tmp = tmp_path_factory.mktemp("screen-reader")
    db = tmp / "resources.db"
    shutil.copy(ROOT / "resources.db", db)
    problem = None
    try:
        with desktop(tmp, db) as running:
            yield _walk_an_appointment(running)
    except DesktopError as error:
        problem = str(error)
    if problem:  # outside the except: the message alone, not a chain of tracebacks
        pytest.fail(f"screen-reader test could not run: {problem}", pytrace=False)


def _walk_an_appointment(running: Desktop) -> dict[str, Any]:
    # The window shows before the directory has loaded; the status bar says when it has.
    running.walk("wait-for", APP, "status bar", " activities)", "--timeout", WAIT)
    opened = running.walk("dump", APP)
    running.walk("type", APP, "text", "Postcode", POSTCODE)
    # Once the postcode is placed, suggestions say how far away they are ("0.9 km, ...").
    # (Not the postcode note: a label given an accessible name offers a screen reader that
    # name, "Postcode status", and never its text.)
    running.walk("wait-for", APP, "table", DISTANCE, "--timeout", WAIT)
    running.walk("type", APP, "text", "Interests", INTEREST, "--enter")
    running.walk("wait-for", APP, "push button", f"Remove interest {INTEREST}", "--timeout", WAIT)
    # Ranked again with the interest: the top suggestion says it matches it.
    running.walk("wait-for", APP, "table", f"interest in {INTEREST}", "--timeout", WAIT)
    return {"opened": opened, "typed": running.walk("dump", APP)}


# The main window -------------------------------------------------------------------------------


def test_the_main_window_its_menus_and_section_tabs_are_named(
    screen_reader_view: dict[str, Any],
) -> None:
    app = screen_reader_view["opened"]
    assert app["role"] == "application" and app["name"] == APP
    frames = [c for c in app["children"] if c["role"] == "frame"]
    assert [f["name"] for f in frames] == [APP]
    frame = frames[0]
    menu_bar = _only(frame, "menu bar")
    assert [m["name"] for m in menu_bar["children"] if m["role"] == "menu item"] == [
        "File",
        "Directory",
        "View",
    ]
    tab_list = _only(frame, "page tab list", lambda n: _has_child(n, "page tab", "Appointment"))
    tabs = [t for t in tab_list["children"] if t["role"] == "page tab"]
    assert [t["name"] for t in tabs] == ["Appointment", "Follow-up", "Directory", "Review"]
    assert [t["name"] for t in tabs if "selected" in t["states"]] == ["Appointment"]
    assert _only(frame, "filler", lambda n: n["name"] == "Sections")
    status = _only(frame, "status bar")
    assert status["name"].startswith("Directory: ") and "activities" in status["name"]


# The Appointment tab ---------------------------------------------------------------------------

# (role, name): what a screen reader announces for each control in the profile and shortlist.
APPOINTMENT_CONTROLS = [
    ("text", "Reference"),
    ("text", "Postcode"),
    ("text", "Interests"),
    ("list", "Goals"),
    ("check box", "Free activities only"),
    ("spin button", "Maximum cost per session (£)"),
    ("spin button", "Maximum distance (km)"),
    ("check box", "Delivery: In person"),
    ("check box", "Delivery: Online"),
    ("check box", "Delivery: By phone"),
    ("check box", "Needs step-free access"),
    ("text", "Languages"),
    ("spin button", "Age"),
    ("check box", "Would bring a young child"),
    ("check box", "Free on Monday morning"),
    ("check box", "Free on Sunday evening"),
    ("check box", "Prefers: Can just turn up (drop-in)"),
    ("table", "Suggestions"),
    ("table", "Near misses"),
    ("list", "Shortlist"),
    ("text", "Your name for the handout"),
    ("check box", "Easy read handout"),
    ("push button", "Print handout"),
    ("push button", "Save handout as PDF"),
]
# On Linux Qt names a combo box by its current value; its label is given as a relation
# ("labelled by"), which is what Orca reads before the value.
LABELLED_COMBO_BOXES = ["Setting:", "Gender:"]


def test_each_appointment_control_has_its_role_and_name(screen_reader_view: dict[str, Any]) -> None:
    showing = {(n["role"], n["name"]) for n in _showing(screen_reader_view["opened"])}
    missing = [control for control in APPOINTMENT_CONTROLS if control not in showing]
    assert not missing, f"not on the screen reader's Appointment tab: {missing}"


def test_each_combo_box_is_labelled(screen_reader_view: dict[str, Any]) -> None:
    combo_boxes = [n for n in _showing(screen_reader_view["opened"]) if n["role"] == "combo box"]
    labels = [label for box in combo_boxes for label in box.get("labelled_by", [])]
    assert sorted(labels) == sorted(LABELLED_COMBO_BOXES)
    assert all(box.get("labelled_by") for box in combo_boxes)


def test_every_goal_is_a_named_tickable_item(screen_reader_view: dict[str, Any]) -> None:
    goals = _only(screen_reader_view["opened"], "list", lambda n: n["name"] == "Goals")
    items = goals["children"]
    assert len(items) >= 10
    assert all(i["role"] == "list item" and i["name"] and "checkable" in i["states"] for i in items)
    assert "Build confidence" in [i["name"] for i in items]


def test_nothing_focusable_is_unnamed(screen_reader_view: dict[str, Any]) -> None:
    """Whatever Tab can reach, a screen reader can say what it is."""
    unnamed = [
        f"{n['role']} (described as {n['description']!r})"
        for tree in screen_reader_view.values()
        for n in _showing(tree)
        if "focusable" in n["states"] and not n["name"] and not n.get("labelled_by")
    ]
    assert not unnamed


# The suggestions -------------------------------------------------------------------------------


def test_the_typed_profile_reached_the_app(screen_reader_view: dict[str, Any]) -> None:
    opened, typed = screen_reader_view["opened"], screen_reader_view["typed"]
    assert _only(typed, "text", lambda n: n["name"] == "Postcode")["text"] == POSTCODE
    assert _only(typed, "push button", lambda n: n["name"] == f"Remove interest {INTEREST}")
    # Distances appeared because of the postcode typed, not before it.
    assert not any(DISTANCE in cell["name"] for row in _suggestion_rows(opened) for cell in row)
    assert any(DISTANCE in cell["name"] for row in _suggestion_rows(typed) for cell in row)


def test_each_suggestion_gives_its_name_and_every_reason(
    screen_reader_view: dict[str, Any], tmp_path: Path
) -> None:
    table = _only(screen_reader_view["typed"], "table", lambda n: n["name"] == "Suggestions")[
        "table"
    ]
    assert table["column_headers"][0] == "Try" and all(table["column_headers"])
    expected = _expected_suggestions(tmp_path)
    rows = table["rows"]
    assert len(rows) == min(SHOWN_SUGGESTIONS, len(expected))
    for row in rows:
        try_cell, *cells = row
        # The tick box says what ticking it does, naming the activity.
        assert "checkable" in try_cell["states"]
        name = try_cell["name"].removeprefix("Add ").removesuffix(" to the shortlist")
        assert try_cell["name"] == f"Add {name} to the shortlist"
        lines = [line for cell in cells for line in cell["name"].splitlines()]
        assert lines and lines[0] == name  # the name is read first, as text
        matching = [s for s in expected if s.name == name]
        assert matching, f"{name!r} is not among the suggestions for this profile"
        # Every reason and every caution reaches the screen reader, not just the painting.
        assert any(_all_said(s, lines) for s in matching), (
            f"{name!r}: the screen reader gets {lines}, not all of "
            f"{[(s.reasons, s.cautions) for s in matching]}"
        )
    first = "\n".join(cell["name"] for cell in rows[0][1:])
    assert f"Matches your interest in {INTEREST}" in first


def _all_said(suggestion: Suggestion, lines: list[str]) -> bool:
    text = "\n".join(lines)
    return all(said in text for said in (*suggestion.reasons, *suggestion.cautions))


def _expected_suggestions(tmp: Path) -> list[Suggestion]:
    """Every suggestion the app can show for the typed profile, worked out here the way the
    app does (its postcode lookup, its ranking) on another copy of the same directory.
    Reasons do not depend on the time; the order may, by a day, so only membership and
    reasons are compared."""
    db = tmp / "expected.db"
    shutil.copy(ROOT / "resources.db", db)
    database = open_database(to_url(str(db)))
    try:
        matches = MatchService(DirectoryRepository(database), None, areas=PostcodeAreas.bundled())
        snapshot = matches.snapshot()
        where = matches.resolve_postcode(POSTCODE, snapshot)
        profile = Profile(location=where.point, interests=(INTEREST,))
        report = rank(
            profile, snapshot, now=dt.datetime.now().replace(second=0, microsecond=0), top=None
        )
    finally:
        database.close()
    return list(report.results)


# Reading the tree ------------------------------------------------------------------------------


def _suggestion_rows(tree: Node) -> list[list[Node]]:
    return list(_only(tree, "table", lambda n: n["name"] == "Suggestions")["table"]["rows"])


def _showing(tree: Node) -> Iterator[Node]:
    """Every node a screen reader can reach in the window (menus' closed pop-ups aside)."""
    yield tree
    for child in tree.get("children", []):
        if "showing" in child["states"]:
            yield from _showing(child)


def _only(tree: Node, role: str, where: Any = None) -> Node:
    found = [n for n in _showing(tree) if n["role"] == role and (where is None or where(n))]
    assert len(found) == 1, f"expected one showing {role}, found {len(found)}"
    return found[0]


def _has_child(node: Node, role: str, name: str) -> bool:
    return any(c["role"] == role and c["name"] == name for c in node.get("children", []))
