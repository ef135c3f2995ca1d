"""One data version per page run: a gate between the dashboard's readers and the commits that change
the data (an import, a summary rebuild), within one process.

A page run makes a dozen queries, each on its own cursor. DuckDB gives each query a consistent
snapshot, but not the run: an import committing between two of them would leave a page with the old
totals above and the new charts below, and the calls after the commit cached under the old data
version. So a run holds the gate for reading (`GERBANG.baca()`, any number at once) and a commit
holds it for writing (`GERBANG.tulis()`): the commit waits for the runs in progress to end, new runs
wait for the commit (writers first, so a stream of viewers cannot starve an import), and every run
then sees one version from its first query to its last.

A thread that reads may write (the Impor page commits inside its own run): its own reading never
holds up its writing, nor does another reader that is itself waiting to write (two imports at once
then commit one after the other instead of waiting for each other for ever). Standard library only.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


class Gerbang:
    """A writer-preferring readers-writer gate, re-entrant per thread."""

    def __init__(self) -> None:
        self._cv = threading.Condition()
        self._pembaca: dict[int, int] = {}  # reading thread -> depth
        self._menunggu: set[int] = set()  # threads waiting to write
        self._penulis: int | None = None  # the thread writing
        self._dalam = 0  # its depth

    @contextmanager
    def baca(self) -> Iterator[None]:
        """Hold the gate for reading: no commit happens until the block ends."""
        me = threading.get_ident()
        with self._cv:
            while not self._boleh_baca(me):
                self._cv.wait()
            self._pembaca[me] = self._pembaca.get(me, 0) + 1
        try:
            yield
        finally:
            with self._cv:
                self._pembaca[me] -= 1
                if not self._pembaca[me]:
                    del self._pembaca[me]
                self._cv.notify_all()

    def _boleh_baca(self, me: int) -> bool:
        if me in self._pembaca or self._penulis == me:
            return True  # nested: already inside
        return self._penulis is None and not self._menunggu

    @contextmanager
    def tulis(self) -> Iterator[None]:
        """Hold the gate for writing: waits until no other run is reading, then keeps new runs out."""
        me = threading.get_ident()
        with self._cv:
            self._menunggu.add(me)
            try:
                while not self._boleh_tulis(me):
                    self._cv.wait()
            finally:
                self._menunggu.discard(me)
            self._penulis = me
            self._dalam += 1
        try:
            yield
        finally:
            with self._cv:
                self._dalam -= 1
                if not self._dalam:
                    self._penulis = None
                self._cv.notify_all()

    def _boleh_tulis(self, me: int) -> bool:
        if self._penulis == me:
            return True
        if self._penulis is not None:
            return False
        # readers other than this thread, not counting those waiting to write themselves
        return all(t == me or t in self._menunggu for t in self._pembaca)


# the process's gate (the dashboard's sessions are threads of one process)
GERBANG = Gerbang()
