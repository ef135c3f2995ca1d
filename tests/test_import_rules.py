"""Importer validation: each refusal has its reason; re-imports, corrections and duplicates."""

from __future__ import annotations

import re
from datetime import date

import pytest

from analytics import build, db, nip
from analytics.importer import FileRefused, import_file
from tests.importdata import KURSUS_HEADER, KURSUS_ROWS, NIP, PEGAWAI_HEADER, PEGAWAI_ROWS, write_csv
from tests.test_import import pegawai_with, q, reasons


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"NIP BARU": "1.98609E+17"}, "rusak oleh Excel"),
        ({"NIP BARU": "19860926201505100"}, "NIP harus 18 angka (ditemukan 17)"),
        ({"NIP BARU": "1986092620150510A1"}, "NIP harus 18 angka"),
        ({"TANGGAL LAHIR": "27-09-1986"}, "tanggal lahir tidak sesuai dengan NIP"),
        ({"TMT CPNS": "01-06-2015"}, "TMT tidak sesuai dengan NIP"),
        ({"JENIS KELAMIN": "F"}, "jenis kelamin tidak sesuai dengan NIP"),
        ({"JENIS KELAMIN": "X"}, "jenis kelamin harus L/P"),
        ({"GOL AKHIR ID": "35"}, "kode golongan tidak dikenal"),
        ({"TINGKAT PENDIDIKAN ID": "41"}, "kode tingkat pendidikan tidak dikenal"),
        ({"ESELON ID": "98"}, "kode eselon tidak dikenal"),
        ({"TANGGAL LAHIR": "31-02-1986"}, "format tanggal tidak dikenal"),
        ({"TMT CPNS": "01-05-2099", "NIP BARU": "198609262099051001"}, "tanggal di masa depan"),
        ({"LOKASI KERJA NAMA": "KAB. SLEMANN"}, "yang paling mirip: Kabupaten Sleman"),
    ],
)
def test_pegawai_refusals(con, tmp_path, changes, reason):
    r = import_file(con, pegawai_with(tmp_path, changes))
    assert (r.rows_loaded, r.rows_rejected) == (2, 1)
    got = reasons(r)[2]
    assert any(reason in g for g in got), got
    assert q(con, "SELECT count(*) FROM pegawai WHERE nip = ?", [NIP[0]])[0][0] == 0


def test_pppk_pattern_accepted_and_checked(con, tmp_path):
    r = import_file(con, pegawai_with(tmp_path, {"TMT CPNS": "01-06-2023"}, row=2))
    assert "TMT tidak sesuai dengan NIP" in reasons(r)[4]


@pytest.mark.parametrize(
    "changes, reason",
    [
        ({"jenisDiklatId": "26"}, "kode jenis diklat tidak dikenal"),
        ({"tanggalSelesaiKursus": "28-02-2025"}, "tanggal selesai sebelum tanggal mulai"),
        ({"jumlahJam": "0"}, "JP harus lebih dari 0"),
        ({"jumlahJam": "-3"}, "JP harus lebih dari 0"),
        ({"jumlahJam": "dua"}, "JP bukan angka"),
        ({"jumlahJam": "200"}, "JP per hari melebihi 32"),
        ({"tanggalKursus": "01-03-2099", "tanggalSelesaiKursus": "02-03-2099"}, "tanggal di masa depan"),
        ({"nipBaru": "199912312020121001"}, "NIP tidak ada di data pegawai"),
        ({"nipBaru": "1.99E+17"}, "rusak oleh Excel"),
    ],
)
def test_kursus_refusals(loaded, tmp_path, changes, reason):
    rows = [list(r) for r in KURSUS_ROWS]
    for col, value in changes.items():
        rows[0][KURSUS_HEADER.index(col)] = value
    r = import_file(loaded, write_csv(tmp_path / "k.csv", KURSUS_HEADER, rows))
    assert (r.rows_loaded, r.rows_rejected) == (2, 1)
    assert any(reason in g for g in reasons(r)[2]), reasons(r)
    kolom = r.rejects["column"].tolist()
    assert set(kolom) <= set(KURSUS_HEADER)  # the clerk sees the header of their own file


