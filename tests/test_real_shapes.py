"""Issue 14: files laid out exactly as real systems write them (tests/real_shapes.py; sources in
tests/REAL_SHAPES.md) load with the right fields, every row accounted for, and re-import changes nothing."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from analytics import build, db
from analytics.importer import FileRefused, import_file
from tests import real_shapes as R
from tests.conftest import checkpointed

SHARED = Path(__file__).resolve().parents[2] / "shared" / "domain" / "siasn-ref"
REF_2025 = date(2025, 12, 31)
PEOPLE = R.people()
JPT, FUNGSIONAL, PELAKSANA, PPPK, PENGAWAS = PEOPLE


@pytest.fixture
def con(tmp_path):
    c = db.connect(tmp_path / "real.duckdb")
    yield c
    c.close()


def write(tmp_path, built) -> Path:
    name, data = built
    p = tmp_path / name
    p.write_bytes(data)
    return p


def load(con, tmp_path, builder, **kw):
    """Import a builder's file, check the row accounting, and that importing it again changes nothing."""
    path = write(tmp_path, builder(PEOPLE))
    r = import_file(con, path, **kw)
    assert r.rows_read == r.rows_loaded + r.rows_rejected + r.rows_unchanged
    again = import_file(con, path, **kw)
    assert (again.rows_loaded, again.rows_unchanged, again.rows_rejected) == (
        0,
        r.rows_read - r.rows_rejected,
        r.rows_rejected,
    )
    return r


def employees(con) -> dict[str, dict]:
    cur = con.execute(
        """SELECT p.nip, p.pns_id, p.nama, p.tanggal_lahir::VARCHAR AS lahir, p.jenis_kelamin, p.jenis_pegawai,
                  p.golongan_id, p.jenis_jabatan, p.eselon_id, p.pendidikan_id, u.nama AS unor, p.kabkota_kode,
                  p.turunan
           FROM pegawai p LEFT JOIN unor u ON u.id = p.unor_id"""
    )
    names = [d[0] for d in cur.description]
    return {r[0]: dict(zip(names, r, strict=True)) for r in cur.fetchall()}


def expect_person(row: dict, p: R.Person, *, eselon: bool = True) -> None:
    assert row["pns_id"] == p.pns_id.lower()
    assert row["lahir"] == p.tgl_lahir.isoformat() and row["jenis_kelamin"] == p.sex
    assert row["jenis_pegawai"] == ("PPPK" if "PPPK" in p.jenis_pegawai else "PNS")
    assert row["golongan_id"] == p.gol_id and row["pendidikan_id"] == int(p.pendidikan_id)
    job = {2: "fungsional", 4: "pelaksana"}.get(p.jenis_jabatan_id)
    if p.eselon_id and eselon:
        job = {22: "jpt", 41: "pengawas"}[p.eselon_id]
    assert row["jenis_jabatan"] == job, (p.nama, row)
    assert row["eselon_id"] == (p.eselon_id if eselon else None) or (not p.eselon_id and row["eselon_id"] is None)
    assert row["kabkota_kode"] == "34.04"  # KAB. SLEMAN
    assert row["unor"] == p.unor_nama


# --- SIASN web service --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "builder",
    [
        R.siasn_data_utama_list_json,
        R.siasn_data_utama_plain_list_json,
        R.siasn_data_utama_jsonl,
        R.siasn_data_utama_zip,
    ],
)
def test_data_utama_every_packaging_brings_every_field(con, tmp_path, builder):
    r = load(con, tmp_path, builder)
    assert (r.kind, r.rows_read, r.rows_loaded) == ("pegawai", 5, 5)
    got = employees(con)
    for p in PEOPLE:
        expect_person(got[p.nip], p)
    assert got[JPT.nip]["nama"] == f"{JPT.gelar_depan} {JPT.nama}, {JPT.gelar_belakang}"  # "Drs. X, M.Si."


def test_one_data_utama_response_and_a_folder_of_them(con, tmp_path):
    r = load(con, tmp_path, lambda ppl: R.siasn_data_utama_json(ppl[:1]))
    assert (r.kind, r.rows_read, r.rows_loaded) == ("pegawai", 1, 1)
    expect_person(employees(con)[JPT.nip], JPT)
    folder = tmp_path / "respons"
    name, data = R.siasn_data_utama_zip(PEOPLE)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        z.extractall(folder)
    r = import_file(con, folder)
    assert (r.rows_read, r.rows_loaded, r.rows_unchanged) == (5, 4, 1)
    assert set(employees(con)) == {p.nip for p in PEOPLE}


