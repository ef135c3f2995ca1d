"""The Impor page's parts: the results of an import, and mapping the columns of a layout we do not know
onto our fields by hand (preview, a named profile, then the import)."""

from __future__ import annotations

import json
import logging
from datetime import date

import pandas as pd
import streamlit as st

from analytics import fmt
from analytics import kolom as kamus
from analytics.importer import (
    KINDS,
    REJECT_COLUMNS,
    FileRefused,
    check_upload,
    import_upload,
    preview,
    profil,
    read_bytes_as_file,
)
from ui.masuk import akses
from ui.sesi import connection, rules
from ui.tabel import tabel

GALAT = (
    "galat saat menulis ke basis data (mis. disk penuh atau berkas basis data tidak bisa ditulis); "
    "impor berkas ini dibatalkan seluruhnya. Rinciannya ada di log server; hubungi pengelola server."
)
HASIL = ["file", "kind", "import_id", "rows_read", "rows_loaded", "rows_rejected", "rows_unchanged", "profil"]
TIDAK_ADA = "— tidak ada —"


def isian(field: str, kind: str | None = None) -> str:
    """A field's Indonesian label ('tanggal_mulai' -> 'Tanggal mulai')."""
    return profil.label(field, kind)


def pasang(j: str) -> str | None:
    """A profile's stored {field: header or value} as 'NIP = NIP BARU; JP = Lama Pendidikan'."""
    return "; ".join(f"{isian(c)} = {h}" for c, h in json.loads(j).items()) or None


def teks(v) -> str:
    """A preview cell as text: whole numbers without decimals (a year stays 2025), dates in Indonesian."""
    if fmt.kosong(v):
        return "–"
    if pd.api.types.is_bool(v):
        return fmt.ya_tidak(v)
    if pd.api.types.is_float(v):
        return str(int(v)) if float(v).is_integer() else fmt.angka(v, 2)
    return fmt.tanggal(v) if isinstance(v, date) else str(v)


def pratinjau(name: str, data: bytes, batas: int, **mapping):
    """engine.preview of an upload (checked like an import first); nothing is written."""
    check_upload(name, data, max_mb=batas)
    path = read_bytes_as_file(data, name)
    try:
        return preview(connection(), path, rules=rules(), **mapping)
    finally:
        path.unlink(missing_ok=True)


def tebak(headers: list[str], jenis: str | None) -> str:
    """The kind whose required fields our suggestions cover best (then: the most suggested fields)."""

    def skor(k):
        s = profil.suggest(k, headers)
        return sum(bool(set(g) & set(s)) for g in KINDS[k].required) / len(KINDS[k].required), len(s)

    return jenis or max(KINDS, key=skor)


def catat(r) -> None:
    """Add one file's import to the results shown under "Hasil impor"."""
    hasil, gagal, tolak = st.session_state.get("impor_hasil", ([], [], pd.DataFrame(columns=REJECT_COLUMNS)))
    frames = [t for t in (tolak, r.rejects) if len(t)]
    tolak = pd.concat(frames) if frames else tolak
    st.session_state["impor_hasil"] = ([*hasil, r.summary()], [g for g in gagal if g[0] != r.file], tolak)