def test_rows_for_unknown_employee_load_after_the_employee(con, tmp_path):
    kursus = write_csv(tmp_path / "k.csv", KURSUS_HEADER, KURSUS_ROWS)
    first = import_file(con, kursus)
    assert (first.rows_loaded, first.rows_rejected) == (0, 3)
    assert q(con, "SELECT count(*) FROM import_reject WHERE import_id = ?", [first.import_id])[0][0] == 3
    import_file(con, write_csv(tmp_path / "p.csv", PEGAWAI_HEADER, PEGAWAI_ROWS))
    assert import_file(con, kursus).rows_loaded == 3


def test_reimport_unchanged_and_correction_updates(loaded, tmp_path):
    path = write_csv(tmp_path / "k.csv", KURSUS_HEADER, KURSUS_ROWS)
    assert import_file(loaded, path).rows_loaded == 3
    again = import_file(loaded, path)
    assert (again.rows_read, again.rows_loaded, again.rows_unchanged) == (3, 0, 3)
    rows = [list(r) for r in KURSUS_ROWS]
    rows[0][KURSUS_HEADER.index("jumlahJam")] = "20"
    fixed = import_file(loaded, write_csv(tmp_path / "k2.csv", KURSUS_HEADER, rows))
    assert (fixed.rows_loaded, fixed.rows_unchanged) == (1, 2)
    assert q(loaded, "SELECT count(*), sum(jp_klaim) FROM pengembangan")[0] == (3, 30.5)
    assert q(loaded, "SELECT sum(jp_klaim) FROM jp_pegawai_tahun WHERE kegiatan > 0")[0][0] == 30.5
    # a corrected employee row updates that employee, keeping its key
    key = q(loaded, "SELECT pegawai_key FROM pegawai WHERE nip = ?", [NIP[1]])[0][0]
    r = import_file(loaded, pegawai_with(tmp_path, {"JABATAN NAMA": "Guru Ahli Muda"}, row=1))
    assert (r.rows_loaded, r.rows_unchanged) == (1, 2)
    assert q(loaded, "SELECT pegawai_key, jabatan_nama FROM pegawai WHERE nip = ?", [NIP[1]]) == [
        (key, "Guru Ahli Muda")
    ]
    assert q(loaded, "SELECT count(*) FROM pegawai")[0][0] == 3


def test_duplicates_within_a_file(loaded, tmp_path):
    rows = [KURSUS_ROWS[0], KURSUS_ROWS[0], KURSUS_ROWS[1]]
    conflict = list(KURSUS_ROWS[1])
    conflict[KURSUS_HEADER.index("jumlahJam")] = "5"
    r = import_file(loaded, write_csv(tmp_path / "k.csv", KURSUS_HEADER, rows + [conflict]))
    assert (r.rows_read, r.rows_loaded, r.rows_unchanged, r.rows_rejected) == (4, 2, 1, 1)
    assert "kunci sama dengan baris 4" in reasons(r)[5][0]


