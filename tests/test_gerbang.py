"""The gate between page runs and commits (analytics.gerbang): a commit waits for the runs in progress,
runs wait for a commit, a reading thread may write, and a run never sees two data versions."""

from __future__ import annotations

import threading
import time

import duckdb

from analytics.gerbang import Gerbang

WAIT = 5  # seconds a thread may take before the test calls it stuck


def _thread(fn) -> threading.Thread:
    t = threading.Thread(target=fn, daemon=True)
    t.start()
    return t


def test_a_commit_waits_for_the_run_in_progress_and_new_runs_wait_for_the_commit():
    g, events = Gerbang(), []
    reading, writer_waiting = threading.Event(), threading.Event()

    def run():
        with g.baca():
            reading.set()
            writer_waiting.wait(WAIT)
            time.sleep(0.2)  # the writer is waiting meanwhile
            events.append("run ends")

    def commit():
        reading.wait(WAIT)
        writer_waiting.set()
        with g.tulis():
            events.append("commit")

    def late_run():
        writer_waiting.wait(WAIT)
        time.sleep(0.05)  # arrives while the writer waits: must not overtake it
        with g.baca():
            events.append("late run")

    threads = [_thread(run), _thread(commit), _thread(late_run)]
    for t in threads:
        t.join(WAIT)
    assert events == ["run ends", "commit", "late run"]


def test_a_thread_that_reads_may_write_and_two_such_threads_do_not_wait_for_each_other():
    g, done = Gerbang(), []
    both_reading = threading.Barrier(2)

    def import_page(name):
        with g.baca():
            both_reading.wait(WAIT)
            with g.tulis():
                with g.baca():  # nested reads inside the write are fine too
                    done.append(name)

    threads = [_thread(lambda: import_page("a")), _thread(lambda: import_page("b"))]
    for t in threads:
        t.join(WAIT)
    assert sorted(done) == ["a", "b"], "two imports in two sessions deadlocked"


def test_runs_see_one_version_while_commits_land(tmp_path):
    """Readers count the rows twice with a pause between; a writer adds rows and commits under the gate.
    Every run's two counts agree, and the runs saw more than one version overall."""
    g = Gerbang()
    con = duckdb.connect(str(tmp_path / "g.duckdb"))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.execute("INSERT INTO t SELECT range FROM range(100)")
    seen, errors, stop = [], [], threading.Event()

    def reader():
        cur = con.cursor()
        while not stop.is_set():
            with g.baca():
                a = cur.execute("SELECT count(*) FROM t").fetchall()[0][0]
                time.sleep(0.01)
                b = cur.execute("SELECT count(*) FROM t").fetchall()[0][0]
            seen.append((a, b))

    def writer():
        cur = con.cursor()
        try:
            for _ in range(10):
                cur.execute("BEGIN")
                cur.execute("INSERT INTO t SELECT range FROM range(10)")
                time.sleep(0.01)
                with g.tulis():
                    cur.execute("COMMIT")
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)

    readers = [_thread(reader) for _ in range(5)]
    w = _thread(writer)
    w.join(30)
    stop.set()
    for t in readers:
        t.join(WAIT)
    assert not errors and not w.is_alive()
    assert all(a == b for a, b in seen), [p for p in seen if p[0] != p[1]][:5]
    assert len({a for a, _ in seen}) > 1  # the commits did land between runs
