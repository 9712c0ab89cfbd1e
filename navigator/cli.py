"""The `navigator` command (FORMATS.md §5).

Exit status 0 on success; on bad input or a storage problem, one line naming the problem on
stderr and status 1 (2 for a malformed command line, as argparse does).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from navigator import __version__
from navigator.cli_last_resort import unexpected_failure
from navigator.collector import collector_paused
from navigator.domain.profile import Profile
from navigator.formats.reading import FormatError
from navigator.services.directory import EXPORT_FORMATS, IMPORT_FORMATS, DirectoryService
from navigator.services.match_result import now_to_the_minute
from navigator.services.postcode_areas import PostcodeAreas
from navigator.store.database import (
    Database,
    StoreError,
    choose_directory_url,
    open_database,
    sqlite_path,
)
from navigator.store.repository import DirectoryRepository

if TYPE_CHECKING:  # loaded only by the commands that use them (numpy, httpx: slow to import)
    from navigator.matching import DirectorySnapshot
    from navigator.services.feed_sync import SyncOutcome
    from navigator.services.matching import MatchService

EXIT_OK, EXIT_FAILED = 0, 1
# A feed sync lists this many services the reader refused, then counts the rest.
MAX_REJECTED_SHOWN = 20


class CommandError(Exception):
    """A problem with what the user asked for, reported as one line."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a malformed command line is one line on stderr (and status 2), like
    every other problem, rather than the usage text followed by the error."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog.split()[0]} --help)\n")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        from navigator.app import main as open_app  # Qt is loaded only for the window

        return open_app(db=args.db)
    try:
        return int(args.run(args, sys.stdout))
    except FormatError as error:
        return _fail(error.summary())
    except (StoreError, CommandError) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return _fail("stopped")
    except BrokenPipeError:  # output piped into something that stopped reading (e.g. head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except Exception as error:  # a bug, or memory run out: still one line, never a traceback
        return _fail(unexpected_failure(args, error))


def _fail(message: str) -> int:
    print(f"navigator: {message}", file=sys.stderr)
    return EXIT_FAILED


