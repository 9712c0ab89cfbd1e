"""Python's cyclic garbage collector paused while a large directory is read or built.

Reading or building 100,000 activities makes millions of small objects that stay alive and
form no cycles; each collection they set off would walk them all again (a third of a load,
a sixth of an import's write). Reference counting still frees everything as usual while the
collector is off; only cycles, which this work does not make, wait until it is back."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """The collector off for the block, and back on after it if it was on before.

    With `freeze`, what exists when the block ends is moved out of the collector's reach
    before it is switched back on: a loaded directory kept for the life of the process is
    then never walked by a full collection (0.5 s holding the GIL at 100,000 activities).
    Frozen objects are still freed by reference counting when nothing holds them."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if collecting:
            gc.enable()
