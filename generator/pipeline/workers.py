"""Worker processes that never outlive the command that started them.

``guide build --jobs N`` and ``guide send`` hand work to a process pool. If the command is
killed (``kill -9``, a closed terminal), the pool's workers would go on writing files for
seconds; here each worker asks Linux to kill it when its parent dies
(``prctl(PR_SET_PDEATHSIG)``), and on every system a watcher thread ends it as soon as its
parent is gone.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1
WATCH_INTERVAL = 0.2
"""Seconds between a worker's checks that its parent is still there."""


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A process pool whose workers end when this process ends, however it ends."""
    return ProcessPoolExecutor(
        max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)
    )


def die_with_parent(parent: int) -> None:
    """Run in each worker as it starts: arrange to end when ``parent`` does."""
    import signal

    if sys.platform.startswith("linux"):
        import ctypes

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
        except (OSError, AttributeError):  # pragma: no cover - no prctl: the watcher is enough
            pass
    if os.getppid() != parent:  # the parent died before the request above took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="watch-parent", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_INTERVAL)
    os._exit(1)
