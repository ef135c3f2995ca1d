"""A data set in which nothing changes from year to year: the same people, in the same units, doing the same
things on the same days of every year. Every comparison of a year with the year before must then show no
change, at any reference date (tests/test_setara.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from analytics import build, db

YEARS = range(2017, 2027)  # records from before the first summary year: every window is full
# (kabkota, provinsi) of the two agencies' units
KOTA = [("35.78", "35"), ("32.73", "32")]
JOBS = ["fungsional", "pelaksana", "pengawas", "administrator", "fungsional", "pelaksana"]
EDU = [40, 15, 45, 40, 30, 50]
# per employee (by key % 8): the activities of each year as (jenis, month, day, days, JP claimed);
# the same every year, spread over the year so compliance differs at every cut-off date
POLA = [
    [(3, 2, 10, 3, 24.0)],  # reaches 20 JP in February
    [(3, 5, 5, 2, 12.0), (9, 9, 20, 1, 4.0), (4, 11, 3, 1, 5.0)],  # 21 JP by November
    [(16, 1, 15, 1, 3.0), (14, 3, 3, 1, 2.0), (15, 3, 17, 1, 2.0), (8, 7, 7, 3, 14.0)],  # 21 JP in July
    [(7, 6, 12, 1, 4.0)],  # never reaches 20
    [],  # never starts
    [(11, 4, 1, 5, 30.0), (23, 10, 10, 1, 2.0)],  # April
    [(3, 12, 1, 2, 20.0)],  # December
    [(1, 8, 1, 10, 40.0), (9, 2, 2, 1, 4.0)],  # August (leadership training: IP ASN leadership slot)
]


def steady_db(path: Path, ref: date, employees: int = 96):
    """Build the data set at `path` with `ref` as the data's reference date and its summaries; returns the
    open connection. Records after `ref` are in the file (planned) and must not count."""
    con = db.connect(path)
    con.execute("""INSERT INTO instansi VALUES
        (1, 'Kementerian Tetap', 'pusat', NULL, NULL),
        (2, 'Pemerintah Kota Bandung', 'kabkota', '32', '32.73')""")
    con.execute("""INSERT INTO unor VALUES
        (10, NULL, 'Kementerian Tetap', 1, NULL, 1, '31.71'),
        (11, NULL, 'Kantor Wilayah Jawa Timur', 1, 10, 2, '35.78'),
        (12, NULL, 'Seksi Pelayanan Surabaya', 1, 11, 3, '35.78'),
        (20, NULL, 'Pemerintah Kota Bandung', 2, NULL, 1, '32.73'),
        (21, NULL, 'Dinas Pendidikan Kota Bandung', 2, 20, 2, '32.73'),
        (22, NULL, 'Dinas Kesehatan Kota Bandung', 2, 20, 2, '32.73')""")
    units = [(12, 1, 0), (11, 1, 0), (21, 2, 1), (22, 2, 1)]  # (unor, instansi, KOTA index)
    rows: dict[str, list[tuple]] = {t: [] for t in ("pegawai", "pengembangan", "skp", "perilaku", "hukdis", "bahasa",
                                                    "tik", "inovasi", "ikm")}  # fmt: skip
    for key in range(1, employees + 1):
        unor, inst, k = units[key % len(units)]
        kk, prov = KOTA[k]
        jenis = "PPPK" if key % 9 == 0 else "PNS"
        job = JOBS[key % 6]
        kedudukan = {17: "CLTN", 29: "Tugas Belajar", 41: "04"}.get(key, "Aktif")  # status never changes
        lahir = date(1975 + key % 20, 1 + key % 12, 1 + key % 27)
        rows["pegawai"].append((
            key, f"{lahir:%Y%m%d}201001{1 + key % 2}{key:03d}", f"Pegawai {key}", lahir, "LP"[key % 2], jenis,
            date(2010, 1, 1), 109 if jenis == "PPPK" else 31 + key % 3, job,
            {"pengawas": 41, "administrator": 31}.get(job), "x", EDU[key % 6], unor, inst, kk, prov, kedudukan,
            0, None, None,
        ))  # fmt: skip
        for year in YEARS:
            for jenis_diklat, month, day, days, jp in POLA[key % len(POLA)]:
                nama = "International Leadership Course" if jenis_diklat == 8 and key % 3 == 0 else "Pelatihan"
                rows["pengembangan"].append((
                    key, jenis_diklat, nama, "penyelenggara", date(year, month, day),
                    date(year, month, day + days - 1), jp, None, 3 if jenis_diklat == 1 else None, 0, None, None,
                ))  # fmt: skip
            rows["skp"].append((key, year, None, 1 + key % 3, 1 + key % 3, 0, None))
            rows["perilaku"].append((key, year, 2, 3, 2, 2, 3, 1 + key % 3, 2, 0))
            if key % 5 == 0:  # a light punishment every year on the same day
                rows["hukdis"].append((key, 1, "R", date(year, 6, 15), None, 0))
            if key % 4 == 0:
                rows["bahasa"].append((key, "TOEFL ITP", "Inggris", 450.0 + key, date(year, 5, 20), 0, None))
                rows["tik"].append((key, "asesmen", "Literasi digital", None, 50.0 + key % 40, date(year, 8, 8), 0))
            if key % 6 == 0:
                rows["inovasi"].append((key, "Inovasi", "unit", "diterapkan", "anggota", year, 0))
    rows["ikm"] = [(unor, year, 70.0 + unor % 7, 0) for year in YEARS for unor, _, _ in units]
    for table, data in rows.items():  # one statement per table (a row at a time is slow in DuckDB)
        cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        con.register("_rows", pd.DataFrame(data, columns=cols))
        con.execute(f"INSERT INTO {table} SELECT * FROM _rows")  # noqa: S608 (our table names)
        con.unregister("_rows")
    db.set_meta(con, data_per=ref.isoformat(), sumber="uji")
    build.refresh(con)
    return con
