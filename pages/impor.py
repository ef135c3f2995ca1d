"""Impor: upload SIASN/SIMPEG exports, see what was loaded and why rows were refused; map the columns of a
layout we do not know onto our fields, saved as a named profile that later files with the same headers use."""

import json
import logging
from datetime import date

import pandas as pd
import streamlit as st

import ui
from analytics import accounts, fmt, imports
from analytics import kolom as kamus
from analytics.importer import (
    JENIS_UNGGAH,
    KINDS,
    REJECT_COLUMNS,
    FileRefused,
    check_upload,
    import_upload,
    preview,
    profil,
    read_bytes_as_file,
)
from analytics.settings import load_settings

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


def pratinjau(name: str, data: bytes, **mapping):
    """engine.preview of an upload (checked like an import first); nothing is written."""
    check_upload(name, data, max_mb=batas)
    path = read_bytes_as_file(data, name)
    try:
        return preview(ui.connection(), path, rules=ui.rules(), **mapping)
    finally:
        path.unlink(missing_ok=True)


def tebak(headers: list[str]) -> str:
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
        ui.tabel(rows.drop(columns=kosong), lain={c: kamus.Kolom(isian(c)) for c in rows})
    if kosong:
        st.caption("Kosong di semua baris ini: " + ", ".join(map(isian, kosong)) + ".")
    if n:
        ui.tabel(pv.ditolak, ["row_number", "column", "value", "reason"])


def petakan(name: str, data: bytes, headers: list[str], contoh: pd.DataFrame) -> None:
    """Map a refused file's columns onto the fields of a kind, preview, save as a profile and import."""
    with st.expander(f"Petakan kolom: {fmt.md(name)}", expanded=True):
        st.caption(
            "Jenis data atau kolom wajib berkas ini tidak dikenali dari judul kolomnya. Pilih jenis datanya dan, "
            "untuk setiap isian, kolom berkas yang memuatnya (usulan terdekat sudah dipilih). Pemetaan hanya "
            "menunjuk kolom: setiap baris tetap diperiksa seperti impor biasa."
        )
        kind = st.selectbox("Jenis data", list(KINDS), index=list(KINDS).index(tebak(headers)), key=f"pm|{name}")
        isi = [" · ".join(v for v in contoh[h].dropna().astype(str).str.strip().unique()[:3] if v) for h in headers]
        judul = {"h": kamus.Kolom("Kolom berkas"), "c": kamus.Kolom("Contoh isi")}  # every column, up to 25 high
        ui.tabel(pd.DataFrame({"h": headers, "c": isi}), lain=judul, height=35 * min(len(headers), 25) + 38)
        st.caption("Isian wajib: " + "; ".join(" atau ".join(map(isian, g)) for g in KINDS[kind].required) + ".")
        kolom, tetap = pilih_kolom(name, kind, headers)
        sig, simpan = (kind, sorted(kolom.items()), sorted(tetap.items())), st.session_state.setdefault("impor_pv", {})
        if st.button("Pratinjau", key=f"pm|{name}|pv"):
            try:
                simpan[name] = (sig, pratinjau(name, data, kind=kind, columns=kolom, tetap=tetap))
            except FileRefused as exc:
                simpan[name] = (sig, str(exc))
        if name in simpan and simpan[name][0] == sig:  # the preview of the mapping as it is now
            tampil_pratinjau(simpan[name][1])
        a, b = st.columns([3, 2], vertical_alignment="bottom")
        nama = a.text_input("Nama profil", placeholder="mis. Laporan Sleman", key=f"pm|{name}|nama").strip()
        tunggu = None if setuju else "Centang dulu persetujuan penonaktifan akun demo di atas."
        if b.button("Simpan profil dan impor", key=f"pm|{name}|ok", type="primary", disabled=not setuju, help=tunggu):
            try:  # the profile is checked against the file's headers; the import then uses it like any file
                profil.save(ui.connection(), profil.Profil(nama, kind, kolom, tetap, tuple(headers)), user=user)
                r = import_upload(ui.connection(), name, data, max_mb=batas, user=user, rules=ui.rules(), profile=nama)
            except FileRefused as exc:
                st.error(f"**{fmt.md(name)}** belum diimpor: {fmt.md(exc)}")
            except Exception:  # noqa: BLE001
                logging.getLogger(__name__).exception("impor %s gagal", name)
                st.error(f"**{fmt.md(name)}** belum diimpor: {GALAT}")
            else:
                catat(r)
                st.session_state["impor_petakan"].pop(name, None)
                st.rerun()