@pytest.mark.parametrize(
    "content, message",
    [
        ("", "berkas kosong"),
        ("a,b,c\n1,2,3\n", "baris judul kolom tidak ditemukan"),
        ("nipBaru,tahun,keterangan\n1,2,3\n", "jenis data tidak bisa ditentukan"),
        ("nipBaru,jenisDiklatId,namaKursus\n1,2,3\n", "kolom wajib untuk pengembangan tidak ada: tanggal_mulai, jp"),
    ],
)
def test_unreadable_files_refused_and_nothing_written(loaded, tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_text(content)
    before = q(loaded, "SELECT (SELECT count(*) FROM import_log), (SELECT count(*) FROM pengembangan)")
    kind = "pengembangan" if "namaKursus" in content else None
    with pytest.raises(FileRefused, match=message):
        import_file(loaded, path, kind=kind, user="op.impor", name="kiriman.csv")
    assert q(loaded, "SELECT (SELECT count(*) FROM import_log), (SELECT count(*) FROM pengembangan)") == before
    # audited (the reason stays out: a reader's message may quote a line of the file)
    last = loaded.execute("SELECT pengguna, aksi, rincian FROM audit ORDER BY id DESC LIMIT 1").fetchall()[0]
    assert last == ("op.impor", "impor_ditolak", '{"berkas": "kiriman.csv"}')


def test_detection_message_lists_headers_and_candidates(loaded, tmp_path):
    path = write_csv(
        tmp_path / "x.csv",
        ["nipBaru", "tahun", "nilaiSkp", "kuadranKinerja", "jenisDiklatId", "tanggalKursus", "jumlahJam"],
        [[NIP[0], "2024", "80", "", "3", "", ""]],
    )
    # satisfies both skp and pengembangan equally: refused with both named
    with pytest.raises(FileRefused, match=r"bisa jadi: .*pengembangan.*skp|bisa jadi: .*skp.*pengembangan"):
        import_file(loaded, path)
    assert import_file(loaded, path, kind="skp").rows_loaded == 1


def test_unsupported_extension(loaded, tmp_path):
    (tmp_path / "x.docx").write_bytes(b"PK")
    with pytest.raises(FileRefused, match="tidak didukung"):
        import_file(loaded, tmp_path / "x.docx")


def test_large_import_marks_jp_summary_stale_then_rebuilt(con, tmp_path, monkeypatch):

    from analytics.rules import load_rules

    monkeypatch.setattr(build, "INCREMENTAL_LIMIT", 1)
    import_file(con, write_csv(tmp_path / "p.csv", PEGAWAI_HEADER, PEGAWAI_ROWS))
    assert db.get_meta(con)["aturan_jp"] == "usang"
    assert build.ensure_current(con, load_rules()) is True
    assert q(con, "SELECT count(DISTINCT pegawai_key) FROM jp_pegawai_tahun")[0][0] == 3


def test_small_import_updates_jp_summary_in_place(loaded, tmp_path):

    from analytics.rules import load_rules

    import_file(loaded, write_csv(tmp_path / "k.csv", KURSUS_HEADER, KURSUS_ROWS))
    assert build.ensure_current(loaded, load_rules()) is False  # already current
    assert q(loaded, "SELECT sum(jp_total) FROM jp_pegawai_tahun WHERE tahun = 2025")[0][0] == 24 + 4 + 4.5


# An employee list as of 30 Sep 2026 (the data's reference date, meta data_per): SIASN Export Data ASN columns
BUP_HEADER = [
    "NIP BARU",
    "NAMA",
    "TANGGAL LAHIR",
    "JENIS KELAMIN",
    "JENIS PEGAWAI NAMA",
    "KEDUDUKAN HUKUM NAMA",
    "TMT CPNS",
    "GOL AKHIR ID",
    "JENIS JABATAN ID",
    "ESELON ID",
    "JABATAN NAMA",
]
BUP_ROWS = [  # (birth date, kedudukan, jenis jabatan id, eselon id, jabatan): file rows 2..11
    ("15-03-1967", "Aktif", "4", "", "Pengadministrasi Perkantoran"),  # pelaksana, 59: past 58
    ("15-03-1967", "Aktif", "1", "21", "Kepala Dinas"),  # JPT, 59: BUP 60
    ("10-01-1960", "Pensiun", "4", "", "Pengadministrasi Perkantoran"),  # 66, retired
    ("10-09-1968", "Aktif", "4", "", ""),  # 58 on 10 Sep 2026: in service to the end of September
    ("31-08-1968", "Aktif", "4", "", ""),  # 58 on 31 Aug 2026: pension from 1 Sep 2026
    ("15-03-1967", "Aktif", "2", "", "Guru Ahli Pertama"),  # a teacher's BUP is 60 (UU 14/2005)
    ("15-03-1967", "Aktif", "2", "", "Perawat Ahli Muda"),  # ahli muda: 58
    ("15-03-1967", "Aktif", "2", "", "Analis Kebijakan Ahli Madya"),  # ahli madya: 60
    ("15-03-1964", "Aktif", "2", "", "Pranata Komputer"),  # 62, level not in the name: 65 [A]
    ("15-03-1964", "Aktif", "1", "", "Kepala Bagian"),  # structural without eselon: job type unknown
]


def _bup_file(tmp_path):
    rows = []
    for seq, (lahir, kedudukan, jj, es, jabatan) in enumerate(BUP_ROWS, start=1):
        d, m, y = lahir.split("-")
        nip = f"{y}{m}{d}1990041{seq:03d}"
        rows.append([nip, f"Pegawai {seq}", lahir, "M", "PNS", kedudukan, "01-04-1990", "34", jj, es, jabatan])
    return write_csv(tmp_path / "bup.csv", BUP_HEADER, rows)


def _past_bup(bup: int, jabatan: str, tanggal: str, per: str) -> str:
    return (
        f"pegawai berkedudukan Aktif sudah mencapai batas usia pensiun (BUP {bup} tahun, {jabatan}) pada {tanggal}, "
        f"sebelum bulan data per {per}; perbarui kedudukan hukumnya (mis. Mencapai BUP atau Pensiun) atau periksa "
        "tanggal lahir dan jabatannya"
    )


def test_active_employee_past_retirement_age_refused(con, tmp_path):
    db.set_meta(con, data_per="2026-09-30")
    r = import_file(con, _bup_file(tmp_path))
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (10, 7, 3)
    per = "30-09-2026"
    assert reasons(r) == {
        2: [_past_bup(58, "Pelaksana: Pengadministrasi Perkantoran", "15-03-2025", per)],
        6: [_past_bup(58, "Pelaksana", "31-08-2026", per)],
        8: [_past_bup(58, "Fungsional: Perawat Ahli Muda", "15-03-2025", per)],
    }
    assert set(r.rejects["column"]) == {"TANGGAL LAHIR"}
    assert q(con, "SELECT kedudukan, count(*) FROM pegawai GROUP BY 1 ORDER BY 1") == [("Aktif", 6), ("Pensiun", 1)]


def test_retirement_age_is_judged_at_the_data_date_not_today(con, tmp_path):
    # as of 31 Aug 2026 the employee who turns 58 that day is in service to the end of August
    db.set_meta(con, data_per="2026-08-31")
    r = import_file(con, _bup_file(tmp_path))
    assert sorted(reasons(r)) == [2, 8]


def test_retirement_check_knows_aktif_by_its_id(con, tmp_path):
    """A file giving the status as SIASN's id ('01' = Aktif) is judged like one giving the name."""
    db.set_meta(con, data_per="2026-09-30")
    path = _bup_file(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace(",Aktif,", ",01,"), encoding="utf-8")
    assert ",01," in path.read_text(encoding="utf-8")
    assert sorted(reasons(import_file(con, path))) == [2, 6, 8]


# --- identifiers: one cleaning rule for every identifier column; digits other than 0-9 refused ------------------

INVISIBLE = {"ZWSP": "\u200b", "ZWJ": "\u200d", "RLM": "\u200f", "BOM": "\ufeff"}
NON_LATIN = (
    "NIP berisi angka non-Latin (mis. angka Arab atau angka lebar penuh), bukan 0-9; ketik ulang NIP dengan angka 0-9"
)
CLEANED = "NIP/kode dibersihkan sebelum diperiksa: karakter tak terlihat"


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_nip_with_an_invisible_character_loads_cleaned(con, tmp_path, char):
    # at both ends and between the digit groups, where text copied from a web page or Word carries them
    typed = f"{char}{NIP[0][:8]}{char}{NIP[0][8:]}{char}"
    r = import_file(con, pegawai_with(tmp_path, {"NIP BARU": typed}))
    assert (r.rows_loaded, r.rows_rejected) == (3, 0), r.rejects
    assert q(con, "SELECT nip FROM pegawai ORDER BY nip") == [(NIP[0],), (NIP[1],), (NIP[2],)]
    assert [c for c in r.catatan if CLEANED in c] == [
        f"1 {CLEANED} (spasi lebar nol, penanda arah teks, BOM) dan pemisah (spasi, tanda hubung) dibuang"
    ]


def test_every_identifier_column_is_cleaned_by_the_same_rule(con, tmp_path):
    """Codes and unit ids lose their format characters like the NIP, and keep what is theirs (the dash of U-1);
    text fields (a name) keep theirs: a zero-width joiner belongs to an emoji or an Indic name."""
    r = import_file(
        con,
        pegawai_with(
            tmp_path,
            {
                "NIP BARU": NIP[0] + "\u2060",
                "GOL AKHIR ID": "3\u200b2",
                "TINGKAT PENDIDIKAN ID": "\ufeff40",
                "UNOR ID": "U-1\u200e",
                "NAMA": "Budi\u200dSantoso",
            },
        ),
    )
    assert (r.rows_loaded, r.rows_rejected) == (3, 0), r.rejects
    assert q(con, "SELECT nama, golongan_id, pendidikan_id FROM pegawai WHERE nip = ?", [NIP[0]]) == [
        ("Budi\u200dSantoso", 32, 40)
    ]
    assert q(con, "SELECT siasn_id FROM unor ORDER BY 1") == [("U-1",), ("U-2",), ("U-3",)]  # no fourth unit
    assert any(c.startswith(f"4 {CLEANED}") for c in r.catatan), r.catatan
    again = import_file(con, write_csv(tmp_path / "bersih.csv", PEGAWAI_HEADER, PEGAWAI_ROWS))
    assert again.rows_loaded == 1 and not [c for c in again.catatan if CLEANED in c]  # a clean file: no note


def _digits(text: str, zero: int) -> str:
    return "".join(chr(zero + int(c)) for c in text)


@pytest.mark.parametrize(
    "typed",
    [
        _digits(NIP[0], 0x0660),  # Arabic-Indic
        _digits(NIP[0], 0x06F0),  # extended Arabic-Indic (Persian, Urdu)
        _digits(NIP[0], 0xFF10),  # full-width, as a Japanese or Chinese input method types them
        _digits(NIP[0], 0x0966),  # Devanagari
        NIP[0][:17] + _digits(NIP[0][17], 0x0660),  # one digit among Latin ones
    ],
    ids=["arab", "arab-timur", "lebar-penuh", "dewanagari", "campuran"],
)
def test_nip_in_other_digits_is_refused_not_converted(con, tmp_path, typed):
    r = import_file(con, pegawai_with(tmp_path, {"NIP BARU": typed}))
    assert (r.rows_loaded, r.rows_rejected) == (2, 1)
    assert reasons(r) == {2: [NON_LATIN]}
    assert r.rejects["value"].tolist() == [typed]  # as typed, not converted
    assert q(con, "SELECT count(*) FROM pegawai WHERE nip = ?", [NIP[0]]) == [(0,)]


def test_python_nip_agrees_on_invisible_characters_and_other_digits():
    assert nip.parse("\ufeff19860926\u200b201505\u200f1001").tanggal_lahir == date(1986, 9, 26)
    for zero in (0x0660, 0xFF10):
        with pytest.raises(nip.NipError, match=re.escape(NON_LATIN)):
            nip.parse(_digits(NIP[0], zero))
    # Python's own \d would have read them as the scientific notation of an Excel-damaged NIP
    with pytest.raises(nip.NipError, match=re.escape(NON_LATIN)):
        nip.parse(_digits("1", 0x0660) + ".98E+" + _digits("17", 0x0660))


# --- dates: every date column of every kind between the Proclamation and the import day (rules [impor]) ----------

BEFORE = "tanggal sebelum 17-08-1945 (Proklamasi): tidak ada catatan kepegawaian sebelum itu; periksa tanggalnya"
HUKDIS_HEADER = ["nipBaru", "jenisHukuman", "jenisTingkatHukumanId", "hukumanTanggal", "akhirHukumTanggal"]


def _hukdis(con, tmp_path, *dates: tuple[str, str]):
    rows = [[NIP[0], "23", "S", mulai, selesai] for mulai, selesai in dates]
    return import_file(con, write_csv(tmp_path / "h.csv", HUKDIS_HEADER, rows))


def test_punishment_dated_before_the_proclamation_is_refused(loaded, tmp_path):
    r = _hukdis(
        loaded,
        tmp_path,
        ("0001-01-01", ""),  # a system's "no date" placeholder
        ("1500-06-01", ""),
        ("16-08-1945", ""),  # the last day refused
        ("17-08-1945", ""),  # the first day accepted
        ("01-02-2025", "01-08-2025"),
    )
    assert (r.rows_read, r.rows_loaded, r.rows_rejected) == (5, 2, 3)
    assert reasons(r) == {2: [BEFORE], 3: [BEFORE], 4: [BEFORE]}
    assert set(r.rejects["column"]) == {"hukumanTanggal"}
    assert q(loaded, "SELECT tanggal_mulai, tanggal_selesai FROM hukdis ORDER BY 1") == [
        (date(1945, 8, 17), None),
        (date(2025, 2, 1), date(2025, 8, 1)),
    ]


def test_punishment_starts_by_the_import_day_and_ends_by_the_end_of_next_year(loaded, tmp_path):
    """A punishment runs 6 to 12 months (PP 94/2021): its end may lie ahead, to 31 December of next year; its
    start, like every other date, not after the import day."""
    today = date.today()
    tomorrow = date.fromordinal(today.toordinal() + 1)
    last = f"31-12-{today.year + 1}"
    r = _hukdis(
        loaded,
        tmp_path,
        (today.strftime("%d-%m-%Y"), last),  # the last start and the last end accepted
        (tomorrow.strftime("%d-%m-%Y"), ""),  # the first start refused
        ("01-02-2025", f"01-01-{today.year + 2}"),  # the first end refused
    )
    assert (r.rows_loaded, r.rows_rejected) == (1, 2), r.rejects
    assert reasons(r) == {
        3: ["tanggal di masa depan (setelah tanggal impor)"],
        4: [f"tanggal terlalu jauh di masa depan (setelah {last}); periksa tanggalnya"],
    }
    assert q(loaded, "SELECT tanggal_mulai, tanggal_selesai FROM hukdis") == [(today, date(today.year + 1, 12, 31))]


@pytest.mark.parametrize(
    "kind, header, row",
    [
        ("bahasa", ["nipBaru", "tes", "skor", "tanggal"], [NIP[0], "TOEFL ITP", "500", "{}"]),
        ("tik", ["nipBaru", "jenis", "nama", "tanggal"], [NIP[0], "sertifikasi", "Cisco CCNA", "{}"]),
    ],
)
def test_test_dates_are_bounded_by_the_proclamation(loaded, tmp_path, kind, header, row):
    rows = [[v.format(d) for v in row] for d in ("16-08-1945", "17-08-1945")]
    r = import_file(loaded, write_csv(tmp_path / "t.csv", header, rows), kind=kind)
    assert (r.rows_loaded, r.rows_rejected) == (1, 1)
    assert reasons(r) == {2: [BEFORE]}
    assert q(loaded, f"SELECT tanggal FROM {kind}") == [(date(1945, 8, 17),)]  # noqa: S608 (our list)


def test_activity_dates_are_bounded_by_the_proclamation(loaded, tmp_path):
    rows = [list(KURSUS_ROWS[0])]
    rows[0][KURSUS_HEADER.index("tanggalKursus")] = "0001-01-01"
    rows[0][KURSUS_HEADER.index("tanggalSelesaiKursus")] = "1500-06-01"
    r = import_file(loaded, write_csv(tmp_path / "k.csv", KURSUS_HEADER, rows))
    assert (r.rows_loaded, r.rows_rejected) == (0, 1)
    said = r.rejects[r.rejects["reason"] == BEFORE]["column"].tolist()
    assert sorted(said) == ["tanggalKursus", "tanggalSelesaiKursus"]


def _pensioner(tmp_path, *people: tuple[str, str, str]):
    """Retired employees (no age-today check) given as (NIP, birth date, TMT CPNS), in BUP_HEADER's columns."""
    rows = [
        [n, f"Pensiunan {i}", lahir, "M", "PNS", "Pensiun", tmt, "34", "4", "", "Pengadministrasi"]
        for i, (n, lahir, tmt) in enumerate(people, start=1)
    ]
    return write_csv(tmp_path / "pensiun.csv", BUP_HEADER, rows)


def test_tmt_is_bounded_by_the_proclamation(con, tmp_path):
    path = _pensioner(
        tmp_path, ("192001011945081001", "01-01-1920", "16-08-1945"), ("192001011945081002", "01-01-1920", "17-08-1945")
    )
    r = import_file(con, path)
    assert (r.rows_loaded, r.rows_rejected) == (1, 1)
    assert reasons(r) == {2: [BEFORE]}
    assert q(con, "SELECT tmt_cpns FROM pegawai") == [(date(1945, 8, 17),)]


def test_birth_date_bounded_by_the_oldest_age_on_the_proclamation(con, tmp_path):
    """Born 17-08-1874, a person was 71 on 17-08-1945, past the oldest appointment age (70): refused, whatever
    the TMT and the kedudukan; a day later, accepted. A birth date the NIP gives (no TMT column, a TMT the NIP
    gives too) is bounded the same."""
    r = import_file(
        con,
        _pensioner(
            tmp_path,
            ("187408171945081001", "17-08-1874", "17-08-1945"),  # the last day refused
            ("187408181945081001", "18-08-1874", "17-08-1945"),  # the first day accepted
            ("150001011520011001", "", ""),  # born 1500 and appointed 1520, by the NIP
        ),
    )
    assert (r.rows_loaded, r.rows_rejected) == (1, 2)
    lahir = (
        "tanggal lahir tidak wajar: pada 17-08-1945 (Proklamasi, awal catatan kepegawaian) umurnya sudah lebih dari "
        "70 tahun; periksa tanggal lahir"
    )
    assert lahir in reasons(r)[2] and reasons(r)[4] == [lahir]
    assert q(con, "SELECT tanggal_lahir FROM pegawai") == [(date(1874, 8, 18),)]


def test_every_date_a_kind_loads_is_bounded():
    """Each column a kind stores through imp_date has a check with the first day of civil-service records (or the
    birth-date bound built on it) and one with the import day: a new kind or date column cannot skip them."""
    from analytics.importer import KINDS

    for kind in KINDS.values():
        dates = set(re.findall(r"imp_date\((\w+)\)", kind.select))
        since = {c for c, cond, _ in kind.checks if "tanggal_awal" in cond}
        until = {c for c, cond, _ in kind.checks if "current_date" in cond}
        assert dates <= since and dates <= until, (kind.name, dates - since, dates - until)
    assert {k.name for k in KINDS.values() if "imp_date(" in k.select} == {
        "pegawai",
        "pengembangan",
        "hukdis",
        "bahasa",
        "tik",
    }
