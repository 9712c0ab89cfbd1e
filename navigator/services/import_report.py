"""What a directory file holds, counted for the prescriber who imports it.

"100 activities: 88 placed on the map (12 only roughly, from the postcode), 5 online or by
phone, 7 with nothing to place them" says at once whether matching by distance will work;
the guessed fields say what to check in the Review tab; `left_out` says what the file held
that Navigator could not keep. The counts are structured (`ImportTally`); `describe_lines`
is the one wording the command line and the app share.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from navigator.domain.directory import GUESSABLE_FIELDS, Activity, Delivery

# How each guessed field is named to a prescriber.
GUESSED_LABELS = {
    "categories": "categories",
    "gender": "women or men only",
    "mental_health_specific": "for mental health",
    "cost": "cost",
    "venue.step_free": "step-free access",
    "venue.position": "map position",
    "for_learners_of": "for language learners",
    "with_child": "with a young child",
    "age": "ages",
}


@dataclass(frozen=True, slots=True)
class ImportTally:
    """Counts over the activities a file would import (records refused are not in them)."""

    activities: int = 0
    placed: int = 0  # in person, with a position for at least one of its venues
    placed_roughly: int = 0  # of those, placed only at the centre of their postcode area
    unplaced: int = 0  # in person, with no position and no postcode Navigator can place
    remote: int = 0  # online or by phone: no place needed
    with_times: int = 0
    with_cost: int = 0
    guessed: tuple[tuple[str, int], ...] = ()  # field -> activities, in GUESSABLE_FIELDS order

    @classmethod
    def of(cls, activities: Iterable[Activity]) -> ImportTally:
        # Plain counters, not a Counter: this runs once per activity of every import.
        total = placed = placed_roughly = unplaced = remote = with_times = with_cost = 0
        guessed: Counter[str] = Counter()
        for activity in activities:
            total += 1
            if activity.delivery is not Delivery.IN_PERSON:
                remote += 1
            elif any(v.has_position for v in activity.venues):
                placed += 1
                placed_roughly += "venue.position" in activity.guessed
            else:
                unplaced += 1
            with_times += bool(activity.sessions)
            cost = activity.cost
            with_cost += cost is not None and (
                cost.per_session_gbp is not None or cost.amount_gbp is not None
            )
            if activity.guessed:
                guessed.update(set(activity.guessed))
        order = [f for f in GUESSABLE_FIELDS if guessed[f]] + sorted(
            f for f in guessed if f not in GUESSABLE_FIELDS
        )
        return cls(
            total,
            placed,
            placed_roughly,
            unplaced,
            remote,
            with_times,
            with_cost,
            guessed=tuple((f, guessed[f]) for f in order),
        )


def describe_lines(tally: ImportTally, left_out: Iterable[tuple[str, int]] = ()) -> list[str]:
    """The report's opening lines: what the activities hold, then what was not kept."""
    if not tally.activities:
        lines = ["No activities in the file."]
    else:
        where = [
            f"{tally.placed} placed on the map"
            + (
                f" ({tally.placed_roughly} only roughly, from the postcode)"
                if tally.placed_roughly
                else ""
            )
        ]
        if tally.remote:
            where.append(f"{tally.remote} online or by phone (no place needed)")
        if tally.unplaced:
            where.append(f"{tally.unplaced} with nothing to place them")
        lines = [
            f"{_n(tally.activities, 'activity', 'activities')}: {', '.join(where)}; "
            f"{tally.with_times} with times, {tally.with_cost} with a known cost."
        ]
        if tally.guessed:
            lines.append(
                "Guessed by Navigator, to check in Review: "
                + ", ".join(
                    f"{GUESSED_LABELS.get(field, field)} ({count})"
                    for field, count in tally.guessed
                )
                + "."
            )
    kept_out = [(field, count) for field, count in left_out if count]
    if kept_out:
        lines.append(
            "In the file but not kept: "
            + ", ".join(f"{field} ({_n(count, 'record', 'records')})" for field, count in kept_out)
            + "."
        )
    return lines


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"
