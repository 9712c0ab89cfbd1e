"""A built directory snapshot kept on disk, so a start after the first does not build it again.

Building the matching snapshot of a large directory takes seconds (issue 17); reading it
back takes a fraction of that. The cache lives in the user's data folder, one set of files
per database:

    snapshot-cache/<database digest>/manifest.json   what was saved, and how to check it
                                    /000.npy ...      one numpy array each (np.save)
                                    /texts.json       the vocabulary's words, postcode centres

Arrays are opened memory-mapped (read-only, shared with the operating system's file cache).
A set is used only when everything matches: the cache format, the code that builds snapshots
(a digest of its modules, so a new version of Navigator never reads an older snapshot), the
database, the directory's revision (raised by every change: any import, edit or change from
another machine invalidates the cache), the number of activities and a digest of their ids,
and each file's size, checksum, dtype and shape. Anything else (a missing, truncated or
corrupted file, a file from another version) means the snapshot is built again and the cache
rewritten: never a crash, never a stale ranking. Nothing here is unpickled: arrays are read
with allow_pickle=False and the rest is JSON.

The database is named by a digest, never by its URL, which may hold a password. A SQLite file
is also named by its inode, so a restored backup (a new file, whose revision may repeat an
older one) never meets the snapshot of the file it replaced.

Old sets are removed after each save (`prune`): a database keeps its newest
`KEEP_PER_DATABASE` sets (a restored backup or a replaced file leaves its former one behind,
named by the old inode; the manifest's "place" names the database without it), and a folder
with no readable manifest (a save that stopped half way, an older format) goes too. Never the
set just saved, and never one changed in the last `IN_USE_SECONDS`: another Navigator window
may be writing it. A set is first renamed out of the way (so no reader takes half a set),
then deleted; one that cannot be (a file held open) is left for a later save.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import logging
import os
import shutil
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from navigator.domain.directory import Activity
from navigator.matching.on_demand import ids_of
from navigator.matching.snapshot import DirectorySnapshot, SnapshotParts
from navigator.services.files import write_bytes_atomically
from navigator.store.database import data_dir

log = logging.getLogger(__name__)

FORMAT = 1
FOLDER = "snapshot-cache"
MANIFEST = "manifest.json"
TEXTS = "texts.json"
KEEP_PER_DATABASE = 2
# A set changed more recently than this may be another Navigator window's: left alone.
IN_USE_SECONDS = 15 * 60
# What a set being removed is renamed to first (never read as a set).
REMOVING = ".removing-"
# The modules whose code decides what a snapshot holds: any change to them is a new format.
SNAPSHOT_MODULES = (
    "navigator.matching.snapshot",
    "navigator.matching.on_demand",
    "navigator.matching.facts",
    "navigator.matching.vocabulary",
    "navigator.matching.text",
    "navigator.matching.interests",
    "navigator.matching.postcodes",
    "navigator.matching.geo",
    "navigator.collector",
    "navigator.domain.directory",
    "navigator.domain.mental_health",
    "navigator.domain.taxonomy",
    "navigator.services.snapshot_cache",
)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str | None:
    """A digest of the snapshot modules' code; None when it cannot be read (no caching)."""
    digest = hashlib.blake2b(digest_size=16)
    for name in SNAPSHOT_MODULES:
        module = importlib.import_module(name)
        try:
            source = Path(module.__file__ or "").read_bytes()
        except OSError:
            return None
        digest.update(name.encode() + b"\0" + source + b"\0")
    return digest.hexdigest()


def ids_digest(activities: Sequence[Activity]) -> str:
    return _digest("\n".join(ids_of(activities)).encode("utf-8"))


@dataclass(frozen=True, slots=True)
class CacheKey:
    database: str  # a digest naming the database, never its URL
    revision: int
    # A digest naming where the database is, its file's inode left out: the sets of one
    # place are pruned together. Empty: the database's own digest.
    place: str = ""

    @classmethod
    def of(cls, url: str, revision: int) -> CacheKey | None:
        """The key of a database at a revision; None for one that cannot be named lastingly
        (an in-memory database, a SQLite file that is not there)."""
        try:
            parsed = make_url(url)
        except ArgumentError:
            return None
        name = place = parsed.render_as_string(hide_password=True)
        if parsed.get_backend_name() == "sqlite":
            if not parsed.database or parsed.database == ":memory:":
                return None
            try:
                status = os.stat(parsed.database)
            except OSError:
                return None
            name += f"\0{status.st_dev}\0{status.st_ino}"
        return cls(_digest(name.encode("utf-8")), revision, _digest(place.encode("utf-8")))


