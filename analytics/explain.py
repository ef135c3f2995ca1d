"""IP ASN in words: why one employee has the points they have, and why a record is incomplete."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from analytics import dimensions, fmt, ipasn
from analytics.filters import Scope
from analytics.ipasn import DIMENSI, jendela
from analytics.rules import JOB_TYPES, Rules


def _num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def explanation(row: dict, rules: Rules, ref: date) -> dict[str, str]:
    """One line per dimension saying where the points came from and where they were lost (`ref`: the data's
    reference date, which ends the running year's window)."""
    ip = rules.ipasn
    bobot = ip.bobot
    tahun = int(row["tahun"])
    periode = jendela(ip.jendela_tahun, tahun, ref).teks

    def have(x) -> bool:
        return x is not None and not pd.isna(x)

    if have(row["kualifikasi"]):
        pend = row.get("pendidikan") or "pendidikan"
        kual = f"Kualifikasi {_num(row['kualifikasi'])}/{_num(bobot['kualifikasi'])}: {pend}"
    else:
        kual = f"Kualifikasi –/{_num(bobot['kualifikasi'])}: pendidikan tidak tercatat"

    job = row["jenis_jabatan"]
    if job not in JOB_TYPES:
        komp = f"Kompetensi –/{_num(bobot['kompetensi'])}: jenis jabatan tidak tercatat"
    else:
        poin = ip.kompetensi.poin[job]
        ambang = ip.kompetensi.ambang_jp_teknis
        parts = []
        if poin["teknis"]:
            ok = row["teknis"] > 0
            parts.append(f"teknis {fmt.jp(row['jp_teknis'])} JP {'✓' if ok else f'✗ (butuh {_num(ambang)})'}")
        if poin["seminar"]:
            parts.append(f"seminar {'✓' if row['seminar'] > 0 else '✗'}")
        if poin["fungsional"]:
            parts.append(f"diklat fungsional {'✓' if row['fungsional'] > 0 else '✗'}")
        if poin["kepemimpinan"]:
            need = PIM_NAMA.get(int(row["pim_perlu"]), f"tingkat {row['pim_perlu']}") if have(row["pim_perlu"]) else "?"
            if row["kepemimpinan"] > 0:
                parts.append(f"kepemimpinan ✓ ({need})")
            else:
                parts.append(f"kepemimpinan ✗ ({need} dibutuhkan)")
        komp = f"Kompetensi {_num(row['kompetensi'])}/{_num(bobot['kompetensi'])}: " + ", ".join(parts)

    if have(row["kinerja"]):
        pred = {1: "Sangat Baik", 2: "Baik", 3: "Butuh Perbaikan/Cukup", 4: "Kurang", 5: "Sangat Kurang/Buruk"}
        kin = (
            f"Kinerja {_num(row['kinerja'])}/{_num(bobot['kinerja'])}: "
            f"{pred[int(row['predikat_id'])]} (SKP {int(row['skp_tahun'])})"
        )
    else:
        mundur = ip.kinerja.tahun_mundur
        yrs = f"{tahun - mundur}–{tahun}" if mundur else str(tahun)
        kin = f"Kinerja –/{_num(bobot['kinerja'])}: tidak ada SKP {yrs}"

    hukuman = f"hukuman {HUKDIS_NAMA[row['hukdis']]}" if have(row["hukdis"]) else "tanpa hukuman"
    dis = f"Disiplin {_num(row['disiplin'])}/{_num(bobot['disiplin'])}: {hukuman} {periode}"
    return {"ket_kualifikasi": kual, "ket_kompetensi": komp, "ket_kinerja": kin, "ket_disiplin": dis}


def alasan_tidak_lengkap(row: pd.Series | None) -> pd.DataFrame:
    """The reasons-for-incompleteness table of one per_kelompok row (None: no employees)."""
    cols = ["tanpa_pendidikan", "tanpa_skp", "tanpa_jabatan"]
    return pd.DataFrame(
        {
            "alasan": ["Pendidikan tidak tercatat", "Tidak ada SKP", "Jenis jabatan tidak tercatat"],
            "pegawai": [0 if row is None else int(row[c]) for c in cols],
        }
    )


PIM_NAMA = {2: "PIM IV", 3: "PIM III", 4: "PIM II", 5: "PIM I"}


HUKDIS_NAMA = {"R": "ringan", "S": "sedang", "B": "berat"}


def kelengkapan(con: duckdb.DuckDBPyConnection, *, scope: Scope) -> pd.DataFrame:
    """Why records are incomplete, for scope.tahun: one row per reason with pegawai count
    (an employee may lack more than one)."""
    row = ipasn.per_kelompok(con, scope=scope, by="nasional")
    return alasan_tidak_lengkap(row.iloc[0] if len(row) else None)


def per_pegawai(con: duckdb.DuckDBPyConnection, *, scope: Scope, rules: Rules, **kwargs) -> pd.DataFrame:
    """analytics.ipasn.per_pegawai (same arguments) with one explanation column per dimension (ket_*)."""
    df = ipasn.per_pegawai(con, scope=scope, **kwargs)
    ref = dimensions.reference_date(con)
    ket = pd.DataFrame([explanation(r, rules, ref) for r in df.to_dict("records")], index=df.index)
    return pd.concat([df, ket.reindex(columns=[f"ket_{d}" for d in DIMENSI])], axis=1)
