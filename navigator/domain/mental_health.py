"""Which activities count as mental-health settings, for "avoid" and "only" (DOMAIN.md).

The directory's `mental_health_specific` flag is one signal; real directories also hold groups
whose *subject* is mental health without the flag: "a men's talking circle about stress or
loss", "a six-session course on stress and low mood", "a peer group for carers of someone with
mental health problems". A person who asked to avoid mental-health groups means those too.

Each active entry is read as one of three kinds, from its fields and its own words (name,
keywords, description):

1. **Mental-health setting** (`MENTAL_HEALTH`): "avoid" leaves it out, "only" keeps it, and
   "prefer" ranks it higher. Any of:
   a. `mental_health_specific` is true, stated or guessed on import (a guess also carries a
      caution, in `matching/explain.py`);
   b. *mental-health peer support*: the entry is in the `peer_support` category and its words
      are about mental health or about talking through how you feel ("mental health",
      "anxiety", "low mood", "stress", "talking group", "ups and downs", "on their mind"...).
      A carers' coffee morning ("mutual support", "a chat") is peer support about caring, not
      about mental health, and is not counted;
   c. *a mental-health subject*: its name or keywords (the words the directory chose to label
      it with) name a mental-health problem ("anxiety", "low mood", "depression", "mental
      health", "recovery college"...). "Stress" alone is not one.
2. **Borderline** (`BORDERLINE`): none of the above, but it is in the `wellbeing_support`
   category or its words mention stress, wellbeing, mood or a mental-health problem in
   passing ("helps your physical or mental health"). "Avoid" keeps it with a caution to
   check; "only" leaves it out (it is not a mental-health setting).
3. **Open** (`OPEN`): everything else.

"Only" keeps exactly what "avoid" leaves out (kind 1), so the two split the directory's
active entries cleanly. The words are read once per entry when the directory snapshot is
built, never per query.
"""

from __future__ import annotations

import re
from enum import IntEnum

from navigator.domain.directory import Activity


class SettingKind(IntEnum):
    OPEN = 0
    BORDERLINE = 1
    MENTAL_HEALTH = 2


# Words that name a mental-health problem, or a service for one.
_CONDITIONS = (
    r"mental[- ]health",
    r"mental (?:ill[- ]?health|illness(?:es)?|distress)",
    r"emotional (?:distress|health|wellbeing|well-being|support)",
    r"depress(?:ion|ed)",
    r"anxiety",
    r"anxious",
    r"panic(?: attacks?)?",
    r"low mood",
    r"bipolar",
    r"psychosis",
    r"psychotic",
    r"schizophreni\w*",
    r"hearing voices",
    r"personality disorders?",
    r"eating disorders?",
    r"ptsd",
    r"ocd",
    r"self[- ]harm\w*",
    r"suicid\w*",
    r"recovery college",
    r"crisis (?:cafe|café|house|line|support)",
    r"safe haven",
    r"counselling",
    r"talking therap(?:y|ies)",
)
# Words about talking through how you feel: in a peer support group, they make its subject
# mental health even without naming a diagnosis.
_FEELINGS = (
    r"stress(?:ed|ful)?",
    r"worr(?:y|ies|ied)",
    r"mood",
    r"emotions?",
    r"emotional",
    r"feelings?",
    r"wellbeing",
    r"well-being",
    r"ups and downs",
    r"tough times",
    r"hard times",
    r"difficult times",
    r"on (?:their|your|his|her|my) minds?",
    r"struggl\w*",
    r"coping",
    r"cope",
    r"talking (?:group|circle)",
    r"lonel(?:y|iness)",
    r"isolat(?:ed|ion)",
)
# Words that, in passing, make an entry worth checking for someone avoiding such settings.
_BORDERLINE = (
    r"stress(?:ed|ful)?",
    r"wellbeing",
    r"well-being",
    r"mood",
    r"worr(?:y|ies)",
    r"emotional",
    r"wellness",
)


def _words(patterns: tuple[str, ...]) -> re.Pattern[str]:
    # Matched on casefolded text, whole words only: "mood" is not found in "smooth".
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b")


CONDITION_WORDS = _words(_CONDITIONS)
FEELING_WORDS = _words(_CONDITIONS + _FEELINGS)
BORDERLINE_WORDS = _words(_CONDITIONS + _BORDERLINE)


def _labels(activity: Activity) -> str:
    """The name and keywords: the words the directory chose to label the entry with."""
    return " | ".join((activity.name, *activity.keywords)).casefold()


# "Not counselling, just good company" says what it is not.
_DENIED = re.compile(r"\b(?:not|no) (?:a )?(?:counselling|therapy|talking therapy)\b")


def _all_words(activity: Activity) -> str:
    return _DENIED.sub(" ", f"{_labels(activity)} | {activity.description.casefold()}")


def setting_kind(activity: Activity) -> SettingKind:
    """Which kind of setting the entry is (see the module docstring for the rules)."""
    if activity.mental_health_specific:
        return SettingKind.MENTAL_HEALTH
    text = _all_words(activity)
    if "peer_support" in activity.categories and FEELING_WORDS.search(text):
        return SettingKind.MENTAL_HEALTH
    if CONDITION_WORDS.search(_labels(activity)):
        return SettingKind.MENTAL_HEALTH
    if "wellbeing_support" in activity.categories or BORDERLINE_WORDS.search(text):
        return SettingKind.BORDERLINE
    return SettingKind.OPEN


def is_mental_health_setting(activity: Activity) -> bool:
    """What "avoid mental-health groups" leaves out and "only" keeps."""
    return setting_kind(activity) is SettingKind.MENTAL_HEALTH


def mental_health_by_its_words(activity: Activity) -> bool:
    """A mental-health setting by its subject (rules 1b and 1c), though not flagged as one."""
    return not activity.mental_health_specific and is_mental_health_setting(activity)
