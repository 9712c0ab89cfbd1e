"""What an ORUK service costs: a price and its unit from cost options or a `fees` text."""

from __future__ import annotations

import re
from typing import Any, Literal

from navigator.domain.directory import Cost, CostUnit
from navigator.formats.oruk.record import RecordReader, dicts_of, number_of, truthy
from navigator.formats.reading import MAX_TEXT_CHARS, quote
from navigator.formats.units import UNIT_WORDS

# As in the native file: above this a "price" is a slip (or a 400-digit number), not a price.
MAX_PRICE_GBP = 100_000
_FREE_TEXT = re.compile(
    r"(it'?s |this is |the service is )?(free|no charge|free of charge)\.?", re.IGNORECASE
)
_FREE_WORD = re.compile(r"\bfree\b", re.IGNORECASE)
# What a price is for, from the words beside it ("£40 per term", "annual membership £12").
# "per 1 hour session" is a session's price: the unit is the last word of a "per ..." phrase.
_PER_UNIT = re.compile(
    r"(?:\b(?:per|a|an|each|every)\s+|/\s*)(?:\d+\s*)?(?:[a-z-]+\s+)?"
    r"(session|class|visit|game|lesson|meeting|hour|hr|week|month|term|"
    r"year|annum|course)s?\b",
    re.IGNORECASE,
)
_UNIT_ADJECTIVES = re.compile(
    r"\b(annual(?:ly)?|yearly|monthly|pcm|weekly|termly|hourly|one[- ]off|once only|"
    r"single payment|joining fee|registration fee|course fee|whole course|full course)\b",
    re.IGNORECASE,
)
# Words that say a price is not for one visit, without saying what it is for.
_NOT_PER_VISIT = re.compile(
    r"\b(membership|subscription|deposit|package|block|bundle)\b", re.IGNORECASE
)
_POUNDS = re.compile(r"£\s*([0-9]+(?:\.[0-9]{1,2})?)")


def cost_unit(words: str) -> tuple[CostUnit | None, bool]:
    """The unit the words give a price, and whether they say it is not a per-visit price
    without naming a unit ("Membership")."""
    match = _PER_UNIT.search(words)
    if match:
        return UNIT_WORDS[match.group(1).casefold()], False
    match = _UNIT_ADJECTIVES.search(words)
    if match:
        return UNIT_WORDS[match.group(1).casefold()], False
    return None, _NOT_PER_VISIT.search(words) is not None