class SnapshotCache:
    """Snapshots saved per database, read back when nothing has changed."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._opened: set[str] = set()  # sets this process has read: never pruned

    @classmethod
    def in_data_folder(cls, env: Mapping[str, str] | None = None) -> SnapshotCache:
        return cls(data_dir(env) / FOLDER)

    def _set(self, key: CacheKey) -> Path:
        return self.folder / key.database

    def load(self, key: CacheKey, activities: Sequence[Activity]) -> DirectorySnapshot | None:
        """The saved snapshot of these activities at this key, or None (then build it)."""
        try:
            return self._load(key, activities)
        except Exception as error:  # any damage at all means: build it again
            log.info("snapshot cache not used (%s: %s)", type(error).__name__, error)
            return None

    def may_hold(self, key: CacheKey) -> bool:
        """Whether a set saved for this database, revision and code is there: what is
        worth knowing before reading the activities' ids for `load` (a second at a million).
        """
        try:
            manifest = json.loads((self._set(key) / MANIFEST).read_bytes())
        except Exception:  # none, or damaged: `load` would not use it either
            return False
        expected = self._saved_for(key)
        return (
            isinstance(manifest, dict)
            and expected is not None
            and all(manifest.get(k) == v for k, v in expected.items())
        )

    def _load(self, key: CacheKey, activities: Sequence[Activity]) -> DirectorySnapshot | None:
        folder = self._set(key)
        try:
            manifest = json.loads((folder / MANIFEST).read_bytes())
        except FileNotFoundError:
            return None
        expected = self._identity(key, activities)
        if expected is None or {k: manifest.get(k) for k in expected} != expected:
            log.info("snapshot cache is for another directory, revision or version")
            return None
        arrays = {
            name: _open_array(folder / entry["file"], entry)
            for name, entry in manifest["arrays"].items()
        }
        texts_entry = manifest["texts"]
        texts_bytes = _checked_bytes(folder / texts_entry["file"], texts_entry)
        rest = json.loads(texts_bytes)
        parts = SnapshotParts(arrays, rest["texts"], rest["plain"])
        snapshot = DirectorySnapshot.restored(activities, parts)
        _check_lengths(snapshot, len(activities))
        self._opened.add(folder.name)  # its arrays are mapped from those files
        return snapshot

    def save(
        self, key: CacheKey, activities: Sequence[Activity], snapshot: DirectorySnapshot
    ) -> bool:
        """Write the snapshot for the next start; False (and logged) when it cannot be."""
        identity = self._identity(key, activities)
        if identity is None:
            return False
        folder = self._set(key)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # A reader never takes new arrays for old: the manifest, written last, holds the
            # checksum of each file, and a set that does not match it is not used.
            (folder / MANIFEST).unlink(missing_ok=True)
            parts = snapshot.parts()
            entries: dict[str, dict[str, Any]] = {}
            for number, (name, array) in enumerate(sorted(parts.arrays.items())):
                buffer = io.BytesIO()
                np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
                data = buffer.getvalue()
                file = f"{number:03d}.npy"
                write_bytes_atomically(folder / file, data)
                entries[name] = {
                    "file": file,
                    "dtype": array.dtype.str,
                    "shape": list(array.shape),
                    "size": len(data),
                    "checksum": _digest(data),
                }
            rest = json.dumps({"texts": parts.texts, "plain": parts.plain}).encode("utf-8")
            write_bytes_atomically(folder / TEXTS, rest)
            manifest = {
                **identity,
                "arrays": entries,
                "texts": {"file": TEXTS, "size": len(rest), "checksum": _digest(rest)},
            }
            write_bytes_atomically(folder / MANIFEST, json.dumps(manifest).encode("utf-8"))
        except (OSError, ValueError) as error:
            log.warning("could not save the snapshot cache (%s)", type(error).__name__)
            return False
        self.prune(key)
        return True

    def prune(self, current: CacheKey, now: float | None = None) -> list[str]:
        """Remove the sets no start will read again (see the module docstring), never
        `current`'s nor one this process has read; the names of those removed. Never
        raises: a set that cannot be removed now is left for the next save."""
        now = time.time() if now is None else now
        try:
            folders = [f for f in self.folder.iterdir() if f.is_dir()]
        except OSError:
            return []
        by_place: dict[str, list[tuple[float, Path]]] = {}
        removable: list[Path] = []
        for folder in folders:
            if folder.name == current.database or folder.name in self._opened:
                continue
            try:
                changed = max(f.stat().st_mtime for f in (folder, *folder.iterdir()))
            except OSError:
                continue  # changing as we look: perhaps another window's
            if now - changed < IN_USE_SECONDS:
                continue  # perhaps another window's, being written or read
            try:
                manifest = json.loads((folder / MANIFEST).read_bytes())
                place = str(manifest.get("place") or "") if isinstance(manifest, dict) else ""
            except (OSError, ValueError):
                place = ""
            if REMOVING in folder.name or not place:
                removable.append(folder)  # half a save, an older format, or half removed
            else:
                by_place.setdefault(place, []).append((changed, folder))
        # The current set counts as its place's newest.
        kept = KEEP_PER_DATABASE - 1
        for place, sets in by_place.items():
            newest_first = sorted(sets, key=lambda s: s[0], reverse=True)
            keep = kept if place == _place(current) else KEEP_PER_DATABASE
            removable.extend(folder for _, folder in newest_first[keep:])
        return [folder.name for folder in removable if _remove(folder)]

    @staticmethod
    def _identity(key: CacheKey, activities: Sequence[Activity]) -> dict[str, Any] | None:
        saved_for = SnapshotCache._saved_for(key)
        if saved_for is None:
            return None
        return {**saved_for, "count": len(activities), "ids": ids_digest(activities)}

    @staticmethod
    def _saved_for(key: CacheKey) -> dict[str, Any] | None:
        """The manifest's fields naming the code, database and revision (None: no code
        digest, so no cache)."""
        code = code_digest()
        if code is None:
            return None
        return {
            "format": FORMAT,
            "code": code,
            "database": key.database,
            "place": _place(key),
            "revision": key.revision,
        }


def _place(key: CacheKey) -> str:
    return key.place or key.database


def _remove(folder: Path) -> bool:
    """Rename a set out of the way (a reader then finds none, not half of one), then delete
    it; False when it cannot be (a file held open by another program, say)."""
    try:
        if REMOVING in folder.name:
            away = folder
        else:
            away = folder.with_name(f"{folder.name}{REMOVING}{os.getpid()}")
            folder.rename(away)
        shutil.rmtree(away)
    except OSError as error:
        log.info("old snapshot cache %s not removed (%s)", folder.name, type(error).__name__)
        return False
    return True


class CacheMismatch(ValueError):
    """A saved file is not what its manifest says."""


def _checked_bytes(path: Path, entry: Mapping[str, Any]) -> bytes:
    data = path.read_bytes()
    if len(data) != entry["size"] or _digest(data) != entry["checksum"]:
        raise CacheMismatch(f"{path.name} is not as saved")
    return data


def _open_array(path: Path, entry: Mapping[str, Any]) -> np.ndarray:
    """One saved array, checked against its manifest entry, then opened memory-mapped."""
    size = path.stat().st_size
    if size != entry["size"]:
        raise CacheMismatch(f"{path.name} is {size} bytes, not {entry['size']}")
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    if digest.hexdigest() != entry["checksum"]:
        raise CacheMismatch(f"{path.name} does not match its checksum")
    shape = tuple(entry["shape"])
    empty = 0 in shape  # an empty array cannot be mapped
    array: np.ndarray = np.load(path, mmap_mode=None if empty else "r", allow_pickle=False)
    if array.dtype.str != entry["dtype"] or array.shape != shape:
        raise CacheMismatch(f"{path.name} holds {array.dtype.str} {array.shape}")
    array.setflags(write=False)
    return array


def _check_lengths(snapshot: DirectorySnapshot, n: int) -> None:
    """Every per-activity array has one entry per activity (a last line of defence)."""
    for name in ("active", "lat", "lon", "cost", "tiebreak", "placed", "ease"):
        if len(getattr(snapshot, name)) != n:
            raise CacheMismatch(f"{name} has {len(getattr(snapshot, name))} entries, not {n}")
    if snapshot.categories.shape[1] != n:
        raise CacheMismatch("categories do not match the activities")
