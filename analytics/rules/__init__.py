"""The rules file: loaded, validated (errors name the key), and read by code through typed sections.

Code reads `rules.jp.ambang_tahunan`, `rules.ipasn.kompetensi.poin`, ... (analytics.rules.sections,
names mirroring the TOML), never the raw dict: `Rules.data` is kept for the fingerprint and for
`Rules.changed`, and nothing outside this package indexes it.
"""

from __future__ import annotations

import copy
import hashlib
import re
import tomllib
from dataclasses import dataclass
from dataclasses import field as _field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from analytics.rules.sections import (
    Bup,
    Impor,
    Ipasn,
    Jp,
    Meta,
    Model10_20_70,
    Siasn,
    SmartAsn,
    build_sections,
    kata_jabatan,
)

DEFAULT_RULES = Path(__file__).parent / "default.toml"
JENIS_DIKLAT_IDS = set(range(1, 26))
CARA = {"klaim": (), "batas_harian": ("jp_per_hari",), "tetap": ("jp",), "sesi": ("jp_per_sesi", "maks_sesi_per_bulan")}
JOB_TYPES = ("jpt", "administrator", "pengawas", "fungsional", "pelaksana")
BUP_MIN, BUP_MAX = 50, 75  # the retirement ages a rules file may set (every one in force is 58-70)


class RulesError(ValueError):
    """The rules file is malformed; the message names the file and the key."""


@dataclass(frozen=True)
class Rules:
    """A validated rules file: `data` is the raw TOML (hashed by the summaries' fingerprint), the
    sections below are built from it once, at construction, so a missing or renamed key fails here."""

    path: Path
    data: dict[str, Any]
    meta: Meta = _field(init=False, repr=False, compare=False)
    siasn: Siasn = _field(init=False, repr=False, compare=False)
    jp: Jp = _field(init=False, repr=False, compare=False)
    model_10_20_70: Model10_20_70 = _field(init=False, repr=False, compare=False)
    ipasn: Ipasn = _field(init=False, repr=False, compare=False)
    smart_asn: SmartAsn = _field(init=False, repr=False, compare=False)
    impor: Impor = _field(init=False, repr=False, compare=False)
    bup: Bup = _field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        validator = _Validator(self.path, self.data)
        validator.run()
        for name, section in build_sections(validator).items():
            object.__setattr__(self, name, section)  # frozen: set once, here

    @property
    def versi(self) -> str:
        return self.meta.versi

    @property
    def label(self) -> str:
        return f"{self.meta.nama} v{self.versi}"

    @property
    def sidik(self) -> str:
        """A digest of the exact content (every key and value, not only the version)."""
        return hashlib.sha256(repr(self.data).encode()).hexdigest()[:12]

    @property
    def jp_threshold(self) -> float:
        """rules.jp.ambang_tahunan (kept for callers not yet moved to the section)."""
        return self.jp.ambang_tahunan

    @property
    def jp_threshold_pppk(self) -> float:
        """rules.jp.pppk.ambang_tahunan (kept for callers not yet moved to the section)."""
        return self.jp.pppk.ambang_tahunan

    def changed(self, **values: Any) -> Rules:
        """A validated copy with some values replaced, keys dotted with '__' (ipasn__jendela_tahun=1):
        what-if profiles. The version gets a '+ubah' suffix so summaries never mistake it for this one."""
        data = copy.deepcopy(self.data)
        for key, value in values.items():
            *parents, last = key.split("__")
            node = data
            for part in parents:
                node = node[part]
            if last not in node:
                raise RulesError(f"{self.path}: kunci '{'.'.join([*parents, last])}' tidak ada")
            node[last] = value
        if values:
            data["meta"]["versi"] = f"{self.versi}+ubah"
        return Rules(path=self.path, data=data)


def load_rules(path: str | Path | None = None) -> Rules:
    """Read and validate a rules file; raise RulesError naming the offending key."""
    path = Path(path or DEFAULT_RULES)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise RulesError(f"{path}: berkas aturan tidak ditemukan") from exc
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{path}: bukan TOML yang sah ({exc})") from exc
    return Rules(path=path, data=data)


