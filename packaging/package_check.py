"""Checks run inside the built app (`NAVIGATOR_PACKAGE_CHECK=1 navigator`, from .ci/package):
each part of the folder that the slimming in navigator.spec and slimming.py could break, or
that the other smoke steps never load, is used once. Prints one line a check and exits 1 if
any failed. Needs QT_QPA_PLATFORM=offscreen (or a display) and a writable current folder.

What each check stands for:
- sqlalchemy compiled: its Cython modules, whose debugging sections the build strips, load;
- rapidfuzz compiled: the fuzzy look-up runs its C++ code, not the slow Python fallback;
- numpy: numpy and OpenBLAS load and multiply;
- vocabulary process: the executable starts as the second process a large directory's
  vocabulary is built in (navigator_entry.py's `freeze_support`), and that build succeeds;
- ssl: Python's TLS (the online postcode look-up, feeds over https) has its OpenSSL;
- postgresql driver: team mode's psycopg with its own libpq, through SQLAlchemy's dialect;
- other databases: the dialects left out give Navigator's sentence, not a traceback;
- keyring: the keyring backend (on Linux SecretStorage and cryptography) is there;
- ICU: sorting and time-zone names in English still come from ICU's (slimmed) data
  (on Windows and macOS, sorting by the system's collation);
- image formats: the SVG reader (icon themes) is there;
- printing: QtPrintSupport prints the network map into a PDF through QPrinter, with fonts;
- CUPS: Qt's print plugin loads with the system's libcups (left out of the folder), where the
  system has one.
"""

from __future__ import annotations

import ctypes.util
import datetime as dt
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

CHECKS: list[tuple[str, Callable[[], str]]] = []


def check(name: str) -> Callable[[Callable[[], str]], Callable[[], str]]:
    def register(function: Callable[[], str]) -> Callable[[], str]:
        CHECKS.append((name, function))
        return function

    return register


def require(condition: bool, message: str) -> None:
    if not condition:
        raise AssertionError(message)