scope = ui.page_scope()  # runs through the router (filters, login) first
ui.require_admin()
user = ui.akses().pengguna
st.title("Impor data")
batas = load_settings().upload_mb
st.caption(
    "Unggah ekspor SIASN/SIMPEG atau lembar kerja: CSV (pemisah , ; | atau tab; UTF-8, Windows-1252 atau "
    "UTF-16/'Unicode Text' Excel), "
    "XLSX (boleh ada baris judul di atas kepala kolom), Parquet, JSON layanan SIASN (satu jawaban, daftar, "
    "JSON Lines, atau ZIP berisi jawaban-jawaban), dan rekap/laporan aplikasi 20 JP instansi. Setiap berkas "
    "diimpor dalam satu transaksi: berhasil seluruhnya atau tidak sama sekali. Baris yang tidak lolos "
    "pemeriksaan (juga baris CSV yang rusak) disimpan beserta alasannya dan bisa diunduh; berkas yang tidak "
    "bisa dibaca ditolak tanpa menghentikan berkas lain. Berkas yang kolomnya tidak dikenali bisa dipetakan "
    "di bawah hasil impor."
)
st.caption(
    f"Batas **{batas} MB per berkas**; jenis yang diterima: {', '.join('.' + j for j in JENIS_UNGGAH)}. "
    "Berkas yang lebih besar: pecah per instansi atau per tahun, atau impor di server dengan "
    "`python -m analytics import BERKAS`."
)

files = st.file_uploader(
    "Berkas", type=list(JENIS_UNGGAH), accept_multiple_files=True, max_upload_size=batas, key="unggah"
)
jenis = st.selectbox("Jenis data", [None, *KINDS], format_func=lambda k: "Kenali dari judul kolom" if k is None else k)
setuju = True
if accounts.demo_accounts_active(ui.connection().cursor()):  # the first real import: say what changes first
    admins = accounts.real_admins(ui.connection().cursor())
    st.warning(
        accounts.DEMO_OFF_WARNING
        + (
            f" Admin yang tetap bisa masuk: {', '.join(fmt.md(a) for a in admins)}."
            if admins
            else " **Belum ada admin selain akun demo**: tanpa itu tidak ada yang bisa masuk lagi setelah impor."
        )
    )
    setuju = st.checkbox("Saya mengerti: akun demo dinonaktifkan saat impor ini.", key="impor_setuju")
if st.button("Impor", type="primary", disabled=not (files and setuju)):
    hasil, gagal, tolak, peta = [], [], [], {}
    bar = st.progress(0.0, text="Mengimpor…")
    for i, f in enumerate(files):
        bar.progress(i / len(files), text=f"Mengimpor {f.name} ({i + 1} dari {len(files)})…")
        data = f.getvalue()
        try:  # refused whole (wrong type, too large, unreadable): reason shown, nothing written, audited
            r = import_upload(ui.connection(), f.name, data, max_mb=batas, kind=jenis, user=user, rules=ui.rules())
            hasil.append(r.summary())
            tolak.append(r.rejects)
        except FileRefused as exc:
            gagal.append((f.name, str(exc)))
            try:  # its content could be read: its columns can be mapped by hand below
                pv = pratinjau(f.name, data)
                peta[f.name] = (data, pv.headers, pv.contoh)
            except Exception:  # noqa: BLE001 (unreadable: the refusal above says why)
                pass
        except Exception:  # noqa: BLE001 (one file's failure must not abandon the others of the batch)
            logging.getLogger(__name__).exception("impor %s gagal", f.name)
            gagal.append((f.name, GALAT))
    bar.progress(1.0, text="Selesai")
    st.session_state["impor_hasil"] = (
        hasil,
        gagal,
        pd.concat(tolak) if tolak else pd.DataFrame(columns=REJECT_COLUMNS),
    )
    st.session_state["impor_petakan"], st.session_state["impor_pv"] = peta, {}