def test_siasn_error_response_is_refused_in_words(con, tmp_path):
    p = tmp_path / "galat.json"
    p.write_text(json.dumps({"code": 0, "data": None, "message": "Data tidak ditemukan"}))
    with pytest.raises(FileRefused, match="pesan galat, bukan data .Data tidak ditemukan"):
        import_file(con, p)


@pytest.fixture(scope="module")
def people_template(tmp_path_factory) -> Path:
    """A database file with the five people imported from their SIASN data utama, once a module."""
    folder = tmp_path_factory.mktemp("people")
    c = db.connect(folder / "real.duckdb")
    try:
        import_file(c, write(folder, R.siasn_data_utama_list_json(PEOPLE)))
    finally:
        c.close()
    return checkpointed(folder / "real.duckdb")


@pytest.fixture
def people_loaded(people_template, tmp_path):
    """The five people loaded: every test writes into its own copy of people_template."""
    shutil.copyfile(people_template, tmp_path / "real.duckdb")
    c = db.connect(tmp_path / "real.duckdb")
    yield c
    c.close()


def test_skp22_links_by_person_id_and_reads_siasn_wording(people_loaded, tmp_path):
    con = people_loaded
    r = load(con, tmp_path, R.siasn_rw_skp22_json)
    assert (r.kind, r.rows_rejected) == ("skp", 0) and r.rows_loaded == r.rows_read
    rows = json.loads(R.siasn_rw_skp22_json(PEOPLE)[1])["data"]
    names = {"SANGAT BAIK": 1, "BAIK": 2, "BUTUH PERBAIKAN": 3, "KURANG": 4, "SANGAT KURANG": 5}
    want = {(x["pnsDinilaiId"].lower(), int(x["tahun"])): names[x["kuadranKinerja"]] for x in rows}
    got = con.execute(
        "SELECT p.pns_id, s.tahun, s.predikat_id FROM skp s JOIN pegawai p USING (pegawai_key)"
    ).fetchall()
    assert {(a, b): c for a, b, c in got} == want


def test_skp_before_2022_rates_by_prestasi_kerja(people_loaded, tmp_path):
    con = people_loaded
    body = json.loads(R.siasn_rw_skp_json(PEOPLE)[1])
    body["data"][0].update(nilaiSkp=89.0, nilaiPrestasiKerja=91.5)  # Baik by SKP, Sangat Baik by prestasi
    p = tmp_path / "rw-skp.json"
    p.write_text(json.dumps(body))
    r = import_file(con, p)
    assert (r.kind, r.rows_loaded, r.rows_rejected) == ("skp", len(body["data"]), 0)
    first = body["data"][0]
    pred, prestasi = con.execute(
        "SELECT predikat_id, nilai_prestasi FROM skp s JOIN pegawai p USING (pegawai_key) "
        "WHERE p.pns_id = ? AND s.tahun = ?",
        [first["pns"].lower(), first["tahun"]],
    ).fetchone()
    assert (pred, prestasi) == (1, 91.5)


def test_hukdis_links_by_person_id_and_an_unknown_id_is_rejected(people_loaded, tmp_path):
    con = people_loaded
    body = json.loads(R.siasn_rw_hukdis_json(PEOPLE)[1])
    stranger = dict(body["data"][0], pnsOrang="F" * 32, id="0" * 32)
    body["data"].append(stranger)
    p = tmp_path / "rw-hukdis.json"
    p.write_text(json.dumps(body))
    r = import_file(con, p)
    assert (r.kind, r.rows_read, r.rows_loaded, r.rows_rejected) == ("hukdis", 3, 2, 1)
    assert "ID PNS tidak cocok dengan pegawai mana pun" in r.rejects["reason"].iloc[0]
    assert r.rejects["column"].iloc[0] == "pnsOrang"
    got = con.execute(
        "SELECT p.nip, h.jenis_hukuman_id, h.tingkat FROM hukdis h JOIN pegawai p USING (pegawai_key) ORDER BY 1"
    ).fetchall()
    assert got == sorted([(PELAKSANA.nip, 1, "R"), (FUNGSIONAL.nip, 4, "S")])


