"""The rules file's sections as frozen dataclasses, built once at load from the validated dict.

Attribute names mirror the TOML: `rules.ipasn.kompetensi.ambang_jp_teknis` is
`[ipasn.kompetensi] ambang_jp_teknis`. Tables keyed by a SIASN id or a year have int keys; tables
keyed by a name keep their names. Every read goes through the validator's readers, so a missing or
renamed key raises RulesError naming its TOML path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from analytics.rules import _Validator


def _frozen(d: dict) -> Mapping:
    return MappingProxyType(d)


@dataclass(frozen=True)
class Meta:
    versi: str
    nama: str
    tanggal: str | None


@dataclass(frozen=True)
class Siasn:
    """SIASN codes the rules lean on."""

    sumber: str
    jenis_diklat_struktural: int  # jenisDiklatId of Diklat Struktural (Latsar, PIM): leadership training


@dataclass(frozen=True)
class Pppk:
    ambang_tahunan: float
    batas_atas: float
    sumber: str


@dataclass(frozen=True)
class AturanKonversi:
    """One [[jp.konversi.aturan]]: the fields its `cara` needs are set, the others None."""

    jenis: tuple[int, ...]
    cara: str
    jp_per_hari: float | None
    jp: float | None
    jp_per_sesi: float | None
    maks_sesi_per_bulan: float | None
    keterangan: str | None


@dataclass(frozen=True)
class Konversi:
    sumber: str
    aturan: tuple[AturanKonversi, ...]


@dataclass(frozen=True)
class Kedudukan:
    """Who the 20 JP duty counts, by SIASN kedudukanHukum id (two digits): `dikecualikan` leave the
    denominator, `dikreditkan` are credited `jp_per_semester` per semester begun; every other status counts."""

    sumber: str
    dikecualikan: tuple[str, ...]
    dikreditkan: tuple[str, ...]
    jp_per_semester: float


@dataclass(frozen=True)
class Jp:
    ambang_tahunan: float
    menit_per_jp: float
    sumber: str
    pppk: Pppk
    konversi: Konversi
    kedudukan: Kedudukan


@dataclass(frozen=True)
class Model10_20_70:
    sumber: str
    kelas_10: tuple[int, ...]
    kelas_20: tuple[int, ...]
    kelas_70: tuple[int, ...]
    target: Mapping[str, float]  # kelas_10, kelas_20, kelas_70 -> % of JP

    def kelas(self, jenis: int) -> str:
        """'10', '20' or '70': the class of one jenisDiklatId."""
        return next(k for k in ("10", "20", "70") if jenis in getattr(self, f"kelas_{k}"))


@dataclass(frozen=True)
class Kualifikasi:
    sumber: str
    nilai: Mapping[int, float]  # SIASN tingkat pendidikan id -> points


@dataclass(frozen=True)
class Kompetensi:
    sumber: str
    ambang_jp_teknis: float
    jenis_teknis: tuple[int, ...]
    jenis_seminar: tuple[int, ...]
    jenis_fungsional: tuple[int, ...]
    tanpa_slot: tuple[int, ...]
    pim_dibutuhkan: Mapping[str, int]  # pengawas, administrator, jpt, jpt_madya -> leadership level
    tingkat_latihan: Mapping[int, int]  # latihanStrukturalId -> leadership level
    poin: Mapping[str, Mapping[str, float]]  # job type -> slot -> points


@dataclass(frozen=True)
class Kinerja:
    sumber: str
    nilai: Mapping[int, float]  # unified predikat id 1..5 -> points
    tahun_mundur: int
    pita_nilai_skp: Mapping[int, float]  # predikat id -> lowest PP 46/2011 SKP score
    masukan_pp46: str


@dataclass(frozen=True)
class Disiplin:
    sumber: str
    nilai: Mapping[str, float]  # tanpa, R, S, B -> points


@dataclass(frozen=True)
class Kategori:
    sumber: str
    batas_bawah: Mapping[str, float]  # sangat_tinggi .. sangat_rendah -> lowest total


@dataclass(frozen=True)
class Ipasn:
    sumber: str
    jendela_tahun: int
    bobot: Mapping[str, float]  # kualifikasi, kompetensi, kinerja, disiplin -> weight
    kualifikasi: Kualifikasi
    kompetensi: Kompetensi
    kinerja: Kinerja
    disiplin: Disiplin
    kategori: Kategori


@dataclass(frozen=True)
class Target:
    sumber: str
    persen_siap: Mapping[int, float]  # year -> % of employees ready


@dataclass(frozen=True)
class Skala:
    sumber: str
    perilaku: Mapping[int, float]  # BerAKHLAK rating 1..3 -> score
    hukdis: Mapping[str, float]
    cefr: Mapping[str, float]  # CEFR level -> score
    bahasa_berlaku_tahun: int
    sertifikat_tik: Mapping[str, float]  # level (and 'lain') -> score
    inovasi: Mapping[str, float]
    kegiatan_sosial_penuh: float
    jenis_sosial: tuple[int, ...]
    latsar_wajib_sejak: int


@dataclass(frozen=True)
class Internasional:
    sumber: str
    kata_kunci: tuple[str, ...]


@dataclass(frozen=True)
class Cefr:
    """Lowest score of each CEFR level per test, closed below."""

    sumber: str
    toefl_itp: Mapping[str, float]
    toefl_ibt: Mapping[str, float]
    ielts: Mapping[str, float]
    toeic: Mapping[str, float]
    lain_persen: Mapping[str, float]

    @property
    def tes(self) -> Mapping[str, Mapping[str, float]]:
        """The five tables by their TOML key (toefl_itp .. lain_persen)."""
        return _frozen({k: getattr(self, k) for k in CEFR_TES})


CEFR_TES = ("toefl_itp", "toefl_ibt", "ielts", "toeic", "lain_persen")


@dataclass(frozen=True)
class Rubrik:
    indikator: Mapping[str, float]  # indicator -> weight
    pengembangan: tuple[str, ...]


@dataclass(frozen=True)
class SmartAsn:
    sumber: str
    atribut: tuple[str, ...]
    jendela_tahun: int
    ambang_indeks: float
    ambang_atribut: float
    min_atribut_berdata: int
    min_cakupan: float  # % of a group with data behind a figure for it to be a score (smart.cukup)
    target: Target
    skala: Skala
    internasional: Internasional
    cefr: Cefr
    rubrik: Mapping[str, Rubrik]  # trait -> rubric, in the order of `atribut`


@dataclass(frozen=True)
class Impor:
    sumber: str
    jp_maks_per_hari: int
    sumber_kewajaran: str
    usia_min_saat_tmt: int
    usia_maks: int
    kegiatan_sebelum_tmt_tahun: int
    kegiatan_usia_min: int
    sumber_tanggal: str
    tanggal_awal: date  # no civil-service record is dated before it
    tahun_ke_depan: int  # a date that may lie ahead: up to 31 December of the import's year + this


@dataclass(frozen=True)
class JabatanFungsional:
    sumber: str
    usia: Mapping[str, int]  # words of a functional jabatan name ('ahli madya', 'guru') -> BUP in years


@dataclass(frozen=True)
class Bup:
    """Retirement age (batas usia pensiun) by post."""

    sumber: str
    jenis_jabatan: Mapping[str, int]  # job type (JOB_TYPES) -> BUP; `fungsional` when the name tells nothing
    jabatan_fungsional: JabatanFungsional

    def usia(self, jenis_jabatan: str | None, jabatan_nama: str | None) -> int | None:
        """The BUP of a post: by job type; a functional post by the highest entry its name's words match, else
        the job type's. None when the job type is unknown. (The import's SQL twin: macros.sql imp_bup.)"""
        if jenis_jabatan != "fungsional":
            return self.jenis_jabatan.get(jenis_jabatan) if jenis_jabatan else None
        words = f" {kata_jabatan(jabatan_nama)} "
        hits = [u for frasa, u in self.jabatan_fungsional.usia.items() if f" {frasa} " in words]
        return max(hits, default=self.jenis_jabatan["fungsional"])


def kata_jabatan(nama: str | None) -> str:
    """A jabatan name as lower-case words split by single spaces ('GURU AHLI-MUDA' -> 'guru ahli muda')."""
    return " ".join(re.findall("[a-z]+", (nama or "").lower()))


# --- builders: each reads its section through the validator (errors name the TOML path) ---------


def _table(v: _Validator, key: str, *, ids: bool = False) -> Mapping:
    """A TOML table of numbers; `ids`: its keys are ids or years, returned as ints."""
    table = v.get(key)
    if not isinstance(table, dict) or not table:
        v.fail(key, "harus tabel yang tidak kosong")
    out = {}
    for k, value in table.items():
        if ids and not str(k).isdigit():
            v.fail(f"{key}.{k}", "kunci harus bilangan bulat")
        out[int(k) if ids else k] = v.number(f"{key}.{k}", value)
    return _frozen(out)


def _optional_text(v: _Validator, key: str) -> str | None:
    parent, _, last = key.rpartition(".")
    return v.text(key) if last in v.get(parent) else None


def build_sections(v: _Validator) -> dict[str, Any]:
    """Every section, by its Rules attribute name."""
    return {
        "meta": Meta(v.text("meta.versi"), v.text("meta.nama"), _optional_text(v, "meta.tanggal")),
        "siasn": Siasn(v.text("siasn.sumber"), v.whole("siasn.jenis_diklat_struktural")),
        "jp": _jp(v),
        "model_10_20_70": Model10_20_70(
            v.text("model_10_20_70.sumber"),
            *(tuple(v.ids(f"model_10_20_70.kelas_{k}")) for k in (10, 20, 70)),
            _table(v, "model_10_20_70.target"),
        ),
        "ipasn": _ipasn(v),
        "smart_asn": _smart_asn(v),
        "impor": Impor(
            v.text("impor.sumber"),
            v.whole("impor.jp_maks_per_hari"),
            v.text("impor.sumber_kewajaran"),
            v.whole("impor.usia_min_saat_tmt"),
            v.whole("impor.usia_maks"),
            v.whole("impor.kegiatan_sebelum_tmt_tahun"),
            v.whole("impor.kegiatan_usia_min"),
            v.text("impor.sumber_tanggal"),
            v.tanggal("impor.tanggal_awal"),
            v.whole("impor.tahun_ke_depan"),
        ),
        "bup": Bup(
            v.text("bup.sumber"),
            _frozen({job: v.whole(f"bup.jenis_jabatan.{job}") for job in v.get("bup.jenis_jabatan")}),
            JabatanFungsional(
                v.text("bup.jabatan_fungsional.sumber"),
                _frozen({k: v.whole(f"bup.jabatan_fungsional.usia.{k}") for k in v.get("bup.jabatan_fungsional.usia")}),
            ),
        ),
    }


def _jp(v: _Validator) -> Jp:
    aturan = []
    for i, rule in enumerate(v.get("jp.konversi.aturan")):
        key = f"jp.konversi.aturan[{i}]"
        fields = {
            f: v.number(f"{key}.{f}", rule[f]) if f in rule else None
            for f in ("jp_per_hari", "jp", "jp_per_sesi", "maks_sesi_per_bulan")
        }
        jenis = tuple(v.ids(f"{key}.jenis", rule.get("jenis")))
        aturan.append(AturanKonversi(jenis, rule["cara"], **fields, keterangan=rule.get("keterangan")))
    return Jp(
        v.number("jp.ambang_tahunan"),
        v.number("jp.menit_per_jp"),
        v.text("jp.sumber"),
        Pppk(v.number("jp.pppk.ambang_tahunan"), v.number("jp.pppk.batas_atas"), v.text("jp.pppk.sumber")),
        Konversi(v.text("jp.konversi.sumber"), tuple(aturan)),
        Kedudukan(
            v.text("jp.kedudukan.sumber"),
            tuple(v.kode_kedudukan("jp.kedudukan.dikecualikan")),
            tuple(v.kode_kedudukan("jp.kedudukan.dikreditkan")),
            v.number("jp.kedudukan.jp_per_semester", hi=1000),
        ),
    )


def _ipasn(v: _Validator) -> Ipasn:
    k = "ipasn.kompetensi"
    poin = {job: _table(v, f"{k}.poin.{job}") for job in v.get(f"{k}.poin")}
    kompetensi = Kompetensi(
        v.text(f"{k}.sumber"),
        v.number(f"{k}.ambang_jp_teknis"),
        *(tuple(v.ids(f"{k}.{s}")) for s in ("jenis_teknis", "jenis_seminar", "jenis_fungsional", "tanpa_slot")),
        _frozen({job: v.whole(f"{k}.pim_dibutuhkan.{job}") for job in v.get(f"{k}.pim_dibutuhkan")}),
        _frozen({int(i): int(n) for i, n in _table(v, f"{k}.tingkat_latihan", ids=True).items()}),
        _frozen(poin),
    )
    return Ipasn(
        v.text("ipasn.sumber"),
        v.whole("ipasn.jendela_tahun"),
        _table(v, "ipasn.bobot"),
        Kualifikasi(v.text("ipasn.kualifikasi.sumber"), _table(v, "ipasn.kualifikasi.nilai", ids=True)),
        kompetensi,
        Kinerja(
            v.text("ipasn.kinerja.sumber"),
            _table(v, "ipasn.kinerja.nilai", ids=True),
            v.whole("ipasn.kinerja.tahun_mundur"),
            _table(v, "ipasn.kinerja.pita_nilai_skp", ids=True),
            v.text("ipasn.kinerja.masukan_pp46"),
        ),
        Disiplin(v.text("ipasn.disiplin.sumber"), _table(v, "ipasn.disiplin.nilai")),
        Kategori(v.text("ipasn.kategori.sumber"), _table(v, "ipasn.kategori.batas_bawah")),
    )


def _smart_asn(v: _Validator) -> SmartAsn:
    sa, sk = "smart_asn", "smart_asn.skala"
    atribut = tuple(v.get(f"{sa}.atribut"))
    skala = Skala(
        v.text(f"{sk}.sumber"),
        _table(v, f"{sk}.perilaku", ids=True),
        _table(v, f"{sk}.hukdis"),
        _table(v, f"{sk}.cefr"),
        v.whole(f"{sk}.bahasa_berlaku_tahun"),
        _table(v, f"{sk}.sertifikat_tik"),
        _table(v, f"{sk}.inovasi"),
        v.number(f"{sk}.kegiatan_sosial_penuh"),
        tuple(v.ids(f"{sk}.jenis_sosial")),
        v.whole(f"{sk}.latsar_wajib_sejak"),
    )
    rubrik = {
        t: Rubrik(_table(v, f"{sa}.rubrik.{t}.indikator"), tuple(v.get(f"{sa}.rubrik.{t}.pengembangan")))
        for t in atribut
    }
    return SmartAsn(
        v.text(f"{sa}.sumber"),
        atribut,
        v.whole(f"{sa}.jendela_tahun"),
        v.number(f"{sa}.ambang_indeks"),
        v.number(f"{sa}.ambang_atribut"),
        v.whole(f"{sa}.min_atribut_berdata"),
        v.number(f"{sa}.min_cakupan"),
        Target(v.text(f"{sa}.target.sumber"), _table(v, f"{sa}.target.persen_siap", ids=True)),
        skala,
        Internasional(v.text(f"{sa}.internasional.sumber"), tuple(v.get(f"{sa}.internasional.kata_kunci"))),
        Cefr(v.text(f"{sa}.cefr.sumber"), *(_table(v, f"{sa}.cefr.{t}") for t in CEFR_TES)),
        _frozen(rubrik),
    )
