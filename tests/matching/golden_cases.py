"""Fixed directories and profiles for the golden rankings (test_golden_rankings.py).

Everything here is deterministic: the same code always gives the same directories, profiles
and "now", so the engine's full output can be compared with a file written before a change
to how the snapshot is built. The directories are the bundled sample and generated ones
(benchmarks/generate.py, fixed seeds), one of them given the §1a fields real directories
carry (extra places, postcodes, priced units, classes for learners, with a child). The
profiles use taxonomy words, typos, UK synonyms, words that appear only in descriptions, and
invented proper nouns from the descriptions written exactly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from navigator.domain.directory import Activity, Cost, CostUnit, Venue
from navigator.domain.matches import MatchReport, NearMiss, Suggestion
from navigator.domain.profile import (
    Profile,
)
from navigator.formats.native import read_directory_file
from tests.conftest import SAMPLE_DIRECTORY

# benchmarks/ is not a package: put it on the path to use its generator.
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from generate import PROFILE_INTERESTS, generate, generate_profiles

NOW = dt.datetime(2026, 11, 24, 9, 0)
GOLDEN_DIR = Path(__file__).parent / "golden"
# The benchmark's words, with a typo of pottery (next to it, where it stood when the golden
# files were written: the order decides which are drawn) and words only in descriptions.
INTERESTS = [
    *PROFILE_INTERESTS[:22],
    "potery",
    *PROFILE_INTERESTS[22:],
    "relaxed setting",
    "tea and a chat",
    "experience",
    "buses",
    "esol",
    "carers",
    "lgbtq",
]


def _augmented(activities: list[Activity], seed: int) -> list[Activity]:
    """The generated directory with §1a fields on some activities (seeded)."""
    rng = random.Random(seed)
    out = []
    for a in activities:
        changes: dict[str, Any] = {}
        if a.venue is not None and a.venue.lat is not None and rng.random() < 0.3:
            district = f"ZZ{rng.randint(1, 40)}"
            changes["venue"] = dataclasses.replace(
                a.venue, postcode=f"{district} {rng.randint(1, 9)}AB"
            )
            extra = []
            for _ in range(rng.randint(1, 3)):
                if rng.random() < 0.7:
                    extra.append(
                        Venue(
                            name="Branch",
                            lat=a.venue.lat + rng.uniform(-0.05, 0.05),
                            lon=a.venue.lon + rng.uniform(-0.05, 0.05),
                            step_free=rng.choice([None, True, False]),
                        )
                    )
                else:  # only a postcode: placed from another venue's point, or not at all
                    extra.append(Venue(name="Annexe", postcode=f"{district} {rng.randint(1, 9)}AB"))
            changes["more_venues"] = tuple(extra)
        roll = rng.random()
        if roll < 0.05:
            changes["cost"] = Cost(None, amount_gbp=rng.choice([5.0, 20.0]), unit=CostUnit.YEAR)
        elif roll < 0.08:
            changes["cost"] = Cost(3.0, amount_gbp=3.0, unit=CostUnit.SESSION)
        if rng.random() < 0.04:
            changes["with_child"] = True
            changes["age_min"], changes["age_max"] = 0, 4
        if "learning" in a.categories and rng.random() < 0.3:
            changes["for_learners_of"] = ("en",)
        if rng.random() < 0.05:
            changes["guessed"] = ("categories",)
        out.append(dataclasses.replace(a, **changes) if changes else a)
    return out


def _proper_nouns(activities: list[Activity], count: int, seed: int) -> list[str]:
    """Some invented proper nouns from descriptions, written exactly (seeded)."""
    rng = random.Random(seed)
    words = sorted(
        {
            w.strip(".,;")
            for a in activities
            for w in a.description.split()
            if w[:1].isupper() and w.strip(".,;") not in ("Community", "Centre", "Road", "Trust")
        }
    )
    return rng.sample(words, count)


def profiles(count: int, seed: int, extra_interests: list[str]) -> list[Profile]:
    return generate_profiles(
        count,
        seed,
        reference="GOLD",
        interests=INTERESTS + extra_interests,
        interest_counts=(0, 1, 1, 2, 3, 4),
        more=lambda rng: {
            "with_young_children": rng.random() < 0.1,
            "agreed_budget_gbp": rng.choice([None, None, None, 2.0]),
        },
    )


def _sample() -> list[Activity]:
    return list(read_directory_file(SAMPLE_DIRECTORY))


def _generated(size: int, seed: int) -> Callable[[], list[Activity]]:
    return lambda: generate(size, seed=seed)


def _generated_1a(size: int, seed: int) -> Callable[[], list[Activity]]:
    return lambda: _augmented(generate(size, seed=seed), seed)


# name -> (how to make the directory, profiles, seed for the profiles)
CASES: dict[str, tuple[Callable[[], list[Activity]], int, int]] = {
    "sample": (_sample, 30, 101),
    "generated-1500": (_generated(1_500, 11), 30, 102),
    "generated-6000-1a": (_generated_1a(6_000, 5), 30, 103),
}


def case_profiles(name: str, activities: list[Activity]) -> list[Profile]:
    _, count, seed = CASES[name]
    nouns = _proper_nouns(activities, 6, seed) if name != "sample" else ["Islington", "Holloway"]
    return profiles(count, seed, nouns)


def _round(value: float | None, places: int = 9) -> float | None:
    return None if value is None else round(value, places)


def _venue(venue: Venue | None) -> list[Any] | None:
    if venue is None:
        return None
    return [venue.name, venue.postcode, _round(venue.lat), _round(venue.lon)]


def _suggestion(s: Suggestion) -> dict[str, Any]:
    return {
        "rank": s.rank,
        "id": s.id,
        "score": _round(s.score),
        "distance_km": _round(s.distance_km),
        "next_session": None if s.next_session is None else s.next_session.isoformat(),
        "reasons": list(s.reasons),
        "cautions": list(s.cautions),
        "facts": list(s.facts),
        "evidence": s.evidence,
        "venue": _venue(s.venue),
    }


def _near_miss(m: NearMiss) -> dict[str, Any]:
    return {
        "id": m.id,
        "failed": list(m.failed),
        "detail": m.detail,
        "fit": _round(m.fit),
        "fact": m.fact,
        "distance_km": _round(m.distance_km),
        "venue": _venue(m.venue),
    }


def report_json(report: MatchReport) -> dict[str, Any]:
    """The whole report as plain JSON values, floats rounded to 9 places."""
    return {
        "reference": report.reference,
        "results": [_suggestion(s) for s in report.results],
        "near_misses": [_near_miss(m) for m in report.near_misses],
        "also_nearby": [_suggestion(s) for s in report.also_nearby],
        "excluded": report.excluded,
        "unrelated": report.unrelated,
    }


def outputs(name: str) -> list[dict[str, Any]]:
    """Every profile of the case ranked on its directory (one snapshot), as JSON values."""
    from navigator.matching import DirectorySnapshot, rank

    make, _, _ = CASES[name]
    activities = make()
    snapshot = DirectorySnapshot.build(activities)
    out = []
    for person in case_profiles(name, activities):
        entry = report_json(rank(person, snapshot, now=NOW, top=10))
        entry["interests"] = list(person.interests)
        out.append(entry)
    return out


def golden_path(name: str) -> Path:
    return GOLDEN_DIR / f"{name}.json"


def write_golden() -> None:
    """Rewrite the golden files from the current code: only on purpose, never to make a
    failing test pass without knowing why it failed."""
    import json

    GOLDEN_DIR.mkdir(exist_ok=True)
    for name in CASES:
        # One report a line: a diff shows which profile changed, and the files stay small.
        lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in outputs(name)]
        golden_path(name).write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
        print(f"wrote {golden_path(name)}")


if __name__ == "__main__":  # python -m tests.matching.golden_cases
    write_golden()
