"""Fetching a council's feed politely from a real HTTP server on 127.0.0.1 (issue 15, item 1).

The server serves pages written here in the published shapes (ORUK 3.0 `contents` /
`total_pages`, ORUK 1.0 `content` / `totalPages` / `number`, a bare list), with invented
services. Waits go through `FakeClock`, so backoff and delays are checked, never slept.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import socket
from typing import Any

import pytest

from navigator import __version__
from navigator.services.feed_fetch import (
    FeedFetcher,
    FetchResult,
    activities_from,
    services_url,
    with_query,
)
from navigator.services.feed_http import FeedFetchError, FetchCancelled, FetchSettings
from tests.conftest import SHARED
from tests.feeds.conftest import FakeClock
from tests.feeds.feed_server import (
    FeedServer,
    Reply,
    page_1,
    page_3,
    paged,
    service,
    summary,
)

SERVICES = "/oruk/services"
FIXTURES = SHARED / "data" / "oruk" / "uk-feed-fixtures"
BRISTOL_PAGE = FIXTURES / "bristol-services-page1.json"
BRISTOL_ONE = FIXTURES / "bristol-service-1625ip.json"


def fetcher(clock: FakeClock, **settings: Any) -> FeedFetcher:
    chosen: dict[str, Any] = {"delay_seconds": 1.0, "per_page": 2, "contact": "ops@example.org"}
    chosen.update(settings)
    return FeedFetcher(FetchSettings(**chosen), clock=clock)


def ids(result: FetchResult) -> list[str]:
    return [r["id"] for r in result.records]


def fails(clock: FakeClock, server: FeedServer, **settings: Any) -> str:
    """The one line a fetch fails with."""
    with pytest.raises(FeedFetchError) as caught:
        fetcher(clock, **settings).fetch(server.base)
    line = str(caught.value)
    assert "\n" not in line and line
    return line


# Paging ---------------------------------------------------------------------------------------


def test_every_page_of_an_oruk_3_feed_is_read_one_request_at_a_time(
    server: FeedServer, clock: FakeClock
) -> None:
    server.serve_pages(paged([service(n) for n in range(1, 6)], 2))
    seen: list[tuple[int, int | None]] = []

    result = fetcher(clock).fetch(
        server.base, progress=lambda done, total: seen.append((done, total))
    )

    assert ids(result) == [f"svc-{n}" for n in range(1, 6)]
    assert result.complete and not result.not_modified and result.pages == 3
    asked = server.requests_to(SERVICES)
    assert [r.query for r in asked] == [{"page": str(n), "per_page": "2"} for n in (1, 2, 3)]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    # The settable delay comes between requests, not before the first.
    assert clock.slept and clock.total == pytest.approx(2 * 1.0)
    agent = asked[0].headers["user-agent"]
    assert agent.startswith(f"Navigator/{__version__} ") and "ops@example.org" in agent


def test_the_user_agent_names_where_to_set_a_contact_until_one_is_set(
    server: FeedServer, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NAVIGATOR_FEED_CONTACT", raising=False)
    server.serve_pages(paged([service(1)], 2))
    fetcher(clock, contact=None).fetch(server.base)
    assert "NAVIGATOR_FEED_CONTACT" in server.seen[0].headers["user-agent"]


def test_an_oruk_1_feed_counting_pages_from_zero_is_read_whole(
    server: FeedServer, clock: FakeClock
) -> None:
    # Spring counts from 0: asked for page 1, it serves its second page (first: false).
    records = [service(n) for n in range(1, 6)]
    pages = [page_1(records[i : i + 2], i // 2, 3, 5) for i in (0, 2, 4)]
    for page in pages:
        page["first"], page["last"] = page["number"] == 0, page["number"] == 2
    server.serve(f"{SERVICES}?page=0", Reply(body=pages[0]))
    server.serve(f"{SERVICES}?page=1", Reply(body=pages[1]))
    server.serve(f"{SERVICES}?page=2", Reply(body=pages[2]))

    result = fetcher(clock).fetch(server.base)

    assert sorted(ids(result)) == sorted(f"svc-{n}" for n in range(1, 6))
    assert result.complete


def test_a_bare_list_is_walked_until_an_empty_page(server: FeedServer, clock: FakeClock) -> None:
    server.serve_pages([[service(1), service(2)], [service(3)], []])
    result = fetcher(clock).fetch(server.base)
    assert ids(result) == ["svc-1", "svc-2", "svc-3"] and result.complete


def test_a_server_that_ignores_the_page_is_read_once(server: FeedServer, clock: FakeClock) -> None:
    server.serve(SERVICES, Reply(body=[service(1), service(2), service(3)]))
    result = fetcher(clock).fetch(server.base)
    assert ids(result) == ["svc-1", "svc-2", "svc-3"] and result.complete
    assert len(server.requests_to(SERVICES)) == 2  # the second page repeated the first: stop


def test_a_page_count_that_lies_stops_at_the_empty_page(
    server: FeedServer, clock: FakeClock
) -> None:
    records = [service(n) for n in range(1, 5)]
    # Says 10 pages, but page 3 is empty; the count of services (4) is right.
    server.serve_pages([page_3(records[0:2], 1, 10, 4), page_3(records[2:4], 2, 10, 4)])
    result = fetcher(clock).fetch(server.base)
    assert ids(result) == [f"svc-{n}" for n in range(1, 5)]
    assert result.complete and any("Page 3 was empty" in note for note in result.notes)
    assert len(server.requests_to(SERVICES)) == 3


def test_fewer_services_than_the_feed_says_is_not_the_whole_feed(
    server: FeedServer, clock: FakeClock
) -> None:
    server.serve_pages([page_3([service(1), service(2)], 1, 5, 10)])
    result = fetcher(clock).fetch(server.base)
    assert ids(result) == ["svc-1", "svc-2"]
    assert not result.complete  # so no entry is taken to have left the feed
    assert any("10 services" in note for note in result.notes)


def test_pages_are_capped(server: FeedServer, clock: FakeClock) -> None:
    # A feed that never ends: every page new services, never "last".
    server.routes[SERVICES] = lambda query, headers: Reply(
        body=[service(int(query["page"]) * 10 + k) for k in range(2)]
    )
    result = fetcher(clock, max_pages=4).fetch(server.base)
    assert result.pages == 4 and len(result.records) == 8
    assert not result.complete and any("4 pages" in note for note in result.notes)


def test_a_summary_only_list_is_read_again_service_by_service(
    server: FeedServer, clock: FakeClock
) -> None:
    full = [service(n) for n in range(1, 4)]
    server.serve_pages(paged([summary(r) for r in full], 3))
    for record in full[:2]:
        server.serve(f"{SERVICES}/{record['id']}", Reply(body=record))
    # svc-3 has gone between the list and its details: 404.
    seen: list[tuple[int, int | None]] = []

    result = fetcher(clock).fetch(server.base, progress=lambda d, t: seen.append((d, t)))

    assert ids(result) == ["svc-1", "svc-2"]
    assert result.records[0]["schedules"] == full[0]["schedules"]
    assert result.complete and any("gone" in note for note in result.notes)
    assert seen[-1] == (4, 4)  # one page and three services
    activities = activities_from(result.records, "northmere").activities
    assert [a.sessions != () for a in activities] == [True, True]


def test_a_full_list_needs_no_detail_calls(server: FeedServer, clock: FakeClock) -> None:
    server.serve_pages(paged([service(1), service(2)], 2))
    fetcher(clock).fetch(server.base)
    assert [s.path for s in server.seen] == [SERVICES]


def test_the_real_bristol_list_is_summary_only_so_each_service_is_read_whole(
    server: FeedServer, clock: FakeClock
) -> None:
    """The published Bristol page (ORUK 3.0, read from the shared data, not copied): its
    items have no places, times or contacts, so each is read from /services/{id}."""
    page = json.loads(BRISTOL_PAGE.read_text(encoding="utf-8-sig"))
    detail = json.loads(BRISTOL_ONE.read_text(encoding="utf-8-sig"))
    server.serve(f"{SERVICES}?page=1", Reply(body=page))  # page 2 is empty: the count lies
    server.serve(f"{SERVICES}/{detail['id']}", Reply(body=detail))  # the others: 404, gone

    result = fetcher(clock).fetch(server.base)

    assert ids(result) == [detail["id"]]
    assert result.records[0]["contacts"] == detail["contacts"]
    assert not result.complete  # 874 services said, 3 listed: none taken to have left
    read = activities_from(result.records, "bristol")
    assert [a.source.external_id for a in read.activities if a.source] == [detail["id"]]


# Politeness -----------------------------------------------------------------------------------


def test_a_slow_server_is_left_at_least_as_long_as_it_took_over_its_last_page(
    server: FeedServer, clock: FakeClock
) -> None:
    pages = paged([service(n) for n in range(1, 5)], 2)
    server.serve(f"{SERVICES}?page=1", Reply(body=pages[0], delay=0.3))
    server.serve(f"{SERVICES}?page=2", Reply(body=pages[1]))

    result = fetcher(clock, delay_seconds=0.1).fetch(server.base)

    assert ids(result) == ["svc-1", "svc-2", "svc-3", "svc-4"]
    # Page 1 took the server 0.3 s or more: more than the 0.1 s delay, so that is the gap.
    assert clock.total >= 0.3


def test_reading_a_page_counts_towards_the_gap_before_the_next(
    server: FeedServer, clock: FakeClock
) -> None:
    server.serve_pages(paged([service(n) for n in range(1, 6)], 2))

    def busy(done: int, total: int | None) -> None:
        clock.current += dt.timedelta(seconds=0.6)  # reading each page takes 0.6 s

    fetcher(clock, delay_seconds=1.0).fetch(server.base, progress=busy)

    # Three pages, two gaps of 1 s, 0.6 s of each spent reading: 0.4 s waited each time.
    assert clock.total == pytest.approx(2 * 0.4)


def test_a_server_refusing_the_page_size_asked_is_read_at_its_own(
    server: FeedServer, clock: FakeClock
) -> None:
    records = [service(n) for n in range(1, 4)]

    def strict(query: dict[str, str], headers: dict[str, str]) -> Reply:
        if "per_page" in query:  # as an API with a lower cap may answer
            return Reply(status=400, body={"error": "per_page must be at most 1"})
        number = int(query["page"])
        return Reply(body=page_3(records[number - 1 : number], number, 3, 3))

    server.routes[SERVICES] = strict

    result = fetcher(clock, per_page=500).fetch(server.base)

    assert ids(result) == ["svc-1", "svc-2", "svc-3"] and result.complete
    asked = [r.query for r in server.requests_to(SERVICES)]
    assert asked == [{"page": "1", "per_page": "500"}] + [{"page": str(n)} for n in (1, 2, 3)]


def test_a_500_is_retried_after_a_backoff(server: FeedServer, clock: FakeClock) -> None:
    good = page_3([service(1)], 1, 1, 1)
    server.serve(f"{SERVICES}?page=1", Reply(status=500), Reply(status=503), Reply(body=good))
    result = fetcher(clock, backoff_seconds=2.0).fetch(server.base)
    assert ids(result) == ["svc-1"]
    assert len(server.requests_to(SERVICES)) == 3
    # Exponential: 2 s then 4 s, each after the 1 s delay between requests.
    assert clock.total == pytest.approx(2 + 4 + 1 + 1)


def test_a_connection_broken_off_mid_answer_is_tried_again(
    server: FeedServer, clock: FakeClock
) -> None:
    good = page_3([service(1)], 1, 1, 1)
    # Promises 5,000 bytes, sends a few and hangs up.
    cut = Reply(body=b'{"contents": [', headers={"Content-Length": "5000", "Connection": "close"})
    server.serve(f"{SERVICES}?page=1", cut, Reply(body=good))
    assert ids(fetcher(clock).fetch(server.base)) == ["svc-1"]
    assert len(server.requests_to(SERVICES)) == 2

    server.serve(f"{SERVICES}?page=1", cut)
    line = fails(clock, server, retries=1)
    assert "broke off during page 1" in line and "2 tries" in line


def test_a_server_that_keeps_failing_is_named_in_one_line(
    server: FeedServer, clock: FakeClock
) -> None:
    server.serve(f"{SERVICES}?page=1", Reply(status=502))
    line = fails(clock, server, retries=2)
    assert "502 Bad Gateway" in line and "3 tries" in line and "127.0.0.1" in line
    assert len(server.requests_to(SERVICES)) == 3


def test_a_429_waits_as_long_as_retry_after_says(server: FeedServer, clock: FakeClock) -> None:
    good = page_3([service(1)], 1, 1, 1)
    server.serve(
        f"{SERVICES}?page=1", Reply(status=429, headers={"Retry-After": "7"}), Reply(body=good)
    )
    assert ids(fetcher(clock, delay_seconds=0.0).fetch(server.base)) == ["svc-1"]
    assert clock.total == pytest.approx(7)


def test_retry_after_as_an_http_date(server: FeedServer, clock: FakeClock) -> None:
    when = email.utils.format_datetime(clock.now() + dt.timedelta(seconds=30), usegmt=True)
    good = page_3([service(1)], 1, 1, 1)
    server.serve(
        f"{SERVICES}?page=1", Reply(status=429, headers={"Retry-After": when}), Reply(body=good)
    )
    fetcher(clock, delay_seconds=0.0).fetch(server.base)
    assert clock.total == pytest.approx(30)


def test_a_retry_after_past_the_cap_is_not_waited_for(server: FeedServer, clock: FakeClock) -> None:
    server.serve(f"{SERVICES}?page=1", Reply(status=429, headers={"Retry-After": "3600"}))
    line = fails(clock, server, max_wait_seconds=120)
    assert "wait 60 minutes" in line and "try again later" in line
    assert clock.total == 0


def test_an_unchanged_feed_answers_304_on_the_second_sync(
    server: FeedServer, clock: FakeClock
) -> None:
    page = page_3([service(1)], 1, 1, 1)
    stamp = "Wed, 02 Dec 2026 09:00:00 GMT"

    def first_page(query: dict[str, str], headers: dict[str, str]) -> Reply:
        if headers.get("if-none-match") == '"v1"':
            return Reply(status=304, content_type=None)
        return Reply(body=page, headers={"ETag": '"v1"', "Last-Modified": stamp})

    server.routes[SERVICES] = first_page
    first = fetcher(clock).fetch(server.base)
    assert first.etag == '"v1"' and first.last_modified == stamp and not first.not_modified

    again = fetcher(clock).fetch(server.base, etag=first.etag, last_modified=first.last_modified)

    assert again.not_modified and again.records == () and again.requests == 1
    assert server.seen[-1].headers["if-modified-since"] == stamp


# Refusals: each one line ----------------------------------------------------------------------


def test_a_truncated_page_is_refused(server: FeedServer, clock: FakeClock) -> None:
    server.serve(f"{SERVICES}?page=1", Reply(body=b'{"contents": [{"id": "svc-1", "na'))
    line = fails(clock, server)
    assert "page 1" in line and "not valid JSON" in line and "cut short" in line


def test_a_slow_server_past_the_timeout(server: FeedServer, clock: FakeClock) -> None:
    server.serve(f"{SERVICES}?page=1", Reply(body=page_3([], 1, 1, 0), delay=1.5))
    line = fails(clock, server, read_timeout=0.2, retries=1)
    assert "did not answer page 1 within 0.2 s" in line
    assert len(server.requests_to(SERVICES)) == 2  # tried again once, after a backoff


def test_a_server_trickling_its_answer_is_given_up_on(server: FeedServer, clock: FakeClock) -> None:
    # Never silent for the read timeout, but 40 bytes a second would take all day.
    server.serve(f"{SERVICES}?page=1", Reply(body=page_3([service(1)], 1, 1, 1), trickle=0.025))
    line = fails(clock, server, read_timeout=5, max_answer_seconds=0.5)
    assert "took more than 0.5 s to send page 1" in line


def test_the_wrong_content_type_is_refused(server: FeedServer, clock: FakeClock) -> None:
    server.serve(
        f"{SERVICES}?page=1", Reply(body=b"<html>Directory</html>", content_type="text/html")
    )
    line = fails(clock, server)
    assert "text/html, not JSON" in line


def test_a_redirect_to_another_host_is_refused(server: FeedServer, clock: FakeClock) -> None:
    elsewhere = f"http://localhost:{server.port}/oruk/services?page=1"
    server.serve(f"{SERVICES}?page=1", Reply(status=302, headers={"Location": elsewhere}))
    line = fails(clock, server)
    assert "another host, localhost: not followed" in line
    assert len(server.seen) == 1  # the other host was never asked


def test_a_redirect_within_the_host_is_followed(server: FeedServer, clock: FakeClock) -> None:
    server.serve(
        f"{SERVICES}?page=1", Reply(status=301, headers={"Location": "/v2/services?page=1"})
    )
    server.serve("/v2/services", Reply(body=page_3([service(1)], 1, 1, 1)))
    assert ids(fetcher(clock).fetch(server.base)) == ["svc-1"]


def test_a_page_past_the_byte_cap_is_refused(server: FeedServer, clock: FakeClock) -> None:
    server.serve_pages(paged([service(n) for n in range(1, 3)], 2))
    line = fails(clock, server, max_page_bytes=500)
    assert "larger than" in line and "127.0.0.1" in line


def test_a_wrong_address_is_named(server: FeedServer, clock: FakeClock) -> None:
    server.serve(f"{SERVICES}?page=1", Reply(status=404, body={"error": "no"}))
    assert "404 Not Found to page 1: is this the feed's address?" in fails(clock, server)


def test_offline_says_it_could_not_reach_the_host(clock: FakeClock) -> None:
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    with pytest.raises(FeedFetchError) as caught:
        fetcher(clock).fetch(f"http://127.0.0.1:{port}/oruk")
    assert str(caught.value).startswith("could not reach 127.0.0.1: ")
    assert clock.total == 0  # offline is said at once, not after retries


def test_a_cancel_stops_the_walk(server: FeedServer, clock: FakeClock) -> None:
    server.serve_pages(paged([service(n) for n in range(1, 6)], 2))
    pages_done: list[int] = []
    with pytest.raises(FetchCancelled) as caught:
        fetcher(clock).fetch(
            server.base,
            progress=lambda done, total: pages_done.append(done),
            cancel=lambda: bool(pages_done),
        )
    assert "cancelled" in str(caught.value)
    assert len(server.requests_to(SERVICES)) == 1


# Addresses and records ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://x.example/o/v3", "https://x.example/o/v3/services"),
        ("https://x.example/o/v3/", "https://x.example/o/v3/services"),
        ("https://x.example/api/services", "https://x.example/api/services"),
        ("https://x.example/api?key=abc", "https://x.example/api/services?key=abc"),
    ],
)
def test_the_services_endpoint_from_the_feed_address(given: str, expected: str) -> None:
    assert services_url(given) == expected


def test_the_page_query_keeps_the_address_own_parameters() -> None:
    assert with_query("https://x.example/s?key=a&page=9", page=2, per_page=50) == (
        "https://x.example/s?key=a&page=2&per_page=50"
    )


def test_fetched_records_become_activities_of_the_feed() -> None:
    result = activities_from((service(1), service(2)), "northmere")
    sources = [a.source for a in result.activities]
    assert [(s.feed, s.external_id) for s in sources if s] == [
        ("northmere", "svc-1"),
        ("northmere", "svc-2"),
    ]


@pytest.mark.parametrize("text", ["²", "٣", "9" * 5000, "", "12a", " "])
def test_a_number_a_server_sends_in_odd_digits_is_not_read_as_one(text: str) -> None:
    # str.isdigit() accepts "²" and Arabic-Indic digits, which int() refuses or reads
    # differently; 5,000 digits would make int() raise. None of them may crash a sync.
    from navigator.services.feed_fetch import _whole

    assert _whole(text) is None


def test_a_plain_page_count_is_read() -> None:
    from navigator.services.feed_fetch import _whole

    assert _whole(" 12 ") == 12