def test_diklat_pim_and_latsar_without_jp_load_and_score_leadership(people_loaded, tmp_path):

    con = people_loaded
    r = load(con, tmp_path, R.siasn_rw_diklat_json)
    assert (r.kind, r.rows_read, r.rows_loaded, r.rows_rejected) == ("pengembangan", 4, 4, 0)
    assert any("tanpa JP dimuat sebagai bukti pelatihan" in c for c in r.catatan)
    build.refresh(con)
    # the JPT Pratama (eselon II.b) has PIM II with jumlahJam "": the leadership slot is filled (15 points)
    pim, kep = con.execute(
        "SELECT pim_punya, kepemimpinan FROM ipasn_pegawai_tahun i JOIN pegawai p USING (pegawai_key) "
        "WHERE p.nip = ? ORDER BY tahun DESC LIMIT 1",
        [JPT.nip],
    ).fetchone()
    assert (pim, kep) == (4, 15)


def test_kursus_without_jenis_id_is_classified_or_refused_with_a_reason(people_loaded, tmp_path):
    con = people_loaded
    body = json.loads(R.siasn_rw_kursus_json(PEOPLE)[1])
    legacy = [x for x in body["data"] if not x["jenisDiklatId"]]
    assert legacy and {x["jenisKursusSertifikat"] for x in legacy} == {"T"}
    # a P (seminar-like) row whose name says nothing, and an F row
    body["data"].append(dict(legacy[0], jenisKursusSertifikat="P", namaKursus="Kegiatan Peningkatan Mutu", id="1" * 32))
    body["data"].append(
        dict(
            legacy[0],
            jenisKursusSertifikat="F",
            namaKursus="Pelatihan Jenjang",
            id="2" * 32,
            tanggalKursus="01-03-2019",
            tanggalSelesaiKursus="05-03-2019",
        )
    )
    p = tmp_path / "rw-kursus.json"
    p.write_text(json.dumps(body))
    r = import_file(con, p)
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (len(body["data"]), len(body["data"]) - 1, 1)
    assert "jenisKursusSertifikat P mencakup beberapa jenis diklat" in r.rejects["reason"].iloc[0]
    kinds = dict(
        con.execute(
            "SELECT nama, jenis_diklat_id FROM pengembangan "
            "WHERE nama IN ('Kursus Bahasa Inggris', 'Pelatihan Jenjang')"
        ).fetchall()
    )
    assert kinds == {"Kursus Bahasa Inggris": 11, "Pelatihan Jenjang": 2}  # "kursus" among T kinds; F is one kind


# --- SIASN Export Data ASN CSV and SAPK ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "builder, eselon",
    [
        (R.siasn_export_asn_pipe_csv, False),
        (R.siasn_export_asn_comma_old_csv, False),
        (R.siasn_export_asn_semicolon_eselon_csv, True),
        (R.siasn_export_asn_snake_csv, False),
    ],
)
def test_export_data_asn_variants(con, tmp_path, builder, eselon):
    r = load(con, tmp_path, builder)
    assert (r.kind, r.rows_read, r.rows_loaded, r.rows_rejected) == ("pegawai", 5, 5, 0)
    got = employees(con)
    for p in PEOPLE:
        expect_person(got[p.nip], p, eselon=eselon)
    if not eselon:  # structural officials load with the job type unknown, and the summary says so
        assert any("2 pejabat struktural tanpa eselon" in c for c in r.catatan)
    assert got[PPPK.nip]["golongan_id"] == 109  # PPPK grade IX


def test_shorter_export_after_data_utama_keeps_the_eselon(people_loaded, tmp_path):
    con = people_loaded
    r = import_file(con, write(tmp_path, R.siasn_export_asn_comma_old_csv(PEOPLE)))
    assert r.rows_rejected == 0
    got = employees(con)
    for p in PEOPLE:
        expect_person(got[p.nip], p)  # eselon and job type from data-utama stay


def test_sapk_era_table(con, tmp_path):
    r = load(con, tmp_path, R.sapk_pegawai_csv)
    assert (r.kind, r.rows_read, r.rows_loaded, r.rows_rejected) == ("pegawai", 5, 5, 0)
    got = employees(con)
    for p in PEOPLE:
        row = got[p.nip]
        assert row["golongan_id"] == p.gol_id and row["pendidikan_id"] == int(p.pendidikan_id)
        assert row["pns_id"] == p.pns_id.lower() and row["kabkota_kode"] == "34.04"
        if p.gelar_belakang:
            assert row["nama"].endswith(", " + p.gelar_belakang)


