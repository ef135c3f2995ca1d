"""Small hand-made databases whose every figure can be computed by hand."""

from __future__ import annotations

from datetime import date

from analytics import db, summaries


def small_db():
    """Five employees in two agencies; see the comments for what each test expects."""
    con = db.connect(":memory:")
    con.execute("""INSERT INTO instansi VALUES
        (1, 'Kementerian Contoh', 'pusat', NULL, NULL),
        (2, 'Pemerintah Kota Bandung', 'kabkota', '32', '32.73')""")
    con.execute("""INSERT INTO unor VALUES
        (10, 'U10', 'Kementerian Contoh', 1, NULL, 1, '31.71'),
        (11, 'U11', 'Kanwil Jawa Timur', 1, 10, 2, '35.78'),
        (12, 'U12', 'Kantor Surabaya', 1, 11, 3, '35.78'),
        (20, 'U20', 'Pemerintah Kota Bandung', 2, NULL, 1, '32.73')""")
    rows = [
        # key, nip, sex, type, tmt, gol, job, edu, unor, inst, kabkota
        (1, "198001012015012001", "P", "PNS", date(2015, 1, 1), 31, "fungsional", 40, 12, 1, "35.78"),
        (2, "199002022021031001", "L", "PNS", date(2021, 3, 1), 21, "pelaksana", 15, 11, 1, "35.78"),
        (3, "198503032024212001", "P", "PPPK", date(2024, 2, 1), 109, "fungsional", 30, 20, 2, "32.73"),
        (4, "197004042010011001", "L", "PNS", date(2010, 1, 1), 41, "pengawas", None, 10, 1, "31.71"),
        (5, "199505052026212001", "P", "PPPK", date(2026, 1, 1), 110, "pelaksana", 45, 20, 2, "32.73"),
    ]
    for key, nip, sex, jenis, tmt, gol, job, edu, unor, inst, kk in rows:
        lahir = date(int(nip[:4]), int(nip[4:6]), int(nip[6:8]))
        con.execute(
            "INSERT INTO pegawai VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'x', ?, ?, ?, ?, ?, 'Aktif', 0)",
            [key, nip, f"Pegawai {key}", lahir, sex, jenis, tmt, gol, job, edu, unor, inst, kk, kk[:2]],
        )
    acts = [
        # key, jenis, start, end, jp
        (1, 3, date(2025, 3, 1), date(2025, 3, 3), 24.0),
        (1, 9, date(2025, 12, 30), date(2026, 1, 2), 8.0),  # counts in 2026 (end date)
        (2, 16, date(2025, 6, 1), None, 5.0),  # no end: counts in its start year
        (3, 14, date(2026, 2, 1), date(2026, 2, 1), 2.0),
        (3, 15, date(2026, 2, 9), date(2026, 2, 9), 2.0),
        (4, 1, date(2018, 5, 1), date(2018, 8, 1), 270.0),
    ]
    for key, jenis, start, end, jp in acts:
        con.execute(
            "INSERT INTO pengembangan VALUES (?, ?, 'k', 'o', ?, ?, ?, NULL, NULL, 0)", [key, jenis, start, end, jp]
        )
    con.execute("INSERT INTO skp VALUES (1, 2025, NULL, 2, 2, 0), (4, 2025, NULL, 1, 1, 0), (3, 2025, NULL, 2, 2, 0)")
    summaries.refresh(con)
    return con
