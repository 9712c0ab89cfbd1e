"""Open Referral UK: ORUK 3.0 / HSDS 3.0 and ORUK 1.0 JSON feeds in, ORUK 3.0 JSON out.

Reading accepts a `/services` page (`contents`), an ORUK 1.0 page (`content`, as Outpost and
other Spring-based directories serve it), a plain list of services, or one `/services/{id}`
record. Each service becomes one activity or one rejection with its reason. What a feed
states is kept; what it does not state is guessed by `guessing.apply_guesses` and marked in
`Activity.guessed`; details we cannot express (an odd schedule, a foreign postcode) are left
out, said in a caution and counted by field in `FeedResult.left_out`. See docs/formats.md.

Writing produces a `/services` page whose `contents` are full service records. Fields with
no ORUK home travel as service `attributes` whose taxonomy term belongs to our own taxonomy
`NAMESPACE`, with the field in `term` as `key=value`; reading them back restores the
activity exactly, including its original id.

Where things are: `feed` reads a file or parsed JSON into a `FeedResult`; `service` reads one
service record (`ServiceReader`), built on `record` (its text and loose values) and the parts
`places`, `times`, `costs` and `who_may_come`, with `ours` reading our own export's records
straight; `schedules` holds the RFC 5545 fields both
ways; `write` writes the `/services` page. Every public name is importable from here.
"""

from navigator.formats.oruk.costs import MAX_PRICE_GBP, cost_unit
from navigator.formats.oruk.feed import (
    load_feed_json,
    parse_feed,
    parse_feed_text,
    parse_records,
    read_oruk_file,
)
from navigator.formats.oruk.record import ID_PREFIX, MAX_ID_CHARS, NAMESPACE
from navigator.formats.oruk.schedules import (
    schedule_ended,
    session_to_schedule,
    sessions_from_schedule,
)
from navigator.formats.oruk.service import ServiceReader
from navigator.formats.oruk.write import activity_to_service, directory_to_oruk, write_oruk

__all__ = [
    "ID_PREFIX",
    "MAX_ID_CHARS",
    "MAX_PRICE_GBP",
    "NAMESPACE",
    "ServiceReader",
    "activity_to_service",
    "cost_unit",
    "directory_to_oruk",
    "load_feed_json",
    "parse_feed",
    "parse_feed_text",
    "parse_records",
    "read_oruk_file",
    "schedule_ended",
    "session_to_schedule",
    "sessions_from_schedule",
    "write_oruk",
]
