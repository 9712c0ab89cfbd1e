"""Making the Linux app folder smaller after PyInstaller has collected it (navigator.spec calls
these). Each step keeps what Navigator uses; .ci/package and the package check
(packaging/package_check.py) prove the folder still works without the rest.

- `reached_libraries`: which collected shared libraries something in the folder still links
  to, walking DT_NEEDED from the Python extensions, Qt plugins and libpython, and never into
  the libraries the folder leaves to the system (CUPS: see LEFT_TO_THE_SYSTEM).
- `strip_debug_info`: debugging sections out of the files that carry them (SQLAlchemy's Cython
  modules, 9 MB of which 8 are DWARF; Python built from source). Only --strip-debug, and only
  where a .debug_info section exists: a full strip of the wheels' patchelf-ed libraries (numpy's
  OpenBLAS) makes them fail to load.
- `slim_icu_data`: Qt Core links ICU, whose data library is 31 MB of every locale's names,
  collation, converters, dictionaries and transliterators. Navigator's interface is English:
  the data keeps English and the root locale (which every other falls back to), the Unicode
  tables and normalisation, and drops the rest (about 29 MB).

Needs binutils (readelf, strip, as, ld), as any Linux machine that builds C has.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

# Left out of the folder: the system's copy is used. libcups.so.2 is CUPS' client library, and
# Qt's print plugin needs it to list and use printers; a computer that prints has CUPS and so
# this library. Bundling it also brought GnuTLS, Kerberos and Avahi (8.7 MB). Where it is
# missing, only the paper printers are: the print dialog still offers a PDF.
LEFT_TO_THE_SYSTEM = frozenset({"libcups.so.2"})


# Shared libraries ------------------------------------------------------------------------------


def needed(path: Path) -> list[str]:
    """The DT_NEEDED names of an ELF file (what the dynamic loader will look for)."""
    done = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=False)
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", done.stdout)


def reached_libraries(
    roots: Iterable[Path],
    libraries: dict[str, Path],
    left_out: frozenset[str] = LEFT_TO_THE_SYSTEM,
    needed_of: Callable[[Path], list[str]] = needed,
) -> set[str]:
    """The names in `libraries` (name -> collected file) that `roots` link to, directly or
    through other collected libraries, without going through the ones in `left_out`."""
    reached: set[str] = set()
    to_visit = list(roots)
    while to_visit:
        for name in needed_of(to_visit.pop()):
            if name in libraries and name not in reached and name not in left_out:
                reached.add(name)
                to_visit.append(libraries[name])
    return reached


def has_debug_info(path: Path) -> bool:
    """Whether an ELF file has a .debug_info section (readelf lists the sections)."""
    done = subprocess.run(
        ["readelf", "-S", "-W", str(path)], capture_output=True, text=True, check=False
    )
    return " .debug_info " in done.stdout


def strip_debug_info(folder: Path) -> list[Path]:
    """Strip debugging sections from every shared library under `folder` that has them; the
    files stripped, so the build can say which."""
    stripped = []
    for path in sorted(folder.rglob("*.so*")):
        if path.is_file() and not path.is_symlink() and has_debug_info(path):
            subprocess.run(["strip", "--strip-debug", str(path)], check=True)
            stripped.append(path)
    return stripped


# ICU data --------------------------------------------------------------------------------------

# Locales whose data stays: English as a worker's system would name it (en_GB, en_US; C and
# POSIX are en_US_POSIX to ICU), their parents (en_001, en) and root, where every locale's
# look-ups end. A computer set to another language gets root's data (Unicode order for sorting).
KEPT_LOCALES = frozenset({"root", "en", "en_001", "en_GB", "en_US", "en_US_POSIX"})
# Trees of per-locale data; the rest of their items are other locales.
LOCALE_TREES = frozenset({"brkitr", "coll", "curr", "lang", "rbnf", "region", "unit", "zone"})
# Items a tree needs whatever the locale: its shared key pool and its index of locales.
TREE_FILES = frozenset({"pool.res", "res_index.res"})
LOCALE_NAME = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]+)*")


def keep_icu_item(name: str) -> bool:
    """Whether a data item (as named in the package, e.g. 'icudt73l/coll/en.res') stays.

    Goes: other locales' data, character-set converters (*.cnv: Navigator reads text with
    Python, never through a Qt codec), transliterators, and the word dictionaries for Chinese,
    Japanese, Thai, Khmer, Lao and Burmese line breaking (*.dict)."""
    parts = name.split("/")[1:]  # without the package's own folder, icudt73l
    file = parts[-1]
    stem, _, suffix = file.rpartition(".")
    if suffix in ("cnv", "dict") or parts[0] == "translit":
        return False
    if file in TREE_FILES:
        return True
    if len(parts) == 2 and parts[0] in LOCALE_TREES:
        return suffix != "res" or stem in KEPT_LOCALES
    if len(parts) == 1 and suffix == "res" and LOCALE_NAME.fullmatch(stem):
        return stem in KEPT_LOCALES
    return True


def _package_items(data: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split an ICU common data package ('CmnD') into its header and its (name, item) pairs."""
    header_size = struct.unpack_from("<H", data, 0)[0]
    if data[2:4] != b"\xda\x27" or data[12:16] != b"CmnD" or data[4 + 4] != 0:
        raise ValueError("not a little-endian ICU common data package")
    toc = header_size
    (count,) = struct.unpack_from("<I", data, toc)
    entries = [struct.unpack_from("<II", data, toc + 4 + 8 * i) for i in range(count)]
    ends = [offset for _name, offset in entries[1:]] + [len(data) - toc]
    items = []
    for (name_at, offset), end in zip(entries, ends, strict=True):
        name = data[toc + name_at : data.index(b"\0", toc + name_at)].decode("ascii")
        items.append((name, data[toc + offset : toc + end]))
    return data[:header_size], items


