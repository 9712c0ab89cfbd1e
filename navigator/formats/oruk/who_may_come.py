"""Who an ORUK service is for: ages (stated or in Outpost's age bands), gender,
languages and how to get in (booking)."""

from __future__ import annotations

import re
from typing import Any

from navigator.domain.directory import Booking, Gender
from navigator.formats.cleaning import language_code
from navigator.formats.oruk.record import RecordReader, dicts_of, number_of, truthy
from navigator.formats.reading import quote

# Outpost-style age bands: age_band_under_2, age_band_2_to_4, age_band_5_11, age_band_18_plus,
# age_band_all. Each true band widens the ages; a false one says nothing.
_AGE_BAND = re.compile(
    r"age_band_(?:under_?(\d+)|(\d+)_(?:to_)?(\d+)|(\d+)_?(?:plus|and_over|"
    r"over|up)|(all|any))"
)
_GENDER_VALUES = {
    "female": Gender.WOMEN,
    "women": Gender.WOMEN,
    "woman": Gender.WOMEN,
    "girls": Gender.WOMEN,
    "f": Gender.WOMEN,
    "male": Gender.MEN,
    "men": Gender.MEN,
    "man": Gender.MEN,
    "boys": Gender.MEN,
    "m": Gender.MEN,
    "any": Gender.ANY,
    "all": Gender.ANY,
    "mixed": Gender.ANY,
    "everyone": Gender.ANY,
}


class WhoMayComeReading(RecordReader):
    """The who-may-come part of `ServiceReader`."""

    def _ages(self) -> tuple[int | None, int | None]:
        sources = [self.d, *dicts_of(self.d.get("eligibilitys"))]
        keys_low, keys_high = ("minimum_age", "min_age"), ("maximum_age", "max_age")
        low = next(
            (v for s in sources for k in keys_low if (v := self._age(s, k)) is not None), None
        )
        high = next(
            (v for s in sources for k in keys_high if (v := self._age(s, k)) is not None), None
        )
        if low is None and high is None and not self.ours:
            low, high = self._age_bands()
        if low is not None and high is not None and low > high:
            self.cautions.append(f"minimum age {low} is above maximum age {high}; both left out")
            self.left_out.add("age")
            return None, None
        if low is not None or high is not None:
            self.stated.add("age")
        return low, high

    def _age(self, source: dict[str, Any], key: str) -> int | None:
        raw = source.get(key)
        value = number_of(raw)
        if value == -1 or raw is None or (isinstance(raw, str) and not raw.strip()):
            return None  # -1 is how several feeds say "no limit"
        if value is None or not value.is_integer() or not 0 <= value <= 130:
            self.cautions.append(f"{key} {quote(source.get(key))} is not an age; left out")
            self.left_out.add("age")
            return None
        return int(value)

    def _age_bands(self) -> tuple[int | None, int | None]:
        """The ages the true `age_band_*` fields cover together; (None, None) when none is
        true or one of them is open to all."""
        lows: list[int] = []
        highs: list[int | None] = []
        for key, value in self.d.items():
            if not key.startswith("age_band_") or not truthy(value):
                continue
            match = _AGE_BAND.fullmatch(key)
            if match is None:
                continue
            under, start, end, over, every = match.groups()
            if every:
                return None, None
            if under:
                lows.append(0)
                highs.append(max(int(under) - 1, 0))
            elif start:
                lows.append(int(start))
                highs.append(int(end))
            else:
                lows.append(int(over))
                highs.append(None)
        if not lows:
            return None, None
        high = None if None in highs else max(h for h in highs if h is not None)
        return (min(lows) or None), high

    def _gender(self) -> Gender:
        """Gender only from a field that states it (a gender value, not a sentence);
        sentences ("women only group") are for `apply_guesses`."""
        for source in [self.d, *dicts_of(self.d.get("eligibilitys"))]:
            value = source.get("gender")
            if isinstance(value, str) and value.strip().casefold() in _GENDER_VALUES:
                self.stated.add("gender")
                return _GENDER_VALUES[value.strip().casefold()]
        return Gender.ANY

    def _languages(self) -> tuple[str, ...]:
        codes: list[str] = []
        for item in dicts_of(self.d.get("languages")):
            raw = next(
                (
                    item[k]
                    for k in ("code", "language", "name")
                    if isinstance(item.get(k), str) and item[k].strip()
                ),
                None,
            )
            if raw is None:
                continue
            code = language_code(raw[:100])
            if code is None:
                self.cautions.append(f"language {quote(raw)} is not one we know; left out")
                self.left_out.add("languages")
            else:
                codes.append(code)
        return tuple(dict.fromkeys(codes)) or ("en",)

    def _booking(self) -> Booking | None:
        if truthy(self.d.get("needs_referral")):  # Outpost
            return Booking.REFERRAL
        access = str(self.d.get("attending_access") or "").casefold()  # ORUK 1.0
        return {
            "drop-in": Booking.DROP_IN,
            "referral": Booking.REFERRAL,
            "appointment": Booking.BOOK_AHEAD,
            "membership": Booking.BOOK_AHEAD,
        }.get(access)
