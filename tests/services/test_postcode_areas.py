"""The bundled postcode areas (OS Code-Point Open): every GB sector and district has a centre
where it should be, the file is small, the tool's output is what the loader reads, and
import places venues that have only a postcode."""

from __future__ import annotations

import gzip
import importlib.util
import math
from pathlib import Path
from types import ModuleType

import pytest

from navigator.domain.directory import Activity, Delivery, Venue
from navigator.domain.profile import LatLon
from navigator.services.postcode_areas import (
    DATA_FILE,
    AreaCentre,
    PostcodeAreas,
    place_venues,
)

DATA = Path(__file__).resolve().parents[2] / "navigator" / "data" / DATA_FILE
TOOL = Path(__file__).resolve().parents[2] / "tools" / "make_postcode_areas.py"


def km(a: LatLon, b: LatLon) -> float:
    # An equirectangular distance: plenty at the scale of a postcode sector.
    x = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6371 * math.hypot(x, math.radians(b.lat - a.lat))


@pytest.fixture(scope="module")
def areas() -> PostcodeAreas:
    return PostcodeAreas.bundled()


def test_the_bundled_file_is_small_and_covers_great_britain(areas: PostcodeAreas) -> None:
    assert DATA.stat().st_size < 1_000_000
    # About 2,900 districts and 11,000 sectors in Great Britain.
    assert 12_000 < len(areas) < 16_000
    for district in ("AB10", "E14", "N7", "SW1A", "ZE2", "TR21", "CF10", "G1"):
        assert areas.district(district) is not None, district
    assert areas.district("BT1") is None  # Northern Ireland is not in Code-Point Open


@pytest.mark.parametrize(
    ("postcode", "point"),
    [
        # Each postcode's own point (Code-Point Open, converted as the tool does; SW1A 1AA agrees
        # with postcodes.io to the metre): its sector's centre is near, its district's not far.
        ("SW1A 1AA", LatLon(51.5010, -0.1416)),
        ("EH1 1YZ", LatLon(55.9503, -3.1930)),
        ("CF10 1EP", LatLon(51.4758, -3.1792)),
        ("N7 6PA", LatLon(51.5558, -0.1160)),
    ],
)
def test_sector_centres_are_near_the_places_in_them(
    areas: PostcodeAreas, postcode: str, point: LatLon
) -> None:
    sector, district = areas.centres_for(postcode)
    assert sector is not None and district is not None
    assert km(sector.point, point) < 1.5
    assert km(district.point, point) < 6


def test_what_the_text_names_decides_sector_or_district(areas: PostcodeAreas) -> None:
    def names(text: str) -> tuple[str | None, str | None]:
        sector, district = areas.centres_for(text)
        return (sector.area if sector else None, district.area if district else None)

    assert names("n7 6pa") == ("N7 6", "N7")
    assert names("N7 6") == ("N7 6", "N7")
    assert names("N76") == ("N7 6", "N7")  # N76 is no district: read as a sector
    assert names("E14") == (None, "E14")  # a real district, not sector "E1 4"
    assert names("E1 4") == ("E1 4", "E1")
    assert names("SW1A") == (None, "SW1A")
    assert names("BT1 1AA") == (None, None)
    assert names("hello") == (None, None)


def test_the_file_is_read_once_on_first_use() -> None:
    reads: list[int] = []

    def read() -> bytes:
        reads.append(1)
        return gzip.compress(b"area,lat,lon,postcodes\nN7,51.5,-0.1,9\n")

    areas = PostcodeAreas(read)
    assert reads == []  # building it reads nothing
    assert areas.district("N7") == AreaCentre("N7", LatLon(51.5, -0.1), "district", 9)
    assert areas.sector("N7 6") is None
    assert reads == [1]


# The tool -------------------------------------------------------------------------------------


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_postcode_areas", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_tool_skips_postcodes_without_coordinates_and_splits_from_the_end(
    tmp_path: Path,
) -> None:
    tool = load_tool()
    folder = tmp_path / "CSV"
    folder.mkdir()
    with gzip.open(folder / "zz.csv.gz", "wt") as handle:
        handle.write("ZZ9 9AA,10,530000,180000\nZZ9 9AB,90,0,0\nZZ99AD,50,530100,180100\n")
    assert list(tool.read_postcodes(folder)) == [
        ("ZZ9 9AA", 530000.0, 180000.0),
        ("ZZ99AD", 530100.0, 180100.0),
    ]
    assert tool.split("ZZ99AD") == ("ZZ9 9", "ZZ9")
    assert tool.split("EC1A 1BB") == ("EC1A 1", "EC1A")
    assert tool.split("N7") is None


def test_what_the_tool_writes_is_what_navigator_reads(tmp_path: Path) -> None:
    tool = load_tool()
    out = tmp_path / "areas.csv.gz"
    tool.write([("ZZ9", 51.123456, -0.654321, 2), ("ZZ9 9", 51.1, -0.6, 1)], out)
    first = out.read_bytes()
    tool.write([("ZZ9", 51.123456, -0.654321, 2), ("ZZ9 9", 51.1, -0.6, 1)], out)
    assert out.read_bytes() == first  # no time stamp: the same data, the same bytes
    areas = PostcodeAreas(out.read_bytes)
    assert areas.centres_for("ZZ9 9ZZ") == (
        AreaCentre("ZZ9 9", LatLon(51.1, -0.6), "sector", 1),
        AreaCentre("ZZ9", LatLon(51.1235, -0.6543), "district", 2),
    )


# Placing venues on import ---------------------------------------------------------------------

SMALL = PostcodeAreas.from_centres(
    [("N7", 51.55, -0.12, 900), ("N7 6", 51.56, -0.11, 140), ("E14", 51.50, -0.02, 1900)]
)


def test_a_venue_with_only_a_postcode_gets_its_sector_centre_marked_as_a_guess() -> None:
    activity = Activity(
        id="a",
        name="Choir",
        categories=("music",),
        guessed=("categories",),
        venue=Venue(name="Hall", postcode="N7 6ZZ"),
        more_venues=(
            Venue(postcode="E14 9AA"),
            Venue(postcode="BT1 1AA"),
            Venue(postcode="N7 0AA", lat=51.0, lon=-0.1),
        ),
    )
    placed = place_venues(activity, SMALL)
    assert placed.venue == Venue(name="Hall", postcode="N7 6ZZ", lat=51.56, lon=-0.11)
    assert [(v.lat, v.lon) for v in placed.more_venues] == [
        (51.50, -0.02),  # no sector known: the district centre
        (None, None),  # not in the data: left for a prescriber
        (51.0, -0.1),
    ]  # a position the file gave is kept
    assert placed.guessed == ("categories", "venue.position")


@pytest.mark.parametrize(
    "activity",
    [
        Activity(
            id="o",
            name="Online",
            categories=("music",),
            delivery=Delivery.ONLINE,
            venue=Venue(postcode="N7 6ZZ"),
        ),
        Activity(
            id="p",
            name="Placed",
            categories=("music",),
            venue=Venue(postcode="N7 6ZZ", lat=51.0, lon=-0.1),
        ),
        Activity(id="n", name="No postcode", categories=("music",), venue=Venue(name="Hall")),
        Activity(id="u", name="Unknown", categories=("music",), venue=Venue(postcode="BT1 1AA")),
    ],
)
def test_nothing_else_is_touched(activity: Activity) -> None:
    assert place_venues(activity, SMALL) is activity