def _pack(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """An ICU common data package: header, table of contents (name and item offsets from the
    table's start), the names, then the items each on a 16-byte boundary, as ICU writes them."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _item in items)
    toc_size = 4 + 8 * len(items)
    offset = toc_size + len(names)
    offset += -offset % 16
    entries, body, name_at = [], bytearray(), toc_size
    for name, item in items:
        entries.append((name_at, offset + len(body)))
        name_at += len(name) + 1
        body += item + b"\0" * (-len(item) % 16)
    toc = struct.pack("<I", len(items)) + b"".join(struct.pack("<II", *e) for e in entries)
    return header + toc + names + b"\0" * (-(toc_size + len(names)) % 16) + bytes(body)


def slim_icu_package(data: bytes, keep: Callable[[str], bool] = keep_icu_item) -> bytes:
    """The package with only the items `keep` accepts, in their order (ICU searches the table
    of contents by binary search, so the order must stay sorted)."""
    header, items = _package_items(data)
    return _pack(header, [(name, item) for name, item in items if keep(name)])


def _elf_section(data: bytes, wanted: str) -> tuple[int, int]:
    """(offset, size) in the file of a 64-bit little-endian ELF file's section."""
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)

    def header(index: int) -> tuple[int, int, int]:
        at = shoff + index * shentsize
        (name,) = struct.unpack_from("<I", data, at)
        offset, size = struct.unpack_from("<QQ", data, at + 0x18)
        return name, offset, size

    names_at = header(shstrndx)[1]
    for index in range(shnum):
        name, offset, size = header(index)
        if data[names_at + name : data.index(b"\0", names_at + name)].decode() == wanted:
            return offset, size
    raise ValueError(f"no {wanted} section")


def slim_icu_data(library: Path) -> tuple[int, int]:
    """Rewrite ICU's data library (libicudata.so.NN, whose only content is the symbol
    icudtNN_dat: the common data package) with the slimmed package. Returns the sizes before
    and after, in bytes."""
    before = library.read_bytes()
    version = re.fullmatch(r"libicudata\.so\.(\d+)", library.name)
    if version is None:
        raise ValueError(f"{library.name} is not ICU's data library")
    offset, size = _elf_section(before, ".rodata")
    package = slim_icu_package(before[offset : offset + size])
    symbol = f"icudt{version.group(1)}_dat"
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        (folder / "data.dat").write_bytes(package)
        (folder / "data.s").write_text(
            f"\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n"
            f'\t.p2align 4\n{symbol}:\n\t.incbin "data.dat"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            # No executable stack: the loader would otherwise ask for one for the whole app.
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        subprocess.run(["as", "-o", "data.o", "data.s"], cwd=folder, check=True)
        subprocess.run(
            ["ld", "-shared", "-soname", library.name, "-o", "out.so", "data.o"],
            cwd=folder,
            check=True,
        )
        shutil.copyfile(folder / "out.so", library)
    return len(before), library.stat().st_size


def binutils_missing() -> list[str]:
    """The tools these steps need that this machine lacks."""
    return [tool for tool in ("readelf", "strip", "as", "ld") if shutil.which(tool) is None]
