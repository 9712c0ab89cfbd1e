"""What a published price is for, in the words feeds and spreadsheets use for it.

One table serves every reader, so "annual", "pcm" or "per class" mean the same thing whether
they come from an Open Referral feed or a prescriber's spreadsheet.
"""

from __future__ import annotations

from navigator.domain.directory import CostUnit

UNIT_WORDS: dict[str, CostUnit] = {
    **{unit.value.replace("_", " "): unit for unit in CostUnit},  # "session", "one off" ...
    "class": CostUnit.SESSION,
    "visit": CostUnit.SESSION,
    "game": CostUnit.SESSION,
    "lesson": CostUnit.SESSION,
    "meeting": CostUnit.SESSION,
    "hr": CostUnit.HOUR,
    "hourly": CostUnit.HOUR,
    "weekly": CostUnit.WEEK,
    "monthly": CostUnit.MONTH,
    "pcm": CostUnit.MONTH,
    "termly": CostUnit.TERM,
    "annum": CostUnit.YEAR,
    "annual": CostUnit.YEAR,
    "annually": CostUnit.YEAR,
    "yearly": CostUnit.YEAR,
    "pa": CostUnit.YEAR,
    "course fee": CostUnit.COURSE,
    "whole course": CostUnit.COURSE,
    "full course": CostUnit.COURSE,
    "one-off": CostUnit.ONE_OFF,
    "once": CostUnit.ONE_OFF,
    "once only": CostUnit.ONE_OFF,
    "one time": CostUnit.ONE_OFF,
    "one payment": CostUnit.ONE_OFF,
    "single payment": CostUnit.ONE_OFF,
    "joining fee": CostUnit.ONE_OFF,
    "registration fee": CostUnit.ONE_OFF,
}
