"""The packaged app's one executable: with no arguments it opens the window, with arguments it
is the `navigator` command (FORMATS.md §5), exactly like the installed entry point.

With NAVIGATOR_PACKAGE_CHECK=1 it runs packaging/package_check.py instead: .ci/package's check
that the slimmed folder still has everything Navigator uses.

The executable is also the second process a large directory's vocabulary is built in
(services/vocabulary_process.py): `freeze_support` runs that and exits when started so."""

import multiprocessing
import os
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()  # first: the second process needs nothing below
    from navigator.cli import main

    if os.environ.get("NAVIGATOR_PACKAGE_CHECK") == "1":
        import package_check  # packaging/package_check.py, collected beside this script

        sys.exit(package_check.main())
    sys.exit(main())