if "impor_hasil" in st.session_state:
    hasil, gagal, tolak = st.session_state["impor_hasil"]
    for name, why in gagal:
        st.error(f"**{fmt.md(name)}** ditolak seluruhnya, tidak ada yang ditulis: {fmt.md(why)}")
    if hasil:
        st.subheader("Hasil impor")
        ui.tabel(pd.DataFrame(hasil)[HASIL], lain={"profil": kamus.Kolom("Profil pemetaan")})
        for h in hasil:  # what was derived or is missing, and what that costs downstream
            if h["catatan"] or h["profil"]:
                how = f" · diimpor dengan profil pemetaan **{fmt.md(h['profil'])}**" if h["profil"] else ""
                st.info(f"**{fmt.md(h['file'])}**{how}\n\n" + "\n".join(f"- {fmt.md(c)}" for c in h["catatan"]))
    if len(tolak):
        st.subheader(f"Baris ditolak ({fmt.angka(tolak['row_number'].nunique())} baris)")
        ui.tabel(tolak, REJECT_COLUMNS)
        ui.unduh(  # human headers, no formulas; audited like every export
            "Unduh baris ditolak (CSV)",
            tolak[REJECT_COLUMNS],
            "baris_ditolak",
            scope,
            format="csv",
            nama="baris_ditolak",
        )
for name, (data, headers, contoh) in list(st.session_state.get("impor_petakan", {}).items()):
    petakan(name, data, headers, contoh)

st.subheader("Profil pemetaan kolom")
st.caption(
    "Berkas berikutnya dengan judul kolom yang sama (urutan, huruf besar-kecil dan tanda baca tidak berpengaruh) "
    "diimpor otomatis dengan profilnya; setiap baris tetap diperiksa."
)
if pesan := st.session_state.pop("profil_pesan", None):
    st.success(pesan)
daftar = profil.listing(ui.connection())
if daftar.empty:
    st.caption("Belum ada profil: profil dibuat saat memetakan kolom berkas yang tidak dikenali.")
else:
    ui.tabel(
        daftar.assign(kolom=daftar["kolom"].map(pasang), tetap=daftar["tetap"].map(pasang)),
        lain={
            "nama": kamus.Kolom("Nama profil"),
            "kolom_berkas": kamus.Kolom("Kolom berkas", kamus.JUMLAH),
            "kolom": kamus.Kolom("Pemetaan"),
            "tetap": kamus.Kolom("Nilai tetap"),
            "dibuat_oleh": kamus.Kolom("Dibuat oleh"),
            "dibuat": kamus.Kolom("Dibuat", kamus.WAKTU),
        },
        lebar={"Nama profil": 160, "Jenis data": 110, "Kolom berkas": 100, "Pemetaan": 270, "Nilai tetap": 100}
        | {"Dibuat oleh": 90, "Dibuat": 130},
    )
    a, b = st.columns([3, 1], vertical_alignment="bottom")
    hapus = a.selectbox("Pilih profil", daftar["nama"].tolist(), key="profil_pilih")
    if b.button("Hapus profil", key="profil_hapus"):
        profil.delete(ui.connection(), hapus, user=user)
        st.session_state["profil_pesan"] = f"Profil **{fmt.md(hapus)}** dihapus."
        st.rerun()

st.subheader("Riwayat impor")
ui.tabel(imports.riwayat(ui.connection()))
