"""Demo history per employee: development activities, SKP, punishments and Smart ASN indicators.

Each function returns one numeric frame (one row per record); strings are made in SQL by
analytics.demo.writer. Structure the analytics should find [A]: unit learning culture, a personal
propensity that persists across years and correlates with SKP, activity bunching in Q3-Q4 and
December, COVID-era e-learning, rare punishments, and a few deliberately messy records.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from analytics.demo.population import EPOCH

YEARS = range(2020, 2027)
# activity volume per employee-year (mean Poisson rate) [A]
BASE_RATE = {2020: 1.6, 2021: 1.9, 2022: 2.1, 2023: 2.3, 2024: 2.5, 2025: 2.6, 2026: 2.7}
# month weights: bunching in Q3-Q4 and December [A]
MONTH_W = np.array([4, 5, 6, 6, 7, 6, 8, 10, 11, 11, 12, 14], float)
# jenisDiklatId 1..25 base mix (structural training is drawn separately) [A]
JENIS_W = np.array(
    [
        0,
        0.04,
        0.12,
        0.07,
        0.02,
        0.01,
        0.09,
        0.10,
        0.10,
        0.005,
        0.02,
        0.005,
        0.01,
        0.05,
        0.04,
        0.14,
        0.03,
        0.003,
        0.005,
        0.01,
        0.002,
        0.06,
        0.03,
        0.02,
        0.01,
    ]
)
COVID_BOOST = {16: 2.0, 17: 2.0, 4: 0.4, 9: 0.5, 19: 0.1, 20: 0.2}  # 2020-2021 [A]
# per jenis: (days min, days max, JP per day min, max) of the claim; fixed claims use JP max [A]
SHAPE = {
    2: (3, 10, 7, 9),
    3: (2, 8, 7, 9),
    4: (1, 2, 4, 7),
    5: (3, 10, 7, 9),
    6: (2, 4, 6, 8),
    7: (1, 1, 3, 6),
    8: (2, 5, 7, 9),
    9: (1, 2, 3, 6),
    10: (10, 30, 6, 6),
    11: (2, 10, 4, 8),
    12: (2, 5, 7, 8),
    13: (1, 3, 5, 8),
    14: (1, 1, 2, 2),
    15: (1, 1, 2, 2),
    16: (1, 5, 1, 5),
    17: (5, 20, 2, 4),
    18: (30, 90, 6, 6),
    19: (1, 3, 6, 9),
    20: (2, 5, 3, 5),
    21: (30, 90, 6, 6),
    22: (1, 10, 1, 3),
    23: (1, 3, 1, 3),
    24: (1, 5, 3, 8),
    25: (1, 3, 3, 8),
}
CERTIFIED = np.zeros(26, bool)
CERTIFIED[[2, 3, 5, 6, 8, 11, 12, 16, 17]] = True
PIM_FOR_JOB = {0: 4, 1: 3, 2: 2}  # jpt -> PIM II, administrator -> PIM III, pengawas -> PIM IV
PIM_JP = {2: 270, 3: 350, 4: 400, 5: 450}


def _days(d: np.datetime64) -> int:
    return int((d - EPOCH).astype(int))


def activities_for_year(rng: np.random.Generator, peg: pd.DataFrame, year: int, ref: date) -> pd.DataFrame:
    """One row per activity ending in `year` (up to the reference date)."""
    active = peg["tmt_day"].to_numpy() <= _days(np.datetime64(f"{year}-12-31"))
    who = np.flatnonzero(active)
    z = peg["z"].to_numpy()[who]
    culture = peg["culture"].to_numpy()[who]
    lam = BASE_RATE[year] * np.exp(0.55 * z + culture - (0.55**2 + 0.45**2 + 0.25**2) / 2)
    count = rng.poisson(lam)
    emp = np.repeat(who, count)
    n = len(emp)
    # an employee's activities in a year get different topics, so no two share the import key
    # (employee, type, start, name) unless a certificate number tells them apart
    rank = np.arange(n) - np.repeat(np.cumsum(count) - count, count)
    topic = np.repeat(rng.integers(0, 1000, len(who)), count) + rank
    w = JENIS_W.copy()
    if year <= 2021:
        for j, f in COVID_BOOST.items():
            w[j - 1] *= f
    jenis = rng.choice(np.arange(1, 26), n, p=w / w.sum()).astype(np.int16)
    shape = np.array([SHAPE.get(j, (1, 1, 1, 1)) for j in range(26)], float)[jenis]
    days = (shape[:, 0] + rng.random(n) * (shape[:, 1] - shape[:, 0] + 1)).astype(np.int32)
    per_day = shape[:, 2] + rng.random(n) * (shape[:, 3] - shape[:, 2])
    jp = np.round(days * per_day)
    jp = np.where(np.isin(jenis, [16]), np.round(rng.uniform(2, 16, n)), jp)
    jp = np.where(np.isin(jenis, [14, 15]), 2.0, jp)
    messy = rng.random(n) < 0.002  # implausible (but not impossible) JP per day [A]
    jp = np.where(messy, days * np.round(rng.uniform(12, 30, n)), jp)
    month = rng.choice(12, n, p=MONTH_W / MONTH_W.sum())
    start = (np.datetime64(f"{year}-01", "M") + month).astype("datetime64[D]") + rng.integers(0, 28, n)
    # the record counts in the year of its end date: start early enough to end in this year
    start = np.minimum(start, np.datetime64(f"{year}-12-31") - days + 1)
    end = start + days - 1
    keep = end <= np.datetime64(ref)
    return pd.DataFrame(
        {
            "pegawai_key": peg["pegawai_key"].to_numpy()[emp],
            "jenis": jenis,
            "start_day": (start - EPOCH).astype(np.int32),
            "end_day": (end - EPOCH).astype(np.int32),
            "jp": jp,
            "certified": CERTIFIED[jenis] & (rng.random(n) < 0.85),
            "topic": topic.astype(np.int32),
            "org": rng.integers(0, 1000, n, dtype=np.int16),
        }
    )[keep]


def structural_training(rng: np.random.Generator, peg: pd.DataFrame, ref: date) -> pd.DataFrame:
    """Leadership training (PIM) for structural posts, and Latsar for PNS hired from 2019."""
    job = peg["job"].to_numpy()
    tmt = peg["tmt_day"].to_numpy()
    ref_day = _days(np.datetime64(ref))
    s = np.flatnonzero(job <= 2)
    level = np.array([PIM_FOR_JOB[j] for j in job[s]]) + (rng.random(len(s)) < 0.08) * (job[s] == 0)
    u = rng.random(len(s))
    level = np.where(u < 0.75, level, np.where(u < 0.85, np.maximum(level - 1, 2), 0))
    s, level = s[level > 0], level[level > 0]
    lo = np.maximum(tmt[s] + 3 * 365, _days(np.datetime64("2008-01-01")))
    start = np.minimum(lo + (rng.random(len(s)) * np.maximum(ref_day - 120 - lo, 1)).astype(int), ref_day - 120)
    pim = pd.DataFrame(
        {
            "pegawai_key": peg["pegawai_key"].to_numpy()[s],
            "level": level,
            "start_day": start,
            "end_day": start + 90,
            "jp": np.array([PIM_JP[lv] for lv in level], float),
        }
    )
    latsar = np.flatnonzero((~peg["pppk"].to_numpy()) & (tmt >= _days(np.datetime64("2019-01-01"))))
    start = tmt[latsar] + rng.integers(60, 300, len(latsar))
    lat = pd.DataFrame(
        {
            "pegawai_key": peg["pegawai_key"].to_numpy()[latsar],
            "level": 8,
            "start_day": start,
            "end_day": start + 50,
            "jp": 241.0,
        }
    )
    out = pd.concat([pim, lat], ignore_index=True)
    return out[out["end_day"] <= ref_day]


def skp(rng: np.random.Generator, peg: pd.DataFrame, ref: date) -> pd.DataFrame:
    """One row per employee and finished year 2020..ref.year-1 (about 2% missing)."""
    frames = []
    z = peg["z"].to_numpy()
    for year in range(2020, ref.year):
        who = np.flatnonzero(
            (peg["tmt_day"].to_numpy() <= _days(np.datetime64(f"{year}-06-30"))) & (rng.random(len(peg)) > 0.02)
        )
        s = 0.5 * z[who] + rng.normal(0, 0.85, len(who))
        if year < 2022:  # PP 46/2011 numeric SKP
            nilai = np.round(np.clip(83 + 5 * s, 30, 100), 2)
            pred = np.select([nilai >= 91, nilai >= 76, nilai >= 61, nilai >= 51], [1, 2, 3, 4], 5)
            kuadran = np.full(len(who), -1)
        else:
            nilai = np.full(len(who), np.nan)
            pred = np.select([s > 1.2, s > -1.3, s > -1.9, s > -2.4], [1, 2, 3, 4], 5)
            kuadran = pred
        frames.append(
            pd.DataFrame(
                {
                    "pegawai_key": peg["pegawai_key"].to_numpy()[who],
                    "tahun": year,
                    "nilai": nilai,
                    "kuadran": kuadran,
                    "predikat": pred,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def hukdis(rng: np.random.Generator, peg: pd.DataFrame, ref: date) -> pd.DataFrame:
    """Rare punishments (~1.5% of employees over 2020..ref), likelier with low propensity."""
    p = 0.015 * np.exp(-0.5 * peg["z"].to_numpy()) / np.exp(0.125)
    who = np.flatnonzero(rng.random(len(peg)) < p)
    tingkat = rng.choice(3, len(who), p=[0.65, 0.25, 0.10])
    jenis = np.choose(
        tingkat,
        [rng.choice([1, 2, 3], len(who)), rng.choice([23, 24, 25], len(who)), rng.choice([27, 28, 9], len(who))],
    )
    lo = _days(np.datetime64("2020-01-01"))
    start = lo + (rng.random(len(who)) * (_days(np.datetime64(ref)) - lo)).astype(int)
    months = np.select([jenis == 23, jenis == 24, jenis == 25, tingkat == 2], [6, 9, 12, 12], 0)
    return pd.DataFrame(
        {
            "pegawai_key": peg["pegawai_key"].to_numpy()[who],
            "jenis": jenis,
            "tingkat": tingkat,
            "start_day": start,
            "end_day": start + months * 30,
        }
    )


def bahasa(rng: np.random.Generator, peg: pd.DataFrame, ref: date) -> pd.DataFrame:
    """Foreign-language tests for a minority, likelier for S-2/S-3 and central staff."""
    edu = peg["pendidikan_id"].to_numpy()
    p = 0.06 * np.where(edu >= 45, 3.0, 1.0) * np.exp(0.3 * peg["z"].to_numpy())
    who = np.flatnonzero(rng.random(len(peg)) < p)
    n = len(who)
    tes = rng.choice(4, n, p=[0.55, 0.15, 0.20, 0.10])  # TOEFL ITP, IELTS, TOEIC, TOEFL iBT
    skor = np.choose(
        tes,
        [
            np.clip(np.round(rng.normal(480, 55, n)), 310, 677),
            np.clip(np.round(rng.normal(6.0, 0.8, n) * 2) / 2, 3, 9),
            np.clip(np.round(rng.normal(600, 150, n) / 5) * 5, 10, 990),
            np.clip(np.round(rng.normal(75, 15, n)), 0, 120),
        ],
    )
    lo = _days(np.datetime64("2018-01-01"))
    day = lo + (rng.random(n) * (_days(np.datetime64(ref)) - lo)).astype(int)
    return pd.DataFrame({"pegawai_key": peg["pegawai_key"].to_numpy()[who], "tes": tes, "skor": skor, "day": day})


def tik(rng: np.random.Generator, peg: pd.DataFrame, ref: date) -> pd.DataFrame:
    """Digital-competence assessments (~25%) and ICT certificates (~3%)."""
    z = peg["z"].to_numpy()
    n = len(peg)
    a = np.flatnonzero(rng.random(n) < 0.25)
    c = np.flatnonzero(rng.random(n) < 0.03 * np.exp(0.4 * z))
    lo = _days(np.datetime64("2023-01-01"))
    span = _days(np.datetime64(ref)) - lo
    keys = peg["pegawai_key"].to_numpy()
    return pd.DataFrame(
        {
            "pegawai_key": np.r_[keys[a], keys[c]],
            "sertifikat": np.r_[np.zeros(len(a), bool), np.ones(len(c), bool)],
            "skor": np.r_[np.clip(np.round(rng.normal(62 + 6 * z[a], 12)), 0, 100), np.full(len(c), np.nan)],
            "pick": rng.integers(0, 1000, len(a) + len(c)),
            "day": lo + (rng.random(len(a) + len(c)) * span).astype(int),
        }
    )


def perilaku(rng: np.random.Generator, peg: pd.DataFrame, ref: date) -> pd.DataFrame:
    """BerAKHLAK behaviour ratings (1 below, 2 meets, 3 above expectation), 2022..ref.year-1."""
    frames = []
    z = peg["z"].to_numpy()
    for year in range(2022, ref.year):
        who = np.flatnonzero(peg["tmt_day"].to_numpy() <= _days(np.datetime64(f"{year}-06-30")))
        base = 0.4 * z[who]
        cols = {}
        for name in ("berorientasi_pelayanan", "akuntabel", "kompeten", "harmonis", "loyal", "adaptif", "kolaboratif"):
            s = base + rng.normal(0, 0.9, len(who))
            cols[name] = np.select([s > 1.1, s > -1.6], [3, 2], 1).astype(np.int16)
        frames.append(pd.DataFrame({"pegawai_key": peg["pegawai_key"].to_numpy()[who], "tahun": year, **cols}))
    return pd.concat(frames, ignore_index=True)


def inovasi(rng: np.random.Generator, peg: pd.DataFrame, ref: date) -> pd.DataFrame:
    """Innovation records for a few percent of employees."""
    p = 0.04 * np.exp(0.5 * peg["z"].to_numpy() + peg["culture"].to_numpy())
    who = np.flatnonzero(rng.random(len(peg)) < p)
    n = len(who)
    return pd.DataFrame(
        {
            "pegawai_key": peg["pegawai_key"].to_numpy()[who],
            "tingkat": rng.choice(3, n, p=[0.7, 0.25, 0.05]),
            "status": rng.choice(3, n, p=[0.5, 0.4, 0.1]),
            "ketua": rng.random(n) < 0.3,
            "pick": rng.integers(0, 1000, n),
            "tahun": rng.integers(2020, ref.year + 1, n),
        }
    )


def ikm(rng: np.random.Generator, slots: pd.DataFrame, ref: date, peg: pd.DataFrame) -> pd.DataFrame:
    """Public-satisfaction index per service unit with staff and year 2020..ref.year-1 (a unit nobody works in is
    known to no employee list, so an import could not place its index)."""
    units = slots[slots["kind"] != "pendidikan"]
    frames = [
        pd.DataFrame(
            {
                "unor_id": units["unor_id"].to_numpy(),
                "tahun": year,
                "nilai": np.round(
                    np.clip(
                        78 + 0.6 * (year - 2020) + 6 * units["culture"].to_numpy() + rng.normal(0, 4, len(units)),
                        40,
                        100,
                    ),
                    2,
                ),
            }
        )
        for year in range(2020, ref.year)
    ]
    out = pd.concat(frames, ignore_index=True)  # drawn for every unit, so a unit's values do not depend on others
    return out[out["unor_id"].isin(peg["unor_id"])].reset_index(drop=True)
