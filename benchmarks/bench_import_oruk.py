"""Importing a council's Open Referral feed: how long 10,000 services take, end to end.

    .venv/bin/python benchmarks/bench_import_oruk.py                  # 10,000 services
    .venv/bin/python benchmarks/bench_import_oruk.py --services 2000 --runs 3

Writes a synthetic ORUK 1.0-era feed shaped like an Outpost-based council directory (a paged
envelope with `content`, `totalPages`, `number`, `last`; the address and a GeoJSON point on the
location itself; `organisation`; contacts with a plain `phone`; `accessibilities`; `free`;
`min_age`/`max_age`; `taxonomies`; `suitabilities`; `regular_schedules` with RRULE fields;
a third of the locations with a postcode but no position), then times each phase of
`navigator directory import` through the same service the command uses, on a new SQLite file:
reading and checking the feed, and writing it to the store. Every name, address and number is
invented. Prints the figures; nothing is asserted (timings never go in the test suite).
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

from navigator.services.directory import DirectoryService
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository

# Invented activities as councils name them; the words matter to the category guesses.
NAMES = [
    "Walking Group",
    "Bowls Club",
    "Coffee Morning",
    "Knit and Natter",
    "ESOL Class",
    "Stay and Play",
    "Men in Sheds",
    "Ladies Zumba",
    "Tennis Club",
    "Community Choir",
    "Dementia Cafe",
    "Chair Yoga",
    "Repair Cafe",
    "Book Club",
    "Allotment Society",
    "Hearing Voices Group",
    "Carers Support Group",
    "Baby and Toddler Group",
    "Chess Club",
    "Foodbank",
    "Benefits Advice Drop-in",
    "Art Class",
    "Digital Skills Help",
    "Tai Chi",
    "Volunteer Gardeners",
    "Youth Football",
    "Over 50s Lunch Club",
    "Parkinson's Exercise",
]
PLACES = [
    "Market Hall",
    "St Mary's Church Hall",
    "Library",
    "Community Centre",
    "Leisure Centre",
    "Scout Hut",
    "Family Hub",
    "Methodist Church",
]
TOWNS = [
    ("Aylesbury", "HP20", 51.816, -0.812),
    ("High Wycombe", "HP11", 51.628, -0.748),
    ("Chesham", "HP5", 51.706, -0.611),
    ("Amersham", "HP6", 51.676, -0.607),
    ("Buckingham", "MK18", 51.999, -0.987),
    ("Marlow", "SL7", 51.571, -0.776),
]
TERMS = [
    "Sports and leisure",
    "Arts and crafts",
    "Social groups",
    "Advice and support",
    "Health and wellbeing",
    "Learning and skills",
    "Volunteering",
    "Early years",
]
DAYS = [
    ("Monday", "MO"),
    ("Tuesday", "TU"),
    ("Wednesday", "WE"),
    ("Thursday", "TH"),
    ("Friday", "FR"),
    ("Saturday", "SA"),
]


def service(i: int, rng: random.Random) -> dict[str, Any]:
    name = f"{rng.choice(NAMES)} {i}"
    town, district, lat, lon = rng.choice(TOWNS)
    lat += rng.uniform(-0.02, 0.02)
    lon += rng.uniform(-0.03, 0.03)
    location: dict[str, Any] = {
        "id": 100_000 + i,
        "name": rng.choice(PLACES),
        "address_1": f"{rng.randint(1, 200)} {rng.choice(['High', 'Church', 'Mill'])} Street",
        "city": town,
        "state_province": "Buckinghamshire",
        "postal_code": f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJ')}"
        f"{rng.choice('LNPQRSTUWXYZ')}",
        "country": "GB",
        "accessibilities": [
            {
                "name": rng.choice(
                    [
                        "Wheelchair accessible entrance",
                        "Partial wheelchair access",
                        "Accessible toilet",
                        "Hearing loop",
                    ]
                )
            }
        ],
    }
    if rng.random() < 0.67:  # the rest give a postcode only
        location["geometry"] = {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}
    day, code = rng.choice(DAYS)
    hour = rng.choice([9, 10, 13, 14, 18])
    out: dict[str, Any] = {
        "id": 5000 + i,
        "name": name,
        "description": f"<p>A friendly {name.lower()} at the {location['name']}. "
        f"{rng.choice(['Free to attend.', 'Small charge for refreshments.', ''])}"
        f" Everyone welcome.</p>",
        "url": f"https://example.org/services/{i}",
        "email": f"group{i}@example.org",
        "status": "active",
        "free": rng.random() < 0.5,
        "min_age": rng.choice([None, 16, 18, 50, 0]),
        "max_age": rng.choice([None, None, 5, 99]),
        "needs_referral": rng.random() < 0.1,
        "organisation": {"id": 900 + i % 300, "name": f"Community Trust {i % 300}"},
        "contacts": [
            {
                "id": 700_000 + i,
                "name": "Group organiser",
                "phone": f"01296 {rng.randint(100000, 999999)}",
            }
        ],
        "locations": [location],
        "regular_schedules": [
            {
                "id": 800_000 + i,
                "weekday": day,
                "opens_at": f"{hour}:00",
                "closes_at": f"{hour + 2}:00",
                "freq": "WEEKLY",
                "interval": 1,
                "byday": code,
            }
        ],
        "taxonomies": [
            {"id": 40 + t, "name": TERMS[t], "slug": TERMS[t].lower()}
            for t in rng.sample(range(len(TERMS)), rng.randint(0, 2))
        ],
        "suitabilities": [
            {"id": 1, "name": rng.choice(["Older adults", "Families", "Carers", "Adults"])}
        ],
        "send_needs": [],
    }
    if rng.random() < 0.3:
        out["cost_options"] = [
            {
                "id": 600_000 + i,
                "option": "Annual membership",
                "amount": rng.choice([5, 10, 25]),
                "amount_description": "per year",
            }
        ]
    return out


def feed(n: int, seed: int = 1) -> dict[str, Any]:
    rng = random.Random(seed)
    return {
        "content": [service(i, rng) for i in range(n)],
        "totalElements": n,
        "totalPages": 1,
        "number": 1,
        "size": n,
        "first": True,
        "last": True,
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "council-feed.json")
        path.write_text(json.dumps(feed(args.services)), encoding="utf-8")
        size_mb = path.stat().st_size / 1e6
        print(f"feed: {args.services:,} services, {size_mb:.1f} MB (ORUK 1.0 / Outpost shape)")
        parse_s, write_s, totals = [], [], []
        for run in range(args.runs):
            database = open_database(f"sqlite:///{Path(folder, f'run{run}.db')}")
            service_ = DirectoryService(DirectoryRepository(database))
            gc.collect()
            start = time.perf_counter()
            parsed = service_.parse_file(path, "oruk")
            middle = time.perf_counter()
            report = service_.import_parsed(parsed)
            end = time.perf_counter()
            database.close()
            parse_s.append(middle - start)
            write_s.append(end - middle)
            totals.append(end - start)
            print(
                f"run {run + 1}: read and check {middle - start:.2f} s, write "
                f"{end - middle:.2f} s, total {end - start:.2f} s "
                f"({len(report.added):,} added, {len(report.rejected)} rejected)"
            )
        database = open_database(f"sqlite:///{Path(folder, 'mem.db')}")
        tracemalloc.start()
        DirectoryService(DirectoryRepository(database)).parse_file(path, "oruk")
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        database.close()
        print(
            f"median: read and check {statistics.median(parse_s):.2f} s, write "
            f"{statistics.median(write_s):.2f} s, total {statistics.median(totals):.2f} s; "
            f"reading peaks at {peak:.0f} MB (tracemalloc)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
