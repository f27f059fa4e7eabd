"""Peak memory of a process and its worker processes, fairly counted.

The full analysis forks workers, so the parent's own peak RSS would leave their memory out, and
adding the children's RSS would count the pages they share with the parent twice. PSS
(proportional set size, from /proc/<pid>/smaps_rollup) splits each shared page between the
processes that map it; summed over the process tree it is the memory the computation really
holds. A background thread samples it every 50 ms and keeps the peak; on systems without /proc
it falls back to the parent's peak RSS.
"""

from __future__ import annotations

import os
import resource
import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    """The child processes of ``pid`` (none once it has exited: a sampler must outlive a browser's renderers)."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return []
    found = []
    for task in tasks:
        try:
            found += [int(c) for c in Path(f"/proc/{pid}/task/{task}/children").read_text().split()]
        except OSError:
            pass
    return found


def tree_pss_mb(pid: int | None = None) -> float:
    """Summed PSS of ``pid`` (default: this process) and all its descendants, in MB."""
    total, stack = 0, [pid or os.getpid()]
    while stack:
        p = stack.pop()
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
        except OSError:
            continue
        stack += _children(p)
    return total / 1024


class PeakMemory:
    """``with PeakMemory() as m: ...`` then ``m.peak_mb``: the peak of the sampled tree PSS."""

    def __init__(self, interval: float = 0.05):
        self.interval, self.peak_mb = interval, 0.0
        self._stop = threading.Event()
        self._proc = Path("/proc/self/smaps_rollup").exists()

    def _sample(self) -> None:
        while not self._stop.wait(self.interval):
            self.peak_mb = max(self.peak_mb, tree_pss_mb())

    def __enter__(self) -> PeakMemory:
        if self._proc:
            self.peak_mb = tree_pss_mb()
            self._thread = threading.Thread(target=self._sample, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._proc:
            self._stop.set()
            self._thread.join()
            self.peak_mb = max(self.peak_mb, tree_pss_mb())
        else:
            self.peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
