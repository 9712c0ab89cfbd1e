"""The packaged app's one executable: with no arguments it opens the window, with arguments it
is the `navigator` command (FORMATS.md §5), exactly like the installed entry point."""

import sys

from navigator.cli import main

if __name__ == "__main__":
    sys.exit(main())
