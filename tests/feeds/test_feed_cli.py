"""`navigator directory feed add|list|sync` end to end: the real command against the local
feed server and an SQLite directory (issue 15). Every refusal is one line on stderr and
changes nothing."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from navigator.cli import main
from navigator.store.database import open_database
from navigator.store.repository import DirectoryRepository
from tests.feeds.feed_server import FeedServer, Reply, page_3, paged, service


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "directory.db"
    open_database(f"sqlite:///{path}").close()  # an empty directory, as after setting up
    return str(path)


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def activity_names(db: str) -> list[str]:
    database = open_database(f"sqlite:///{db}", create=False)
    try:
        return sorted(a.name for a in DirectoryRepository(database).all_activities())
    finally:
        database.close()


def one_line(err: str) -> str:
    assert err.count("\n") == 1 and err.startswith("navigator: "), err
    return err


def test_a_feed_added_is_listed(capsys: pytest.CaptureFixture[str], db: str) -> None:
    status, out, _ = run(
        capsys, "directory", "feed", "add", "https://api.northmere.example/oruk/v3", "--db", db
    )
    assert status == 0 and "Added the feed northmere.example" in out
    assert "feed sync northmere.example" in out

    status, out, _ = run(capsys, "directory", "feed", "list", "--db", db)

    assert status == 0
    assert out == "northmere.example  https://api.northmere.example/oruk/v3  never synced\n"


def test_a_bad_address_is_refused_in_one_line(capsys: pytest.CaptureFixture[str], db: str) -> None:
    status, _, err = run(capsys, "directory", "feed", "add", "ftp://nowhere", "--db", db)
    assert status == 1 and "is not a web address" in one_line(err)
    _, out, _ = run(capsys, "directory", "feed", "list", "--db", db)
    assert out.startswith("No feeds yet")


def test_a_sync_prints_the_review_and_applies_only_when_asked(
    capsys: pytest.CaptureFixture[str], db: str, server: FeedServer
) -> None:
    run(capsys, "directory", "feed", "add", server.base, "--name", "northmere", "--db", db)
    server.serve_pages(paged([service(1), service(2), service(3)], 3))

    status, out, err = run(
        capsys, "directory", "feed", "sync", "northmere", "--delay", "0", "--db", db
    )

    assert status == 0 and err == ""
    assert out.splitlines()[0] == "northmere: 3 new, 0 changed, 0 left the feed, 0 unchanged."
    assert "New: Northmere walking group 2" in out
    assert "navigator directory feed sync northmere --apply" in out
    assert activity_names(db) == []  # a review writes nothing

    status, out, _ = run(
        capsys, "directory", "feed", "sync", "northmere", "--apply", "--delay", "0", "--db", db
    )

    assert status == 0 and "Added 3, changed 0, paused 0 that left the feed." in out
    assert activity_names(db) == [f"Northmere walking group {n}" for n in (1, 2, 3)]
    _, listed, _ = run(capsys, "directory", "feed", "list", "--db", db)
    assert "last synced" in listed


def test_the_review_shows_each_changed_field_and_what_left(
    capsys: pytest.CaptureFixture[str], db: str, server: FeedServer
) -> None:
    """The review's words come from part B's ChangeSet / Change.describe."""
    run(capsys, "directory", "feed", "add", server.base, "--name", "northmere", "--db", db)
    server.serve_pages(paged([service(1), service(2), service(3)], 3))
    run(capsys, "directory", "feed", "sync", "--apply", "--delay", "0", "--db", db)
    server.serve_pages(paged([service(1, day="TH"), service(2)], 3))

    status, out, _ = run(capsys, "directory", "feed", "sync", "--delay", "0", "--db", db)

    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "northmere: 0 new, 1 changed, 1 left the feed, 1 unchanged."
    assert "Changed: Northmere walking group 1" in lines
    changed_field = next(line for line in lines if "->" in line)
    assert "Tuesday" in changed_field and "Thursday" in changed_field
    assert changed_field.index("Tuesday") < changed_field.index("->")  # old -> new
    assert "Left the feed: Northmere walking group 3 (will be paused, not deleted)" in lines


def test_an_unchanged_feed_says_so(
    capsys: pytest.CaptureFixture[str], db: str, server: FeedServer
) -> None:
    page = page_3([service(1)], 1, 1, 1)
    server.routes["/oruk/services"] = lambda query, headers: (
        Reply(status=304, content_type=None)
        if headers.get("if-none-match") == '"v7"'
        else Reply(body=page, headers={"ETag": '"v7"'})
    )
    run(capsys, "directory", "feed", "add", server.base, "--name", "northmere", "--db", db)
    run(capsys, "directory", "feed", "sync", "--apply", "--delay", "0", "--db", db)

    status, out, _ = run(capsys, "directory", "feed", "sync", "--delay", "0", "--db", db)

    assert status == 0 and out == "northmere: not changed since the last sync.\n"


def test_offline_is_one_line_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], db: str
) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    run(
        capsys,
        "directory",
        "feed",
        "add",
        f"http://127.0.0.1:{port}/oruk",
        "--name",
        "x",
        "--db",
        db,
    )

    status, out, err = run(capsys, "directory", "feed", "sync", "x", "--apply", "--db", db)

    assert status == 1 and out == ""
    assert one_line(err).startswith("navigator: could not reach 127.0.0.1: ")
    assert activity_names(db) == []


def test_every_feed_is_synced_and_a_failing_one_named(
    capsys: pytest.CaptureFixture[str], db: str, server: FeedServer
) -> None:
    server.serve_pages(paged([service(1)], 2))
    server.serve("/other/services", Reply(status=404))
    other = server.base.replace("/oruk", "/other")
    run(capsys, "directory", "feed", "add", server.base, "--name", "northmere", "--db", db)
    run(capsys, "directory", "feed", "add", other, "--name", "southmere", "--db", db)

    status, out, err = run(
        capsys, "directory", "feed", "sync", "--apply", "--delay", "0", "--db", db
    )

    assert status == 1
    assert "Added 1," in out
    assert one_line(err).startswith("navigator: southmere: 127.0.0.1 answered 404 Not Found")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("sync", "nowhere"), "There is no feed called 'nowhere'. There are no feeds yet."),
        (("sync",), "There are no feeds yet: add one with navigator directory feed add URL"),
    ],
)
def test_nothing_to_sync_is_one_line(
    capsys: pytest.CaptureFixture[str], db: str, args: tuple[str, ...], expected: str
) -> None:
    status, _, err = run(capsys, "directory", "feed", *args, "--db", db)
    assert status == 1 and one_line(err) == f"navigator: {expected}\n"


def test_a_negative_delay_is_refused(capsys: pytest.CaptureFixture[str], db: str) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["directory", "feed", "sync", "--delay", "-1", "--db", db])
    assert stopped.value.code == 2
    assert "between 0 and 3600" in capsys.readouterr().err
