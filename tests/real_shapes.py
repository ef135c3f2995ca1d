"""Synthetic files in the exact layouts real systems produce (SIASN web service and exports, SAPK-era tables,
BPS S20JP, Kab. Sleman Bangkom, BKD Kaltim simonbangkom, BKPSDM Bandung dashboard).

Every builder takes the list of `Person` from `people()` (or your own) and returns ``(file_name, content_bytes)``.
The layouts (key names, column order, value formats) were read in public code; each builder's docstring names the
repository and path. The values are invented. What could not be verified is said so in tests/REAL_SHAPES.md.

Only the standard library and openpyxl (for .xlsx) are used; no pytest import, so this can be used from anywhere.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

# --------------------------------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    nip: str  # 18 digits
    nama: str  # name without titles, upper case as SIASN stores it
    tgl_lahir: date
    sex: str  # 'L' / 'P'
    pns_id: str  # 32 hex digits (SIASN person id, upper case like Oracle SYS_GUID)
    gol_id: int  # SIASN golongan id (11..45 for PNS); PPPK: see GOL_NAMA
    pendidikan_id: str  # SIASN tingkat pendidikan id, e.g. '40' = S-1
    jenis_jabatan_id: int  # 1 Struktural, 2 Fungsional Tertentu, 4 Fungsional Umum (pelaksana)
    eselon_id: int | None  # e.g. 22 = II.b; None for non-structural
    unor_id: str
    unor_nama: str
    instansi_nama: str
    lokasi_kerja: str  # e.g. 'KAB. SLEMAN'
    tmt_cpns: date  # TMT CPNS (TMT PPPK for PPPK)
    jenis_pegawai: str  # 'PNS' or 'PPPK Penuh Waktu' / 'PPPK Paruh Waktu'
    gelar_depan: str = ""
    gelar_belakang: str = ""
    jabatan_nama: str = ""
    nik: str = ""
    nip_lama: str = ""  # 9 digits for people appointed before 1999, else empty
    tempat_lahir: str = "SLEMAN"
    nama_sekolah: str = ""

    @property
    def is_pppk(self) -> bool:
        return self.jenis_pegawai.upper().startswith("PPPK")

    @property
    def jenis_kelamin_siasn(self) -> str:
        """SIASN writes M / F (data-utama `jenisKelamin`)."""
        return "M" if self.sex == "L" else "F"


def _hex32(*parts: object, upper: bool = True) -> str:
    h = hashlib.md5("|".join(str(p) for p in parts).encode()).hexdigest()  # noqa: S324 - ids, not security
    return h.upper() if upper else h


def _uuid(*parts: object) -> str:
    h = _hex32(*parts, upper=False)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def nip_pns(born: date, tmt: date, sex: str, seq: int) -> str:
    """PNS NIP: birth date yyyymmdd, TMT CPNS yyyymm, 1 male / 2 female, 3-digit sequence."""
    return f"{born:%Y%m%d}{tmt:%Y%m}{1 if sex == 'L' else 2}{seq:03d}"


def nip_pppk(born: date, year: int, sex: str, seq: int) -> str:
    """PPPK NIP: birth date yyyymmdd, appointment year, '21', 1 male / 2 female, 3-digit sequence."""
    return f"{born:%Y%m%d}{year:04d}21{1 if sex == 'L' else 2}{seq:03d}"


INSTANSI = "Pemerintah Kab. Sleman"
LOKASI = "KAB. SLEMAN"


def _person(nama, born, sex, tmt, seq, gol, pend, jj, es, unor, jabatan, *, pppk_year=None, jenis="PNS", **kw):
    nip = nip_pppk(born, pppk_year, sex, seq) if pppk_year else nip_pns(born, tmt, sex, seq)
    nik = f"340401{born.day + (40 if sex == 'P' else 0):02d}{born:%m%y}{seq:04d}"  # region, DD(+40 if P)MMYY, no.
    return Person(
        nip=nip,
        nama=nama,
        tgl_lahir=born,
        sex=sex,
        pns_id=_hex32("pns", nip),
        gol_id=gol,
        pendidikan_id=pend,
        jenis_jabatan_id=jj,
        eselon_id=es,
        unor_id=_hex32("unor", unor),
        unor_nama=unor,
        instansi_nama=INSTANSI,
        lokasi_kerja=LOKASI,
        tmt_cpns=tmt,
        jenis_pegawai=jenis,
        jabatan_nama=jabatan,
        nik=nik,
        **kw,
    )


_FIXED = [
    # structural official, eselon II.b (JPT Pratama), appointed 1998 -> has a 9-digit NIP lama
    lambda: _person(
        "BAMBANG WICAKSONO",
        date(1972, 3, 14),
        "L",
        date(1998, 3, 1),
        3,
        42,
        "45",
        1,
        22,
        "Dinas Pendidikan",
        "Kepala Dinas Pendidikan",
        gelar_depan="Drs.",
        gelar_belakang="M.Si.",
        nip_lama="130987654",
        nama_sekolah="UNIVERSITAS GADJAH MADA",
    ),
    # fungsional (nurse), female
    lambda: _person(
        "SRI RAHAYUNINGSIH",
        date(1985, 7, 2),
        "P",
        date(2010, 1, 1),
        5,
        33,
        "40",
        2,
        None,
        "UPT Puskesmas Depok I",
        "Perawat Ahli Muda",
        gelar_belakang="S.Kep., Ns.",
        nama_sekolah="UNIVERSITAS RESPATI YOGYAKARTA",
    ),
    # pelaksana, D-III
    lambda: _person(
        "AGUS SETIAWAN",
        date(1990, 11, 23),
        "L",
        date(2014, 12, 1),
        1,
        23,
        "30",
        4,
        None,
        "Sekretariat Daerah",
        "Pengadministrasi Perkantoran",
        gelar_belakang="A.Md.",
        nama_sekolah="POLITEKNIK NEGERI SEMARANG",
    ),
    # PPPK teacher: NIP digits 9-12 = appointment year 2022, digits 13-14 = '21'
    lambda: _person(
        "NURUL HIDAYAH",
        date(1988, 5, 10),
        "P",
        date(2022, 10, 1),
        3,
        109,
        "40",
        2,
        None,
        "SD Negeri 1 Ngaglik",
        "Guru Ahli Pertama",
        pppk_year=2022,
        jenis="PPPK Penuh Waktu",
        gelar_belakang="S.Pd.",
        nama_sekolah="UNIVERSITAS NEGERI YOGYAKARTA",
    ),
    # second structural official, eselon IV.a (pengawas), appointed 1994
    lambda: _person(
        "SUPARNO",
        date(1968, 12, 25),
        "L",
        date(1994, 3, 1),
        2,
        34,
        "40",
        1,
        41,
        "Dinas Pendidikan",
        "Kepala Seksi Kurikulum SD",
        gelar_belakang="S.Pd., M.M.",
        nip_lama="131234567",
        nama_sekolah="IKIP YOGYAKARTA",
    ),
]


def people(n: int = 5) -> list[Person]:
    """A fixed, deterministic set: [0] eselon II.b official, [1] fungsional woman, [2] pelaksana, [3] PPPK,
    [4] eselon IV.a official; beyond 5, more pelaksana with consecutive NIP sequence numbers."""
    out = [make() for make in _FIXED[: min(n, len(_FIXED))]]
    for i in range(len(_FIXED), n):
        born = date(1980 + i % 15, 1 + i % 12, 1 + i % 27)
        out.append(
            _person(
                f"PEGAWAI CONTOH {i + 1}",
                born,
                "L" if i % 2 else "P",
                date(2008 + i % 12, 1 + i % 12, 1),
                1 + i,
                31,
                "40",
                4,
                None,
                "Sekretariat Daerah",
                "Analis Kebijakan",
            )
        )
    return out


# --------------------------------------------------------------------------------------------------------------------
# Code lists (names as SIASN writes them, where seen; see REAL_SHAPES.md)
# --------------------------------------------------------------------------------------------------------------------

GOL_NAMA = {
    11: ("I/a", "Juru Muda"),
    12: ("I/b", "Juru Muda Tingkat I"),
    13: ("I/c", "Juru"),
    14: ("I/d", "Juru Tingkat I"),
    21: ("II/a", "Pengatur Muda"),
    22: ("II/b", "Pengatur Muda Tingkat I"),
    23: ("II/c", "Pengatur"),
    24: ("II/d", "Pengatur Tingkat I"),
    31: ("III/a", "Penata Muda"),
    32: ("III/b", "Penata Muda Tingkat I"),
    33: ("III/c", "Penata"),
    34: ("III/d", "Penata Tingkat I"),
    41: ("IV/a", "Pembina"),
    42: ("IV/b", "Pembina Tingkat I"),
    43: ("IV/c", "Pembina Utama Muda"),
    44: ("IV/d", "Pembina Utama Madya"),
    45: ("IV/e", "Pembina Utama"),
    # PPPK grades: the SIASN id for these was not found; 101..117 is this project's convention (analytics/reference.py)
    **{100 + i: (r, "") for i, r in enumerate("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII".split(), 1)},
}
ESELON_NAMA = {11: "I.a", 12: "I.b", 21: "II.a", 22: "II.b", 31: "III.a", 32: "III.b", 41: "IV.a", 42: "IV.b"}
JENIS_JABATAN_NAMA = {1: "Struktural", 2: "Fungsional Tertentu", 4: "Fungsional Umum"}
PENDIDIKAN_NAMA = {"30": "Diploma III/Sarjana Muda", "35": "Diploma IV", "40": "S-1/Sarjana", "45": "S-2", "50": "S-3"}


def dmy(d: date | None) -> str | None:
    """SIASN web-service date: dd-mm-yyyy."""
    return None if d is None else d.strftime("%d-%m-%Y")


def _dump(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=None, separators=(",", ":")).encode()


def _envelope(data) -> dict:
    """SIASN web-service envelope: {"code": 1, "data": ...} (object for data-utama, list for rw-*)."""
    return {"code": 1, "data": data}


def _mk_tahun(p: Person, per: date = date(2025, 12, 31)) -> tuple[int, int]:
    months = (per.year - p.tmt_cpns.year) * 12 + per.month - p.tmt_cpns.month
    return months // 12, months % 12


# --------------------------------------------------------------------------------------------------------------------
# SIASN web service: GET /pns/data-utama/{nipBaru}
# --------------------------------------------------------------------------------------------------------------------


def data_utama_record(p: Person) -> dict:
    """One data-utama object, keys in the order of kanekescom/laravel-siasn-simpeg
    database/migrations/2024_01_02_000006_create_siasn_simpeg_pns_data_utama_table.php (+ the 2024_07_19 add-ons)."""
    gol, pangkat = GOL_NAMA.get(p.gol_id, ("", ""))
    mk_t, mk_b = _mk_tahun(p)
    tmt_pns = None if p.is_pppk else date(p.tmt_cpns.year + 1, p.tmt_cpns.month, 1)
    es = p.eselon_id
    return {
        "id": p.pns_id,
        "nipBaru": p.nip,
        "nipLama": p.nip_lama or None,
        "nama": p.nama,
        "gelarDepan": p.gelar_depan or None,
        "gelarBelakang": p.gelar_belakang or None,
        "tempatLahir": p.tempat_lahir,
        "tempatLahirId": _hex32("lokasi", p.tempat_lahir),
        "tglLahir": dmy(p.tgl_lahir),
        "agama": "Islam",
        "agamaId": 1,
        "email": f"{p.nama.split()[0].lower()}@example.com",
        "emailGov": None,
        "nik": p.nik,
        "alamat": "JL. CONTOH NO. 1",
        "noHp": "081200000000",
        "noTelp": None,
        "jenisPegawaiId": "71" if p.is_pppk else "04",
        "mkTahun": mk_t,
        "mkBulan": mk_b,
        "jenisPegawaiNama": p.jenis_pegawai,
        "kedudukanPnsId": "01",
        "kedudukanPnsNama": "Aktif",
        "statusPegawai": "PPPK" if p.is_pppk else "PNS",
        "jenisKelamin": p.jenis_kelamin_siasn,
        "jenisIdDokumenId": "1",
        "jenisIdDokumenNama": "KTP",
        "nomorIdDocument": p.nik,
        "noSeriKarpeg": None,
        "tkPendidikanTerakhirId": p.pendidikan_id,
        "tkPendidikanTerakhir": PENDIDIKAN_NAMA.get(p.pendidikan_id),
        "pendidikanTerakhirId": _hex32("pend", p.nip, upper=False),
        "pendidikanTerakhirNama": "S-1 PENDIDIKAN" if p.pendidikan_id == "40" else None,
        "tahunLulus": str(p.tgl_lahir.year + 23),
        "tmtPns": dmy(tmt_pns),
        "tmtPensiun": dmy(date(p.tgl_lahir.year + 58, p.tgl_lahir.month, 1)),
        "bupPensiun": 58,
        "tglSkPns": dmy(tmt_pns),
        "tmtCpns": dmy(p.tmt_cpns),
        "tglSkCpns": dmy(p.tmt_cpns),
        "instansiIndukId": _hex32("instansi", p.instansi_nama),
        "instansiIndukNama": p.instansi_nama,
        "satuanKerjaIndukId": _hex32("instansi", p.instansi_nama),
        "satuanKerjaIndukNama": p.instansi_nama,
        "kanregId": "01",
        "kanregNama": "KANREG I YOGYAKARTA",
        "instansiKerjaId": _hex32("instansi", p.instansi_nama),
        "instansiKerjaNama": p.instansi_nama,
        "instansiKerjaKodeCepat": "A5EB",
        "satuanKerjaKerjaId": _hex32("instansi", p.instansi_nama),
        "satuanKerjaKerjaNama": p.instansi_nama,
        "unorId": p.unor_id,
        "unorNama": p.unor_nama,
        "unorIndukId": _hex32("unor", p.instansi_nama),
        "unorIndukNama": p.instansi_nama,
        "jenisJabatanId": p.jenis_jabatan_id,
        "jenisJabatan": JENIS_JABATAN_NAMA.get(p.jenis_jabatan_id),
        "jabatanNama": p.jabatan_nama,
        "jabatanStrukturalId": _hex32("jab", p.jabatan_nama) if p.jenis_jabatan_id == 1 else None,
        "jabatanStrukturalNama": p.jabatan_nama if p.jenis_jabatan_id == 1 else None,
        "jabatanFungsionalId": _hex32("jab", p.jabatan_nama) if p.jenis_jabatan_id == 2 else None,
        "jabatanFungsionalNama": p.jabatan_nama if p.jenis_jabatan_id == 2 else None,
        "jabatanFungsionalUmumId": _hex32("jab", p.jabatan_nama) if p.jenis_jabatan_id == 4 else None,
        "jabatanFungsionalUmumNama": p.jabatan_nama if p.jenis_jabatan_id == 4 else None,
        "tmtJabatan": dmy(max(date(2021, 1, 4), p.tmt_cpns)),
        "lokasiKerjaId": _hex32("lokasi", p.lokasi_kerja),
        "lokasiKerja": p.lokasi_kerja,
        "golRuangAwalId": p.gol_id if p.is_pppk else 21 if p.pendidikan_id == "30" else 31,
        "golRuangAwal": gol if p.is_pppk else "II/a" if p.pendidikan_id == "30" else "III/a",
        "golRuangAkhirId": p.gol_id,
        "golRuangAkhir": gol,
        "tmtGolAkhir": dmy(p.tmt_cpns if p.is_pppk else max(date(2022, 4, 1), p.tmt_cpns)),
        "masaKerja": f"{mk_t} Tahun {mk_b} Bulan",
        "eselon": ESELON_NAMA.get(es) if es else None,
        "eselonId": str(es) if es else None,
        "eselonLevel": str(es // 10) if es else None,
        "tmtEselon": dmy(date(2021, 1, 4)) if es else None,
        "gajiPokok": "4000000",
        "kpknId": _hex32("kpkn", "YOGYAKARTA"),
        "kpknNama": "YOGYAKARTA",
        "ktuaId": None,
        "ktuaNama": None,
        "taspenId": None,
        "taspenNama": None,
        "jenisKawinId": 2,
        "statusPerkawinan": "Menikah",
        "statusHidup": "1",
        "tglSuratKeteranganDokter": None,
        "noSuratKeteranganDokter": None,
        "jumlahIstriSuami": 1,
        "jumlahAnak": 2,
        "noSuratKeteranganBebasNarkoba": None,
        "tglSuratKeteranganBebasNarkoba": None,
        "skck": None,
        "tglSkck": None,
        "akteKelahiran": None,
        "akteMeninggal": None,
        "tglMeninggal": None,
        "noNpwp": "000000000000000",
        "tglNpwp": None,
        "noAskes": None,
        "bpjs": "0000000000000",
        "kodePos": "55281",
        "noSpmt": None,
        "tglSpmt": None,
        "noTaspen": None,
        "bahasa": None,
        "kppnId": None,
        "kppnNama": None,
        "pangkatAkhir": pangkat or None,
        "tglSttpl": None,
        "nomorSttpl": None,
        "nomorSkCpns": f"800/{p.nip[-3:]}/{p.tmt_cpns.year}",
        "nomorSkPns": None if p.is_pppk else f"821/{p.nip[-3:]}/{p.tmt_cpns.year + 1}",
        "jenjang": None,
        "jabatanAsn": None,
        "kartuAsn": None,
        "validNik": True,
        "pangkatAwal": None,
        "asnJenjangJabatan": None,
        "kode_jenjang_jabatan": None,
        "levelJabatan": None,
        "tanggal_taspen": None,
        "tabrum2": None,
        "kelas_jabatan": "9",
        "karis_karsu": None,
        "path": None,
        "genEmailAsn": None,
    }


def siasn_data_utama_json(people: list[Person]) -> tuple[str, bytes]:
    """GET /pns/data-utama/{nipBaru}: one person, {"code":1,"data":{...}}.

    Keys: kanekescom/laravel-siasn-simpeg
    database/migrations/2024_01_02_000006_create_siasn_simpeg_pns_data_utama_table.php;
    envelope: src/Helpers/PnsDataUtamaResponseTransformer.php (reads `data`, an object) and
    kanekescom/laravel-siasn-simpeg-api tests/Simpeg/PnsTest.php (`code` = 1); dates dd-mm-yyyy:
    src/Transformers/PnsDataUtamaTransformer.php (convert_date_format(..., 'd-m-Y', 'Y-m-d')).
    """
    p = people[0]
    return f"data-utama_{p.nip}.json", _dump(_envelope(data_utama_record(p)))


def siasn_data_utama_list_json(people: list[Person]) -> tuple[str, bytes]:
    """Several data-utama objects in one envelope {"code":1,"data":[...]} (the rw-* envelope shape; a single real
    data-utama response carries an object). Sources as siasn_data_utama_json."""
    return "data-utama_semua.json", _dump(_envelope([data_utama_record(p) for p in people]))


def siasn_data_utama_plain_list_json(people: list[Person]) -> tuple[str, bytes]:
    """The data-utama objects as a bare JSON list (envelope stripped). Keys as siasn_data_utama_json."""
    return "data-utama.json", _dump([data_utama_record(p) for p in people])


def siasn_data_utama_jsonl(people: list[Person]) -> tuple[str, bytes]:
    """JSON Lines: one complete data-utama response (envelope included) per line, one line per person.
    Sources as siasn_data_utama_json."""
    lines = [json.dumps(_envelope(data_utama_record(p)), ensure_ascii=False) for p in people]
    return "data-utama.jsonl", ("\n".join(lines) + "\n").encode()


def _zip(files: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2025, 1, 2, 8, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def siasn_data_utama_zip(people: list[Person]) -> tuple[str, bytes]:
    """A ZIP of data-utama responses, one data-utama_<nip>.json per person. Sources as siasn_data_utama_json."""
    files = [(f"data-utama_{p.nip}.json", _dump(_envelope(data_utama_record(p)))) for p in people]
    return "data-utama.zip", _zip(files)


# --------------------------------------------------------------------------------------------------------------------
# SIASN web service: riwayat (rw-*) responses. A real response is per NIP; these builders put every person's rows
# into one {"code":1,"data":[...]} so a test has one file per kind.
# --------------------------------------------------------------------------------------------------------------------

_HASIL = {1: "DIATAS EKSPEKTASI", 2: "SESUAI EKSPEKTASI", 3: "DIBAWAH EKSPEKTASI"}
_KUADRAN = {1: "SANGAT BAIK", 2: "BAIK", 3: "BUTUH PERBAIKAN", 4: "KURANG/MISCONDUCT", 5: "SANGAT KURANG"}


def _kuadran(hasil: int, perilaku: int) -> int:
    # predikat from the (perilaku, hasil) pair as in getPredikatSkp (see REAL_SHAPES.md); the numeric code is ours
    table = {(1, 1): 1, (1, 2): 2, (2, 1): 2, (2, 2): 2, (3, 1): 3, (3, 2): 3, (1, 3): 4, (2, 3): 4, (3, 3): 5}
    return table[(perilaku, hasil)]


def siasn_rw_skp22_json(people: list[Person]) -> tuple[str, bytes]:
    """GET /pns/rw-skp22/{nipBaru}: SKP 2022+ rows; the person id is in `pnsDinilaiId`, there is no NIP.

    Keys and order: kanekescom/laravel-siasn-simpeg
    database/migrations/2024_01_02_000027_create_siasn_simpeg_pns_rw_skp22_table.php
    (note the capitalised `KuadranKinerjaNilai` and `PerilakuKerjaNilai` of the GET response; the POST /skp22/save
    body uses lower-case kuadranKinerjaNilai/perilakuKerjaNilai and `pnsDinilaiOrang`,
    kanekescom/laravel-siasn-simpeg-api src/Commands/PostSkp22SaveCommand.php). Person-id key:
    kanekescom/laravel-siasn-simpeg src/Commands/PullRiwayatCommand.php ($pnsId map).
    """
    rows = []
    for i, p in enumerate(people):
        for year in (2023, 2024):
            hasil, perilaku = (1 + (i + year) % 2, 1 + (i * 2 + year) % 2) if i != 2 else (2, 3)
            rows.append(
                {
                    "id": _hex32("skp22", p.nip, year, upper=False),
                    "hasilKinerja": _HASIL[hasil],
                    "hasilKinerjaNilai": hasil,
                    "kuadranKinerja": _KUADRAN[_kuadran(hasil, perilaku)],
                    "KuadranKinerjaNilai": _kuadran(hasil, perilaku),
                    "namaPenilai": "PENILAI CONTOH",
                    "nipNrpPenilai": "197001011995031001",
                    "penilaiGolonganId": "41",
                    "penilaiJabatanNm": "Sekretaris",
                    "penilaiUnorNm": p.unor_nama,
                    "perilakuKerja": _HASIL[perilaku],
                    "PerilakuKerjaNilai": perilaku,
                    "pnsDinilaiId": p.pns_id,
                    "statusPenilai": "ASN",
                    "tahun": str(year),
                    "path": None,
                }
            )
    return "rw-skp22.json", _dump(_envelope(rows))


def siasn_rw_skp_json(people: list[Person]) -> tuple[str, bytes]:
    """GET /pns/rw-skp/{nipBaru}: SKP before 2022 (PP 46/2011); the person id is in `pns`, there is no NIP.

    Keys and order: kanekescom/laravel-siasn-simpeg
    database/migrations/2024_01_02_000026_create_siasn_simpeg_pns_rw_skp_table.php;
    person-id key `pns`: src/Commands/PullRiwayatCommand.php. Numbers are JSON numbers here (the migration keeps
    them as strings).
    """
    rows = []
    for i, p in enumerate(people):
        if p.is_pppk:
            continue  # appointed 2022: no pre-2022 SKP
        for year in (2020, 2021):
            skp = 80.0 + i + (year - 2020) * 1.5
            pk = round(skp * 0.6 + 85.0 * 0.4, 2)
            rows.append(
                {
                    "id": _hex32("skp", p.nip, year, upper=False),
                    "tahun": year,
                    "nilaiSkp": skp,
                    "orientasiPelayanan": 85.0,
                    "integritas": 86.0,
                    "komitmen": 84.0,
                    "disiplin": 85.0,
                    "kerjasama": 85.0,
                    "nilaiPerilakuKerja": 85.0,
                    "nilaiPrestasiKerja": pk,
                    "kepemimpinan": 85.0 if p.jenis_jabatan_id == 1 else 0,
                    "jumlah": 425.0,
                    "nilairatarata": 85.0,
                    "atasanPejabatPenilai": _hex32("atasan", year),
                    "pejabatPenilai": _hex32("penilai", year),
                    "pns": p.pns_id,
                    "atasanNonPns": None,
                    "penilaiNonPns": None,
                    "penilaiNipNrp": "197001011995031001",
                    "atasanPenilaiNipNrp": "196601011990031001",
                    "penilaiNama": "PENILAI CONTOH",
                    "atasanPenilaiNama": "ATASAN PENILAI CONTOH",
                    "penilaiUnorNama": p.unor_nama,
                    "atasanPenilaiUnorNama": p.instansi_nama,
                    "penilaiJabatan": "Sekretaris",
                    "atasanPenilaiJabatan": "Kepala Dinas",
                    "penilaiGolongan": "41",
                    "atasanPenilaiGolongan": "42",
                    "penilaiTmtGolongan": "01-04-2018",
                    "atasanPenilaiTmtGolongan": "01-04-2016",
                    "statusPenilai": "PNS",
                    "statusAtasanPenilai": "PNS",
                    "jenisJabatan": str(p.jenis_jabatan_id),
                    "jenisPeraturanKinerjaKd": "PP46",
                    "inisiatifKerja": None,
                    "konversiNilai": None,
                    "nilaiIntegrasi": None,
                }
            )
    return "rw-skp.json", _dump(_envelope(rows))


def siasn_rw_hukdis_json(people: list[Person]) -> tuple[str, bytes]:
    """GET /pns/rw-hukdis/{nipBaru}: disciplinary punishments; the person id is in `pnsOrang`, there is NO NIP.

    Keys and order: kanekescom/laravel-siasn-simpeg
    database/migrations/2024_01_02_000015_create_siasn_simpeg_pns_rw_hukdis_table.php;
    person-id key: src/Commands/PullRiwayatCommand.php; jenisTingkatHukumanId is one letter R/S/B (a public SIASN
    reference table keeps it as varchar(1)); dates dd-mm-yyyy (POST /hukdis/save body, see REAL_SHAPES.md).
    Only person [2] (if present) has a punishment (a ringan one), plus person [1] a sedang one.
    """
    rows = []
    spec = {
        2: ("01", "TEGURAN LISAN", "R", date(2025, 3, 3), 0, 0),
        1: ("04", "PENUNDAAN KGB SELAMA 1 THN", "S", date(2024, 6, 10), 1, 0),
    }
    for i, (jenis, nama, tingkat, tgl, masa_t, masa_b) in spec.items():
        if i >= len(people):
            continue
        p = people[i]
        akhir = date(tgl.year + masa_t, tgl.month, tgl.day) if masa_t else None
        rows.append(
            {
                "id": _hex32("hukdis", p.nip, upper=False),
                "rwHukumanDisiplin": None,
                "golongan": str(p.gol_id),
                "kedudukanHukum": "01",
                "jenisHukuman": jenis,
                "pnsOrang": p.pns_id,
                "skNomor": f"862/{i + 1}/{tgl.year}",
                "skTanggal": dmy(tgl),
                "hukumanTanggal": dmy(tgl),
                "masaTahun": masa_t,
                "masaBulan": masa_b,
                "akhirHukumTanggal": dmy(akhir),
                "nomorPp": "94/2021",
                "golonganLama": None,
                "skPembatalanNomor": None,
                "skPembatalanTanggal": None,
                "alasanHukumanDisiplin": "1",
                "alasanHukumanDisiplinNama": "Tidak masuk kerja tanpa alasan yang sah",
                "jenisHukumanNama": nama,
                "path": None,
                "keterangan": None,
                "jenisTingkatHukumanId": tingkat,
            }
        )
    return "rw-hukdis.json", _dump(_envelope(rows))


# latihanStrukturalId -> latihanStrukturalNama as a public SIASN reference copy spells them (see REAL_SHAPES.md)
LATIHAN_STRUKTURAL_NAMA = {
    "2": "SEPALA/ADUM/DIKLAT PIM TK.IV",
    "3": "SEPADYA/SPAMA/DIKLAT PIM TK. III",
    "4": "SPAMEN/SESPA/SESPANAS/DIKLAT PIM TK. II",
    "5": "SEPATI/DIKLAT PIM TK. I",
    "8": "Diklat Struktural Lainnya",
}


def _path_entry(kind: str, nip: str) -> dict:
    dok = "874"
    return {
        dok: {
            "dok_id": dok,
            "dok_nama": f"Dok {kind}",
            "dok_uri": f"peremajaan/usulan/{_hex32(kind, nip)}.pdf",
            "object": f"peremajaan/usulan/{_hex32(kind, nip)}.pdf",
            "slug": dok,
        }
    }


def siasn_rw_diklat_json(people: list[Person]) -> tuple[str, bytes]:
    """GET /pns/rw-diklat/{nipBaru}: structural training (PIM / PKN / Latsar). Person id in `idPns` (+ nipBaru).

    Keys and order: kanekescom/laravel-siasn-simpeg
    database/migrations/2024_01_02_000012_create_siasn_simpeg_pns_rw_diklat_table.php;
    `tanggalSelesai` parsed with createFromFormat('d-m-Y') in public code; `path` is an object keyed by document id
    (C# model Dictionary<string, PathItem> in public code). jumlahJam is deliberately "" / 0 / null on the
    PIM and Latsar rows (structural trainings often carry no hours in SIASN).
    """
    spec = {  # person index -> rows (latihanStrukturalId, start, end, jumlahJam, nomor)
        0: [("4", date(2016, 3, 7), date(2016, 7, 22), "", "STTPP/PIM.II/0123/2016")],
        4: [("2", date(2009, 4, 6), date(2009, 5, 29), 0, "STTPP/PIM.IV/045/2009")],
        2: [("8", date(2015, 8, 3), date(2015, 9, 18), None, "LATSAR/CPNS/0456/2015")],
        1: [("8", date(2011, 5, 2), date(2011, 6, 10), 0, "PRAJAB/II/789/2011")],
    }
    rows = []
    for i, items in spec.items():
        if i >= len(people):
            continue
        p = people[i]
        for k, (lsid, start, end, jam, nomor) in enumerate(items):
            rows.append(
                {
                    "id": _hex32("diklat", p.nip, k, upper=False),
                    "idPns": p.pns_id,
                    "nipBaru": p.nip,
                    "nipLama": p.nip_lama or None,
                    "latihanStrukturalId": lsid,
                    "latihanStrukturalNama": LATIHAN_STRUKTURAL_NAMA[lsid],
                    "nomor": nomor,
                    "tanggal": dmy(start),
                    "tahun": end.year,
                    "path": _path_entry("Sertifikat Diklat", p.nip) if i == 0 else None,
                    "jumlahJam": jam,
                    "tanggalSelesai": dmy(end),
                    "institusiPenyelenggara": "BPSDM D.I. YOGYAKARTA",
                }
            )
    return "rw-diklat.json", _dump(_envelope(rows))


# SIASN jenisDiklatId -> (name, jenisKursusSertifikat) as a public seeder of the SIASN reference has them
JENIS_DIKLAT_SERTIFIKAT = {
    "1": ("Diklat Struktural", "-"),
    "2": ("Diklat Fungsional", "F"),
    "3": ("Diklat Teknis", "T"),
    "4": ("Workshop", "P"),
    "5": ("Pelatihan Manajerial", "-"),
    "6": ("Pelatihan Sosial Kultural", "-"),
    "7": ("Sosialisasi", "P"),
    "8": ("Bimbingan Teknis", "P"),
    "9": ("Seminar", "P"),
    "10": ("Magang", "P"),
}


def siasn_rw_kursus_json(people: list[Person]) -> tuple[str, bytes]:
    """GET /pns/rw-kursus/{nipBaru}: courses, technical/functional training, seminars... Person id in `idPns`.

    Keys and order: kanekescom/laravel-siasn-simpeg
    database/migrations/2024_01_02_000018_create_siasn_simpeg_pns_rw_kursus_table.php.
    Some rows have jenisDiklatId "" (records from before SIASN's jenis diklat list) but a jenisKursusSertifikat
    letter (T teknis / F fungsional / P seminar-workshop-etc.; "-" for struktural/manajerial/sosial kultural).
    Dates dd-mm-yyyy (POST /kursus/save bodies in public code).
    """
    plan = [  # (jenisDiklatId, nama, start, days, jam)
        ("3", "Pelatihan Pengelolaan Keuangan Daerah", date(2025, 2, 10), 5, 40),
        ("9", "Seminar Nasional Transformasi Digital", date(2025, 5, 20), 1, 4),
        ("", "Kursus Bahasa Inggris", date(2018, 7, 2), 10, 30),  # old record: no jenisDiklatId
        ("8", "Bimtek Penyusunan SKP", date(2025, 8, 4), 2, 16),
        ("2", "Pelatihan Fungsional Perawat", date(2024, 10, 14), 6, 48),
        ("4", "Workshop Kurikulum Merdeka", date(2025, 9, 15), 1, 6),
    ]
    rows = []
    for i, p in enumerate(people):
        for k in range(2):
            jid, nama, start, days, jam = plan[(i * 2 + k) % len(plan)]
            sert = JENIS_DIKLAT_SERTIFIKAT[jid][1] if jid else ("T" if k == 0 else "F")
            end = date.fromordinal(start.toordinal() + days - 1)
            rows.append(
                {
                    "id": _hex32("kursus", p.nip, k, upper=False),
                    "idPns": p.pns_id,
                    "nipBaru": p.nip,
                    "nipLama": p.nip_lama or None,
                    "jenisKursusNama": JENIS_DIKLAT_SERTIFIKAT[jid][0] if jid else None,
                    "jenisKursusSertifikat": sert,
                    "institusiPenyelenggara": "BKPP KAB. SLEMAN" if k else "BPSDM D.I. YOGYAKARTA",
                    "jenisKursusId": None,
                    "jumlahJam": jam,
                    "namaKursus": nama,
                    "noSertipikat": f"{800 + i}/{k + 1}/{end.year}",
                    "tahunKursus": end.year,
                    "tanggalKursus": dmy(start),
                    "path": None,
                    "jenisDiklatId": jid,
                    "tanggalSelesaiKursus": dmy(end),
                }
            )
    return "rw-kursus.json", _dump(_envelope(rows))


# --------------------------------------------------------------------------------------------------------------------
# SIASN "Export Data ASN" CSV
# --------------------------------------------------------------------------------------------------------------------

EXPORT_ASN_COLUMNS = [
    "PNS ID",
    "NIP BARU",
    "NIP LAMA",
    "NAMA",
    "GELAR DEPAN",
    "GELAR BELAKANG",
    "TEMPAT LAHIR ID",
    "TEMPAT LAHIR NAMA",
    "TANGGAL LAHIR",
    "JENIS KELAMIN",
    "AGAMA ID",
    "AGAMA NAMA",
    "JENIS KAWIN ID",
    "JENIS KAWIN NAMA",
    "NIK",
    "NOMOR HP",
    "EMAIL",
    "EMAIL GOV",
    "ALAMAT",
    "NPWP NOMOR",
    "BPJS",
    "JENIS PEGAWAI ID",
    "JENIS PEGAWAI NAMA",
    "KEDUDUKAN HUKUM ID",
    "KEDUDUKAN HUKUM NAMA",
    "STATUS CPNS PNS",
    "KARTU ASN VIRTUAL",
    "NOMOR SK CPNS",
    "TANGGAL SK CPNS",
    "TMT CPNS",
    "NOMOR SK PNS",
    "TANGGAL SK PNS",
    "TMT PNS",
    "GOL AWAL ID",
    "GOL AWAL NAMA",
    "GOL AKHIR ID",
    "GOL AKHIR NAMA",
    "TMT GOLONGAN",
    "MK TAHUN",
    "MK BULAN",
    "JENIS JABATAN ID",
    "JENIS JABATAN NAMA",
    "JABATAN ID",
    "JABATAN NAMA",
    "TMT JABATAN",
    "TINGKAT PENDIDIKAN ID",
    "TINGKAT PENDIDIKAN NAMA",
    "PENDIDIKAN ID",
    "PENDIDIKAN NAMA",
    "TAHUN LULUS",
    "KPKN ID",
    "KPKN NAMA",
    "LOKASI KERJA ID",
    "LOKASI KERJA NAMA",
    "UNOR ID",
    "UNOR NAMA",
    "INSTANSI INDUK ID",
    "INSTANSI INDUK NAMA",
    "INSTANSI KERJA ID",
    "INSTANSI KERJA NAMA",
    "SATUAN KERJA INDUK ID",
    "SATUAN KERJA INDUK NAMA",
    "SATUAN KERJA KERJA ID",
    "SATUAN KERJA KERJA NAMA",
]  # 64 columns (kanekescom PegawaiCsvTransformer)
EXPORT_ASN_NEWER = ["IS VALID NIK", "NAMA SEKOLAH", "FLAG IKD"]  # added mid-2024
EXPORT_ASN_ESELON = ["ESELON ID", "ESELON NAMA"]  # seen only in a P3K Paruh Waktu export header list
# columns that carry the text-forcing prefix (NIP for certain; the other long digit strings inferred)
_PREFIXED = {"NIP BARU", "NIP LAMA", "NIK", "NOMOR HP", "NPWP NOMOR", "BPJS"}


def _export_values(p: Person) -> dict[str, object]:
    d = data_utama_record(p)
    gol, _ = GOL_NAMA.get(p.gol_id, ("", ""))
    return {
        "PNS ID": p.pns_id,
        "NIP BARU": p.nip,
        "NIP LAMA": p.nip_lama or None,
        "NAMA": p.nama,
        "GELAR DEPAN": p.gelar_depan or None,
        "GELAR BELAKANG": p.gelar_belakang or None,
        "TEMPAT LAHIR ID": d["tempatLahirId"],
        "TEMPAT LAHIR NAMA": p.tempat_lahir,
        "TANGGAL LAHIR": dmy(p.tgl_lahir),
        "JENIS KELAMIN": p.jenis_kelamin_siasn,
        "AGAMA ID": 1,
        "AGAMA NAMA": "Islam",
        "JENIS KAWIN ID": 2,
        "JENIS KAWIN NAMA": "Menikah",
        "NIK": p.nik,
        "NOMOR HP": d["noHp"],
        "EMAIL": d["email"],
        "EMAIL GOV": None,
        "ALAMAT": d["alamat"],
        "NPWP NOMOR": d["noNpwp"],
        "BPJS": d["bpjs"],
        "JENIS PEGAWAI ID": d["jenisPegawaiId"],
        "JENIS PEGAWAI NAMA": p.jenis_pegawai,
        "KEDUDUKAN HUKUM ID": "01",
        "KEDUDUKAN HUKUM NAMA": "Aktif",
        "STATUS CPNS PNS": None if p.is_pppk else "P",
        "KARTU ASN VIRTUAL": None,
        "NOMOR SK CPNS": d["nomorSkCpns"],
        "TANGGAL SK CPNS": d["tglSkCpns"],
        "TMT CPNS": d["tmtCpns"],
        "NOMOR SK PNS": d["nomorSkPns"],
        "TANGGAL SK PNS": d["tglSkPns"],
        "TMT PNS": d["tmtPns"],
        "GOL AWAL ID": d["golRuangAwalId"],
        "GOL AWAL NAMA": d["golRuangAwal"],
        "GOL AKHIR ID": p.gol_id,
        "GOL AKHIR NAMA": gol,
        "TMT GOLONGAN": d["tmtGolAkhir"],
        "MK TAHUN": d["mkTahun"],
        "MK BULAN": d["mkBulan"],
        "JENIS JABATAN ID": p.jenis_jabatan_id,
        "JENIS JABATAN NAMA": d["jenisJabatan"],
        "JABATAN ID": _hex32("jab", p.jabatan_nama),
        "JABATAN NAMA": p.jabatan_nama,
        "TMT JABATAN": d["tmtJabatan"],
        "TINGKAT PENDIDIKAN ID": p.pendidikan_id,
        "TINGKAT PENDIDIKAN NAMA": d["tkPendidikanTerakhir"],
        "PENDIDIKAN ID": d["pendidikanTerakhirId"],
        "PENDIDIKAN NAMA": d["pendidikanTerakhirNama"],
        "TAHUN LULUS": d["tahunLulus"],
        "KPKN ID": d["kpknId"],
        "KPKN NAMA": d["kpknNama"],
        "LOKASI KERJA ID": d["lokasiKerjaId"],
        "LOKASI KERJA NAMA": p.lokasi_kerja,
        "UNOR ID": p.unor_id,
        "UNOR NAMA": p.unor_nama,
        "INSTANSI INDUK ID": d["instansiIndukId"],
        "INSTANSI INDUK NAMA": p.instansi_nama,
        "INSTANSI KERJA ID": d["instansiKerjaId"],
        "INSTANSI KERJA NAMA": p.instansi_nama,
        "SATUAN KERJA INDUK ID": d["satuanKerjaIndukId"],
        "SATUAN KERJA INDUK NAMA": p.instansi_nama,
        "SATUAN KERJA KERJA ID": d["satuanKerjaKerjaId"],
        "SATUAN KERJA KERJA NAMA": p.instansi_nama,
        "IS VALID NIK": 1,
        "NAMA SEKOLAH": p.nama_sekolah or None,
        "FLAG IKD": 0,
        "ESELON ID": p.eselon_id,
        "ESELON NAMA": ESELON_NAMA.get(p.eselon_id) if p.eselon_id else None,
    }


def siasn_export_asn_csv(
    people: list[Person],
    *,
    delimiter: str = "|",
    header: str = "upper",  # "upper" (PNS ID) or "snake" (pns_id)
    nip_prefix: str = "'",  # "'" , "`" or ""
    null_text: str = "null",  # what an empty value is written as ("" for truly empty cells)
    newer: bool = True,  # IS VALID NIK / NAMA SEKOLAH / FLAG IKD
    eselon: bool = False,  # ESELON ID / ESELON NAMA
    name: str | None = None,
) -> tuple[str, bytes]:
    """SIASN "Export Data ASN" CSV (the general form; the named variants below call this).

    Column names and order: kanekescom/laravel-siasn-simpeg src/Transformers/PegawaiCsvTransformer.php (64 columns),
    + database/migrations/2024_07_18_000001_add_nama_sekolah_field_on_siasn_simpeg_pegawai_table.php and
    database/migrations/2024_01_02_000001_create_siasn_simpeg_pegawai_table.php (is_valid_nik, nama_sekolah, flag_ikd);
    ESELON ID / ESELON NAMA as in a public P3K Paruh Waktu importer's EXPECTED_HEADERS (delimiter '|', ';' or ',').
    Literal `null` and apostrophes: kanekescom/laravel-siasn-simpeg src/Imports/PegawaiImport.php strips "'" and
    turns the text 'null' into NULL. Snake-case headers are the same columns as Laravel-Excel slugs them
    (siasn_simpeg_pegawai column names).
    """
    cols = EXPORT_ASN_COLUMNS + (EXPORT_ASN_NEWER if newer else []) + (EXPORT_ASN_ESELON if eselon else [])
    heads = [c.lower().replace(" ", "_") for c in cols] if header == "snake" else cols
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(heads)
    for p in people:
        vals = _export_values(p)
        row = []
        for c in cols:
            v = vals[c]
            if v is None or v == "":
                row.append(null_text)
            elif c in _PREFIXED:
                row.append(f"{nip_prefix}{v}")
            else:
                row.append(str(v))
        w.writerow(row)
    suffix = {"|": "pipe", ",": "koma", ";": "titikkoma"}.get(delimiter, "csv")
    return name or f"export_data_asn_{suffix}.csv", buf.getvalue().encode("utf-8")


def siasn_export_asn_pipe_csv(people: list[Person]) -> tuple[str, bytes]:
    """Export Data ASN: '|' delimiter, UPPER CASE headers, apostrophe before NIP, literal null, with
    IS VALID NIK / NAMA SEKOLAH / FLAG IKD, no ESELON. Sources: see siasn_export_asn_csv."""
    return siasn_export_asn_csv(people, delimiter="|")


def siasn_export_asn_comma_old_csv(people: list[Person]) -> tuple[str, bytes]:
    """Export Data ASN, older 64-column form (no IS VALID NIK / NAMA SEKOLAH / FLAG IKD), ',' delimiter,
    apostrophe before NIP, literal null (kanekescom PegawaiCsv reads it with delimiter ',').
    Sources: kanekescom/laravel-siasn-simpeg src/Models/PegawaiCsv.php, src/Transformers/PegawaiCsvTransformer.php."""
    return siasn_export_asn_csv(people, delimiter=",", newer=False, name="export_data_asn_lama.csv")


def siasn_export_asn_semicolon_eselon_csv(people: list[Person]) -> tuple[str, bytes]:
    """Export Data ASN with ESELON ID / ESELON NAMA (69 columns), ';' delimiter, backtick before NIP, empty cells
    instead of null. Sources: see siasn_export_asn_csv (backtick: MuhamadDediYusup/Bangkom
    app/Exports/JPBangkomExport.php prefixes NIP with "`")."""
    return siasn_export_asn_csv(
        people, delimiter=";", nip_prefix="`", null_text="", eselon=True, name="export_data_asn_eselon.csv"
    )


def siasn_export_asn_snake_csv(people: list[Person]) -> tuple[str, bytes]:
    """Export Data ASN with snake_case headers (pns_id, nip_baru, ..., is_valid_nik, nama_sekolah, flag_ikd), ','
    delimiter, no prefix, literal null. Column names: kanekescom/laravel-siasn-simpeg
    database/migrations/2024_01_02_000001_create_siasn_simpeg_pegawai_table.php."""
    return siasn_export_asn_csv(people, delimiter=",", header="snake", nip_prefix="", name="export_data_asn_snake.csv")


# --------------------------------------------------------------------------------------------------------------------
# SAPK-era employee table (UPPER_SNAKE columns)
# --------------------------------------------------------------------------------------------------------------------

SAPK_COLUMNS = [
    "ID",
    "PNS_ID",
    "NIP_LAMA",
    "NIP_BARU",
    "NAMA",
    "GELAR_DEPAN",
    "GELAR_BELAKANG",
    "TEMPAT_LAHIR_ID",
    "TGL_LAHIR",
    "JENIS_KELAMIN",
    "AGAMA_ID",
    "JENIS_KAWIN_ID",
    "NIK",
    "NOMOR_DARURAT",
    "NOMOR_HP",
    "EMAIL",
    "ALAMAT",
    "NPWP",
    "BPJS",
    "JENIS_PEGAWAI_ID",
    "KEDUDUKAN_HUKUM_ID",
    "STATUS_CPNS_PNS",
    "KARTU_PEGAWAI",
    "NOMOR_SK_CPNS",
    "TGL_SK_CPNS",
    "TMT_CPNS",
    "TMT_PNS",
    "GOL_AWAL_ID",
    "GOL_ID",
    "TMT_GOLONGAN",
    "MK_TAHUN",
    "MK_BULAN",
    "JENIS_JABATAN_ID",
    "JABATAN_ID",
    "TMT_JABATAN",
    "PENDIDIKAN_ID",
    "TAHUN_LULUS",
    "KPKN_ID",
    "LOKASI_KERJA_ID",
    "UNOR_ID",
    "UNOR_INDUK_ID",
    "INSTANSI_INDUK_ID",
    "INSTANSI_KERJA_ID",
    "SATUAN_KERJA_INDUK_ID",
    "SATUAN_KERJA_KERJA_ID",
    "GOLONGAN_DARAH",
    "PHOTO",
    "TMT_PENSIUN",
    "LOKASI_KERJA",
    "NO_SURAT_DOKTER",
    "JML_ISTRI",
    "JML_ANAK",
    "TGL_SURAT_DOKTER",
    "NO_BEBAS_NARKOBA",
    "TGL_BEBAS_NARKOBA",
    "NO_CATATAN_POLISI",
    "TGL_CATATAN_POLISI",
    "AKTE_KELAHIRAN",
    "STATUS_HIDUP",
    "AKTE_MENINGGAL",
    "TGL_MENINGGAL",
    "NO_ASKES",
    "NO_TASPEN",
    "TGL_NPWP",
    "TEMPAT_LAHIR",
    "PENDIDIKAN",
    "TK_PENDIDIKAN",
    "TEMPAT_LAHIR_NAMA",
    "JENIS_JABATAN_NAMA",
    "JABATAN_NAMA",
    "KPKN_NAMA",
    "INSTANSI_INDUK_NAMA",
    "INSTANSI_KERJA_NAMA",
    "SATUAN_KERJA_INDUK_NAMA",
    "SATUAN_KERJA_NAMA",
    "JABATAN_INSTANSI_ID",
    "BUP",
]  # 77 columns (view daftar_pegawai without the computed AGE / ESELON_1..4 / tahun_lahir)


def sapk_pegawai_csv(people: list[Person]) -> tuple[str, bytes]:
    """SAPK-era employee table dumped to CSV: UPPER_SNAKE columns (PNS_ID, NIP_BARU, GELAR_BELAKANG, TGL_LAHIR,
    GOL_ID, TK_PENDIDIKAN, ...), dates yyyy-mm-dd (PostgreSQL `date`), ',' delimiter, empty cells for NULL.

    Columns and order: nandanugg/triforce.nvim services/kepegawaian/docs/db/kepegawaian.daftar_pegawai.md (view over
    the `pegawai` table, whose column is literally "JENIS_JABATAN_IDx"). The names GELAR_BLK and
    TINGKAT_PENDIDIKAN_ID were NOT found in any SAPK-era file; this table calls them GELAR_BELAKANG and TK_PENDIDIKAN.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(SAPK_COLUMNS)
    for k, p in enumerate(people, 1):
        d = data_utama_record(p)
        iso = lambda s: None if not s else datetime.strptime(s, "%d-%m-%Y").date().isoformat()  # noqa: E731
        v = {
            "ID": k,
            "PNS_ID": p.pns_id,
            "NIP_LAMA": p.nip_lama,
            "NIP_BARU": p.nip,
            "NAMA": p.nama,
            "GELAR_DEPAN": p.gelar_depan,
            "GELAR_BELAKANG": p.gelar_belakang,
            "TEMPAT_LAHIR_ID": d["tempatLahirId"],
            "TGL_LAHIR": p.tgl_lahir.isoformat(),
            "JENIS_KELAMIN": p.jenis_kelamin_siasn,
            "AGAMA_ID": 1,
            "JENIS_KAWIN_ID": 2,
            "NIK": p.nik,
            "NOMOR_HP": d["noHp"],
            "EMAIL": d["email"],
            "ALAMAT": d["alamat"],
            "NPWP": d["noNpwp"],
            "BPJS": d["bpjs"],
            "JENIS_PEGAWAI_ID": d["jenisPegawaiId"],
            "KEDUDUKAN_HUKUM_ID": "01",
            "STATUS_CPNS_PNS": "" if p.is_pppk else "P",
            "NOMOR_SK_CPNS": d["nomorSkCpns"],
            "TGL_SK_CPNS": iso(d["tglSkCpns"]),
            "TMT_CPNS": p.tmt_cpns.isoformat(),
            "TMT_PNS": iso(d["tmtPns"]),
            "GOL_AWAL_ID": d["golRuangAwalId"],
            "GOL_ID": p.gol_id,
            "TMT_GOLONGAN": iso(d["tmtGolAkhir"]),
            "MK_TAHUN": d["mkTahun"],
            "MK_BULAN": d["mkBulan"],
            "JENIS_JABATAN_ID": p.jenis_jabatan_id,
            "JABATAN_ID": _hex32("jab", p.jabatan_nama),
            "TMT_JABATAN": iso(d["tmtJabatan"]),
            "PENDIDIKAN_ID": d["pendidikanTerakhirId"],
            "TAHUN_LULUS": d["tahunLulus"],
            "KPKN_ID": d["kpknId"],
            "LOKASI_KERJA_ID": d["lokasiKerjaId"],
            "UNOR_ID": p.unor_id,
            "UNOR_INDUK_ID": d["unorIndukId"],
            "INSTANSI_INDUK_ID": d["instansiIndukId"],
            "INSTANSI_KERJA_ID": d["instansiKerjaId"],
            "SATUAN_KERJA_INDUK_ID": d["satuanKerjaIndukId"],
            "SATUAN_KERJA_KERJA_ID": d["satuanKerjaKerjaId"],
            "TMT_PENSIUN": iso(d["tmtPensiun"]),
            "LOKASI_KERJA": p.lokasi_kerja,
            "JML_ISTRI": 1,
            "JML_ANAK": 2,
            "STATUS_HIDUP": "1",
            "TEMPAT_LAHIR": p.tempat_lahir,
            "PENDIDIKAN": d["pendidikanTerakhirNama"],
            "TK_PENDIDIKAN": p.pendidikan_id,
            "TEMPAT_LAHIR_NAMA": p.tempat_lahir,
            "JENIS_JABATAN_NAMA": d["jenisJabatan"],
            "JABATAN_NAMA": p.jabatan_nama,
            "KPKN_NAMA": d["kpknNama"],
            "INSTANSI_INDUK_NAMA": p.instansi_nama,
            "INSTANSI_KERJA_NAMA": p.instansi_nama,
            "SATUAN_KERJA_INDUK_NAMA": p.instansi_nama,
            "SATUAN_KERJA_NAMA": p.instansi_nama,
            "JABATAN_INSTANSI_ID": "",
            "BUP": 60 if p.eselon_id and p.eselon_id < 30 else 58,
        }
        w.writerow(["" if v.get(c) is None else v.get(c, "") for c in SAPK_COLUMNS])
    return "sapk_pegawai.csv", buf.getvalue().encode("utf-8")


# --------------------------------------------------------------------------------------------------------------------
# xlsx helpers
# --------------------------------------------------------------------------------------------------------------------

_FIXED_TIME = datetime(2025, 1, 2, 8, 0, 0)


def _xlsx(sheets: list[tuple[str, list[list[object]]]], *, date_format: str = "yyyy-mm-dd", text_cols=()) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for r in rows:
            ws.append(r)
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = date_format
                elif cell.column in text_cols and isinstance(cell.value, str):
                    cell.number_format = "@"
    wb.properties.creator = "real_shapes"
    wb.properties.created = _FIXED_TIME
    wb.properties.modified = _FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# --------------------------------------------------------------------------------------------------------------------
# BPS S20JP (Sistem 20JP, Pusdiklat BPS)
# --------------------------------------------------------------------------------------------------------------------

S20JP_COLUMNS = [
    "Tanggal Mulai",
    "Tanggal Selesai",
    "Nama Kegiatan",
    "Penyelenggara Kegiatan",
    "Kode Jenis Pengembangan",
    "Total Jam Pelajaran",
    "NIP Peserta",
]

# Kode -> (Jenis & Jalur, konversi nasional, konversi internasional), as the S20JP guide lists them
S20JP_KODE = {
    "A1": ("Tugas Belajar", "1 Semester = 20JP", "1 Semester = 20JP"),
    "A2": ("Izin Belajar", "1 Semester = 20JP", "1 Semester = 20JP"),
    "B1": ("Pelatihan Struktural Kepemimpinan", "Sesuai Jam Pelajaran (1JP = 45 Menit)", "--"),
    "B2": ("Pelatihan Manajerial", "Sesuai Jam Pelajaran (1JP = 45 Menit)", "20%"),
    "B3": ("Pelatihan Teknis", "Sesuai Jam Pelajaran (1JP = 45 Menit)", "20%"),
    "B4": ("Pelatihan Fungsional", "Sesuai Jam Pelajaran (1JP = 45 Menit)", "20%"),
    "B5": ("Pelatihan Soial Kultural", "Sesuai Jam Pelajaran (1JP = 45 Menit)", "20%"),
    "B6": ("Seminar/Konferensi/Sarasehan", "1 Hari = 4JP", "1 Hari = 6JP"),
    "B7": ("Workshop/Lokakarya", "1 Hari = 5JP", "1 Hari = 7JP"),
    "B8": ("Kursus", "Sesuai Jam Pelajaran (1JP = 45 Menit)", "20%"),
    "B9": ("Penataran", "Sesuai Jam Pelajaran (1JP = 45 Menit)", "20%"),
    "B10": ("Bimbingan Teknis", "Sesuai Jam Pelajaran (1JP = 45 Menit)", "20%"),
    "B11": ("Sosialisasi", "1 Hari = 4JP", "1 Hari = 6JP"),
    "C1": ("Coaching", "1 Kali = 2JP (Max 2 kali dalam 1 Bulan)", "1 Hari = 4JP (Max 2 kali dalam 1 Bulan)"),
    "C2": ("Mentoring", "1 Kali = 2JP (Max 2 kali dalam 1 Bulan)", "1 Hari = 4JP (Max 2 kali dalam 1 Bulan)"),
    "C3": ("E-Learning", "1 Hari (Max 3JP)", "1 Hari (Max 4JP)"),
    "C4": ("Pelatihan Jarak Jauh", "Sesuai Jam Pelajaran (1JP = 45 Menit)", "20%"),
    "C5": ("Datasering (secondment)", "1 Kali = 20JP", "1 Kali = 24P"),
    "C6": ("Pembelajaran Alam Terbuka (Outbond)", "Sesuai Jam Pelajaran (1JP = 45 Menit)", "20%"),
    "C7": ("Patok Banding (benchmark)", "1 Kali = 10JP", "1 Kali = 20P"),
    "C8": ("Pertukaran PNS dengan swasta/BUMN/BUMD", "1 Kali = 20JP", "1 Kali = 24P"),
    "C9": ("Belajar Mandiri (self development)", "Max 2JP per hari", "20%"),
    "C10": ("Komunitas Belajar / community of practice / networking", "Max 2JP per hari", "20%"),
    "C11": ("Magang/praktek kerja", "1 Kali = 20JP", "1 kali = 24JP"),
}


def bps_s20jp_kompetensi_xlsx(people: list[Person]) -> tuple[str, bytes]:
    """BPS S20JP upload template (kompetensi_input.xlsx), filled: one heading row then one row per participant.

    Headings: mfasza/S20JP app/Imports/KompetensiImport.php (validator keys; WithHeadingRow, headings kept verbatim).
    Dates are real Excel dates (the importer calls PhpSpreadsheet Date::excelToDateTimeObject on them); NIP Peserta is
    18 digits (rule digits:18), written as text; Total Jam Pelajaran is the already-converted JP (numeric, min 1).
    Kode Jenis Pengembangan A1..C11: resources/views/bantuan/panduan.blade.php. There is no Status column.
    The column ORDER inside the real template could not be read (binary .xlsx; guide shows it only as an image);
    the validator order is used.
    """
    plan = [  # (kode, nama, penyelenggara, start, end, jp)
        ("B3", "Pelatihan Analisis Data Statistik", "Pusdiklat BPS", date(2025, 3, 3), date(2025, 3, 7), 40),
        (
            "B6",
            "Seminar Nasional Official Statistics",
            "Politeknik Statistika STIS",
            date(2025, 6, 12),
            date(2025, 6, 12),
            4,
        ),
        ("C3", "E-Learning Literasi Data", "Pusdiklat BPS", date(2025, 7, 1), date(2025, 7, 3), 9),
        ("B7", "Workshop Metadata Statistik", "BPS Provinsi D.I. Yogyakarta", date(2025, 8, 19), date(2025, 8, 20), 10),
        ("A2", "Izin Belajar S2 Statistika", "Universitas Gadjah Mada", date(2025, 2, 3), date(2025, 7, 31), 20),
        ("C1", "Coaching Penyusunan Publikasi", "BPS Kabupaten Sleman", date(2025, 9, 9), date(2025, 9, 9), 2),
    ]
    rows: list[list[object]] = [list(S20JP_COLUMNS)]
    for i, p in enumerate(people):
        kode, nama, org, start, end, jp = plan[i % len(plan)]
        rows.append([start, end, nama, org, kode, jp, p.nip])
    return "kompetensi_input.xlsx", _xlsx([("Sheet1", rows)], text_cols={7})


def bps_s20jp_unduh_raw_xlsx(people: list[Person]) -> tuple[str, bytes]:
    """BPS S20JP "Unduh Data" export, jenis data raw: NIP, Nama, Unit Kerja Eselon 2, Unit Kerja Eselon 3,
    Kode Pengembangan, Jenis/Jalur Pengembangan, JP. NIP is written with a TRAILING SPACE (`$pgw->nip.' '`), missing
    values as '-'. Source: mfasza/S20JP app/Exports/ReportExport.php (case 'raw')."""
    rows: list[list[object]] = [
        [
            "NIP",
            "Nama",
            "Unit Kerja Eselon 2",
            "Unit Kerja Eselon 3",
            "Kode Pengembangan",
            "Jenis/Jalur Pengembangan",
            "JP",
        ]
    ]
    for i, p in enumerate(people):
        if i == len(people) - 1:
            rows.append([p.nip + " ", p.nama.title(), "BPS Provinsi D.I. Yogyakarta", "-", "-", "-", "-"])
            continue
        kode = ("B3", "B6", "C3", "B7")[i % 4]
        rows.append(
            [
                p.nip + " ",
                p.nama.title(),
                "BPS Provinsi D.I. Yogyakarta",
                "BPS Kabupaten Sleman",
                kode,
                S20JP_KODE[kode][0],
                (40, 4, 9, 10)[i % 4],
            ]
        )
    return "Unduh_raw.xlsx", _xlsx([("Worksheet", rows)], text_cols={1})


# --------------------------------------------------------------------------------------------------------------------
# Kab. Sleman "Bangkom" (BKPP Sleman)
# --------------------------------------------------------------------------------------------------------------------

SLEMAN_20JP_COLUMNS = [
    "#",
    "NIP",
    "Nama Lengkap",
    "Jabatan",
    "Sub Satuan Organisasi",
    "Satuan Organisasi",
    "Perangkat Daerah",
    "JP Manajerial",
    "JP Teknis",
    "JP Fungsional",
    "JP Total",
]


def _sleman_20jp_rows(people: list[Person]) -> list[list[object]]:
    rows: list[list[object]] = [list(SLEMAN_20JP_COLUMNS)]
    for i, p in enumerate(people, 1):
        man, tek, fun = (i * 3) % 10, (i * 7) % 25, (i * 5) % 12
        nama = " ".join(x for x in (p.gelar_depan, p.nama.title()) if x) + (
            f", {p.gelar_belakang}" if p.gelar_belakang else ""
        )
        rows.append(
            [i, "`" + p.nip, nama, p.jabatan_nama, "-", p.unor_nama, p.unor_nama, man, tek, fun, man + tek + fun]
        )
    return rows


def sleman_20jp_xlsx(people: list[Person]) -> tuple[str, bytes]:
    """Sleman per-person JP totals (export of the "20 JP Pengembangan Kompetensi" page), as the export code writes
    it: the first row IS the heading row (no title block), NIP prefixed with a backtick "`", numbers as numbers.
    File name 20JP_Bangkom_<ddmmYYYY>.xlsx. Source: MuhamadDediYusup/Bangkom app/Exports/JPBangkomExport.php and
    app/Http/Controllers/JPBangkomController.php (export())."""
    return "20JP_Bangkom_02012025.xlsx", _xlsx([("Worksheet", _sleman_20jp_rows(people))])


def sleman_20jp_titled_xlsx(people: list[Person]) -> tuple[str, bytes]:
    """The same Sleman sheet with a title block above the heading row: "20 JP Pengembangan Kompetensi (Tahun 2025)"
    and a blank row. NOTE: the title text comes from the page (JPBangkomController index(), view
    resources/views/jp_bangkom/index.blade.php); the export class itself writes no title. Use it for a
    "someone added a title" case. Source as sleman_20jp_xlsx."""
    rows = [["20 JP Pengembangan Kompetensi (Tahun 2025)"], [], *_sleman_20jp_rows(people)]
    return "20JP_Bangkom_judul.xlsx", _xlsx([("Worksheet", rows)])


def sleman_laporan_xlsx(people: list[Person]) -> tuple[str, bytes]:
    """Sleman "Daftar Laporan Pengembangan Kompetensi" export: one row per reported training with a Status.

    Headings: MuhamadDediYusup/Bangkom app/Exports/LaporanExport.php; NIP is CONCAT('\\'', nip) (leading apostrophe
    as text); Status is 'Ditolak' (status '0'), 'Disetujui' ('1') or 'Ditinjau' (anything else, i.e. NULL, and also
    '2' = Diperbaiki / '3' = resubmitted, which the export does not tell apart; helper getCountDataLaporan in
    app/Helper/getDataApi.php). Jenis/Sub Jenis/Rumpun values and the date format of Tanggal Mulai/Selesai were not
    verified (strings from the form; tgl_sttpp is a DATE column, yyyy-mm-dd).
    """
    head = [
        "#",
        "NIP",
        "Nama Lengkap",
        "Jenis Diklat",
        "Sub Jenis Diklat",
        "Rumpun Diklat",
        "Nama Diklat",
        "Tempat Diklat",
        "Penyelenggara Diklat",
        "Tanggal Mulai",
        "Tanggal Selesai",
        "Nomor Surat",
        "Tanggal Surat",
        "Lama Pendidikan",
        "Tahun Angkatan",
        "Nomor STTPP",
        "Tanggal STTPP",
        "Status",
        "Alasan",
    ]
    statuses = ["Disetujui", "Ditinjau", "Ditolak", "Disetujui", "Ditinjau"]
    rows: list[list[object]] = [head]
    for i, p in enumerate(people, 1):
        st = statuses[(i - 1) % len(statuses)]
        rows.append(
            [
                i,
                "'" + p.nip,
                " ".join(filter(None, (p.gelar_depan, p.nama.title()))),
                "Diklat Teknis",
                "Bimbingan Teknis",
                "Manajemen Kepegawaian",
                "Bimtek Penyusunan SKP",
                "Sleman",
                "BKPP Sleman",
                "2025-08-04",
                "2025-08-05",
                f"800/{i}/2025",
                "2025-07-28",
                "16",
                "2025",
                f"STTPP/{i}/2025",
                "2025-08-06",
                st,
                "Sertifikat tidak terbaca" if st == "Ditolak" else None,
            ]
        )
    return "Laporan_Bangkom.xlsx", _xlsx([("Worksheet", rows)])


# --------------------------------------------------------------------------------------------------------------------
# BKD Kaltim simonbangkom: SIMPEG JP recap pulled by `php artisan tarik:data`
# --------------------------------------------------------------------------------------------------------------------


def kaltim_rekap_json(people: list[Person]) -> tuple[str, bytes]:
    """SIMPEG "JP all PNS" response read by simonbangkom: {"data": {"pegawai": [ {...}, ... ]}}.

    Each pegawai object is inserted as-is into table `bangkoms`, so its keys are exactly that table's columns minus
    `tahun` (added by the command) and timestamps: nip_baru, nip_lama, glr_depan, glr_belakang, nama, jabatan, opd,
    bidang, subbidang, total_jp. Sources: wsnsmd/simonbangkom app/Console/Commands/TarikData.php
    ($json_pns['data']['pegawai'], Bangkom::insert) and database/migrations/2023_08_24_021054_create_bangkoms_table.php
    (nip_lama NOT NULL, total_jp unsigned int; an earlier version had no bidang/subbidang). Other top-level keys of
    the real response were not seen.
    """
    data = [
        {
            "nip_baru": p.nip,
            "nip_lama": p.nip_lama,
            "glr_depan": p.gelar_depan or None,
            "glr_belakang": p.gelar_belakang or None,
            "nama": p.nama,
            "jabatan": p.jabatan_nama,
            "opd": p.unor_nama.upper(),
            "bidang": "SEKRETARIAT",
            "subbidang": "SUBBAGIAN UMUM DAN KEPEGAWAIAN",
            "total_jp": (i * 9) % 31,
        }
        for i, p in enumerate(people)
    ]
    return "jp_all_pns_2025.json", _dump({"data": {"pegawai": data}})


# --------------------------------------------------------------------------------------------------------------------
# BKPSDM Kota Bandung dashboard: pengembangan_kompetensi table (no file export was found; a table dump as CSV)
# --------------------------------------------------------------------------------------------------------------------

BULAN = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
]


def bandung_pengembangan_kompetensi_csv(people: list[Person]) -> tuple[str, bytes]:
    """Rows of table pengembangan_kompetensi as a CSV dump: id, nip, nama_asn, satuan_kerja, bidang, nama_pelatihan,
    jenis_pelatihan (Teknis / Kepemimpinan / Fungsional / Sosialisasi), tanggal (yyyy-mm-dd), penyelenggara, jp,
    bulan (Indonesian month name, e.g. 'Agustus'), tahun.
    Sources: ptramichsthg/Dashboard-ASN-Bkpsdm
    backend/database/migrations/2026_08_19_102813_create_pengembangan_kompetensi_table.php,
    .../2026_08_20_070803_add_detail_fields_to_pengembangan_kompetensi_table.php (bidang after satuan_kerja,
    tanggal + penyelenggara after jenis_pelatihan) and backend/database/seeders/PengembanganKompetensiSeeder.php
    (value formats). Column order is the table's after both migrations.
    """
    head = [
        "id",
        "nip",
        "nama_asn",
        "satuan_kerja",
        "bidang",
        "nama_pelatihan",
        "jenis_pelatihan",
        "tanggal",
        "penyelenggara",
        "jp",
        "bulan",
        "tahun",
    ]
    jenis = [
        ("Teknis", "Bimtek Pengelolaan Arsip Digital"),
        ("Kepemimpinan", "Pelatihan Kepemimpinan Nasional"),
        ("Fungsional", "Diklat Fungsional Analis Kebijakan"),
        ("Sosialisasi", "Sosialisasi Sistem Merit"),
    ]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(head)
    k = 0
    for i, p in enumerate(people):
        for j in range(2):
            k += 1
            jn, nama = jenis[(i + j) % 4]
            tgl = date(2025, 8, 1 + (i * 3 + j * 7) % 28)
            full = ", ".join(filter(None, (" ".join(filter(None, (p.gelar_depan, p.nama.title()))), p.gelar_belakang)))
            w.writerow(
                [
                    k,
                    p.nip,
                    full,
                    p.unor_nama,
                    "Sekretariat",
                    nama,
                    jn,
                    tgl.isoformat(),
                    "BPSDM Provinsi",
                    (10, 5, 8, 4)[(i + j) % 4],
                    BULAN[tgl.month - 1],
                    tgl.year,
                ]
            )
    return "pengembangan_kompetensi.csv", buf.getvalue().encode("utf-8")


# --------------------------------------------------------------------------------------------------------------------

BUILDERS = [
    siasn_data_utama_json,
    siasn_data_utama_list_json,
    siasn_data_utama_plain_list_json,
    siasn_data_utama_jsonl,
    siasn_data_utama_zip,
    siasn_rw_skp22_json,
    siasn_rw_skp_json,
    siasn_rw_hukdis_json,
    siasn_rw_diklat_json,
    siasn_rw_kursus_json,
    siasn_export_asn_pipe_csv,
    siasn_export_asn_comma_old_csv,
    siasn_export_asn_semicolon_eselon_csv,
    siasn_export_asn_snake_csv,
    sapk_pegawai_csv,
    bps_s20jp_kompetensi_xlsx,
    bps_s20jp_unduh_raw_xlsx,
    sleman_20jp_xlsx,
    sleman_20jp_titled_xlsx,
    sleman_laporan_xlsx,
    kaltim_rekap_json,
    bandung_pengembangan_kompetensi_csv,
]


def build_all(persons: list[Person] | None = None) -> dict[str, bytes]:
    """Every layout at once: {file name: bytes}."""
    persons = people() if persons is None else persons
    return dict(f(persons) for f in BUILDERS)
