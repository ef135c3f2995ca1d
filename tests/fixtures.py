"""Small hand-made databases whose every figure can be computed by hand."""

from __future__ import annotations

from datetime import date

from analytics import build, db


def small_db(*, refresh: bool = True):
    """Five employees in two agencies; see the comments for what each test expects. refresh=False
    leaves the derived tables unbuilt, for a caller that changes rows and then refreshes itself."""
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
            "INSERT INTO pegawai VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'x', ?, ?, ?, ?, ?, 'Aktif', 0, NULL, NULL)",
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
            "INSERT INTO pengembangan VALUES (?, ?, 'k', 'o', ?, ?, ?, NULL, NULL, 0, NULL, NULL)",
            [key, jenis, start, end, jp],
        )
    con.execute(
        "INSERT INTO skp VALUES (1, 2025, NULL, 2, 2, 0, NULL), (4, 2025, NULL, 1, 1, 0, NULL), "
        "(3, 2025, NULL, 2, 2, 0, NULL)"
    )
    if refresh:
        build.refresh(con)
    return con


# IP ASN fixture: measurement year 2025 (window 2024-2025), data as of 2025-12-31.
# key: (job type, eselon_id, pendidikan_id); expected points are in tests/test_ipasn.py.
IPASN_PEOPLE = {
    1: ("jpt", 21, 45),  # JPT pratama, S-2
    2: ("jpt", 11, 50),  # JPT madya, S-3
    3: ("administrator", 31, 40),  # S-1
    4: ("pengawas", 41, 35),  # D-IV
    5: ("fungsional", None, 30),  # D-III
    6: ("fungsional", None, 45),  # S-2
    7: ("pelaksana", None, 40),  # S-1
    8: ("pelaksana", None, 50),  # S-3
    9: ("pelaksana", None, 40),  # S-1
    10: ("pelaksana", None, 45),  # S-2
    11: ("pelaksana", None, 40),  # S-1
    12: ("pelaksana", None, 50),  # S-3
    13: ("fungsional", None, None),  # education unknown
    14: ("pelaksana", None, 40),  # no SKP in the window
    15: ("pelaksana", None, 25),  # SLTA
}
# (key, jenisDiklatId, start, end, claimed JP, latihanStrukturalId)
IPASN_ACTS = [
    (1, 1, date(2015, 3, 1), date(2015, 6, 1), 400.0, 4),  # PIM II, long ago: counts (any time)
    (1, 3, date(2024, 5, 1), date(2024, 5, 3), 20.0, None),  # technical, exactly 20 JP
    (1, 9, date(2025, 2, 1), date(2025, 2, 1), 4.0, None),  # seminar
    (2, 1, date(2016, 3, 1), date(2016, 6, 1), 400.0, 4),  # PIM II, but JPT madya needs PIM I
    (2, 3, date(2025, 1, 10), date(2025, 1, 11), 10.0, None),
    (2, 8, date(2024, 7, 1), date(2024, 7, 2), 9.5, None),  # 19.5 JP technical: below the threshold
    (2, 11, date(2024, 9, 1), date(2024, 9, 5), 10.0, None),  # kursus = seminar slot
    (3, 1, date(2010, 1, 1), date(2010, 3, 1), 270.0, 2),  # PIM IV: below the PIM III needed
    (3, 1, date(2025, 11, 1), date(2026, 2, 1), 350.0, 3),  # PIM III ends in 2026: not yet in 2025
    (3, 3, date(2023, 12, 31), date(2024, 1, 1), 20.0, None),  # ends on the window's first day: in
    (3, 8, date(2023, 6, 1), date(2023, 6, 5), 30.0, None),  # 2023: outside the window
    (3, 10, date(2023, 12, 1), date(2023, 12, 31), 20.0, None),  # magang ends before the window
    (4, 1, date(2019, 2, 1), date(2019, 3, 20), 241.0, 8),  # Latsar: not a leadership level
    (4, 1, date(2020, 2, 1), date(2020, 5, 1), 300.0, 6),  # SESPIM: not a leadership level
    (4, 3, date(2025, 3, 1), date(2025, 3, 5), 30.0, None),
    (4, 4, date(2025, 4, 1), date(2025, 4, 1), 5.0, None),  # workshop = seminar slot
    (5, 2, date(2024, 8, 1), date(2024, 8, 20), 60.0, None),  # functional training
    (5, 3, date(2025, 8, 1), date(2025, 8, 3), 20.0, None),
    (5, 9, date(2025, 9, 1), date(2025, 9, 1), 4.0, None),
    (6, 3, date(2025, 8, 1), date(2025, 8, 3), 20.0, None),
    (6, 9, date(2025, 9, 1), date(2025, 9, 1), 4.0, None),
    (7, 3, date(2025, 8, 1), date(2025, 8, 3), 20.0, None),
    (7, 9, date(2025, 9, 1), date(2025, 9, 1), 4.0, None),
    (8, 3, date(2025, 8, 1), date(2025, 8, 3), 20.0, None),  # technical only: 22.5
    (9, 9, date(2025, 9, 1), date(2025, 9, 1), 4.0, None),  # seminar only: 17.5
    (10, 9, date(2025, 9, 1), date(2025, 9, 1), 4.0, None),
    (11, 3, date(2025, 8, 1), date(2025, 8, 3), 20.0, None),
    (11, 9, date(2025, 9, 1), date(2025, 9, 1), 4.0, None),
    (12, 3, date(2025, 8, 1), date(2025, 8, 3), 20.0, None),
    (12, 9, date(2025, 9, 1), date(2025, 9, 1), 4.0, None),
    (13, 3, date(2025, 8, 1), date(2025, 8, 3), 20.0, None),
    (15, 3, date(2025, 8, 1), date(2025, 8, 3), 16.0, None),
    (15, 16, date(2025, 8, 1), date(2025, 8, 3), 9.0, None),  # e-learning is not technical training
]
# (key, year, predikat_id)
IPASN_SKP = [
    (1, 2025, 1),
    (2, 2024, 2),
    (3, 2025, 3),
    (4, 2025, 1),
    (5, 2025, 2),
    (6, 2025, 1),
    (7, 2025, 2),
    (7, 2024, 5),
    (8, 2025, 1),
    (9, 2025, 2),
    (10, 2025, 1),
    (11, 2025, 2),
    (12, 2025, 2),
    (13, 2025, 1),
    (14, 2023, 1),
    (15, 2025, 4),
    (2, 2023, 1),
]
# (key, level, start)
IPASN_HUKDIS = [
    (2, "R", date(2025, 3, 1)),
    (2, "S", date(2024, 1, 1)),  # heaviest in the window wins: S
    (3, "B", date(2023, 12, 31)),  # the day before the window: ignored
    (5, "B", date(2025, 12, 31)),  # last day of the window
    (7, "R", date(2025, 5, 1)),
    (8, "R", date(2025, 5, 1)),
    (9, "R", date(2025, 5, 1)),
    (10, "R", date(2025, 5, 1)),
    (11, "B", date(2025, 5, 1)),
    (12, "B", date(2025, 5, 1)),
]


