"""The sentences the appointment says about a match outcome: the note under the postcode and
the summary above the suggestions. Worded from the outcome's structured facts."""

from __future__ import annotations

from html import escape

from navigator.services.match_result import MatchOutcome, Precision, ProblemKind
from navigator.services.plan_context import PlanContext


def place_note(outcome: MatchOutcome) -> str | None:
    """What the person panel says under the postcode; None leaves the note as it is (no
    postcode, or a point from a profile file, which the panel describes itself)."""
    problem, place = outcome.problem, outcome.place
    if problem is not None:
        if problem.kind is ProblemKind.NOT_A_POSTCODE:
            # Said only once it is long enough to be a whole postcode, not while typing one.
            typed = len(problem.postcode.replace(" ", ""))
            return "That does not look like a UK postcode." if typed >= 5 else ""
        return problem.reason[:1].upper() + problem.reason[1:] + "."
    if place is None or place.precision is Precision.POINT:
        return None
    if place.precision is Precision.SECTOR:
        return f"Using the middle of {place.area} (near {place.postcode})."
    if place.precision is Precision.DISTRICT:
        return f"Using the middle of {place.area}: distances are rough."
    return f"Found {place.postcode}."


def status_text(outcome: MatchOutcome, *, shared_screen: bool, compact: bool = False) -> str:
    """The summary above the suggestions: how many fit, how many are shown, near misses
    (unless `compact`, where the near misses' own button counts them)."""
    report, fitting = outcome.report, outcome.fitting
    if report.unrelated:
        # The relevance floor: say how many fit the interests and how many only the rest.
        where = "nearby" if outcome.placed else "available"
        text = (
            f"{fitting} fit{'s' if fitting == 1 else ''} your interests; "
            f"{report.unrelated} more {'is' if report.unrelated == 1 else 'are'} "
            f"{where} but match{'es' if report.unrelated == 1 else ''} none of them."
        )
        if report.results:
            text += f" The best {len(report.results)} are shown, best first."
    elif not report.results:
        text = "Nothing fits everything entered."
    else:
        text = (
            f"{fitting} activit{'ies' if fitting != 1 else 'y'} fit; "
            f"the best {len(report.results)} are shown, best first."
        )
    if not report.results and not shared_screen:
        text += " Look at the near misses below, or relax a need."
    elif report.near_misses and not shared_screen and not compact:
        text += f" {len(report.near_misses)} more miss on just one thing (near misses, below)."
    return text


def also_nearby_html(outcome: MatchOutcome) -> str:
    """A short line of what fits every need but none of the interests: links that open in
    Details, so it is seen without passing for a match. Empty when there is none."""
    also = outcome.report.also_nearby
    if not also:
        return ""
    links = ", ".join(f'<a href="{escape(s.id)}">{escape(s.name)}</a>' for s in also)
    heading = "Also nearby" if outcome.placed else "Also available"
    return f"<b>{heading}</b> (match none of the interests): {links}"


def plan_note(context: PlanContext) -> str:
    """ "Matching again for AB-0042: 1 activity they stopped is left out." (Match again)."""
    left_out = len(context.left_out)
    text = f"Matching again for {context.reference}"
    if not left_out:
        return text + "."
    return (
        f"{text}: {left_out} activit{'ies' if left_out != 1 else 'y'} they stopped "
        f"{'are' if left_out != 1 else 'is'} left out."
    )
