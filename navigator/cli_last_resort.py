"""The `navigator` command's last resort: what it says when a command fails in a way nobody
foresaw (a bug, or memory run out). Still one line on stderr, naming the command's file and
what to do, never a traceback (issue 14).

Every command that changes something does it all or nothing (an import is one transaction,
files are written by one rename), so a failure part way has changed nothing."""

from __future__ import annotations

import argparse
import unicodedata

# Characters that would split the line, move the cursor or recolour the terminal.
_UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
# A profile holds a person's details: ask for a report without them.
_WITHOUT_DETAILS = "Please report this, without the person's details."


def printable(text: object) -> str:
    """`text` with every control or invisible character written as an escape (\\x1b)."""
    return "".join(
        c.encode("unicode_escape", "backslashreplace").decode("ascii")
        if unicodedata.category(c) in _UNPRINTABLE
        else c
        for c in str(text)
    )


def unexpected_failure(args: argparse.Namespace, error: BaseException) -> str:
    """One line for an exception no command handled: what could not be done, to which file,
    why in a word or two, that nothing changed, and what to do."""
    if isinstance(error, MemoryError):
        why, advice = "there was not enough memory", "Close other programs and try again."
    elif isinstance(error, OSError) and error.strerror:
        why, advice = error.strerror, "Check the file and the folder, and try again."
    else:
        why, advice = f"unexpected error ({type(error).__name__})", ""
    command, action = getattr(args, "command", None), getattr(args, "action", None)
    if command == "directory" and action == "import":
        task = f"could not import {printable(args.file)}"
        advice = advice or "Please report this with the file."
    elif command == "directory" and action == "export":
        task = f"could not export the directory to {printable(args.file)}"
        advice = advice or "Please report this."
    elif command == "match":
        task = f"could not match the profile in {printable(args.profile or args.profiles)}"
        advice = advice or _WITHOUT_DETAILS
    elif command == "handout":
        task = f"could not write the handout {printable(args.out)}"
        advice = advice or _WITHOUT_DETAILS
    else:
        task = f"could not run {printable(command or 'the command')}"
        advice = advice or "Please report this."
    return f"{task}: {why}; nothing was changed. {advice}"