def ipasn_db(rules=None):
    """Fifteen employees of one unit, hired 2015; every IP ASN rule is exercised by one of them."""
    con = db.connect(":memory:")
    con.execute("INSERT INTO instansi VALUES (1, 'Kementerian Contoh', 'pusat', NULL, NULL)")
    con.execute("""INSERT INTO unor VALUES (10, 'U10', 'Kementerian Contoh', 1, NULL, 1, '31.71'),
                   (11, 'U11', 'Biro Umum', 1, 10, 2, '31.71'), (12, 'U12', 'Biro SDM', 1, 10, 2, '31.71')""")
    for key, (job, eselon, edu) in IPASN_PEOPLE.items():
        con.execute(
            "INSERT INTO pegawai VALUES (?, ?, ?, DATE '1980-01-01', 'L', 'PNS', DATE '2015-01-01', 31, ?, ?, 'x', ?, "
            "?, 1, '31.71', '31', 'Aktif', 0, NULL, NULL)",
            [key, f"198001012015011{key:03d}", f"Pegawai {key}", job, eselon, edu, 11 if key <= 8 else 12],
        )
    for key, jenis, start, end, jp, lat in IPASN_ACTS:
        con.execute(
            "INSERT INTO pengembangan VALUES (?, ?, 'k', 'o', ?, ?, ?, NULL, ?, 0, NULL, NULL)",
            [key, jenis, start, end, jp, lat],
        )
    for key, year, pred in IPASN_SKP:
        con.execute("INSERT INTO skp VALUES (?, ?, NULL, ?, ?, 0, NULL)", [key, year, pred, pred])
    for key, level, start in IPASN_HUKDIS:
        con.execute("INSERT INTO hukdis VALUES (?, NULL, ?, ?, NULL, 0)", [key, level, start])
    db.set_meta(con, data_per="2025-12-31")
    build.refresh(con, rules)
    return con