def test_birth_date_and_sex_from_the_nip(con, tmp_path):
    p = tmp_path / "tanpa_lahir.csv"
    p.write_text("NIP BARU,NAMA,UNOR NAMA\n" + "\n".join(f"'{x.nip},{x.nama},{x.unor_nama}" for x in PEOPLE))
    r = import_file(con, p)
    assert (r.rows_loaded, r.rows_rejected) == (5, 0)
    assert any("tanggal lahir diambil dari NIP untuk 5 pegawai" in c for c in r.catatan)
    for x in PEOPLE:
        row = employees(con)[x.nip]
        assert (row["lahir"], row["jenis_kelamin"]) == (x.tgl_lahir.isoformat(), x.sex)
        assert row["turunan"] == "tanggal_lahir,jenis_kelamin"


# --- agencies' 20 JP applications ----------------------------------------------------------------------------


def test_bps_template_codes_and_converted_jp(people_loaded, tmp_path):

    con = people_loaded
    name, data = R.bps_s20jp_kompetensi_xlsx(PEOPLE)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    wb.active.cell(row=3, column=6, value=6)  # the one-day seminar abroad: BPS gives 6 JP, our table 4
    buf = io.BytesIO()
    wb.save(buf)
    p = tmp_path / name
    p.write_bytes(buf.getvalue())
    r = import_file(con, p)
    assert (r.kind, r.rows_read, r.rows_loaded, r.rows_rejected) == ("pengembangan", 5, 5, 0)
    assert any("sudah dikonversi aplikasi instansi" in c for c in r.catatan)
    got = dict(con.execute("SELECT nama, jenis_diklat_id FROM pengembangan WHERE jp_instansi").fetchall())
    assert got == {
        "Pelatihan Analisis Data Statistik": 3,  # B3
        "Seminar Nasional Official Statistics": 9,  # B6
        "E-Learning Literasi Data": 16,  # C3
        "Workshop Metadata Statistik": 4,  # B7
        "Izin Belajar S2 Statistika": 13,  # A2
    }
    build.refresh(con)
    seminar = con.execute(
        "SELECT j.jp_total FROM jp_pegawai_tahun j JOIN pegawai p USING (pegawai_key) WHERE p.nip = ? AND tahun = 2025",
        [FUNGSIONAL.nip],
    ).fetchone()[0]
    assert seminar == 6  # credited as the agency converted it, not capped again at 4 JP a day


def test_report_with_status_counts_only_approved(people_loaded, tmp_path):

    con = people_loaded
    columns = {
        "nip": "NIP",
        "jenis_diklat_nama": "Jenis Diklat",
        "nama": "Nama Diklat",
        "tanggal_mulai": "Tanggal Mulai",
        "tanggal_selesai": "Tanggal Selesai",
        "jp": "Lama Pendidikan",
        "status": "Status",
    }
    r = load(con, tmp_path, R.sleman_laporan_xlsx, kind="pengembangan", columns=columns)
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (5, 5, 0)
    build.refresh(con)
    got = dict(
        con.execute(
            """SELECT p.nip, j.jp_total FROM jp_pegawai_tahun j JOIN pegawai p USING (pegawai_key)
               WHERE j.tahun = 2025"""
        ).fetchall()
    )
    statuses = ["Disetujui", "Ditinjau", "Ditolak", "Disetujui", "Ditinjau"]
    assert got == {p.nip: (16 if s == "Disetujui" else 0) for p, s in zip(PEOPLE, statuses, strict=True)}
    assert con.execute("SELECT count(*) FROM pengembangan WHERE status IS NOT NULL").fetchone()[0] == 3


def test_bandung_kinds_by_name(people_loaded, tmp_path):
    con = people_loaded
    r = load(con, tmp_path, R.bandung_pengembangan_kompetensi_csv)
    assert r.rows_rejected == 0 and r.rows_loaded == r.rows_read
    kinds = {k for (k,) in con.execute("SELECT DISTINCT jenis_diklat_id FROM pengembangan").fetchall()}
    assert kinds <= {1, 2, 3, 7} and len(kinds) >= 3  # Kepemimpinan, Fungsional, Teknis, Sosialisasi


