"""Seeded synthetic national dataset: `python -m analytics demo --employees N --seed S`.

Everything is drawn with numpy.random.default_rng from the seed and a constant reference date,
in bulk (no per-row Python loops), then written with INSERT ... SELECT. The database is built in
a temporary file and swapped into place, so a crash never leaves a half-built database.
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from pathlib import Path

import numpy as np

from analytics import accounts, build, db
from analytics.demo import history, writer
from analytics.demo.organisasi import build_organisasi
from analytics.demo.population import build_pegawai
from analytics.reference import kabkota_frame

REFERENCE_DATE = date(2026, 9, 30)
DUP_CERT_RATE = 0.0005  # share of certified records that repeat the previous number [A]


def build_demo(
    path: str | Path,
    *,
    employees: int,
    seed: int,
    ref: date = REFERENCE_DATE,
    memory_limit: str = "2.5GB",
    log=lambda msg: None,
) -> dict[str, float]:
    """Build the demo database at `path` (replacing it); return timings in seconds per step."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    con = db.connect(tmp, memory_limit=memory_limit)
    try:
        timings = _fill(con, employees, seed, ref, log)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, path)
    return timings


def _fill(con, employees: int, seed: int, ref: date, log) -> dict[str, float]:
    timings: dict[str, float] = {}
    t0 = time.perf_counter()

    def lap(step: str) -> None:
        nonlocal t0
        now = time.perf_counter()
        timings[step] = now - t0
        t0 = now
        log(f"{step}: {timings[step]:.1f} s")

    def rng(stream: int) -> np.random.Generator:
        return np.random.default_rng([seed, stream])

    import_id = db.scalar(con, "SELECT nextval('import_id_seq')")
    kabkota = kabkota_frame()
    inst, unor, slots = build_organisasi(kabkota, rng(1))
    writer.insert(con, "INSERT INTO instansi SELECT * FROM src", inst)
    writer.insert(con, "INSERT INTO unor SELECT * FROM src", unor)
    lap("organisasi")

    peg = build_pegawai(rng(2), employees, slots, unor, ref)
    writer.insert(con, writer.PEGAWAI_SQL, peg, import_id=import_id)
    lap("pegawai")

    # Draw the next year's activities in a worker thread while DuckDB writes this year's
    # (numpy and DuckDB both release the GIL), one stream per year so the result is the same.
    def draw(year: int):
        r = rng(100 + year)
        act = history.activities_for_year(r, peg, year, ref)
        return act, r.random(len(act)) < DUP_CERT_RATE

    offset = 0
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(draw, history.YEARS[0])
        for i in range(len(history.YEARS)):
            act, dup = pending.result()
            if i + 1 < len(history.YEARS):
                pending = pool.submit(draw, history.YEARS[i + 1])
            seq = offset + np.arange(1, len(act) + 1)
            keys = act["pegawai_key"].to_numpy()
            # repeat the previous record's number only across employees: the import key stays unique
            dup &= act["certified"].to_numpy() & (keys != np.r_[keys[:1], keys[:-1]])
            act["cert_seq"] = np.where(dup, np.r_[seq[:1], seq[:-1]], seq)
            offset += len(act)
            writer.insert(con, writer.PENGEMBANGAN_SQL, act, import_id=import_id)
    writer.insert(con, writer.STRUKTURAL_SQL, history.structural_training(rng(3), peg, ref), import_id=import_id)
    lap("pengembangan")

    for stream, (make, sql) in enumerate(
        [
            (history.skp, writer.SKP_SQL),
            (history.hukdis, writer.HUKDIS_SQL),
            (history.bahasa, writer.BAHASA_SQL),
            (history.tik, writer.TIK_SQL),
            (history.perilaku, writer.PERILAKU_SQL),
            (history.inovasi, writer.INOVASI_SQL),
        ],
        start=10,
    ):
        writer.insert(con, sql, make(rng(stream), peg, ref), import_id=import_id)
    writer.insert(con, writer.IKM_SQL, history.ikm(rng(20), slots, ref, peg), import_id=import_id)
    lap("riwayat_lain")

    db.set_meta(con, data_per=ref.isoformat())  # the summaries count to this date (analytics.dimensions)
    build.refresh(con)
    lap("ringkasan")
    add_demo_accounts(con)
    rows = db.scalar(con, "SELECT count(*) FROM pengembangan")
    con.execute(
        "INSERT INTO import_log VALUES (?, 'demo', NULL, 'demo', ?, ?, 0, 0, 'sistem', ?, 'selesai')",
        [import_id, employees + rows, employees + rows, datetime.now()],
    )
    db.set_meta(
        con,
        sumber="demo",
        demo_seed=seed,
        demo_pegawai=employees,
        dibangun=datetime.now().isoformat(timespec="seconds"),
    )
    return timings


# Demo accounts, one per role, password shown on the login page while the data is the demo's;
# importing real data disables them (analytics.importer.engine).
DEMO_PASSWORD = "demo-smart-asn"


def largest_instansi(con) -> int:
    """The agency with most employees (the demo's unit operator works there)."""
    return con.execute("SELECT instansi_id FROM pegawai GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchall()[0][0]


def add_demo_accounts(con) -> None:
    """demo-admin (everything), demo-unit (the largest agency, person-level inside it),
    demo-pimpinan (national aggregates only)."""
    inst = largest_instansi(con)
    accounts.add_user(con, "demo-admin", DEMO_PASSWORD, "admin", demo=True, oleh="demo")
    accounts.add_user(con, "demo-unit", DEMO_PASSWORD, "unit", instansi_ids=(inst,), demo=True, oleh="demo")
    accounts.add_user(con, "demo-pimpinan", DEMO_PASSWORD, "pimpinan", nasional=True, demo=True, oleh="demo")
