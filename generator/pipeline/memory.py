"""How a run uses memory: freed memory goes back to the system at once, so one large picture
does not raise the floor for everything after it, and reference cycles are looked for less
often than Python's default.

glibc serves a large block from its heap once a block of that size has been freed, and its
heap rarely shrinks: a picture's decoded pixels (tens of megabytes) stay counted against the
process while the PDF, the email and their read-back are made on top of them. With a fixed
threshold every block above it is mapped on its own and unmapped when freed. Elsewhere
(another C library, or no ``mallopt``) nothing changes.
"""

from __future__ import annotations

import contextlib
import sys

YOUNG_COLLECTION = 10_000
"""Objects made, less those freed, between two looks for cycles among the youngest (Python's
default is 700). A layout makes and drops objects by the hundred thousand, almost none in
cycles: at 700, looking for cycles took about a tenth of a batch build (callgrind), for
about 1 MB less at the peak."""
M_MMAP_THRESHOLD = -3
"""glibc's ``mallopt`` parameter for the size above which a block is mapped on its own."""
MAPPED_ABOVE = 128 * 1024
"""glibc's own starting threshold, kept fixed instead of growing with each freed block."""


def return_freed_memory() -> None:
    """Make freed large blocks go back to the system (glibc only; harmless elsewhere)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to do
        ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, MAPPED_ABOVE)


def collect_cycles_less_often() -> None:
    """Look for reference cycles after ``YOUNG_COLLECTION`` new objects (the older
    generations keep Python's ratios): the same collections, made less often."""
    import gc

    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION, middle, oldest)