class MoneyReading(RecordReader):
    """The money part of `ServiceReader`."""

    def _cost(self) -> Cost | None:
        cost = self._our_cost() if self.ours else self._feed_cost()
        if cost is not None:
            self.stated.add("cost")
        return cost

    def _our_cost(self) -> Cost | None:
        options = dicts_of(self.d.get("cost_options"))
        if not options:
            return None
        first = options[0]
        notes = self.text(first, "amount_description", limit=MAX_TEXT_CHARS) or ""
        amount = number_of(first.get("amount"))
        if amount is not None and not 0 <= amount <= MAX_PRICE_GBP:
            self.cautions.append(
                f"cost amount {quote(first.get('amount'))} is not a price; left out"
            )
            amount = None
        unit = self.choice("cost.unit", CostUnit)
        concessions = bool(self.flag("cost.concessions"))
        free_taster = bool(self.flag("cost.free_taster"))
        if unit is None:
            return Cost(amount, concessions, free_taster, notes)
        per_session = amount if unit is CostUnit.SESSION or amount == 0 else None
        if "cost.per_session_gbp" in self.attrs:  # a per-session figure set apart
            per_session = number_of(self.attr("cost.per_session_gbp"))
        return Cost(per_session, concessions, free_taster, notes, amount, unit)

    def _feed_cost(self) -> Cost | None:
        """The price as published, with its unit. Of several options, the per-session ones
        win (they are what matching compares); among them the highest price is the one
        everyone can count on, and lower ones mean concessions."""
        options = dicts_of(self.d.get("cost_options"))
        notes = "; ".join(n for n in (self._option_text(o) for o in options) if n)
        by_unit: dict[CostUnit | None, list[float]] = {}
        unknown_unit = 0
        for option in options:
            amount = self._amount(option)
            if amount is None:
                continue
            unit = self._option_unit(option, amount)
            if unit is False:
                unknown_unit += 1
                continue
            by_unit.setdefault(unit, []).append(amount)
        if unknown_unit:
            prices = (
                "1 price did not say what it is"
                if unknown_unit == 1
                else f"{unknown_unit} prices did not say what they are"
            )
            self.cautions.append(
                f"{prices} for; kept in the cost notes, not as a per-session price"
            )
            self.left_out.add("cost_options")
        if by_unit:
            units = [u for u in by_unit if u is not None]
            unit = CostUnit.SESSION if CostUnit.SESSION in units else (units[0] if units else None)
            # Free options beside a price are concessions ("free for under 5s").
            amounts = sorted(set(by_unit.get(unit, ())) | set(by_unit.get(None, ())))
            if len(units) > 1:
                self.left_out.add("cost_options")  # prices in a second unit
                self.cautions.append(
                    f"prices in more than one unit; the {unit} price was "
                    "kept, the rest are in the cost notes"
                )
            top = amounts[-1]
            concessions = len(amounts) > 1
            if unit is None or top == 0:  # free
                return Cost(0.0, concessions=concessions, notes=notes[:MAX_TEXT_CHARS])
            per_session = top if unit is CostUnit.SESSION else None
            return Cost(
                per_session,
                concessions=concessions,
                notes=notes[:MAX_TEXT_CHARS],
                amount_gbp=top,
                unit=unit,
            )
        fees = (
            self.text(self.d, "fees", limit=MAX_TEXT_CHARS)
            or self.text(self.d, "fees_text", limit=MAX_TEXT_CHARS)
            or ""
        )
        if truthy(self.d.get("free")) or _FREE_TEXT.fullmatch(fees):  # Outpost: free: true
            return Cost(0.0, notes=fees or notes[:MAX_TEXT_CHARS])
        if fees:
            cost = self._fees_cost(fees)
            if cost is None:  # "£2.50, £1 concessions", "donation": the price unknown, the
                # words kept, and a stated cost, so "free" is never guessed over them
                self.cautions.append(
                    f"fees {quote(fees[:80])} give no single price with its "
                    "unit; kept in the cost notes, the price not known"
                )
                return Cost(None, notes=fees)
            return cost
        if notes:  # options with words but no price: the words are kept, the price unknown
            return Cost(None, notes=notes[:MAX_TEXT_CHARS])
        return None

    def _fees_cost(self, fees: str) -> Cost | None:
        """A `fees` text with exactly one price and a unit ("£3 per session")."""
        prices = _POUNDS.findall(fees)
        if len(prices) != 1:
            return None
        unit, _ = cost_unit(fees)
        if unit is None:
            return None
        amount = float(prices[0])
        per_session = amount if unit is CostUnit.SESSION or amount == 0 else None
        return Cost(per_session, notes=fees, amount_gbp=amount, unit=unit)

    def _option_unit(
        self, option: dict[str, Any], amount: float
    ) -> CostUnit | Literal[False] | None:
        """The unit of one priced option: a CostUnit, None for free, False when unknown.

        Deciding conservatively: a price whose words name a unit has that unit; a price whose
        words say it is not per visit without naming a unit ("Membership £20") has no unit we
        can use (False: kept in the notes only); any other price, whose words are empty or
        only say who pays ("Adults", "Concessions"), is what a visit costs, which is what an
        ORUK cost option describes, so it is taken as per session.
        """
        if amount == 0:
            return None
        words = " ".join(
            str(option.get(k) or "")[:1000]
            for k in ("option", "amount_description", "cost_type", "unit")
        )
        unit, not_per_visit = cost_unit(words)
        if unit is not None:
            return unit
        return False if not_per_visit else CostUnit.SESSION

    def _amount(self, option: dict[str, Any]) -> float | None:
        amount = number_of(option.get("amount"))
        if amount is not None and 0 <= amount <= MAX_PRICE_GBP:
            return amount
        words = " ".join(
            str(option.get(k) or "")[:1000] for k in ("amount", "option", "amount_description")
        )
        if _FREE_WORD.search(words):
            return 0.0
        if option.get("amount") not in (None, ""):  # "£3", -1, "ask": a price we cannot read
            self.cautions.append(
                f"cost amount {quote(option.get('amount'))} is not a price in pounds; left out"
            )
            self.left_out.add("cost_options")
        return None

    def _option_text(self, option: dict[str, Any]) -> str:
        parts = [self.text(option, k, limit=1000) for k in ("option", "amount_description")]
        amount = number_of(option.get("amount"))
        label = " ".join(p for p in parts if p)
        if amount is None or not label or not 0 <= amount <= MAX_PRICE_GBP:
            return label
        return f"{label}: £{amount:.2f}"
