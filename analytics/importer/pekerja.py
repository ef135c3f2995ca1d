"""Reading an import file in a separate process with memory and time limits, so no file can take the
dashboard (or the CLI) down with it.

The readers behind an import (the spreadsheet library, the JSON parser, DuckDB's CSV and Parquet
readers) run in a child process forked from a small single-threaded server that has them imported
already (multiprocessing's "forkserver": a fork costs milliseconds, and never copies the dashboard's
threads or its open database). The child limits its own address space (RLIMIT_AS) and CPU time, reads
the file into `imp_raw` of an in-memory DuckDB (analytics.importer.read.read_into, with the limits of
analytics.importer.batas), writes it to a temporary Parquet file and says how it went through a pipe.
A file that makes a reader abort, run out of memory or past its time ends only the child; the parent
answers with one sentence (FileRefused), and otherwise loads the Parquet file into its own `imp_raw`.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import multiprocessing
import os
import resource
import shutil
import sys
import tempfile
import threading
import types
from pathlib import Path

import duckdb

from analytics import fmt
from analytics.importer.batas import Batas
from analytics.importer.read import FileRefused

_log = logging.getLogger(__name__)
_PRELOAD = ["analytics.importer.read", "analytics.importer.kinds"]


def _konteks() -> multiprocessing.context.BaseContext:
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(_PRELOAD)  # not the parent's __main__ (the CLI, Streamlit or pytest)
    return ctx


def baca(
    cur: duckdb.DuckDBPyConnection, path: Path, batas: Batas | None = None, *, ukur: dict | None = None
) -> int | None:
    """Create TEMP TABLE imp_raw on `cur` from `path`, read in a child process; returns what read_into
    returns. Raises FileRefused when the file cannot be read within the limits, OSError when the disk
    under the temporary files is full (not the file's fault). `ukur`, when given, receives the child's
    peak resident memory (`puncak_mb`) when it lived to say it."""
    batas = batas or Batas.dari()
    folder = Path(tempfile.mkdtemp(prefix="smartasn-baca-"))
    out = folder / "imp_raw.parquet"
    ctx = _konteks()
    terima, kirim = ctx.Pipe(duplex=False)
    anak = ctx.Process(target=_anak, args=(path, out, batas, kirim), name="smartasn-pembaca-impor", daemon=True)
    try:
        with _tanpa_main():
            anak.start()
        kirim.close()  # the child's end: once the child is gone, a read on ours ends instead of waiting
        jawab = terima.recv() if terima.poll(batas.waktu_detik) else None
        anak.join(5)
        if anak.is_alive():
            anak.kill()
            anak.join()
            if jawab is None:
                raise FileRefused(
                    f"pembacaan berkas melebihi batas waktu {fmt.angka(batas.waktu_detik)} detik; pecah berkasnya "
                    "(mis. per instansi atau per tahun) lalu impor bagian-bagiannya"
                )
    except EOFError:
        anak.join()
        jawab = None
    finally:
        terima.close()
    if ukur is not None and jawab:
        ukur["puncak_mb"] = jawab.get("puncak_kb", 0) / 1024
    try:
        if jawab is not None and "galat" in jawab:
            raise RuntimeError(f"pembaca impor gagal: {jawab['galat']}")
        if not jawab or not {"first_row", "ditolak", "disk"} & set(jawab):
            # killed (the memory or CPU limit, or an abort inside a reader): the child's end, not the server's
            _log.warning("pembaca impor berakhir dengan kode %s", anak.exitcode)
            galat = out.with_name("stderr.txt")
            _log.debug("%s", galat.read_text(errors="replace")[-4000:] if galat.exists() else "")
            raise FileRefused(
                f"berkas tidak bisa dibaca dalam batas memori ({fmt.angka(batas.memori_mb)} MB) dan waktu "
                f"({fmt.angka(batas.waktu_detik)} detik) pembaca impor (mis. "
                "lembar kerja dengan sel sangat jauh di kanan/bawah atau isi terkompresi yang sangat besar); "
                "simpan ulang hanya bagian datanya dari Excel, atau pecah berkasnya"
            )
        if "ditolak" in jawab:
            raise FileRefused(jawab["ditolak"])
        if "disk" in jawab:
            raise OSError(errno.ENOSPC, jawab["disk"])  # the server's disk, said as such by the caller
        cur.execute("CREATE OR REPLACE TEMP TABLE imp_raw AS SELECT * FROM read_parquet(?)", [str(out)])
        return jawab["first_row"]
    finally:
        shutil.rmtree(folder, ignore_errors=True)


_MULAI = threading.Lock()


@contextlib.contextmanager
def _tanpa_main():
    """Start the child without the parent's __main__: multiprocessing re-imports it in every child, and
    under Streamlit's test runner that is the page script itself (which would open the database). The
    swap lasts only as long as start() takes, one start at a time."""
    with _MULAI:
        asli = sys.modules["__main__"]
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            sys.modules["__main__"] = asli


def _anak(path: Path, out: Path, batas: Batas, kirim) -> None:
    """The child: its own limits first, then the read; one answer through the pipe (none when killed)."""
    # a reader's own crash text (a Rust panic, a traceback) goes to a file the parent logs, never to a user
    os.dup2(os.open(out.with_name("stderr.txt"), os.O_WRONLY | os.O_CREAT, 0o600), 2)
    ruang = batas.memori_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (ruang, ruang))
    resource.setrlimit(resource.RLIMIT_CPU, (batas.waktu_detik, batas.waktu_detik + 5))
    try:
        jawab = _baca_di_sini(path, out, batas)
    except Exception as exc:  # noqa: BLE001 (our own failure, not the file's: the parent raises it)
        jawab = {"galat": f"{type(exc).__name__}: {exc}"[:500]}
    jawab["puncak_kb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: kilobytes
    kirim.send(jawab)
    kirim.close()


def _baca_di_sini(path: Path, out: Path, batas: Batas) -> dict:
    from analytics.importer import kinds
    from analytics.importer.read import read_into

    # DuckDB's own budget well inside the address space (its threads and the Python heap need the rest)
    con = duckdb.connect(config={"memory_limit": f"{max(batas.memori_mb // 3, 256)}MB", "threads": 2})
    try:
        con.execute("SET enable_progress_bar = false")
        try:
            first_row = read_into(con, path, kinds.all_known_headers(), batas)
        except FileRefused as exc:
            return {"ditolak": str(exc)}
        except MemoryError:
            return {}
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                return {"disk": str(exc)}
            raise
        try:
            con.table("imp_raw").write_parquet(str(out))
        except duckdb.IOException as exc:  # the temporary folder's disk, not the file
            return {"disk": f"berkas sementara tidak bisa ditulis: {exc}"}
    finally:
        con.close()
    return {"first_row": first_row}