@pytest.mark.parametrize("builder", [R.kaltim_rekap_json, R.sleman_20jp_xlsx, R.sleman_20jp_titled_xlsx])
def test_annual_totals_count_toward_20_jp(people_loaded, tmp_path, builder):

    con = people_loaded
    with pytest.raises(FileRefused, match="sebutkan tahunnya"):
        import_file(con, write(tmp_path, builder(PEOPLE)))
    r = load(con, tmp_path, builder, tetap={"tahun": "2025"})
    assert (r.kind, r.rows_loaded, r.rows_rejected) == ("rekap_jp", 5, 0)
    build.refresh(con)
    rows = con.execute(
        """SELECT p.nip, r.jp_total, j.jp_total, j.jp_10 + j.jp_20 + j.jp_70 + j.jp_rekap
           FROM jp_rekap r JOIN pegawai p USING (pegawai_key)
           JOIN jp_pegawai_tahun j ON j.pegawai_key = r.pegawai_key AND j.tahun = r.tahun"""
    ).fetchall()
    assert len(rows) == 5
    for _nip, total, credited, parts in rows:
        assert credited == total == parts  # no activities: the total is the figure, in no 10:20:70 class


def test_bps_download_without_dates_is_refused_with_what_is_missing(con, tmp_path):
    with pytest.raises(FileRefused, match="kolom wajib tidak ada: tanggal_mulai"):
        import_file(con, write(tmp_path, R.bps_s20jp_unduh_raw_xlsx(PEOPLE)))


# --- every entry of SIASN's reference lists that the importer maps -----------------------------------------


def _ref(name: str) -> list[dict]:
    if not SHARED.exists():
        pytest.skip("../shared/domain/siasn-ref is not here (a user's clone)")
    return json.loads((SHARED / f"{name}.json").read_text(encoding="utf-8"))


def test_every_siasn_punishment_by_name_and_by_id(people_loaded, tmp_path):
    con = people_loaded
    ref = _ref("jenisHukuman")
    assert len(ref) == 21
    lines = ["nipBaru,jenisHukuman,hukumanTanggal"]
    for i, h in enumerate(ref):
        lines.append(f"{FUNGSIONAL.nip},{h['nama']},{1 + i % 28:02d}-01-2024")
        lines.append(f"{PELAKSANA.nip},{h['id']},{1 + i % 28:02d}-02-2024")
    p = tmp_path / "hukdis.csv"
    p.write_text("\n".join(lines))
    r = import_file(con, p, kind="hukdis")
    assert (r.rows_loaded, r.rows_rejected) == (42, 0), r.rejects
    got = con.execute("SELECT jenis_hukuman_id, tingkat FROM hukdis").fetchall()
    want = {(int(h["id"]), h["jenisTingkatHukumanId"]) for h in ref}
    assert set(got) == want


def test_every_siasn_course_kind_and_certificate_letter(people_loaded, tmp_path):
    con = people_loaded
    ref = _ref("jenisDiklat")
    rows = [["nipBaru", "jenisDiklatId", "jenisKursusSertifikat", "namaKursus", "jumlahJam", "tanggalKursus"]]
    rows += [[FUNGSIONAL.nip, d["id"], "", f"Kegiatan {d['id']}", "2", f"{int(d['id']):02d}-03-2025"] for d in ref]
    # legacy rows without an id, named by the kind's own SIASN name: the letter narrows, the name decides
    rows += [
        [PELAKSANA.nip, "", d["jenisKursusSetifikat"], d["jenis"], "2", f"{int(d['id']):02d}-04-2025"] for d in ref
    ]
    p = tmp_path / "kursus.csv"
    with p.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    r = import_file(con, p)
    assert (r.rows_loaded, r.rows_rejected) == (2 * len(ref), 0), r.rejects
    by_id = dict(con.execute("SELECT nama, jenis_diklat_id FROM pengembangan WHERE nama LIKE 'Kegiatan %'").fetchall())
    assert by_id == {f"Kegiatan {d['id']}": int(d["id"]) for d in ref}
    by_name = dict(
        con.execute(
            "SELECT p.nama, jenis_diklat_id FROM pengembangan p JOIN pegawai g USING (pegawai_key) WHERE g.nip = ?",
            [PELAKSANA.nip],
        ).fetchall()
    )
    assert by_name == {d["jenis"]: int(d["id"]) for d in ref}


