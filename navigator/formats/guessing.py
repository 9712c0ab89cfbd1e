"""Honest guesses for what a feed does not say, each marked for a prescriber to confirm.

Outside feeds rarely say whether a group is for women only, for people with mental health
problems, free, or what kind of activity it is in our terms; their names and descriptions
often do. `apply_guesses` fills in only the fields the feed did not state (`stated`), from
the activity's own words, and records each field it filled in `Activity.guessed` so the
Review tab can offer it for confirmation ("Guessed by Navigator").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from navigator.domain.directory import Activity
from navigator.domain.taxonomy import category_label
from navigator.formats.reading import quote
from navigator.formats.taxonomy_mapping import FALLBACK_CATEGORY, infer_categories


def apply_guesses(activity: Activity, *, stated: frozenset[str],
                  extra_texts: Iterable[str] = ()) -> tuple[Activity, list[str]]:
    """The activity with unstated fields guessed from its words, and a note for each guess.

    `stated` names the fields the feed itself gave (FORMATS.md field names, such as
    "categories", "gender", "cost"); those are never changed. `extra_texts` are other words
    from the record that say who it is for (eligibility, audience).
    """
    notes: list[str] = []
    guessed = list(activity.guessed)
    changes: dict[str, object] = {}
    if "categories" not in stated:
        texts = [activity.description, *activity.keywords, *extra_texts]
        categories = infer_categories(activity.name, texts)
        if categories:
            notes.append(f"no category in the feed; guessed {', '.join(map(quote, categories))} "
                         "from its own words")
        else:
            categories = (FALLBACK_CATEGORY,)
            notes.append(f"no category in the feed or its words; filed under "
                         f"{quote(FALLBACK_CATEGORY)} ({category_label(FALLBACK_CATEGORY)}) "
                         "for now")
        changes["categories"] = categories
        guessed.append("categories")
    if not changes:
        return activity, notes
    changes["guessed"] = tuple(dict.fromkeys(guessed))
    return replace(activity, **changes), notes  # type: ignore[arg-type]
