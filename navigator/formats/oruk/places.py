"""Where an ORUK service runs: its locations read into venues (addresses, postcodes,
positions, step-free access)."""

from __future__ import annotations

from typing import Any

from navigator.domain.directory import Venue
from navigator.domain.postcodes import in_uk, normalise_postcode
from navigator.formats.cleaning import plain_text, step_free_from_text
from navigator.formats.oruk.record import RecordReader, dict_of, dicts_of, number_of
from navigator.formats.reading import MAX_TEXT_CHARS, quote


class PlacesReading(RecordReader):
    """The places part of `ServiceReader`."""

    def _venues(self) -> list[Venue]:
        """Every place the service runs, in the feed's order; the same place listed twice
        (under service_at_locations and locations) counts once."""
        venues: list[Venue] = []
        for index, loc in enumerate(self._locations()):
            if not self.ours and loc.get("location_type") in ("virtual", "postal"):
                continue
            venue = self._venue(loc, index)
            if venue is not None and (self.ours or venue not in venues):
                venues.append(venue)
        return venues

    def _venue(self, loc: dict[str, Any], index: int) -> Venue | None:
        where = "location."
        addresses = dicts_of(loc.get("addresses")) or dicts_of(loc.get("physical_addresses"))
        if not addresses and any(k in loc for k in ("address_1", "postal_code", "city")):
            addresses = [loc]  # ORUK 1.0 / Outpost: the address is on the location itself
        address = next(
            (a for a in addresses if a.get("address_type") != "postal"),
            addresses[0] if addresses else {},
        )
        lat, lon = self._position(loc)
        venue = Venue(
            name=self.text(loc, "name", limit=500, where=where),
            address=self._address(address, index),
            postcode=self._postcode(address),
            lat=lat,
            lon=lon,
            step_free=self._step_free(loc),
            transport_note=self.text(loc, "transportation", limit=MAX_TEXT_CHARS, where=where),
        )
        if not self.ours and venue in (Venue(), Venue(step_free=venue.step_free)):
            return None
        return venue

    def _position(self, loc: dict[str, Any]) -> tuple[float | None, float | None]:
        raw_lat, raw_lon = loc.get("latitude"), loc.get("longitude")
        if raw_lat is None and raw_lon is None:
            # GeoJSON, as Outpost and others give it: coordinates are [longitude, latitude].
            geometry = dict_of(loc.get("geometry"))
            coordinates = geometry.get("coordinates")
            if (
                str(geometry.get("type")).casefold() == "point"
                and isinstance(coordinates, list)
                and len(coordinates) >= 2
            ):
                raw_lon, raw_lat = coordinates[0], coordinates[1]
        lat, lon = number_of(raw_lat), number_of(raw_lon)
        if (
            lat is None
            or lon is None
            or not (-90 <= lat <= 90 and -180 <= lon <= 180)
            or (lat == 0 and lon == 0)
        ):
            if raw_lat is not None or raw_lon is not None:
                self.cautions.append(
                    f"position {quote(raw_lat)}, {quote(raw_lon)} is not a place on Earth; left out"
                )
                self.left_out.add("position")
            return None, None
        if self.ours or in_uk(lat, lon):
            return lat, lon
        if in_uk(lon, lat):  # latitude and longitude the wrong way round, a common slip
            self.cautions.append(
                f"position {lat:g}, {lon:g} is not in the UK but {lon:g}, "
                f"{lat:g} is: read that way round; check it on a map"
            )
            self.position_guessed = True
            return lon, lat
        self.cautions.append(f"position {lat:g}, {lon:g} is outside the UK; left out")
        self.left_out.add("position")
        return None, None

    def _address(self, address: dict[str, Any], index: int) -> str | None:
        where = "address."
        if self.ours:
            label = self._our_venue_label(index)
            if f"{label}.address" in self.attrs.get("none", ()):
                return None
            first = self.text(address, "address_1", limit=1000, where=where)
            city = self.text(address, "city", limit=1000, where=where)
            return f"{first}, {city}" if first and city else first
        parts = [
            self.text(address, key, limit=1000, where=where)
            for key in ("address_1", "address_2", "address_3", "city")
        ]
        return ", ".join(dict.fromkeys(p for p in parts if p)) or None

    def _our_venue_label(self, index: int) -> str:
        if "venue" in self.attrs.get("none", ()):
            return f"more_venues.{index}"
        return "venue" if index == 0 else f"more_venues.{index - 1}"

    def _postcode(self, address: dict[str, Any]) -> str | None:
        raw = address.get("postal_code")
        if not isinstance(raw, str) or not raw.strip():
            return None
        tidy = normalise_postcode(raw[:40])
        if tidy is None:
            self.cautions.append(f"postcode {quote(raw)} is not a UK postcode; left out")
            self.left_out.add("postcode")
        return tidy

    def _step_free(self, loc: dict[str, Any]) -> bool | None:
        texts = []
        for key in ("accessibility", "accessibility_for_disabilities", "accessibilities"):
            for item in dicts_of(loc.get(key)):
                for field in ("description", "details", "accessibility", "name"):
                    if isinstance(item.get(field), str):
                        texts.append(plain_text(item[field][:5000]))
        return step_free_from_text(texts)  # "partial wheelchair access" is not known there