def test_every_siasn_code_of_the_employee_lists(con, tmp_path):
    eselon = [e for e in _ref("eselon")]
    golongan = _ref("golonganPns")
    jabatan = _ref("jenisJabatan")
    kuadran = _ref("kuadranNilai")
    lat = _ref("latihanStruktural")
    jenis = _ref("jenisPegawai")
    base = PELAKSANA
    lines = ["NIP BARU,NAMA,GOL AKHIR ID,GOL AKHIR NAMA,ESELON ID,JENIS JABATAN ID,JENIS PEGAWAI NAMA"]
    n = max(len(eselon), len(golongan), len(jabatan), len(jenis))
    made = []
    for i in range(n):
        nip = base.nip[:14] + base.nip[14] + f"{100 + i:03d}"
        made.append(nip)
        g = golongan[i % len(golongan)]
        e = eselon[i % len(eselon)]
        j = jabatan[i % len(jabatan)]
        lines.append(
            f"{nip},Pegawai {i},{g['id'] if i % 2 else ''},{'' if i % 2 else g['nama']},{e['id']},{j['id']},"
            f'"{jenis[i % len(jenis)]["nama"]}"'
        )
    p = tmp_path / "kode.csv"
    p.write_text("\n".join(lines))
    r = import_file(con, p)
    assert r.rows_rejected == 0, r.rejects
    got = con.execute("SELECT golongan_id, eselon_id, jenis_pegawai FROM pegawai ORDER BY nip").fetchall()
    assert {g for g, _, _ in got} == {int(g["id"]) for g in golongan}
    known = {int(e["id"]) for e in eselon if e["id"] not in ("00", "99")}
    assert {e for _, e, _ in got if e is not None} == known
    assert {j for _, _, j in got} == {"PNS"}
    # kuadran names and latihan struktural ids
    lines = ["nipBaru,tahun,kuadranKinerja"] + [f"{made[i]},{2022 + i},{k['nama']}" for i, k in enumerate(kuadran)]
    p = tmp_path / "skp.csv"
    p.write_text("\n".join(lines))
    r = import_file(con, p)
    assert r.rows_rejected == 0 and sorted(x for (x,) in con.execute("SELECT kuadran_id FROM skp").fetchall()) == [
        int(k["id"]) for k in kuadran
    ]
    lines = ["nipBaru,latihanStrukturalId,tanggal,jumlahJam"] + [
        f"{made[0]},{x['id']},0{1 + i}-01-2020," for i, x in enumerate(lat)
    ]
    p = tmp_path / "diklat.csv"
    p.write_text("\n".join(lines))
    r = import_file(con, p)
    assert (r.rows_loaded, r.rows_rejected) == (len(lat), 0), r.rejects


# --- the command line: --tahun, --profile, profil list/hapus -----------------------------------------------


def test_cli_year_profile_and_profile_listing(tmp_path, capsys):
    from analytics.cli import main
    from analytics.importer import profil

    path = tmp_path / "cli.duckdb"
    peg = write(tmp_path, R.siasn_data_utama_list_json(PEOPLE))
    assert main(["import", str(peg), "--db", str(path), "--baru"]) == 0
    rekap = write(tmp_path, R.kaltim_rekap_json(PEOPLE))
    assert main(["import", str(rekap), "--db", str(path)]) == 2
    assert "sebutkan tahunnya, --tahun di baris perintah" in capsys.readouterr().err
    assert main(["import", str(rekap), "--db", str(path), "--tahun", "2025"]) == 0
    out = capsys.readouterr().out
    assert "rekap_jp: dibaca 5, dimuat 5" in out and "tanpa rincian kegiatan" in out
    laporan = write(tmp_path, R.sleman_laporan_xlsx(PEOPLE))
    assert main(["import", str(laporan), "--db", str(path)]) == 2  # no JP column: a layout nobody foresaw
    con = db.connect(path)
    headers = import_preview_headers(con, laporan)
    columns = {
        "nip": "NIP",
        "tanggal_mulai": "Tanggal Mulai",
        "jp": "Lama Pendidikan",
        "jenis_diklat_nama": "Jenis Diklat",
        "status": "Status",
        "nama": "Nama Diklat",
    }
    profil.save(con, profil.Profil("Laporan Sleman", "pengembangan", columns, {}, tuple(headers)), user="admin")
    con.close()
    capsys.readouterr()
    assert main(["import", str(laporan), "--db", str(path), "--json"]) == 0  # the profile applies by itself
    line = json.loads(capsys.readouterr().out)
    assert (line["profil"], line["rows_loaded"], line["kolom"]["jp"]) == ("Laporan Sleman", 5, "Lama Pendidikan")
    assert main(["profil", "list", "--db", str(path)]) == 0
    assert "Laporan Sleman\tpengembangan\t19 kolom berkas" in capsys.readouterr().out
    assert main(["profil", "hapus", "Laporan Sleman", "--db", str(path)]) == 0
    assert main(["profil", "hapus", "Laporan Sleman", "--db", str(path)]) == 2
    assert main(["import", str(laporan), "--db", str(path)]) == 2  # gone: refused again


