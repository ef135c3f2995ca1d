"""Demo employees (pegawai), drawn in bulk with numpy: one array per column, one row per employee."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.demo import calibration as cal
from analytics.demo import writer
from analytics.demo.organisasi import weights_by_province
from analytics.rules import load_rules

EPOCH = np.datetime64("1970-01-01", "D")
JOBS = np.array(["jpt", "administrator", "pengawas", "fungsional", "pelaksana"])
GROUP_OF_JOB = np.array([0, 0, 0, 1, 2])  # struktural, fungsional, pelaksana
GROUPS = ("struktural", "fungsional", "pelaksana")
GOL_LADDER = np.array([11, 12, 13, 14, 21, 22, 23, 24, 31, 32, 33, 34, 41, 42, 43, 44, 45])
# by SIASN education id: (first rung on GOL_LADDER, last rung reachable, entry age, PPPK grade)
EDU_CAREER = {
    5: (0, 7, 20, 1),
    10: (2, 7, 20, 3),
    15: (4, 11, 21, 5),
    30: (6, 11, 23, 7),
    40: (8, 14, 25, 9),
    45: (9, 16, 29, 10),
    50: (10, 16, 33, 11),
}
KEDUDUKAN = np.array(["Aktif", "Tugas Belajar", "CLTN", "Pemberhentian Sementara"])
KEDUDUKAN_P = np.array([0.986, 0.009, 0.004, 0.001])


def pick(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One category index per row of a (rows x categories) probability matrix."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs)) * cum[:, -1]
    return (u[:, None] >= cum).sum(axis=1)


def _place(rng: np.random.Generator, n: int, slots: pd.DataFrame) -> np.ndarray:
    """Index into `slots` for each employee: province by PNS share, then sector, then unit."""
    prov_w = weights_by_province()
    provs = sorted(prov_w)
    prov = rng.choice(len(provs), n, p=np.array([prov_w[p] for p in provs]))
    dki = provs.index("31")
    sek_names = list(cal.SEKTOR)
    sek_p = np.array([list(cal.SEKTOR.values()), list(cal.SEKTOR_DKI.values())])
    sektor = pick(rng, sek_p[(prov == dki).astype(int)])
    # unit within (province, sector) by inverse CDF over the slots sorted by that group
    group = (
        slots["provinsi_kode"].map({p: i for i, p in enumerate(provs)}).to_numpy() * 3
        + slots["sektor"].map({s: i for i, s in enumerate(sek_names)}).to_numpy()
    )
    order = np.argsort(group, kind="stable")
    g_sorted = group[order]
    cum = np.cumsum(slots["weight"].to_numpy()[order])
    first = np.searchsorted(g_sorted, np.arange(len(provs) * 3), side="left")
    last = np.searchsorted(g_sorted, np.arange(len(provs) * 3), side="right") - 1
    lo = np.r_[0.0, cum][first]
    hi = cum[np.maximum(last, 0)]
    g = prov * 3 + sektor
    idx = np.searchsorted(cum, lo[g] + rng.random(n) * (hi[g] - lo[g]), side="right")
    idx = np.clip(idx, first[g], last[g])
    return order[idx]


def build_pegawai(rng: np.random.Generator, n: int, slots: pd.DataFrame, unor: pd.DataFrame, ref: date) -> pd.DataFrame:
    """One row per employee with numeric codes; strings (NIP, names) are made in SQL."""
    where = _place(rng, n, slots)
    unor_id = slots["unor_id"].to_numpy()[where]
    kind_idx = slots["kind"].map({"pendidikan": 0, "kesehatan": 1, "umum": 2}).to_numpy()[where]
    job_p = np.stack([np.array(cal.JENIS_JABATAN_PER_KIND[k]) for k in ("pendidikan", "kesehatan", "umum")])
    job = pick(rng, job_p[kind_idx])
    grp = GROUP_OF_JOB[job]

    def by_group(table: dict) -> np.ndarray:
        return np.stack([np.atleast_1d(np.array(table[g])) for g in GROUPS])[grp]

    edu = np.array(cal.PENDIDIKAN_IDS)[pick(rng, by_group(cal.PENDIDIKAN_PER_JABATAN))]
    female = rng.random(n) < by_group(cal.PEREMPUAN_PER_JABATAN)[:, 0]
    pppk = rng.random(n) < by_group(cal.PPPK_PER_JABATAN)[:, 0]

    ref_d = np.datetime64(ref, "D")
    # the post is drawn before the age: nobody in service is past the retirement age (BUP) of their post
    jabatan_pick = rng.integers(0, 1000, n, dtype=np.int16)
    bup = retirement_age(job, kind_idx, jabatan_pick)
    age = np.where(pppk, _ages(rng, n, cal.USIA_PPPK, bup), _ages(rng, n, cal.USIA_PNS, bup))
    birth = ref_d - (age * 365.25).astype(int)
    career_table = np.zeros((51, 4), int)
    for code, row in EDU_CAREER.items():
        career_table[code] = row
    career = career_table[edu]
    entry_age = career[:, 2] + rng.exponential(3.0, n)
    entry_age = np.maximum(np.minimum(entry_age, age - rng.uniform(0.3, 2.0, n)), 18.5)
    tmt = birth + (entry_age * 365.25).astype(int)
    years = np.array(list(cal.TAHUN_PPPK))
    pppk_year = years[rng.choice(len(years), n, p=np.array(list(cal.TAHUN_PPPK.values())))]
    pppk_start = (pppk_year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + rng.integers(0, 300, n)
    pppk_start = np.maximum(pppk_start, birth + int(19 * 365.25))  # appointed as an adult
    tmt = np.where(pppk, np.minimum(pppk_start, ref_d - 30), tmt)
    tmt = tmt.astype("datetime64[M]").astype("datetime64[D]")  # TMT is the first of a month

    service = (ref_d - tmt).astype(int) / 365.25
    rung = career[:, 0] + (service / 4 + rng.normal(0, 0.7, n)).astype(int).clip(0)
    rung = np.minimum(rung, career[:, 1])
    rung = np.where(job <= 1, np.maximum(rung, 12), rung)  # JPT and administrators are IV/a+
    gol = np.where(pppk, 100 + career[:, 3] + (service > 3), GOL_LADDER[rung])

    eselon = np.select(
        [job == 0, job == 1, job == 2],
        [21 + (rng.random(n) < 0.5), 31 + (rng.random(n) < 0.5), 41 + (rng.random(n) < 0.5)],
        0,
    )
    tingkat = np.zeros(unor["id"].max() + 1, int)
    tingkat[unor["id"].to_numpy()] = unor["tingkat"].to_numpy()
    eselon = np.where((job == 0) & (tingkat[unor_id] == 2) & (rng.random(n) < 0.1), 11, eselon)
    birth_s, tmt_s = _yyyymmdd(birth), _yyyymmdd(tmt)
    sex_digit = np.where(female, 2, 1)
    middle = np.where(pppk, (tmt_s // 10000) * 100 + 21, tmt_s // 100)  # YYYYMM or YYYY21
    prefix = birth_s.astype(np.int64) * 10**7 + middle.astype(np.int64) * 10 + sex_digit
    seq = _sequence(prefix)
    return pd.DataFrame(
        {
            "pegawai_key": np.arange(1, n + 1, dtype=np.int32),
            "nip": prefix * 1000 + seq,
            "birth_day": (birth - EPOCH).astype(np.int32),
            "tmt_day": (tmt - EPOCH).astype(np.int32),
            "female": female,
            "pppk": pppk,
            "golongan_id": gol.astype(np.int16),
            "job": job.astype(np.int8),
            "eselon_id": eselon.astype(np.int16),
            # a few records lack the education level, as in real exports [A]
            "pendidikan_id": np.where(rng.random(n) < 0.004, 0, edu).astype(np.int16),
            "unor_id": unor_id.astype(np.int32),
            "kind": kind_idx.astype(np.int8),
            "kedudukan": pick(rng, np.broadcast_to(KEDUDUKAN_P, (n, 4))).astype(np.int8),
            "name_a": rng.integers(0, 1000, n, dtype=np.int16),
            "name_b": rng.integers(0, 1000, n, dtype=np.int16),
            "jabatan_pick": jabatan_pick,
            "culture": slots["culture"].to_numpy()[where],
            # latent development propensity: drives training volume, SKP and persistence [A]
            "z": rng.normal(0.0, 1.0, n),
        }
    )


def _ages(rng: np.random.Generator, n: int, bands, bup: np.ndarray) -> np.ndarray:
    """Ages at the reference date by band, each under the employee's BUP: those who reached it have retired, so
    the oldest band ends at the BUP (its share is kept)."""
    lo = np.array([b[0] for b in bands], float)
    hi = np.array([b[1] for b in bands], float)
    k = rng.choice(len(bands), n, p=np.array([b[2] for b in bands]))
    return lo[k] + rng.random(n) * (np.minimum(hi[k], bup) - lo[k])


def retirement_age(job: np.ndarray, kind: np.ndarray, jabatan_pick: np.ndarray) -> np.ndarray:
    """The BUP (rules file [bup]) of each employee's post: by job type, a functional post by the name
    writer.PEGAWAI_SQL gives it (the `jabatan_pick % len`th of its list)."""
    bup = load_rules().bup
    out = np.zeros(len(job))
    for j, jenis in enumerate(JOBS):
        for k in range(3):
            names = writer.jabatan_pilihan(jenis, k)
            ages = np.array([bup.usia(jenis, nama) for nama in names], float)
            rows = (job == j) & (kind == k)
            out[rows] = ages[jabatan_pick[rows] % len(names)]
    return out


def _yyyymmdd(days: np.ndarray) -> np.ndarray:
    y = days.astype("datetime64[Y]")
    m = days.astype("datetime64[M]")
    year = y.astype(int) + 1970
    month = (m - y.astype("datetime64[M]")).astype(int) + 1
    day = (days - m.astype("datetime64[D]")).astype(int) + 1
    return year * 10000 + month * 100 + day


def _sequence(prefix: np.ndarray) -> np.ndarray:
    """1-based rank of each row among rows with the same NIP prefix (the 3-digit sequence)."""
    order = np.argsort(prefix, kind="stable")
    sp = prefix[order]
    new_run = np.r_[True, sp[1:] != sp[:-1]]
    run_start = np.maximum.accumulate(np.where(new_run, np.arange(len(sp)), 0))
    seq = np.empty(len(sp), dtype=np.int64)
    seq[order] = np.arange(len(sp)) - run_start + 1
    if seq.max(initial=0) > 999:
        raise ValueError("lebih dari 999 pegawai berbagi prefiks NIP yang sama")
    return seq