def _parser() -> argparse.ArgumentParser:
    db_help = (
        "directory database: a file path or an SQLAlchemy URL "
        "(default: $NAVIGATOR_DB, else your own copy of the sample directory)"
    )
    # --db may come before or after the sub-command.
    common = _Parser(add_help=False)
    common.add_argument("--db", default=argparse.SUPPRESS, help=db_help)

    parser = _Parser(
        prog="navigator",
        description="Match people to local community activities. With no command, opens "
        "the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"navigator {__version__}")
    parser.add_argument("--db", default=None, help=db_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    directory = commands.add_parser("directory", help="import or export the directory")
    directory_commands = directory.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = directory_commands.add_parser(
        "import", parents=[common], help="load a directory file, all or nothing"
    )
    imp.add_argument("file", type=Path)
    imp.add_argument("--format", choices=IMPORT_FORMATS, default="auto")
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="check the file and report what would change, without writing",
    )
    imp.set_defaults(run=_directory_import)
    exp = directory_commands.add_parser("export", parents=[common], help="write the directory")
    exp.add_argument("file", type=Path)
    exp.add_argument(
        "--format",
        choices=EXPORT_FORMATS,
        default=None,
        help="default: from the file name (.xlsx or .csv: spreadsheet; "
        ".oruk.json: Open Referral UK; else a Navigator file)",
    )
    exp.set_defaults(run=_directory_export)
    _add_feed_commands(directory_commands, common)

    match = commands.add_parser(
        "match", parents=[common], help="rank the directory for a person's profile"
    )
    source = match.add_mutually_exclusive_group(required=True)
    source.add_argument("--profile", type=Path, help="a navigator-profile JSON file")
    source.add_argument(
        "--profiles", type=Path, help="JSON Lines: one profile per line, one result per output line"
    )
    match.add_argument("--top", type=_positive_int, default=10, metavar="N")
    match.add_argument("--now", type=_minute, default=None, metavar="YYYY-MM-DDTHH:MM")
    match.add_argument("--format", choices=("json", "text"), default="json")
    match.set_defaults(run=_match)

    handout = commands.add_parser(
        "handout", parents=[common], help="write the printable handout for the chosen activities"
    )
    handout.add_argument(
        "--profile", type=Path, required=True, help="the person's navigator-profile JSON file"
    )
    handout.add_argument(
        "--ids",
        type=_id_list,
        required=True,
        metavar="ID,ID",
        help="the chosen activities, in the order to show them",
    )
    handout.add_argument("--out", type=Path, default=Path("handout.pdf"), metavar="FILE.pdf")
    handout.add_argument(
        "--easy-read",
        action="store_true",
        help="larger type, shorter sentences, a page for each activity",
    )
    handout.add_argument(
        "--worker-name", default=None, help='shown under "If you have questions, contact:"'
    )
    handout.add_argument("--worker-phone", default=None)
    handout.add_argument(
        "--ics",
        type=Path,
        default=None,
        metavar="FILE.ics",
        help="also write the sessions as a calendar file",
    )
    handout.add_argument(
        "--now",
        type=_minute,
        default=None,
        metavar="YYYY-MM-DDTHH:MM",
        help="date the handout and count the next dates from here",
    )
    handout.set_defaults(run=_handout)
    _add_people_commands(commands)
    return parser


def _add_people_commands(commands: argparse._SubParsersAction[_Parser]) -> None:
    """`navigator people report` (issue 16, item 8): counts for managers, nobody named."""
    people = commands.add_parser("people", help="the people you support (this computer only)")
    people_commands = people.add_subparsers(dest="people_action", metavar="ACTION", required=True)
    report = people_commands.add_parser(
        "report",
        help="a service report over a period: counts only, under 5 hidden, no references",
    )
    report.add_argument("--from", dest="start", type=_day, required=True, metavar="YYYY-MM-DD")
    report.add_argument("--to", dest="end", type=_day, required=True, metavar="YYYY-MM-DD")
    report.add_argument("--pdf", type=Path, default=None, metavar="FILE.pdf")
    report.add_argument("--csv", type=Path, default=None, metavar="FILE.csv")
    report.add_argument(
        "--people-db",
        default=None,
        help="the people store (default: $NAVIGATOR_PEOPLE_DB, else the one in your data folder)",
    )
    report.set_defaults(run=_people_report)


def _add_feed_commands(
    directory_commands: argparse._SubParsersAction[_Parser],
    common: _Parser,
) -> None:
    """`navigator directory feed add|list|sync` (issue 15)."""
    feed = directory_commands.add_parser(
        "feed", help="follow a council's Open Referral UK feed and review its changes"
    )
    feed_commands = feed.add_subparsers(dest="feed_action", metavar="ACTION", required=True)
    add = feed_commands.add_parser("add", parents=[common], help="subscribe to a feed")
    add.add_argument("url", help="the feed's address (its ORUK API, e.g. https://.../v3)")
    add.add_argument("--name", default=None, help="a short name (default: from the address)")
    add.set_defaults(run=_feed_add)
    listing = feed_commands.add_parser(
        "list", parents=[common], help="the feeds, and when each was last synced"
    )
    listing.set_defaults(run=_feed_list)
    sync = feed_commands.add_parser(
        "sync",
        parents=[common],
        help="read a feed and list its changes: new, changed field by field, left the feed",
    )
    sync.add_argument("name", nargs="?", default=None, help="the feed (default: every feed)")
    sync.add_argument("--apply", action="store_true", help="apply every change found")
    sync.add_argument(
        "--delay",
        type=_seconds,
        default=None,
        metavar="SECONDS",
        help=(
            "the least wait after one answer before the next request (default 0.25); "
            "a server slower than that gets as long as it took over its last page"
        ),
    )
    sync.set_defaults(run=_feed_sync)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _minute(text: str) -> dt.datetime:
    try:
        return dt.datetime.strptime(text, "%Y-%m-%dT%H:%M")
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time YYYY-MM-DDTHH:MM") from None


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _id_list(text: str) -> list[str]:
    ids = list(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if not ids:
        raise argparse.ArgumentTypeError("name at least one activity id")
    return ids


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value <= 3600:
        raise argparse.ArgumentTypeError("must be between 0 and 3600 seconds")
    return value


def _open(args: argparse.Namespace, *, create: bool = False) -> Database:
    """The chosen directory. Only a real import may create a new file: a mistyped --db
    for anything else is named, not answered from a new, empty directory."""
    return open_database(choose_directory_url(args.db), create=create)


def _read_lines(path: Path) -> list[bytes]:
    try:
        return path.read_bytes().splitlines()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from error


def _directory_import(args: argparse.Namespace, out: TextIO) -> int:
    url = choose_directory_url(args.db)
    path = sqlite_path(url)
    if args.dry_run and path is not None and not path.exists() and path.parent.is_dir():
        # Checking a file before the first import: try it on an empty directory held in
        # memory, so nothing is created. A mistyped --db is still named, in the note.
        print(
            f"There is no database at {path} yet; importing into a new one would do this:", file=out
        )
        database = open_database("sqlite://")
    else:
        database = open_database(url, create=not args.dry_run)
    service = DirectoryService(DirectoryRepository(database), areas=PostcodeAreas.bundled())
    try:
        # The collector stays off from reading to writing: switched on between them, its
        # first pass walked every record read (about 0.5 s at 100,000), which form no cycles
        # and are all freed by reference counting, or with the process.
        with collector_paused():
            report = service.import_file(args.file, args.format, dry_run=args.dry_run)
    except FormatError as error:
        if args.dry_run:  # checking a file: list every problem, not just the first
            print(error.report(), file=out)
        raise
    # A dry run is for checking a file, so it lists every record that would be left out.
    print(report.describe(every=args.dry_run), file=out)
    return EXIT_OK


def _directory_export(args: argparse.Namespace, out: TextIO) -> int:
    service = DirectoryService(DirectoryRepository(_open(args)))
    try:
        count = service.export_file(args.file, args.format)
    except OSError as error:
        raise CommandError(f"cannot write {args.file}: {error.strerror}") from error
    print(f"Wrote {count} activit{'y' if count == 1 else 'ies'} to {args.file}.", file=out)
    return EXIT_OK


def _feed_add(args: argparse.Namespace, out: TextIO) -> int:
    from navigator.services.feed_subscriptions import FeedSubscriptionError, FeedSubscriptions

    try:
        feed = FeedSubscriptions(_open(args)).add(args.url, args.name)
    except FeedSubscriptionError as error:
        raise CommandError(str(error)) from error
    print(f"Added the feed {feed.name} ({feed.url}).", file=out)
    print(f"Read it with: navigator directory feed sync {_arg(feed.name)}", file=out)
    return EXIT_OK


def _feed_list(args: argparse.Namespace, out: TextIO) -> int:
    from navigator.services.feed_subscriptions import FeedSubscriptions

    feeds = FeedSubscriptions(_open(args)).list()
    if not feeds:
        print("No feeds yet: add one with navigator directory feed add URL", file=out)
    for feed in feeds:
        synced = feed.last_synced
        when = f"last synced {synced:%Y-%m-%d %H:%M} UTC" if synced else "never synced"
        print(f"{feed.name}  {feed.url}  {when}", file=out)
    return EXIT_OK


def _feed_sync(args: argparse.Namespace, out: TextIO) -> int:
    """Each feed asked for in turn; one that fails is named in one line and the rest go on."""
    from navigator.services.feed_changes import FeedChangeError
    from navigator.services.feed_fetch import FeedFetcher
    from navigator.services.feed_http import FeedFetchError, FetchSettings
    from navigator.services.feed_subscriptions import FeedSubscriptionError, FeedSubscriptions
    from navigator.services.feed_sync import sync_feed

    database = _open(args)
    subscriptions = FeedSubscriptions(database)
    repository = DirectoryRepository(database)
    if args.name is not None:
        names = [args.name]
    else:
        names = [feed.name for feed in subscriptions.list()]
        if not names:
            raise CommandError(
                "There are no feeds yet: add one with navigator directory feed add URL"
            )
    settings = FetchSettings() if args.delay is None else FetchSettings(delay_seconds=args.delay)
    fetcher = FeedFetcher(settings)
    failed = 0
    for name in names:
        progress = _Progress(name) if sys.stderr.isatty() else None
        try:
            outcome = sync_feed(
                subscriptions,
                repository,
                name,
                fetcher=fetcher,
                apply=args.apply,
                progress=progress,
            )
        except (FeedSubscriptionError, FeedFetchError, FeedChangeError) as error:
            if progress is not None:
                progress.end()
            if len(names) == 1:
                raise CommandError(str(error)) from error
            _fail(f"{name}: {error}")
            failed += 1
            continue
        if progress is not None:
            progress.end()
        for line in _sync_lines(outcome):
            print(line, file=out)
    return EXIT_FAILED if failed else EXIT_OK


def _sync_lines(outcome: SyncOutcome) -> list[str]:
    """A sync as the review prints it: what was found, each change field by field, and
    what was done (or how to apply it)."""
    lines = [outcome.headline()]
    lines += [f"  {note}" for note in outcome.notes]
    shown = outcome.rejected[:MAX_REJECTED_SHOWN]
    lines += [f"  Could not read {p.path}: {p.message}" for p in shown]
    if len(outcome.rejected) > len(shown):
        lines.append(f"  ... and {len(outcome.rejected) - len(shown)} more not read.")
    if outcome.plan is not None:
        for change in outcome.plan.changes:
            lines += change.describe()
    if outcome.applied is not None:
        lines.append(outcome.applied.describe())
    elif outcome.pending:
        lines.append(
            "Nothing has been changed yet. To apply these changes: "
            f"navigator directory feed sync {_arg(outcome.feed)} --apply"
        )
    return lines


class _Progress:
    """A sync's progress on one line of the terminal (used only when stderr is one)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.shown = False

    def __call__(self, done: int, total: int | None) -> None:
        of = f" of {total}" if total else ""
        print(f"\r{self.name}: {done}{of} requests", end="", file=sys.stderr, flush=True)
        self.shown = True

    def end(self) -> None:
        if self.shown:
            print(file=sys.stderr)


def _arg(text: str) -> str:
    """Text as a shell argument, quoted only when it needs it."""
    return shlex.quote(text)


def _match_service(repository: DirectoryRepository, *, online: bool) -> MatchService:
    """The match use case over `repository`; `online`: with the online postcode lookup, when
    one is set up."""
    from navigator.services.geocoding import make_geocoder
    from navigator.services.matching import MatchService
    from navigator.services.vocabulary_process import VocabularyProcesses

    geocoder = make_geocoder() if online else None
    # A command is a process of its own: the directory it loads lives until it exits, so
    # the garbage collector need never walk it (a batch of profiles sets off many passes).
    return MatchService(
        repository,
        geocoder,
        "online postcode lookup",
        areas=PostcodeAreas.bundled(),
        freeze_loaded=True,
        vocabularies=VocabularyProcesses(),
    )


def _match(args: argparse.Namespace, out: TextIO) -> int:
    from navigator.formats.matches import report_to_json, report_to_text
    from navigator.formats.profile import parse_profile
    from navigator.formats.reading import load_json_file, parse_json_bytes

    service = _match_service(DirectoryRepository(_open(args)), online=True)
    now = args.now or now_to_the_minute()

    def render(profile: Profile, snapshot: DirectorySnapshot, where: str = "") -> str:
        outcome = service.match_profile(profile, now=now, top=args.top, snapshot=snapshot)
        if outcome.problem is not None:  # a command line has nobody to ask: say it, stop
            raise CommandError(f"{where}location.postcode: {outcome.problem.reason}")
        if args.format == "text":
            return report_to_text(outcome.report)
        return json.dumps(
            report_to_json(outcome.report), ensure_ascii=False, indent=None if args.profiles else 2
        )

    if args.profile is not None:
        profile = parse_profile(load_json_file(args.profile))
        print(render(profile, service.snapshot()), file=out)
        return EXIT_OK
    # Check every line before printing anything, so bad input produces no partial output.
    profiles = []
    for number, line in enumerate(_read_lines(args.profiles), start=1):
        if line.strip():
            try:
                profiles.append((number, parse_profile(parse_json_bytes(line))))
            except FormatError as error:
                raise CommandError(
                    f"{args.profiles.name} line {number}: {error.summary()}"
                ) from error
    # Every profile is ranked on the directory as it was when the batch began, read once
    # (not its revision asked for again before each one: a database query a profile).
    snapshot = service.snapshot()
    for number, profile in profiles:
        print(render(profile, snapshot, f"{args.profiles.name} line {number}: "), file=out)
    return EXIT_OK


def _handout(args: argparse.Namespace, out: TextIO) -> int:
    from navigator.formats.profile import read_profile_file
    from navigator.services.calendar_export import calendar_ics
    from navigator.services.files import write_text_atomically
    from navigator.services.handout import (
        HandoutError,
        HandoutOptions,
        chosen_activities,
        prepare_handout,
    )

    # Check everything before writing anything.
    profile = read_profile_file(args.profile)
    repository = DirectoryRepository(_open(args))
    try:
        activities = chosen_activities(
            args.ids, lambda i: found.activity if (found := repository.get(i)) else None
        )
    except HandoutError as error:
        raise CommandError(str(error)) from error
    now = args.now or now_to_the_minute()
    # The walk times are a nicety: a postcode that cannot be placed leaves them out.
    place, _problem = _match_service(repository, online=False).locate(profile)
    options = HandoutOptions(
        easy_read=args.easy_read, worker_name=args.worker_name, worker_phone=args.worker_phone
    )
    handout = prepare_handout(activities, now, options, person_at=place.point if place else None)
    calendar = calendar_ics(activities, now) if args.ics is not None else None

    from navigator.printing.handout_pdf import ensure_gui_application, write_pdf

    ensure_gui_application()
    try:
        pages = write_pdf(handout, args.out)
    except OSError as error:
        raise CommandError(f"cannot write {args.out}: {error.strerror or error}") from error
    print(f"Wrote {args.out} ({pages} page{'s' if pages != 1 else ''}).", file=out)
    if calendar is not None:
        try:
            write_text_atomically(args.ics, calendar.text)
        except OSError as error:
            raise CommandError(f"cannot write {args.ics}: {error.strerror}") from error
        print(
            f"Wrote {args.ics} ({calendar.events} event{'s' if calendar.events != 1 else ''})."
            + (
                f" No fixed times, so not in the calendar: {', '.join(calendar.left_out)}."
                if calendar.left_out
                else ""
            ),
            file=out,
        )
    return EXIT_OK


def _people_report(args: argparse.Namespace, out: TextIO) -> int:
    from navigator.services.people import PeopleService, people_repository
    from navigator.services.service_report import (
        ReportPeriodError,
        report_from,
        write_report_csv,
    )
    from navigator.store.people_database import choose_people_url, open_people_database

    # Reading only: the store must exist (a mistyped path is named, not created empty).
    database = open_people_database(choose_people_url(args.people_db), create=False)
    people = PeopleService(people_repository(database), "service report")
    try:
        report = report_from(people, args.start, args.end)
    except ReportPeriodError as error:
        raise CommandError(str(error)) from error
    finally:
        people.close()
    written = []
    if args.csv is not None:
        try:
            write_report_csv(report, args.csv)
        except OSError as error:
            raise CommandError(f"cannot write {args.csv}: {error.strerror or error}") from error
        written.append(str(args.csv))
    if args.pdf is not None:
        from navigator.printing.handout_pdf import ensure_gui_application
        from navigator.printing.report_pdf import write_report_pdf

        ensure_gui_application()
        try:
            write_report_pdf(report, args.pdf)
        except OSError as error:
            raise CommandError(f"cannot write {args.pdf}: {error.strerror or error}") from error
        written.append(str(args.pdf))
    if written:
        print(f"Wrote {' and '.join(written)}.", file=out)
    else:  # neither file asked for: the same lines on the screen
        for line in report.lines:
            print(f"{line.section} | {line.measure}: {line.value}", file=out)
    return EXIT_OK
