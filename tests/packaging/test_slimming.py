"""packaging/slimming.py: which libraries the Linux folder keeps, and ICU's data cut to English
(the real library from the installed PySide6 is slimmed, loaded and read back)."""

from __future__ import annotations

import ctypes
import shutil
import sys
from pathlib import Path

import PySide6

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))
import slimming  # packaging/ is not a package: imported by path, as the spec does

ICU_DATA = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))


def test_a_library_only_cups_brings_is_dropped_and_a_shared_one_kept() -> None:
    links = {
        "plugin.so": ["libQt6Gui.so.6", "libcups.so.2"],
        "libQt6Gui.so.6": ["libz.so.1"],
        "libcups.so.2": ["libgnutls.so.30", "libz.so.1"],
        "libgnutls.so.30": [],
        "libz.so.1": [],
    }
    libraries = {name: Path(name) for name in links if name != "plugin.so"}
    reached = slimming.reached_libraries(
        [Path("plugin.so")], libraries, needed_of=lambda path: links[path.name]
    )
    assert reached == {"libQt6Gui.so.6", "libz.so.1"}


def test_icu_items_kept_are_english_root_and_the_unicode_tables() -> None:
    keep = slimming.keep_icu_item
    for name in (
        "coll/en.res",
        "coll/root.res",
        "coll/ucadata.icu",
        "en_GB.res",
        "root.res",
        "zone/pool.res",
        "lang/res_index.res",
        "res_index.res",
        "supplementalData.res",
        "likelySubtags.res",
        "nfkc.nrm",
        "uts46.nrm",
        "unames.icu",
        "brkitr/word.brk",
        "zoneinfo64.res",
        "cnvalias.icu",
        "en_US_POSIX.res",
    ):
        assert keep(f"icudt73l/{name}"), name
    for name in (
        "coll/pl.res",
        "fr.res",
        "sr_Latn_BA.res",
        "zone/de.res",
        "brkitr/cjdict.dict",
        "ibm-5348_P100-1997.cnv",
        "translit/root.res",
        "curr/ja.res",
    ):
        assert not keep(f"icudt73l/{name}"), name


def test_a_package_slims_to_the_kept_items_byte_for_byte_each_on_16_bytes() -> None:
    header = b"\x10\x00\xda\x27" + b"\x14\x00\x00\x00\x00\x00\x02\x00CmnD"
    items = [
        ("icudt73l/a.res", b"A" * 5),
        ("icudt73l/b.cnv", b"B" * 40),
        ("icudt73l/c.icu", b"C" * 17),
    ]
    slimmed = slimming.slim_icu_package(slimming._pack(header, items))
    out_header, out_items = slimming._package_items(slimmed)
    assert out_header == header
    # An item's length as read back includes the padding up to the next 16-byte boundary.
    assert [(name, data.rstrip(b"\0")) for name, data in out_items] == [
        ("icudt73l/a.res", b"A" * 5),
        ("icudt73l/c.icu", b"C" * 17),
    ]
    toc = len(header)
    offsets = [slimmed.index(data.rstrip(b"\0"), toc) - toc for _name, data in out_items]
    assert all(offset % 16 == 0 for offset in offsets)


def test_the_real_icu_data_library_slims_loads_and_holds_exactly_the_kept_items(
    tmp_path: Path,
) -> None:
    original = ICU_DATA.read_bytes()
    start, size = slimming._elf_section(original, ".rodata")
    _header, before = slimming._package_items(original[start : start + size])

    library = tmp_path / ICU_DATA.name
    shutil.copyfile(ICU_DATA, library)
    old_size, new_size = slimming.slim_icu_data(library)
    assert old_size == len(original)
    assert new_size < 6_000_000 < old_size

    # Loaded as the dynamic loader will load it, the symbol ICU reads is the slimmed package.
    expected = slimming.slim_icu_package(original[start : start + size])
    loaded = ctypes.CDLL(str(library))
    symbol = "icudt" + ICU_DATA.name.rsplit(".", 1)[1] + "_dat"
    address = ctypes.addressof(ctypes.c_char.in_dll(loaded, symbol))
    assert ctypes.string_at(address, len(expected)) == expected
    _header, after = slimming._package_items(expected)
    wanted = {name: data for name, data in before if slimming.keep_icu_item(name)}
    assert [name for name, _data in after] == list(wanted)
    assert all(data.rstrip(b"\0") == wanted[name].rstrip(b"\0") for name, data in after)
    assert "icudt73l/coll/ucadata.icu" in wanted and "icudt73l/fr.res" not in wanted