def pilih_kolom(name: str, kind: str, headers: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """A choice of the file's column per field of the kind (the closest preselected), three to a row, and for
    a field that may take one a fixed value for every row: ({field: header}, {field: value})."""
    saran, kolom, tetap = profil.suggest(kind, headers), {}, {}
    fields, pilih = profil.fields(kind), [TIDAK_ADA, *headers]
    for row in range(0, len(fields), 3):
        for cell, (f, wajib) in zip(st.columns(3), fields[row : row + 3]):
            alt = all(len(g) > 1 for g in KINDS[kind].required if f in g)
            label = isian(f, kind) + ((" (wajib salah satu)" if alt else " (wajib)") if wajib else "")
            h = cell.selectbox(label, pilih, index=pilih.index(saran.get(f, TIDAK_ADA)), key=f"pm|{name}|{kind}|{f}")
            if h != TIDAK_ADA:
                kolom[f] = h
            if f in profil.TETAP_BOLEH:
                v = cell.text_input(f"{isian(f)}: nilai tetap untuk semua baris", key=f"pm|{name}|{kind}|{f}|t")
                if v.strip() and h == TIDAK_ADA:  # only for a field the file has no column for
                    tetap[f] = v.strip()
    return kolom, tetap


def tampil_pratinjau(pv) -> None:
    """The first rows as they would load (columns empty in all of them named below instead) and their rejects."""
    if isinstance(pv, str):
        st.error(f"Pemetaan ini belum bisa dipakai: {fmt.md(pv)}")
        return
    n, rows = pv.ditolak["row_number"].nunique(), pv.baris.map(teks)
    st.markdown(f"**Pratinjau {len(rows) + n} baris pertama**: {len(rows)} lolos, {n} ditolak.")
    kosong = [c for c in rows if len(rows) and (rows[c] == "–").all()]
    if len(rows):
        tabel(rows.drop(columns=kosong), lain={c: kamus.Kolom(isian(c)) for c in rows})
    if kosong:
        st.caption("Kosong di semua baris ini: " + ", ".join(map(isian, kosong)) + ".")
    if n:
        tabel(pv.ditolak, ["row_number", "column", "value", "reason"])


def petakan(
    name: str, data: bytes, headers: list[str], contoh: pd.DataFrame, *, jenis: str | None, batas: int, setuju: bool
) -> None:
    """Map a refused file's columns onto the fields of a kind, preview, save as a profile and import (as
    the signed-in admin, once the demo switch-off was agreed to when it applies)."""
    user = akses().pengguna
    with st.expander(f"Petakan kolom: {fmt.md(name)}", expanded=True):
        st.caption(
            "Jenis data atau kolom wajib berkas ini tidak dikenali dari judul kolomnya. Pilih jenis datanya dan, "
            "untuk setiap isian, kolom berkas yang memuatnya (usulan terdekat sudah dipilih). Pemetaan hanya "
            "menunjuk kolom: setiap baris tetap diperiksa seperti impor biasa."
        )
        kind = st.selectbox("Jenis data", list(KINDS), index=list(KINDS).index(tebak(headers, jenis)), key=f"pm|{name}")
        isi = [" · ".join(v for v in contoh[h].dropna().astype(str).str.strip().unique()[:3] if v) for h in headers]
        judul = {"h": kamus.Kolom("Kolom berkas"), "c": kamus.Kolom("Contoh isi")}  # every column, up to 25 high
        tabel(pd.DataFrame({"h": headers, "c": isi}), lain=judul, height=35 * min(len(headers), 25) + 38)
        st.caption("Isian wajib: " + "; ".join(" atau ".join(map(isian, g)) for g in KINDS[kind].required) + ".")
        kolom, tetap = pilih_kolom(name, kind, headers)
        sig, simpan = (kind, sorted(kolom.items()), sorted(tetap.items())), st.session_state.setdefault("impor_pv", {})
        if st.button("Pratinjau", key=f"pm|{name}|pv"):
            try:
                simpan[name] = (sig, pratinjau(name, data, batas, kind=kind, columns=kolom, tetap=tetap))
            except FileRefused as exc:
                simpan[name] = (sig, str(exc))
        if name in simpan and simpan[name][0] == sig:  # the preview of the mapping as it is now
            tampil_pratinjau(simpan[name][1])
        a, b = st.columns([3, 2], vertical_alignment="bottom")
        nama = a.text_input("Nama profil", placeholder="mis. Laporan Sleman", key=f"pm|{name}|nama").strip()
        tunggu = None if setuju else "Centang dulu persetujuan penonaktifan akun demo di atas."
        if b.button("Simpan profil dan impor", key=f"pm|{name}|ok", type="primary", disabled=not setuju, help=tunggu):
            try:  # the profile is checked against the file's headers; the import then uses it like any file
                profil.save(connection(), profil.Profil(nama, kind, kolom, tetap, tuple(headers)), user=user)
                r = import_upload(connection(), name, data, max_mb=batas, user=user, rules=rules(), profile=nama)
            except FileRefused as exc:
                st.error(f"**{fmt.md(name)}** belum diimpor: {fmt.md(exc)}")
            except Exception:  # noqa: BLE001
                logging.getLogger(__name__).exception("impor %s gagal", name)
                st.error(f"**{fmt.md(name)}** belum diimpor: {GALAT}")
            else:
                catat(r)
                st.session_state["impor_petakan"].pop(name, None)
                st.rerun()
