"""`python -m navigator` runs the same command as `navigator`."""

import sys

from navigator.cli import main

sys.exit(main())
