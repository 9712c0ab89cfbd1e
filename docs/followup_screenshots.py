"""Render the follow-up screenshots offscreen: the network map editor and the outcome charts.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/followup_screenshots.py [OUT_DIR]

Writes docs/images/network-map.png, outcomes.png and model-delivery.png (or the same names in
OUT_DIR, to compare a change with the pictures there before replacing them) from made-up
data (no store is opened): a map drawn three times over six months, growing from 3 to 8
members, and four outcome reviews. docs/screenshots.py runs it with the other screenshots.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QGridLayout, QLabel, QWidget

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "images"


def settle(milliseconds: int = 200) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def save_shown(widget: QWidget, name: str) -> None:
    """The shown widget, once its queued work is done, as OUT/name; then closed."""
    settle()
    widget.grab().save(str(OUT / name))
    print(f"wrote {OUT / name}")
    widget.close()


def sample_network() -> list:
    from navigator.domain.people import ContactFrequency as F
    from navigator.domain.people import MemberKind as K
    from navigator.domain.people import NetworkMember as M
    from navigator.domain.people import NetworkSnapshot, Relationship, Support

    sister = M(
        "sister", K.PERSON, 1, Relationship.FAMILY, F.DAILY, (Support.EMOTIONAL, Support.PRACTICAL)
    )
    mum = M("Mum", K.PERSON, 1, Relationship.FAMILY, F.WEEKLY, (Support.EMOTIONAL,))
    worker = M(
        "support worker",
        K.PERSON,
        2,
        Relationship.PROFESSIONAL,
        F.WEEKLY,
        (Support.PRACTICAL, Support.INFORMATION),
    )
    church = M("A. from church", K.PERSON, 2, Relationship.FRIEND, F.WEEKLY, (Support.COMPANY,))
    allotment = M("Parkside Allotment", K.ACTIVITY, 2, None, F.WEEKLY, (Support.COMPANY,))
    choir = M("Holloway Choir", K.GROUP, 3, Relationship.MEMBER, F.WEEKLY, (Support.COMPANY,))
    library = M("the library", K.PLACE, 3, None, F.MONTHLY, (Support.INFORMATION,))
    cafe = M("café on the corner", K.PLACE, 3, None, F.WEEKLY)
    return [
        NetworkSnapshot(dt.date(2026, 3, 3), (sister, mum, worker)),
        NetworkSnapshot(dt.date(2026, 6, 2), (sister, mum, worker, church, library)),
        NetworkSnapshot(
            dt.date(2026, 9, 1), (sister, mum, worker, church, library, allotment, choir, cafe)
        ),
    ]


def sample_outcomes() -> list:
    from navigator.domain.people import LonelyHowOften as L
    from navigator.domain.people import OutcomeRecord as R

    return [  # belonging (the last number) from "not at all" to "quite a lot"
        R(dt.date(2026, 3, 3), (3, 3, 2), L.OFTEN_ALWAYS, (3, 4, 3, 8), 1),
        R(dt.date(2026, 4, 14), (3, 2, 2), L.SOME_OF_THE_TIME, (4, 5, 5, 7), 2),
        R(dt.date(2026, 6, 2), (2, 2, 2), L.SOME_OF_THE_TIME, (5, 6, 4, 6), 2),
        R(dt.date(2026, 9, 1), (2, 1, 2), L.OCCASIONALLY, (6, 7, 6, 4), 3),
    ]


def network_map(app: QApplication) -> None:
    from navigator.ui.followup.network_map import NetworkMapEditor

    snapshots = sample_network()
    editor = NetworkMapEditor(today=lambda: dt.date(2026, 9, 1))
    editor.set_history(snapshots)
    editor.set_snapshot(snapshots[-1])
    editor.resize(1280, 700)
    editor.show()
    editor.select(3)  # A. from church, selected in the list and on the map
    save_shown(editor, "network-map.png")


def outcomes(app: QApplication) -> None:
    from navigator.ui.followup.network_size_chart import NetworkSizeChart
    from navigator.ui.followup.outcome_chart import OutcomeChart

    page = QWidget()
    page.setStyleSheet("background: white;")
    grid = QGridLayout(page)
    chart = OutcomeChart()
    chart.set_outcomes(sample_outcomes())
    sizes = NetworkSizeChart()
    sizes.set_snapshots(sample_network())
    grid.addWidget(QLabel("<h3>How they feel: outcome measures</h3>"), 0, 0)
    grid.addWidget(chart, 1, 0, 3, 1)
    grid.addWidget(QLabel("<h3>Network size</h3>"), 0, 1)
    grid.addWidget(sizes, 1, 1)
    summary = QLabel(sizes.summary_text())
    summary.setWordWrap(True)
    grid.addWidget(summary, 2, 1)
    grid.setColumnStretch(0, 3)
    grid.setColumnStretch(1, 2)
    grid.setRowStretch(3, 1)
    page.resize(1280, 640)
    page.show()
    save_shown(page, "outcomes.png")


def model_delivery(app: QApplication) -> None:
    """A record's Outcomes tab: the model checklist above the outcome chart."""
    from navigator.domain.people import Contact, ContactKind, Goal, PersonRecord
    from navigator.domain.people import LonelyHowOften as L
    from navigator.domain.people import OutcomeRecord as R
    from navigator.domain.profile import Profile
    from navigator.ui.followup.person_detail import PersonDetail

    record = PersonRecord(
        "AB-0042",
        dt.date(2026, 3, 3),
        profile=Profile(strengths=("baking",)),
        goals=(Goal("get out of the flat twice a week"),),
        contacts=(Contact(dt.date(2026, 3, 24), ContactKind.WENT_ALONG),),
        network=tuple(sample_network()),
        outcomes=(  # belonging (the last number) from "not at all" to "quite a lot"
            R(dt.date(2026, 3, 3), (3, 3, 2), L.OFTEN_ALWAYS, (3, 4, 4, 8), 1),
            R(dt.date(2026, 6, 2), (2, 2, 2), L.SOME_OF_THE_TIME, (5, 5, 6, 6), 2),
            R(dt.date(2026, 9, 1), (2, 1, 2), L.OCCASIONALLY, (6, 7, 6, 5), 3),
        ),
    )
    detail = PersonDetail()
    detail.show_record(record)
    detail.tabs.setCurrentIndex(4)  # Outcomes
    detail.resize(1180, 760)
    detail.show()
    save_shown(detail, "model-delivery.png")


def main() -> None:
    global OUT
    if len(sys.argv) > 1:
        OUT = Path(sys.argv[1])
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    OUT.mkdir(parents=True, exist_ok=True)
    network_map(app)
    outcomes(app)
    model_delivery(app)


if __name__ == "__main__":
    main()
