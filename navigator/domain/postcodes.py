"""UK postcodes: checking, tidying, and the district and sector they belong to.

"n76pa", "N7  6PA" and "N7 6PA" are the same postcode; we store the tidy form "N7 6PA".
A postcode district is the outward code ("N7"); a sector adds the inward digit ("N7 6").
"""

from __future__ import annotations

import re

_FULL = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9][A-Z]{2})$")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_SECTOR = re.compile(r"^([A-Z]{1,2}[0-9][0-9A-Z]?)([0-9])$")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


def normalise_postcode(text: str) -> str | None:
    """The tidy form of a full UK postcode, or None when `text` is not one."""
    match = _FULL.match(_squash(text))
    if match is None:
        return None
    return f"{match.group(1)} {match.group(2)}"


def is_postcode(text: str) -> bool:
    return normalise_postcode(text) is not None


def postcode_district(postcode: str) -> str | None:
    """ "N7 6PA" -> "N7"; a bare district ("n7") is accepted too."""
    tidy = normalise_postcode(postcode)
    if tidy is not None:
        return tidy.split(" ")[0]
    squashed = _squash(postcode)
    if _DISTRICT.match(squashed):
        return squashed
    return None


def postcode_sector(postcode: str) -> str | None:
    """ "N7 6PA" -> "N7 6"; a bare sector ("N7 6") is accepted too."""
    tidy = normalise_postcode(postcode)
    if tidy is not None:
        return tidy[:-2]
    parts = postcode.upper().split()
    if len(parts) == 2 and _DISTRICT.match(parts[0]) and re.fullmatch(r"[0-9]", parts[1]):
        return f"{parts[0]} {parts[1]}"
    match = _SECTOR.match(_squash(postcode))
    if match is None:
        return None
    return f"{match.group(1)} {match.group(2)}"


# A generous box round the UK, Channel Islands and Isle of Man (south, north, west, east): a
# point outside it is a mistake (swapped coordinates, a geocoder's wrong answer), not a venue.
UK_BOX = (49.0, 61.5, -9.0, 2.5)


def in_uk(lat: float, lon: float) -> bool:
    south, north, west, east = UK_BOX
    return south <= lat <= north and west <= lon <= east