def import_preview_headers(con, path) -> list[str]:
    from analytics.importer import preview

    return preview(con, path).headers


def test_mapping_never_bypasses_validation(people_loaded, tmp_path):
    from analytics.importer import preview, profil

    con = people_loaded
    path = write(tmp_path, R.sleman_laporan_xlsx(PEOPLE))
    cols = {"nip": "NIP", "tanggal_mulai": "Tanggal Mulai", "jp": "Nomor Surat", "jenis_diklat_nama": "Jenis Diklat"}
    pv = preview(con, path, kind="pengembangan", columns=cols)
    assert set(pv.ditolak["reason"]) == {"JP bukan angka"} and len(pv.ditolak) == 5  # '800/1/2025' is no JP
    assert con.execute("SELECT count(*) FROM pengembangan").fetchone()[0] == 0  # a preview writes nothing
    r = import_file(con, path, kind="pengembangan", columns=cols)
    assert (r.rows_loaded, r.rows_rejected) == (0, 5)
    with pytest.raises(FileRefused, match="kolom wajib untuk pengembangan belum dipetakan: tanggal_mulai"):
        import_file(
            con,
            path,
            kind="pengembangan",
            columns={"nip": "NIP", "jp": "Lama Pendidikan", "jenis_diklat_nama": "Jenis Diklat"},
        )
    with pytest.raises(FileRefused, match="judul kolom tidak ada di berkas: JP"):
        profil.check("pengembangan", pv.headers, {**cols, "jp": "JP"}, {})


# --- what the new shapes do to the figures -----------------------------------------------------------------


def test_pppk_compliance_has_its_own_target_and_is_shown_apart(people_loaded, tmp_path):
    from analytics import jp
    from analytics.filters import Scope
    from analytics.privacy import PENUH
    from analytics.rules import load_rules

    con = people_loaded
    p = tmp_path / "kursus.csv"  # 22 JP each for the PPPK and a PNS in 2025
    p.write_text(
        "nipBaru,jenisDiklatId,namaKursus,jumlahJam,tanggalKursus,tanggalSelesaiKursus\n"
        f"{PPPK.nip},3,Pelatihan A,22,03-03-2025,06-03-2025\n{PELAKSANA.nip},3,Pelatihan A,22,03-03-2025,06-03-2025\n"
    )
    import_file(con, p)
    rules = load_rules()
    build.refresh(con, rules)
    scope = Scope(tahun=2025, akses=PENUH)
    g = jp.per_kelompok(con, scope=scope, rules=rules, by="jenis_pegawai").set_index("kode")
    assert (g.loc["PPPK", "memenuhi"], g.loc["PNS", "memenuhi"]) == (1, 1)
    strict = rules.changed(jp__pppk__ambang_tahunan=24)  # a PPPK target above the PNS one
    with pytest.raises(ValueError, match="bangun ulang"):  # the group counts are for the built targets
        jp.per_kelompok(con, scope=scope, rules=strict, by="jenis_pegawai")
    build.refresh(con, strict)
    g = jp.per_kelompok(con, scope=scope, rules=strict, by="jenis_pegawai").set_index("kode")
    assert (g.loc["PPPK", "memenuhi"], g.loc["PNS", "memenuhi"]) == (0, 1)
    late = jp.per_pegawai(con, scope=scope, rules=strict, ref=REF_2025).set_index("nip")
    assert late.loc[PPPK.nip, "kekurangan_jp"] == 2 and late.loc[PELAKSANA.nip, "kekurangan_jp"] == 0
    build.refresh(con, rules)
    text = jp.kalimat_pns_pppk(jp.per_kelompok(con, scope=scope, rules=rules, by="jenis_pegawai"), rules)
    assert text.startswith("PNS 25,0% dari 4 · PPPK 100,0% dari 1 (target PPPK 20 JP; PP 49/2018: paling lama 24")