@check("vocabulary process")
def _vocabulary_process() -> str:
    """The bundled directory's snapshot built with its vocabulary in a second process."""
    import logging
    import multiprocessing

    from navigator.services.backups import open_with_backup
    from navigator.services.matching import MatchService
    from navigator.services.vocabulary_process import VocabularyProcesses
    from navigator.store.database import choose_directory_url
    from navigator.store.repository import DirectoryRepository

    failures: list[str] = []
    started: list[int] = []

    class Watch(VocabularyProcesses):
        def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            building = super().__call__(*args, **kwargs)
            started.append(len(multiprocessing.active_children()))
            return building

    class Failures(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            failures.append(record.getMessage())

    logging.getLogger("navigator.services.vocabulary_process").addHandler(Failures())
    repository = DirectoryRepository(open_with_backup(choose_directory_url(None)))
    matches = MatchService(
        repository, None, "none", snapshot_cache=None, vocabularies=Watch(smallest=0)
    )
    terms = len(matches.snapshot().interests.vocabulary)
    require(started == [1], "no second process started")
    require(not failures, "; ".join(failures))
    return f"{terms} terms built in a second process"


@check("directory snapshot")
def _directory_snapshot() -> str:
    """What the window loads first, on its database worker: the matching snapshot."""
    from navigator.services.backups import open_with_backup
    from navigator.services.matching import MatchService
    from navigator.services.postcode_areas import PostcodeAreas
    from navigator.store.database import choose_directory_url
    from navigator.store.repository import DirectoryRepository

    repository = DirectoryRepository(open_with_backup(choose_directory_url(None)))
    matches = MatchService(repository, None, "none", areas=PostcodeAreas.bundled())
    count = len(matches.snapshot().activities)
    require(count > 0, "no activities")
    return f"{count} activities"


@check("sqlalchemy compiled")
def _sqlalchemy() -> str:
    from sqlalchemy.util._has_cython import HAS_CYEXTENSION

    require(HAS_CYEXTENSION, "SQLAlchemy runs without its compiled modules")
    return "Cython modules loaded"


@check("rapidfuzz compiled")
def _rapidfuzz() -> str:
    from rapidfuzz import fuzz

    module = fuzz.ratio.__module__
    require(module.endswith(("_cpp", "_cpp_avx2")), f"fuzz.ratio comes from {module}")
    require(fuzz.ratio("gardening", "gardning") > 80, "fuzz.ratio gave a wrong answer")
    return module


@check("numpy")
def _numpy() -> str:
    import numpy

    product = numpy.ones((64, 64)) @ numpy.ones((64, 64))
    require(float(product[0, 0]) == 64.0, "a matrix product was wrong")
    return f"numpy {numpy.__version__}"


@check("ssl")
def _ssl() -> str:
    import ssl

    ssl.create_default_context()
    return ssl.OPENSSL_VERSION


@check("postgresql driver")
def _postgresql() -> str:
    import psycopg
    from sqlalchemy import create_engine

    require(psycopg.pq.__impl__ == "binary", f"psycopg's libpq is {psycopg.pq.__impl__}")
    engine = create_engine("postgresql+psycopg://worker@localhost/navigator")  # no connection
    require(engine.dialect.driver == "psycopg", engine.dialect.driver)
    return f"psycopg {psycopg.__version__}, libpq {psycopg.pq.version()}"


@check("other databases")
def _other_databases() -> str:
    from navigator.store.database import StoreError, open_database

    try:
        open_database("mysql://someone@localhost/navigator")
    except StoreError as error:
        require("PostgreSQL" in str(error), str(error))
        return str(error)
    raise AssertionError("a MySQL address was accepted")


@check("keyring")
def _keyring() -> str:
    """Team mode keeps the server's password in the system keyring: on Linux through the
    Secret Service (SecretStorage, which needs cryptography), elsewhere the system's own."""
    import keyring

    if sys.platform == "linux":
        import keyring.backends.SecretService
        import secretstorage  # noqa: F401 - imports cryptography's ciphers

        require(hasattr(keyring.backends.SecretService, "Keyring"), "no Secret Service backend")
        return "Secret Service backend with cryptography"
    backend = keyring.get_keyring()
    require("fail" not in type(backend).__module__, f"no keyring backend: {backend!r}")
    return type(backend).__module__


@check("ICU")
def _icu() -> str:
    from PySide6.QtCore import QCollator, QLocale, QTimeZone

    words = ["Zebra", "Émile", "apple"]
    for locale in ("en_GB", "en_US"):
        collator = QCollator(QLocale(locale))
        order = sorted(words, key=collator.sortKey)
        require(order == ["apple", "Émile", "Zebra"], f"{locale} sorts {order}")
    if sys.platform != "linux":
        return "en_GB sorting (the system's collation)"
    # Time-zone names come from ICU's zone data on Linux only (Windows and macOS name their own).
    name = QTimeZone(b"Europe/London").displayName(
        QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale("en_GB")
    )
    require(name == "Greenwich Mean Time", f"Europe/London is named {name!r}")
    return f"en_GB sorting and '{name}'"


@check("image formats")
def _image_formats() -> str:
    from PySide6.QtGui import QImageReader

    formats = {bytes(f.data()).decode() for f in QImageReader.supportedImageFormats()}
    require({"svg", "png"} <= formats, f"readable formats: {sorted(formats)}")
    return ", ".join(sorted(formats))


@check("printing")
def _printing() -> str:
    from PySide6.QtPrintSupport import QPrinter

    from navigator.domain.people import NetworkMember, NetworkSnapshot
    from navigator.ui.followup.network_print import print_map

    path = Path("network-map-print.pdf").resolve()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    members = (NetworkMember(alias="Sam"), NetworkMember(alias="Gardening group", circle=3))
    print_map(printer, NetworkSnapshot(on=dt.date(2026, 1, 5), members=members), earlier=False)
    data = path.read_bytes()
    require(data.startswith(b"%PDF-") and b"/Font" in data, "no PDF with fonts was printed")
    return f"{path.name}, {len(data)} bytes"


@check("CUPS")
def _cups() -> str:
    from PySide6.QtCore import QLibraryInfo, QPluginLoader

    if sys.platform != "linux":
        return "not Linux: the system's own print support"
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "printsupport"
    found = sorted(plugins.glob("*cups*"))
    require(len(found) == 1, f"no CUPS print plugin in {plugins}")
    if ctypes.util.find_library("cups") is None:
        return "this computer has no libcups: printing goes to PDF only"
    loader = QPluginLoader(str(found[0]))
    require(loader.load(), loader.errorString())
    return f"{found[0].name} loads with the system's libcups"


def main() -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    failed = 0
    for name, function in CHECKS:
        try:
            print(f"package check: ok   {name}: {function()}")
        except Exception:  # every failure is reported; the exit status says so at the end
            failed += 1
            print(f"package check: FAIL {name}:")
            traceback.print_exc(file=sys.stdout)
    app.quit()
    print(f"package check: {len(CHECKS) - failed} of {len(CHECKS)} passed")
    return 1 if failed else 0
