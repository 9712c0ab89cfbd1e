"""File names suggested from what a person typed (a record's reference, a profile's): the save
dialogs offer `{reference}.pdf`, and a reference may hold `../`, a slash, a control character
or a Windows device name. `safe_file_name` makes one plain name in the chosen folder."""

from __future__ import annotations

import re
import unicodedata

# Not allowed in a Windows file name, or a path separator anywhere.
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*]')
# Unicode categories that draw nothing or break lines: controls (Cc), format characters such
# as the right-to-left override that can make "x\u202efdp.exe" look like "xexe.pdf" (Cf), lone
# surrogates (Cs), private use (Co), unassigned (Cn), line and paragraph separators (Zl, Zp).
_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# Names Windows keeps for devices, whatever the extension ("CON.pdf" cannot be made).
_DEVICES = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}
# Room for the extension and a " (2)" a file manager may add, well within 255 bytes.
MAX_STEM_BYTES = 120


def safe_file_name(text: str | None, suffix: str, *, fallback: str = "navigator") -> str:
    """`text` + `suffix` as one file name in the folder it is saved to: separators and
    characters Windows refuses become "-", invisible characters are dropped, leading and
    trailing dots and spaces go (no "..", no hidden file), a device name gets a "_", and the
    name is cut to MAX_STEM_BYTES of UTF-8. `fallback` when nothing is left."""
    stem = _NOT_IN_NAMES.sub("-", text or "")
    stem = "".join(c for c in stem if unicodedata.category(c) not in _INVISIBLE)
    stem = " ".join(stem.split())  # tabs, runs of spaces, odd spaces: one plain space
    stem = _cut(stem, MAX_STEM_BYTES).strip(" .")
    if not stem or set(stem) <= {"-"}:
        stem = fallback
    device, dot, rest = stem.partition(".")  # Windows looks only before the first dot
    if device.rstrip().upper() in _DEVICES:
        stem = f"{device}_{dot}{rest}"
    return f"{stem}{suffix}"


def _cut(text: str, max_bytes: int) -> str:
    """`text` cut to at most `max_bytes` of UTF-8, never inside a character."""
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", errors="ignore")
