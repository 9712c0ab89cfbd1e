"""How the network map looks and is worded: the circles' and kinds' names, the colours,
each kind's shape, and one line describing a member.

Kinds differ by shape as well as colour (Okabe-Ito hues, which stay distinct for the common
kinds of colour blindness), and a legend says which is which, on screen and on paper. The
drawing (`network_scene`), the list (`network_members`), the dialog and the printed page all
take their words and looks from here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen, QPolygonF

from navigator.domain.people import (
    ContactFrequency,
    MemberKind,
    NetworkMember,
    Relationship,
    Support,
)
from navigator.domain.wording import day_month_year

CIRCLE_NAMES = {1: "Closest", 2: "Close", 3: "Less close"}
CIRCLE_LABELS = {
    1: "Closest and most important",
    2: "Close and important",
    3: "Less close, still part of life",
}
KIND_LABELS = {
    MemberKind.PERSON: "Person",
    MemberKind.GROUP: "Group",
    MemberKind.PLACE: "Place",
    MemberKind.ACTIVITY: "Activity",
}
RELATIONSHIP_LABELS = {
    Relationship.FAMILY: "Family",
    Relationship.PARTNER: "Partner",
    Relationship.FRIEND: "Friend",
    Relationship.NEIGHBOUR: "Neighbour",
    Relationship.COLLEAGUE: "Colleague",
    Relationship.PROFESSIONAL: "A worker or professional",
    Relationship.MEMBER: "Through a group or place",
    Relationship.OTHER: "Other",
}
FREQUENCY_LABELS = {
    ContactFrequency.DAILY: "Every day",
    ContactFrequency.WEEKLY: "Every week",
    ContactFrequency.MONTHLY: "Every month",
    ContactFrequency.LESS_OFTEN: "Less often",
    ContactFrequency.RARELY: "Hardly ever",
}
SUPPORT_LABELS = {
    Support.EMOTIONAL: "Someone to talk to",
    Support.PRACTICAL: "Practical help",
    Support.COMPANY: "Company",
    Support.INFORMATION: "Information or advice",
}

PAPER = QColor("#ffffff")
INK = QColor("#1f2529")
MUTED = QColor("#56616b")
RING_EDGE = QColor("#98a4b0")
RING_FILLS = (QColor("#e3eaf2"), QColor("#edf1f6"), QColor("#f6f8fb"))
DROP_FILL = QColor("#fdf0c4")  # the circle a dragged token would land in
YOU_FILL = QColor("#4d5963")


@dataclass(frozen=True, slots=True)
class KindStyle:
    fill: QColor
    edge: QColor


# Okabe-Ito blue, orange, bluish green and reddish purple: pale fills with a darker edge.
KIND_STYLES = {
    MemberKind.PERSON: KindStyle(QColor("#cfe3f1"), QColor("#0a5f94")),
    MemberKind.GROUP: KindStyle(QColor("#fbe6bd"), QColor("#9a6400")),
    MemberKind.PLACE: KindStyle(QColor("#c9eadf"), QColor("#00735a")),
    MemberKind.ACTIVITY: KindStyle(QColor("#f4dcea"), QColor("#9c4a7c")),
}


def kind_path(kind: MemberKind, size: float) -> QPainterPath:
    """The kind's shape centred on (0, 0): circle, rounded square, house, diamond."""
    half = size / 2
    path = QPainterPath()
    if kind is MemberKind.PERSON:
        path.addEllipse(QPointF(0, 0), half, half)
    elif kind is MemberKind.GROUP:
        side = half * 0.88
        path.addRoundedRect(QRectF(-side, -side, 2 * side, 2 * side), 5, 5)
    elif kind is MemberKind.PLACE:
        w = half * 0.9
        path.addPolygon(
            QPolygonF(
                [
                    QPointF(0, -half),
                    QPointF(w, -half * 0.15),
                    QPointF(w, half * 0.9),
                    QPointF(-w, half * 0.9),
                    QPointF(-w, -half * 0.15),
                ]
            )
        )
        path.closeSubpath()
    else:
        path.addPolygon(
            QPolygonF([QPointF(0, -half), QPointF(half, 0), QPointF(0, half), QPointF(-half, 0)])
        )
        path.closeSubpath()
    return path


def paint_kind(painter: QPainter, kind: MemberKind, centre: QPointF, size: float) -> None:
    style = KIND_STYLES[kind]
    painter.save()
    painter.translate(centre)
    painter.setPen(QPen(style.edge, max(1.5, size / 14)))
    painter.setBrush(style.fill)
    painter.drawPath(kind_path(kind, size))
    painter.restore()


def describe_member(member: NetworkMember) -> str:
    """One line for a tooltip, a list row or a screen reader."""
    parts = [KIND_LABELS[member.kind].lower(), CIRCLE_LABELS[member.circle].lower()]
    if member.relationship is not None:
        parts.append(RELATIONSHIP_LABELS[member.relationship].lower())
    if member.frequency is not None:
        parts.append("in touch " + FREQUENCY_LABELS[member.frequency].lower())
    if member.support:
        parts.append("gives " + " and ".join(SUPPORT_LABELS[s].lower() for s in member.support))
    return f"{member.alias}: " + ", ".join(parts)


def scene_font(pixels: float, *, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(round(pixels))
    font.setBold(bold)
    return font


def day(d: dt.date) -> str:
    """3 March 2026."""
    return day_month_year(d)


def count_members(n: int) -> str:
    """How many are on a map, in words."""
    return (
        "1 person, group, place or activity"
        if n == 1
        else f"{n} people, groups, places and activities"
    )