def test_totals_and_activities_together_keep_the_mix_whole(people_loaded, tmp_path):
    from analytics import jp
    from analytics.filters import Scope
    from analytics.privacy import PENUH
    from analytics.rules import load_rules

    con = people_loaded
    p = tmp_path / "kursus.csv"  # the JPT: 8 JP of training in detail, 15 JP in the agency's total
    p.write_text(
        "nipBaru,jenisDiklatId,namaKursus,jumlahJam,tanggalKursus,tanggalSelesaiKursus\n"
        f"{JPT.nip},3,Pelatihan A,8,03-03-2025,04-03-2025\n{FUNGSIONAL.nip},14,Coaching,2,05-03-2025,05-03-2025\n"
    )
    import_file(con, p)
    t = tmp_path / "rekap.csv"
    t.write_text(f"NIP,JP Total,Tahun\n{JPT.nip},15,2025\n{FUNGSIONAL.nip},1,2025\n")
    r = import_file(con, t)
    assert (r.kind, r.rows_loaded) == ("rekap_jp", 2)
    rules = load_rules()
    build.refresh(con, rules)
    rows = dict(
        (nip, rest)
        for nip, *rest in con.execute(
            """SELECT p.nip, j.jp_total, j.jp_10, j.jp_20, j.jp_70, j.jp_rekap FROM jp_pegawai_tahun j
               JOIN pegawai p USING (pegawai_key) WHERE j.tahun = 2025"""
        ).fetchall()
    )
    assert rows[JPT.nip] == [15, 8, 0, 0, 7]  # the total wins; 7 JP known only from it
    assert rows[FUNGSIONAL.nip] == [2, 0, 2, 0, 0]  # the detail is more than the total: the detail counts
    g = jp.per_kelompok(con, scope=Scope(tahun=2025, akses=PENUH), rules=rules, by="nasional").iloc[0]
    assert g["mix_10"] + g["mix_20"] + g["mix_70"] == pytest.approx(100)
    assert (g["mix_10"], g["pegawai_rekap"]) == (pytest.approx(80), 1)


def test_a_batch_year_does_not_disturb_other_files(people_loaded, tmp_path):
    """`--tahun` given for a batch: the totals file takes it, an employee file (no year field) ignores it, and a
    file with its own year column keeps its own."""
    con = people_loaded
    r = import_file(con, write(tmp_path, R.siasn_export_asn_pipe_csv(PEOPLE)), tetap={"tahun": "2024"})
    assert (r.kind, r.rows_rejected) == ("pegawai", 0) and "tahun" not in r.kolom
    t = tmp_path / "rekap.csv"
    t.write_text(f"NIP,JP Total,Tahun\n{JPT.nip},15,2025\n")
    r = import_file(con, t, tetap={"tahun": "2024"})
    assert r.kolom["tahun"] == "Tahun"
    assert con.execute("SELECT tahun FROM jp_rekap").fetchall() == [(2025,)]


@pytest.mark.parametrize(
    "words",
    [
        ("DIATAS EKSPEKTASI", "SESUAI EKSPEKTASI", "DIBAWAH EKSPEKTASI"),
        ("Di atas ekspektasi", "sesuai ekspektasi", "Di Bawah Ekspektasi"),
    ],
)
def test_skp_2022_behaviour_words_as_siasn_spells_them(people_loaded, tmp_path, words):
    con = people_loaded
    p = tmp_path / "perilaku.csv"
    head = "nipBaru,tahun,berorientasiPelayanan,akuntabel,kompeten"
    p.write_text(f"{head}\n{FUNGSIONAL.nip},2024,{words[0]},{words[1]},{words[2]}\n")
    r = import_file(con, p)
    assert (r.kind, r.rows_loaded, r.rows_rejected) == ("perilaku", 1, 0)
    got = con.execute("SELECT berorientasi_pelayanan, akuntabel, kompeten FROM perilaku").fetchone()
    assert got == (3, 2, 1)