SMART_ATRIBUT = [
    "integritas", "nasionalisme", "profesionalisme", "wawasan_global",
    "it_bahasa", "hospitality", "networking", "entrepreneurship",
]  # fmt: skip
SMART_INDIKATOR = {
    "disiplin", "akuntabel", "loyal", "kompeten", "pelayanan", "kolaboratif", "adaptif", "harmonis",
    "latsar_pim", "ip_asn", "internasional", "bahasa", "tik", "ikm", "sosial", "inovasi",
}  # fmt: skip
CEFR_LEVELS = ["A1", "A2", "B1", "B2", "C1", "C2"]


class _Validator:
    def __init__(self, path: Path, data: dict[str, Any]):
        self.path, self.data = path, data

    def fail(self, key: str, msg: str) -> None:
        raise RulesError(f"{self.path}: kunci '{key}' {msg}")

    def get(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                self.fail(key, "tidak ada")
            node = node[part]
        return node

    def number(self, key: str, value: Any = None, *, lo: float = 0, hi: float = 1e9) -> float:
        value = self.get(key) if value is None else value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(key, f"harus angka (ditemukan {value!r})")
        if not lo <= value <= hi:
            self.fail(key, f"harus di antara {lo} dan {hi} (ditemukan {value})")
        return float(value)

    def whole(self, key: str, value: Any = None, *, lo: float = 0, hi: float = 1e9) -> int:
        """A number that counts something (years, ids, employees): no fraction."""
        number = self.number(key, value, lo=lo, hi=hi)
        if not number.is_integer():
            self.fail(key, f"harus bilangan bulat (ditemukan {number:g})")
        return int(number)

    def tanggal(self, key: str, *, lo: date = date(1582, 10, 15), hi: date = date(2100, 12, 31)) -> date:
        """A TOML date (1945-08-17, unquoted); by default from the first day of the Gregorian calendar, before which
        Parquet readers such as Spark 3 read dates differently."""
        value = self.get(key)
        if isinstance(value, datetime) or not isinstance(value, date):
            self.fail(key, f"harus tanggal TOML tanpa tanda kutip, mis. 1945-08-17 (ditemukan {value!r})")
        if not lo <= value <= hi:
            self.fail(key, f"harus di antara {lo} dan {hi} (ditemukan {value})")
        return value

    def text(self, key: str) -> str:
        value = self.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(key, "harus teks yang tidak kosong")
        return value

    def ids(self, key: str, value: Any = None) -> list[int]:
        value = self.get(key) if value is None else value
        if not isinstance(value, list) or not all(isinstance(v, int) and v in JENIS_DIKLAT_IDS for v in value):
            self.fail(key, f"harus daftar jenisDiklatId 1-25 (ditemukan {value!r})")
        return value

    def kode_kedudukan(self, key: str) -> list[str]:
        """A list of SIASN kedudukanHukum ids, each two digits as text ("02")."""
        value = self.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and re.fullmatch(r"\d\d", v) for v in value):
            self.fail(key, f'harus daftar kode kedudukan hukum dua angka, mis. ["02", "04"] (ditemukan {value!r})')
        return value

    def run(self) -> None:
        for key in (
            "meta.versi",
            "meta.nama",
            "jp.sumber",
            "jp.konversi.sumber",
            "model_10_20_70.sumber",
            "ipasn.sumber",
            "smart_asn.sumber",
            "siasn.sumber",
        ):
            self.text(key)
        self.whole("siasn.jenis_diklat_struktural", lo=min(JENIS_DIKLAT_IDS), hi=max(JENIS_DIKLAT_IDS))
        self.number("jp.ambang_tahunan", hi=1000)
        if self.number("jp.pppk.ambang_tahunan", hi=1000) > self.number("jp.pppk.batas_atas", hi=1000):
            self.fail("jp.pppk.ambang_tahunan", "tidak boleh melebihi jp.pppk.batas_atas")
        self.number("jp.menit_per_jp", lo=1, hi=240)
        self.text("jp.kedudukan.sumber")
        keluar, kredit = (
            self.kode_kedudukan("jp.kedudukan.dikecualikan"),
            self.kode_kedudukan("jp.kedudukan.dikreditkan"),
        )
        if set(keluar) & set(kredit) or "01" in keluar + kredit:
            self.fail("jp.kedudukan", "dikecualikan dan dikreditkan tidak boleh tumpang tindih atau memuat 01 (Aktif)")
        self.number("jp.kedudukan.jp_per_semester", hi=1000)
        self._konversi()
        self._model_10_20_70()
        self._ipasn()
        self._smart_asn()
        self.text("impor.sumber")
        self.whole("impor.jp_maks_per_hari", lo=1, hi=32)
        self.text("impor.sumber_kewajaran")
        lo = self.whole("impor.usia_min_saat_tmt", lo=10, hi=40)
        self.whole("impor.usia_maks", lo=max(lo, 50), hi=100)
        self.whole("impor.kegiatan_sebelum_tmt_tahun", lo=0, hi=50)
        self.whole("impor.kegiatan_usia_min", lo=0, hi=40)
        self.text("impor.sumber_tanggal")
        self.tanggal("impor.tanggal_awal")
        self.whole("impor.tahun_ke_depan", lo=0, hi=10)
        self._bup()

    def _bup(self) -> None:
        self.text("bup.sumber")
        self.text("bup.jabatan_fungsional.sumber")
        for job in JOB_TYPES:
            self.whole(f"bup.jenis_jabatan.{job}", lo=BUP_MIN, hi=BUP_MAX)
        extra = set(self.get("bup.jenis_jabatan")) - set(JOB_TYPES)
        if extra:
            self.fail(f"bup.jenis_jabatan.{min(extra)}", f"bukan jenis jabatan yang dikenal {list(JOB_TYPES)}")
        usia = self.get("bup.jabatan_fungsional.usia")
        if not isinstance(usia, dict) or not usia:
            self.fail("bup.jabatan_fungsional.usia", "harus tabel kata jabatan = usia")
        for words, age in usia.items():
            key = f"bup.jabatan_fungsional.usia.{words}"
            if kata_jabatan(words) != words:  # matched against a name's words: lower case, single spaces
                self.fail(key, 'harus kata huruf kecil a-z dipisah satu spasi (mis. "ahli madya")')
            self.whole(key, age, lo=BUP_MIN, hi=BUP_MAX)

    def _konversi(self) -> None:
        aturan = self.get("jp.konversi.aturan")
        if not isinstance(aturan, list) or not aturan:
            self.fail("jp.konversi.aturan", "harus daftar aturan yang tidak kosong")
        seen: set[int] = set()
        for i, rule in enumerate(aturan):
            key = f"jp.konversi.aturan[{i}]"
            jenis = self.ids(f"{key}.jenis", rule.get("jenis"))
            if seen & set(jenis):
                self.fail(f"{key}.jenis", f"mengulang jenis {sorted(seen & set(jenis))}")
            seen |= set(jenis)
            cara = rule.get("cara")
            if cara not in CARA:
                self.fail(f"{key}.cara", f"harus salah satu dari {sorted(CARA)} (ditemukan {cara!r})")
            for field in CARA[cara]:
                if field not in rule:
                    self.fail(f"{key}.{field}", "tidak ada")
                self.number(f"{key}.{field}", rule[field], hi=1000)
        missing = JENIS_DIKLAT_IDS - seen
        if missing:
            self.fail("jp.konversi.aturan", f"tidak mengatur jenis {sorted(missing)}")

    def _model_10_20_70(self) -> None:
        classes = [set(self.ids(f"model_10_20_70.{k}")) for k in ("kelas_10", "kelas_20", "kelas_70")]
        union = classes[0] | classes[1] | classes[2]
        if sum(map(len, classes)) != len(union) or union != JENIS_DIKLAT_IDS:
            self.fail("model_10_20_70", "kelas_10/20/70 harus membagi jenis 1-25 tepat sekali")
        target = [self.number(f"model_10_20_70.target.kelas_{k}", hi=100) for k in (10, 20, 70)]
        if sum(target) != 100:
            self.fail("model_10_20_70.target", f"harus berjumlah 100 (ditemukan {sum(target)})")

    def _ipasn(self) -> None:
        self.whole("ipasn.jendela_tahun", lo=1, hi=10)
        bobot = {
            k: self.number(f"ipasn.bobot.{k}", hi=100) for k in ("kualifikasi", "kompetensi", "kinerja", "disiplin")
        }
        if sum(bobot.values()) != 100:
            self.fail("ipasn.bobot", f"harus berjumlah 100 (ditemukan {sum(bobot.values())})")
        for code, pts in self.get("ipasn.kualifikasi.nilai").items():
            self.number(f"ipasn.kualifikasi.nilai.{code}", pts, hi=bobot["kualifikasi"])
        for job in JOB_TYPES:
            total = sum(
                self.number(f"ipasn.kompetensi.poin.{job}.{slot}", hi=bobot["kompetensi"])
                for slot in ("kepemimpinan", "fungsional", "teknis", "seminar")
            )
            if total != bobot["kompetensi"]:
                self.fail(
                    f"ipasn.kompetensi.poin.{job}", f"harus berjumlah {bobot['kompetensi']:g} (ditemukan {total:g})"
                )
        self.number("ipasn.kompetensi.ambang_jp_teknis", hi=1000)
        struktural = self.whole("siasn.jenis_diklat_struktural")
        named = [struktural] + [
            i
            for key in ("jenis_teknis", "jenis_seminar", "jenis_fungsional", "tanpa_slot")
            for i in self.ids(f"ipasn.kompetensi.{key}")
        ]
        if sorted(named) != list(range(1, 26)):
            self.fail(
                "ipasn.kompetensi",
                f"setiap jenisDiklatId 1-25 harus disebut tepat sekali ({struktural} = kepemimpinan, "
                "siasn.jenis_diklat_struktural; jenis_teknis, jenis_seminar, jenis_fungsional atau tanpa_slot)",
            )
        slots = [
            set(self.ids(f"ipasn.kompetensi.{slot}")) for slot in ("jenis_teknis", "jenis_seminar", "jenis_fungsional")
        ]
        if sum(map(len, slots)) != len(set().union(*slots)) or struktural in set().union(*slots):
            self.fail(
                "ipasn.kompetensi",
                f"jenis_teknis/seminar/fungsional tidak boleh tumpang tindih atau memuat jenis {struktural}",
            )
        for job in ("pengawas", "administrator", "jpt", "jpt_madya"):
            self.whole(f"ipasn.kompetensi.pim_dibutuhkan.{job}", lo=1, hi=10)
        for code, level in self.get("ipasn.kompetensi.tingkat_latihan").items():
            self.whole(f"ipasn.kompetensi.tingkat_latihan.{code}", level, lo=1, hi=10)
        self.whole("ipasn.kinerja.tahun_mundur", lo=0, hi=10)
        if self.get("ipasn.kinerja.masukan_pp46") not in ("prestasi", "skp"):
            self.fail("ipasn.kinerja.masukan_pp46", 'harus "prestasi" atau "skp"')
        for p in "12345":
            self.number(f"ipasn.kinerja.nilai.{p}", hi=bobot["kinerja"])
            self.number(f"ipasn.kinerja.pita_nilai_skp.{p}", hi=100)
        for t in ("tanpa", "R", "S", "B"):
            self.number(f"ipasn.disiplin.nilai.{t}", hi=bobot["disiplin"])
        bands = [
            self.number(f"ipasn.kategori.batas_bawah.{k}", hi=100)
            for k in ("sangat_tinggi", "tinggi", "sedang", "rendah", "sangat_rendah")
        ]
        if bands != sorted(bands, reverse=True):
            self.fail("ipasn.kategori.batas_bawah", "harus menurun dari sangat_tinggi ke sangat_rendah")

    def _smart_asn(self) -> None:
        sa = "smart_asn"
        self.text(f"{sa}.sumber")
        if self.get(f"{sa}.atribut") != SMART_ATRIBUT:
            self.fail(f"{sa}.atribut", f"harus tepat {SMART_ATRIBUT}")
        self.whole(f"{sa}.jendela_tahun", lo=1, hi=10)
        self.number(f"{sa}.ambang_indeks", hi=100)
        self.number(f"{sa}.ambang_atribut", hi=100)
        self.whole(f"{sa}.min_atribut_berdata", lo=1, hi=len(SMART_ATRIBUT))
        self.number(f"{sa}.min_cakupan", hi=100)
        self.text(f"{sa}.target.sumber")
        target = self.get(f"{sa}.target.persen_siap")
        if not isinstance(target, dict) or not target:
            self.fail(f"{sa}.target.persen_siap", "harus tabel tahun = persen")
        for year, value in target.items():
            if not (year.isdigit() and 2000 <= int(year) <= 2100):
                self.fail(f"{sa}.target.persen_siap.{year}", "kunci harus tahun 2000-2100")
            self.number(f"{sa}.target.persen_siap.{year}", value, hi=100)
        sk = f"{sa}.skala"
        for i in "123":
            self.number(f"{sk}.perilaku.{i}", hi=100)
        for t in ("tanpa", "R", "S", "B"):
            self.number(f"{sk}.hukdis.{t}", hi=100)
        for level in CEFR_LEVELS:
            self.number(f"{sk}.cefr.{level}", hi=100)
        self.whole(f"{sk}.bahasa_berlaku_tahun", lo=1, hi=20)
        self.number(f"{sk}.sertifikat_tik.lain", hi=100)
        for k, v in self.get(f"{sk}.sertifikat_tik").items():
            self.number(f"{sk}.sertifikat_tik.{k}", v, hi=100)
        for k, v in self.get(f"{sk}.inovasi").items():
            self.number(f"{sk}.inovasi.{k}", v, hi=100)
        # better evidence must never score lower
        for key, order in (
            ("perilaku", ["1", "2", "3"]),
            ("hukdis", ["B", "S", "R", "tanpa"]),
            ("cefr", CEFR_LEVELS),
            ("inovasi", ["diusulkan", "diterapkan", "penghargaan"]),
            ("sertifikat_tik", ["dasar", "menengah", "mahir"]),
        ):
            table = self.get(f"{sk}.{key}")
            if any(k not in table for k in order):
                self.fail(f"{sk}.{key}", f"harus memuat {order}")
            values = [table[k] for k in order]
            if values != sorted(values):
                self.fail(f"{sk}.{key}", f"tidak boleh turun sepanjang {order}")
        self.number(f"{sk}.kegiatan_sosial_penuh", lo=1, hi=100)
        self.ids(f"{sk}.jenis_sosial")
        self.whole(f"{sk}.latsar_wajib_sejak", lo=1950, hi=2100)
        words = self.get(f"{sa}.internasional.kata_kunci")
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            self.fail(f"{sa}.internasional.kata_kunci", "harus daftar teks yang tidak kosong")
        for test in ("toefl_itp", "toefl_ibt", "ielts", "toeic", "lain_persen"):
            bands = self.get(f"{sa}.cefr.{test}")
            if not isinstance(bands, dict) or not bands or any(k not in CEFR_LEVELS for k in bands):
                self.fail(f"{sa}.cefr.{test}", f"harus tabel tingkat CEFR {CEFR_LEVELS} = skor terendah")
            values = [self.number(f"{sa}.cefr.{test}.{k}", bands[k]) for k in CEFR_LEVELS if k in bands]
            if values != sorted(values) or len(set(values)) != len(values):
                self.fail(f"{sa}.cefr.{test}", "skor terendah harus naik dari tingkat rendah ke tinggi")
        for t in SMART_ATRIBUT:
            key = f"{sa}.rubrik.{t}"
            ind = self.get(f"{key}.indikator")
            if not isinstance(ind, dict) or not ind:
                self.fail(f"{key}.indikator", "harus tabel indikator = bobot")
            for name, w in ind.items():
                if name not in SMART_INDIKATOR:
                    self.fail(f"{key}.indikator.{name}", f"bukan indikator yang dikenal {sorted(SMART_INDIKATOR)}")
                self.number(f"{key}.indikator.{name}", w, hi=100)
            if sum(ind.values()) <= 0:
                self.fail(f"{key}.indikator", "jumlah bobot harus > 0")
            forms = self.get(f"{key}.pengembangan")
            if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
                self.fail(f"{key}.pengembangan", "harus daftar teks")
