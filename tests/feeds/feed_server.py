"""A real HTTP server on 127.0.0.1 serving an invented council's Open Referral feed, for the
fetch, sync and command tests and the sync benchmark.

Each path has a list of `Reply`s: a request takes the first, and the last one stays (so
`[Reply(status=500), page]` is a failure then success). `page_*` helpers build pages in the
published shapes (ORUK 3.0 `contents` / `total_pages`; ORUK 1.0 `content` / `totalPages` /
`number`), holding records made by `service`. Every name, phone and place is invented.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

JSON = "application/json"


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # bytes as they are; anything else sent as JSON
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = JSON
    delay: float = 0.0  # seconds of silence before answering (a slow server)
    trickle: float = 0.0  # seconds between the body's bytes, sent one at a time

    def encoded(self) -> bytes:
        if isinstance(self.body, bytes):
            return self.body
        if self.body is None:
            return b""
        return json.dumps(self.body).encode()


@dataclass(frozen=True)
class Seen:
    """One request the server answered."""

    path: str
    query: dict[str, str]
    headers: dict[str, str]


# A route either holds replies in order, or is a function of the request's query.
Route = list[Reply] | Callable[[dict[str, str], dict[str, str]], Reply]


class FeedServer:
    """`base` is the feed's address (http://127.0.0.1:PORT/oruk); `routes` maps a path
    ("/oruk/services?page=2", or "/oruk/services/svc-1") to its replies."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as councils' servers do

            def do_GET(self) -> None:
                server._answer(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet tests

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/oruk"
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def serve(self, path: str, *replies: Reply) -> None:
        self.routes[path] = list(replies)

    def serve_pages(self, pages: list[Any], *, path: str = "/oruk/services") -> None:
        """Page n (counting from 1) answers `?page=n`; pages past the end are empty lists."""
        for number, body in enumerate(pages, start=1):
            self.serve(f"{path}?page={number}", Reply(body=body))

    def requests_to(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(handler.path)
        query = dict(parse_qsl(parts.query))
        headers = {k.lower(): v for k, v in handler.headers.items()}
        with self._lock:
            self.seen.append(Seen(parts.path, query, headers))
            reply = self._reply_for(parts.path, query, headers)
        if reply.delay:
            time.sleep(reply.delay)
        body = reply.encoded()
        try:
            handler.send_response(reply.status)
            if reply.content_type is not None and reply.status != 304:
                handler.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                handler.send_header(name, value)
            if "Content-Length" not in reply.headers and reply.status != 304:
                handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            if reply.status != 304 and reply.trickle:
                for byte in body:
                    handler.wfile.write(bytes([byte]))
                    handler.wfile.flush()
                    time.sleep(reply.trickle)
            elif reply.status != 304:
                handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def _reply_for(self, path: str, query: dict[str, str], headers: dict[str, str]) -> Reply:
        page = query.get("page")
        route = self.routes.get(f"{path}?page={page}") if page is not None else None
        if route is None:
            route = self.routes.get(path)
        if route is None:
            if page is not None and path.endswith("/services"):
                return Reply(body=page_3([], int(page), 0, 0))  # past the end: empty
            return Reply(status=404, body={"error": "not found"})
        if callable(route):
            return route(query, headers)
        return route.pop(0) if len(route) > 1 else route[0]


def running_server() -> Iterator[FeedServer]:
    """For a fixture: a server, closed afterwards."""
    server = FeedServer()
    try:
        yield server
    finally:
        server.close()


# Pages in the published shapes -------------------------------------------------------------


def page_3(items: list[Any], number: int, total_pages: int, total_items: int) -> dict[str, Any]:
    """An ORUK 3.0 `/services` page (as the UK profile's service_list and real feeds)."""
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": number,
        "size": len(items),
        "first_page": number == 1,
        "last_page": number >= total_pages,
        "empty": not items,
        "contents": items,
    }


def page_1(items: list[Any], number: int, total_pages: int, total_items: int) -> dict[str, Any]:
    """An ORUK 1.0 (Spring / Outpost) page; `number` as the server counts."""
    return {
        "totalElements": total_items,
        "totalPages": total_pages,
        "number": number,
        "size": len(items),
        "first": number == 1,
        "last": number >= total_pages,
        "empty": not items,
        "content": items,
    }


def paged(
    records: list[dict[str, Any]], per_page: int, shape: Callable[..., dict[str, Any]] = page_3
) -> list[dict[str, Any]]:
    chunks = [records[i : i + per_page] for i in range(0, len(records), per_page)] or [[]]
    return [shape(chunk, n, len(chunks), len(records)) for n, chunk in enumerate(chunks, 1)]


def service(number: int, *, name: str | None = None, day: str = "TU", **extra: Any) -> dict:
    """A full ORUK 3.0 service: a weekly session at a place, free. Invented throughout."""
    record: dict[str, Any] = {
        "id": f"svc-{number}",
        "name": name or f"Northmere walking group {number}",
        "description": "A gentle walk by the river for anyone who wants company.",
        "status": "active",
        "organization": {"id": f"org-{number}", "name": "Northmere Walkers"},
        "contacts": [{"phones": [{"number": f"01632 96{number % 10000:04d}"}]}],
        "schedules": [
            {
                "freq": "WEEKLY",
                "byday": day,
                "opens_at": "10:00",
                "closes_at": "11:30",
            }
        ],
        "cost_options": [{"amount": 0, "option": "Free"}],
        "service_at_locations": [
            {
                "location": {
                    "name": "Mill Lane hall",
                    "latitude": 51.5531,
                    "longitude": -0.1128,
                    "addresses": [
                        {
                            "address_1": f"{number} Mill Lane",
                            "city": "Northmere",
                            "postal_code": "N7 6PA",
                        }
                    ],
                }
            }
        ],
    }
    record.update(extra)
    return record


def summary(record: dict[str, Any]) -> dict[str, Any]:
    """The list item a summary-only server shows for a service (no places, times or costs)."""
    keep = ("id", "name", "description", "status", "organization")
    return {k: record[k] for k in keep if k in record}
