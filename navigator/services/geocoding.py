"""Placing a venue on the map from its postcode.

`VenueLocator.locate(postcode)` tries, in order:

1. the directory's own venues with exactly that postcode (offline, exact);
2. an earlier online answer kept in the database's geocode cache;
3. the online geocoder, when one is set up (its answers are cached in the database);
4. the centre of the sector ("N7 6"), else of the district ("N7"), from the bundled
   Code-Point Open areas (`navigator.services.postcode_areas`), or from the directory's own
   venues where those lack it: offline and marked approximate.

Only venues' postcodes come here, so only they are cached; a person's postcode is placed by
`MatchService.resolve_postcode`, which writes nothing.

The online geocoder is off unless configured: `make_geocoder()` reads
`NAVIGATOR_GEOCODER` (only "nominatim" for now) and `NAVIGATOR_GEOCODER_CONTACT` (an email
or web address put in the user agent, as Nominatim's usage policy asks). It is wrapped in
geopy's `RateLimiter` so calls are at least a second apart.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from navigator import __version__
from navigator.domain.postcodes import in_uk, normalise_postcode
from navigator.matching.postcodes import PostcodeIndex
from navigator.services.matching import Geocoder
from navigator.services.postcode_areas import PostcodeAreas

log = logging.getLogger(__name__)

GEOCODER_SETTING = "NAVIGATOR_GEOCODER"
CONTACT_SETTING = "NAVIGATOR_GEOCODER_CONTACT"
MIN_DELAY_SECONDS = 1.0  # Nominatim: "an absolute maximum of 1 request per second"
TIMEOUT_SECONDS = 5
OFF = {"", "off", "none", "offline"}

LocationPrecision = Literal["postcode", "sector", "district", "geocoder"]
CachedPostcode = Callable[[str], tuple[float, float] | None]
CachePostcode = Callable[[str, float, float, str], None]


def user_agent(contact: str | None = None) -> str:
    """Who is asking, as geocoding services want to know."""
    who = contact.strip() if contact and contact.strip() else (f"contact set by {CONTACT_SETTING}")
    return f"Navigator/{__version__} (community-activity directory; {who})"


class RateLimitedGeocoder:
    """A geopy geocoder behind geopy's `RateLimiter`, with the `geocode` method
    `MatchService` and `VenueLocator` call. Failures are raised, not retried: the caller
    falls back to offline answers instead of holding the database worker."""

    def __init__(self, geocoder: Any, name: str, **fixed: Any) -> None:
        from geopy.extra.rate_limiter import RateLimiter

        self.geocoder = geocoder
        self.name = name
        self.limiter = RateLimiter(
            partial(geocoder.geocode, **fixed),
            min_delay_seconds=MIN_DELAY_SECONDS,
            max_retries=0,
            swallow_exceptions=False,
        )

    def geocode(self, query: str, *args: Any, **kwargs: Any) -> Any:
        return self.limiter(query, *args, **kwargs)


def make_geocoder(settings: Mapping[str, str] | None = None) -> RateLimitedGeocoder | None:
    """The configured online geocoder, or None (the default: everything stays offline).

    `settings` defaults to the environment. An unknown geocoder name is logged and ignored,
    so a typo never stops the app from starting."""
    settings = os.environ if settings is None else settings
    name = settings.get(GEOCODER_SETTING, "").strip().lower()
    if name in OFF:
        return None
    if name != "nominatim":
        log.warning(
            '%s=%r is not a geocoder Navigator knows (try "nominatim"); postcodes '
            "are placed offline only",
            GEOCODER_SETTING,
            name,
        )
        return None
    from geopy.geocoders import Nominatim

    nominatim = Nominatim(
        user_agent=user_agent(settings.get(CONTACT_SETTING)), timeout=TIMEOUT_SECONDS
    )
    return RateLimitedGeocoder(nominatim, "nominatim", country_codes="gb")


@dataclass(frozen=True, slots=True)
class VenueLocation:
    lat: float
    lon: float
    precision: LocationPrecision
    approximate: bool
    area: str  # what the point stands for: the postcode, or the sector or district

    def describe(self) -> str:
        """A sentence to show under the map position."""
        if self.approximate:
            return f"Approximate: the middle of {self.area} (no exact match)"
        return "Position from the postcode"


class VenueLocationError(ValueError):
    """A postcode that cannot be placed; the message is a sentence for the editor."""


class VenueLocator:
    """Turns a venue's postcode into a map position; see the module's docstring.

    `postcodes` gives the current offline index (e.g. `lambda:
    match_service.snapshot().postcodes`); `cached` and `cache` are the repository's geocode
    cache methods; `geocoder` is optional (None: offline only); `areas` are the sector and
    district centres (the composition root passes `PostcodeAreas.bundled()`; None: the
    directory's own venues only)."""

    def __init__(
        self,
        postcodes: Callable[[], PostcodeIndex],
        *,
        cached: CachedPostcode,
        cache: CachePostcode,
        geocoder: Geocoder | None = None,
        geocoder_name: str | None = None,
        areas: PostcodeAreas | None = None,
    ) -> None:
        self._postcodes = postcodes
        self._areas = areas if areas is not None else PostcodeAreas.none()
        self._cached = cached
        self._cache = cache
        self._geocoder = geocoder
        self._geocoder_name = str(geocoder_name or getattr(geocoder, "name", "geocoder"))

    @property
    def online(self) -> bool:
        return self._geocoder is not None

    def locate(self, postcode: str) -> VenueLocation:
        tidy = normalise_postcode(postcode)
        if tidy is None:
            raise VenueLocationError(
                f'"{postcode.strip()}" is not a full UK postcode, '
                'so it cannot be placed (e.g. "N7 6PA")'
            )
        index = self._postcodes()
        found = index.resolve(tidy)
        if found is not None and found.precision == "postcode":
            return _location(found.point.lat, found.point.lon, "postcode", tidy)
        cached = self._cached(tidy)
        if cached is not None:
            return _location(cached[0], cached[1], "geocoder", tidy)
        failure = None
        if self._geocoder is not None:
            try:
                point = self._ask_geocoder(tidy)
            except Exception as error:
                log.info("online lookup of %s failed: %s", tidy, error)
                failure = error
            else:
                if point is not None:
                    return _location(point[0], point[1], "geocoder", tidy)
        sector, district = self._areas.centres_for(tidy)
        if sector is not None:
            return _location(sector.point.lat, sector.point.lon, "sector", sector.area)
        # The directory's own centres only where the bundled areas lack the sector or
        # district (Northern Ireland; a sector newer than the data).
        if found is not None and (found.precision == "sector" or district is None):
            area = tidy[:-2] if found.precision == "sector" else tidy.split(" ")[0]
            return _location(found.point.lat, found.point.lon, found.precision, area)
        if district is not None:
            return _location(district.point.lat, district.point.lon, "district", district.area)
        if self._geocoder is None:
            why = "no known venue nearby and no online lookup set up"
        elif failure is not None:
            why = "no known venue nearby and the online lookup failed (no connection?)"
        else:
            why = "no known venue nearby and the online lookup did not find it"
        raise VenueLocationError(f"{tidy} could not be placed: {why}")

    def _ask_geocoder(self, postcode: str) -> tuple[float, float] | None:
        assert self._geocoder is not None
        place = self._geocoder.geocode(f"{postcode}, United Kingdom", timeout=TIMEOUT_SECONDS)
        if place is None:
            return None
        lat, lon = float(place.latitude), float(place.longitude)
        if not in_uk(lat, lon):
            log.info("online lookup put %s at %s, %s, outside the UK: ignored", postcode, lat, lon)
            return None
        self._cache(postcode, lat, lon, self._geocoder_name)
        return lat, lon


def _location(lat: float, lon: float, precision: LocationPrecision, area: str) -> VenueLocation:
    # Six decimals is about 10 cm: enough for a venue, and short in the editor.
    return VenueLocation(
        round(lat, 6), round(lon, 6), precision, precision in ("sector", "district"), area
    )
