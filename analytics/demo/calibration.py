"""Public figures the demo data is calibrated to, each with its source.

PNS per province: BPS 2023 (sourced from BKN), as reported in the press; national total 3,732,428.
Shares: BKN Buku Statistik ASN as reported in the press (Dec 2022, Jun 2023, Jul 2024, Nov 2025).
The `[A]` values are our own choices for the demo, not public figures.
"""

from __future__ import annotations

# PNS per province, 2023 (BPS from BKN) [S]
PNS_PER_PROVINSI_2023 = {
    "11": 153733,
    "12": 200846,
    "13": 115185,
    "14": 93980,
    "15": 68021,
    "16": 118773,
    "17": 52418,
    "18": 105734,
    "19": 31366,
    "21": 39038,
    "31": 241855,
    "32": 327676,
    "33": 336097,
    "34": 65117,
    "35": 363512,
    "36": 85161,
    "51": 73166,
    "52": 80890,
    "53": 113014,
    "61": 80898,
    "62": 69775,
    "63": 81306,
    "64": 72301,
    "65": 22187,
    "71": 68313,
    "72": 81192,
    "73": 178741,
    "74": 80337,
    "75": 32725,
    "76": 34944,
    "81": 62798,
    "82": 46255,
    "91": 45010,
    "92": 27529,
    "93": 16335,
    "94": 24377,
    "95": 20990,
    "96": 20820,
}

# Where ASN work: central 22-25%, regional 75-78% (Jun 2023, Jul 2024, Nov 2025) [S];
# the split of regional staff between provinces and kabupaten/kota is our assumption [A].
SEKTOR = {"pusat": 0.24, "provinsi": 0.16, "kabkota": 0.60}
# Jakarta has no autonomous kabupaten/kota: its regional staff belong to the province; it also
# hosts the central headquarters [A].
SEKTOR_DKI = {"pusat": 0.45, "provinsi": 0.55, "kabkota": 0.0}

# Job type by the kind of unit; gives fungsional ~67%, struktural ~7%, pelaksana ~26%
# (Jul 2024: 70/7/23; Nov 2025: 63/6/31) [S for the totals, A for the split by unit kind].
JENIS_JABATAN_PER_KIND = {
    #            jpt     admin   pengawas fungsional pelaksana
    "pendidikan": (0.0005, 0.003, 0.0265, 0.88, 0.09),
    "kesehatan": (0.0010, 0.007, 0.0420, 0.75, 0.20),
    "umum": (0.0060, 0.030, 0.1040, 0.35, 0.51),
}

# Education (jenjang) by job type; totals SD-SLTA ~15%, D-I..D-III ~12%, D-IV/S-1 ~61%, S-2 ~10%,
# S-3 ~1% (Nov 2025: 15/12/62/10/1) [S for totals, A for the split]. Columns: SIASN ids.
PENDIDIKAN_IDS = (5, 10, 15, 30, 40, 45, 50)
PENDIDIKAN_PER_JABATAN = {
    "struktural": (0.0, 0.0, 0.02, 0.03, 0.50, 0.42, 0.03),
    "fungsional": (0.0, 0.0, 0.03, 0.12, 0.73, 0.11, 0.01),
    "pelaksana": (0.02, 0.03, 0.45, 0.17, 0.32, 0.01, 0.0),
}

# Share of women by job type; overall ~56% (Nov 2025: 56%; Jul 2024: 57%) [S for total, A split]
PEREMPUAN_PER_JABATAN = {"struktural": 0.38, "fungsional": 0.62, "pelaksana": 0.45}

# Share of PPPK by job type; overall ~35% (Nov 2025: 36%) [S for total, A split]
PPPK_PER_JABATAN = {"struktural": 0.0, "fungsional": 0.40, "pelaksana": 0.31}

# PNS age bands (Jun 2023): <31 9%, 31-40 24%, 41-50 33%, 51-59 34% [S]; the oldest band of each employee ends at
# the retirement age of their post (rules [bup]: those past it have retired), its share kept (population._ages)
USIA_PNS = ((21, 31, 0.09), (31, 41, 0.24), (41, 51, 0.33), (51, 59, 0.34))
# PPPK ages: many former honorer staff, so older than new CPNS [A]
USIA_PPPK = ((22, 31, 0.22), (31, 41, 0.40), (41, 51, 0.28), (51, 57, 0.10))
# PPPK appointment years [A, shaped on the 2021-2025 intakes]
TAHUN_PPPK = {2019: 0.03, 2021: 0.17, 2022: 0.15, 2023: 0.15, 2024: 0.20, 2025: 0.30}
