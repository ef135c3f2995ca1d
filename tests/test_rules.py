"""Rules file: the default validates, and each kind of mistake is refused naming its key."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import pytest

from analytics.rules import DEFAULT_RULES, RulesError, load_rules

TEXT = DEFAULT_RULES.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "r.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_default_rules_valid():
    rules = load_rules()
    assert rules.jp.ambang_tahunan == 20
    assert rules.ipasn.bobot == {"kualifikasi": 25, "kompetensi": 40, "kinerja": 30, "disiplin": 5}
    assert "v" in rules.label


def test_every_section_cites_a_source():
    rules = load_rules()
    for section in ("siasn", "jp", "model_10_20_70", "ipasn", "smart_asn", "impor", "bup"):
        assert getattr(rules, section).sumber.strip()
    assert rules.bup.jabatan_fungsional.sumber.strip()
    for sub in ("kualifikasi", "kompetensi", "kinerja", "disiplin", "kategori"):
        assert getattr(rules.ipasn, sub).sumber.strip()


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("ambang_tahunan = 20", 'ambang_tahunan = "dua puluh"', "jp.ambang_tahunan"),
        ("ambang_tahunan = 20", "ambang_tahunan = -1", "jp.ambang_tahunan"),
        ('versi = "2026.2"', "", "meta.versi"),
        ("jenis = [20]\n", "jenis = [20, 3]\n", "jp.konversi.aturan[7].jenis"),
        ("jenis = [20]\n", "jenis = [26]\n", "jp.konversi.aturan[7].jenis"),
        ('cara = "tetap"\njp = 10', 'cara = "gratis"\njp = 10', "jp.konversi.aturan[7].cara"),
        ("jp_per_hari = 4\n", "", "jp.konversi.aturan[1].jp_per_hari"),
        ("kelas_20 = [14, 15, 23]", "kelas_20 = [14, 15]", "model_10_20_70"),
        ("kelas_70 = 70", "kelas_70 = 60", "model_10_20_70.target"),
        ("kinerja = 30, disiplin = 5 }", "kinerja = 30, disiplin = 6 }", "ipasn.bobot"),
        ("teknis = 22.5, seminar = 17.5", "teknis = 22.5, seminar = 20", "ipasn.kompetensi.poin.pelaksana"),
        ("sangat_tinggi = 91, tinggi = 81", "sangat_tinggi = 80, tinggi = 81", "ipasn.kategori.batas_bawah"),
        ('"50" = 25,', '"50" = 26,', "ipasn.kualifikasi.nilai.50"),
        ("\npelaksana = 58\n", "\npelaksana = 5.8\n", "bup.jenis_jabatan.pelaksana"),
        ("\npelaksana = 58\n", "\n", "bup.jenis_jabatan.pelaksana"),
        ("\npelaksana = 58\n", "\npelaksana = 58\ncpns = 58\n", "bup.jenis_jabatan.cpns"),
        ('"ahli madya" = 60', '"Ahli Madya" = 60', "bup.jabatan_fungsional.usia.Ahli Madya"),
        ('"ahli madya" = 60', '"ahli madya" = 600', "bup.jabatan_fungsional.usia.ahli madya"),
        ("tanggal_awal = 1945-08-17", 'tanggal_awal = "17-08-1945"', "impor.tanggal_awal"),
        ("tanggal_awal = 1945-08-17", "tanggal_awal = 0001-01-01", "impor.tanggal_awal"),
        ("tahun_ke_depan = 1", "tahun_ke_depan = 0.5", "impor.tahun_ke_depan"),
    ],
)
def test_mistakes_name_the_key(tmp_path, old, new, key):
    assert old in TEXT
    with pytest.raises(RulesError, match=re.escape(f"'{key}'")):
        load_rules(write(tmp_path, TEXT.replace(old, new, 1)))


def test_not_toml_and_missing_file(tmp_path):
    with pytest.raises(RulesError, match="bukan TOML"):
        load_rules(write(tmp_path, "[jp\nambang = 1"))
    with pytest.raises(RulesError, match="tidak ditemukan"):
        load_rules(tmp_path / "nope.toml")


def _leaves(node, path=()):
    """(path, value) of every scalar or list of scalars in a TOML dict; tables in lists by index."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(node, list) and node and isinstance(node[0], dict):
        for i, v in enumerate(node):
            yield from _leaves(v, (*path, i))
    else:
        yield path, node


def _section(rules, path):
    """The value of a TOML path read through the typed sections (attributes, then table keys)."""
    node = rules
    for part in path:
        if isinstance(part, int):
            node = node[part]
        elif isinstance(node, Mapping):
            node = node[int(part)] if part not in node and part.isdigit() else node[part]
        else:
            node = getattr(node, part)
    return node


def test_every_key_of_the_file_has_its_accessor():
    """Each value of the file, read through the section of the same TOML path, is the file's value."""
    rules = load_rules()
    raw = tomllib.loads(TEXT)
    leaves = list(_leaves(raw))
    assert len(leaves) > 150
    for path, value in leaves:
        got = _section(rules, path)
        assert (list(got) if isinstance(got, tuple) else got) == value, path


def test_named_accessors():
    rules = load_rules()
    assert rules.jp.ambang_tahunan == 20 and rules.jp.pppk.ambang_tahunan == 20 and rules.jp.pppk.batas_atas == 24
    assert rules.jp.konversi.aturan[1].jenis == (7, 9) and rules.jp.konversi.aturan[1].jp_per_hari == 4
    assert rules.jp.konversi.aturan[0].jp_per_hari is None
    assert rules.model_10_20_70.kelas(14) == "20" and rules.model_10_20_70.target["kelas_70"] == 70
    assert rules.ipasn.bobot == {"kualifikasi": 25, "kompetensi": 40, "kinerja": 30, "disiplin": 5}
    assert rules.ipasn.kompetensi.ambang_jp_teknis == 20 and rules.ipasn.kompetensi.tingkat_latihan[2] == 2
    assert rules.ipasn.kinerja.nilai[3] == 15 and rules.ipasn.kinerja.tahun_mundur == 1
    assert rules.ipasn.kategori.batas_bawah["tinggi"] == 81
    assert rules.siasn.jenis_diklat_struktural == 1
    sa = rules.smart_asn
    assert sa.min_cakupan == 50 and sa.min_atribut_berdata == 5 and sa.target.persen_siap[2029] == 50
    assert sa.atribut[0] == "integritas" and list(sa.rubrik) == list(sa.atribut)
    assert sa.cefr.tes["ielts"]["C2"] == 8.5 and sa.skala.perilaku[3] == 100
    assert rules.impor.jp_maks_per_hari == 32
    assert rules.impor.tanggal_awal == date(1945, 8, 17) and rules.impor.tahun_ke_depan == 1
    assert rules.bup.jenis_jabatan == {
        "jpt": 60,
        "administrator": 58,
        "pengawas": 58,
        "pelaksana": 58,
        "fungsional": 65,
    }
    assert rules.bup.jabatan_fungsional.usia["ahli utama"] == 65
    assert rules.jp_threshold == rules.jp.ambang_tahunan and rules.label == "Profil bawaan Smart ASN v2026.2"


@pytest.mark.parametrize(
    "jenis, jabatan, usia",
    [
        ("pelaksana", "Pengadministrasi Perkantoran", 58),
        ("administrator", None, 58),
        ("pengawas", "Kepala Seksi", 58),
        ("jpt", "Kepala Dinas", 60),
        ("fungsional", "Perawat Terampil", 58),
        ("fungsional", "PRANATA KOMPUTER AHLI-MUDA", 58),
        ("fungsional", "Analis Kebijakan Ahli Madya", 60),
        ("fungsional", "Auditor Ahli Utama", 65),
        ("fungsional", "Guru Ahli Pertama", 60),  # UU 14/2005 over PP 11/2017: the higher
        ("fungsional", "Dosen Asisten Ahli", 65),
        ("fungsional", "Guru Besar", 70),
        ("fungsional", "Jaksa Ahli Muda", 62),
        ("fungsional", "Pranata Komputer", 65),  # the level is not in the name: the rules' fungsional [A]
        ("fungsional", None, 65),
        ("fungsional", "Mahirnya Guruan", 65),  # words, not parts of words
        (None, "Guru Ahli Muda", None),  # job type unknown: no BUP
    ],
)
def test_retirement_age_of_a_post(jenis, jabatan, usia):
    assert load_rules().bup.usia(jenis, jabatan) == usia


def test_sections_are_read_only():
    rules = load_rules()
    with pytest.raises(dataclasses.FrozenInstanceError):
        rules.jp.ambang_tahunan = 10
    with pytest.raises(TypeError):
        rules.ipasn.bobot["kinerja"] = 0


def test_changed_rebuilds_the_sections():
    rules = load_rules()
    other = rules.changed(ipasn__jendela_tahun=1, smart_asn__min_cakupan=40)
    assert (other.ipasn.jendela_tahun, other.smart_asn.min_cakupan) == (1, 40)
    assert (rules.ipasn.jendela_tahun, rules.smart_asn.min_cakupan) == (2, 50)


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("ambang_jp_teknis = 20", "ambang_teknis = 20", "ipasn.kompetensi.ambang_jp_teknis"),
        ("min_cakupan = 50", "cakupan_min = 50", "smart_asn.min_cakupan"),
        ("jenis_diklat_struktural = 1", "jenis_struktural = 1", "siasn.jenis_diklat_struktural"),
        ("batas_atas = 24", "batas = 24", "jp.pppk.batas_atas"),
        ("tahun_mundur = 1", "mundur = 1", "ipasn.kinerja.tahun_mundur"),
        ("kegiatan_sosial_penuh = 2", "sosial_penuh = 2", "smart_asn.skala.kegiatan_sosial_penuh"),
        ("usia_maks = 70", "usia_maksimal = 70", "impor.usia_maks"),
        # keys only the sections read (the checks above do not)
        ('sumber = "Nilai per predikat', 'asal = "Nilai per predikat', "ipasn.kinerja.sumber"),
        ('sumber = "ETS: TOEFL', 'asal = "ETS: TOEFL', "smart_asn.cefr.sumber"),
        ("[smart_asn.internasional]\nsumber", "[smart_asn.internasional]\nasal", "smart_asn.internasional.sumber"),
    ],
)
def test_renamed_key_fails_at_load_naming_it(tmp_path, old, new, key):
    assert TEXT.count(old) == 1
    with pytest.raises(RulesError, match=re.escape(f"'{key}' tidak ada")):
        load_rules(write(tmp_path, TEXT.replace(old, new)))


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("tahun_mundur = 1", "tahun_mundur = 1.5", "ipasn.kinerja.tahun_mundur"),
        ("jenis_diklat_struktural = 1", "jenis_diklat_struktural = 26", "siasn.jenis_diklat_struktural"),
        ('"2" = 2, "3" = 3, "4" = 4', '"dua" = 2, "3" = 3, "4" = 4', "ipasn.kompetensi.tingkat_latihan.dua"),
    ],
)
def test_counts_and_ids_are_whole(tmp_path, old, new, key):
    assert TEXT.count(old) == 1
    with pytest.raises(RulesError, match=re.escape(f"'{key}'")):
        load_rules(write(tmp_path, TEXT.replace(old, new)))


def test_only_the_rules_package_reads_the_raw_dict():
    """Code reads the typed sections: no `rules.data` outside analytics/rules (this file excepted)."""
    root = DEFAULT_RULES.parent.parent.parent
    raw = re.compile(r"\b(?:rules|RULES|profil)(?:\(\))?\.data\b")
    files = [p for d in ("analytics", "pages", "ui", "tests", "bench") for p in (root / d).rglob("*.py")]
    hits = [
        f"{p.relative_to(root)}:{n}"
        for p in [*files, root / "app.py"]
        if "rules" not in p.relative_to(root).parts[:2] and p.name != "test_rules.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if raw.search(line)
    ]
    assert not hits


def test_labels_follow_the_rules():
    """The stray numbers now come from the rules: the JP target in the pace chart's legend, the
    coverage line in the coverage chart."""
    import pandas as pd

    from analytics import charts_jp, charts_smart
    from analytics.smart import ATRIBUT

    prog = pd.DataFrame({"bulan": [1, 2], "rata_kumulatif": [1.0, 3.0], "persen_memenuhi": [0.0, 5.0], "pace": [2, 4]})
    names = [t.name for t in charts_jp.progres(prog, "t", ambang=24).data]
    assert "laju seharusnya (24 JP × bulan/12)" in names and "% sudah ≥ 24 JP" in names
    row = pd.Series({f"cakupan_{t}": v for t, v in zip(ATRIBUT, [10, 30, 45, 60, 80, 90, 95, 100])})
    low = charts_smart.cakupan_bar(row, "t", min_cakupan=40).data[0].marker.color
    high = charts_smart.cakupan_bar(row, "t", min_cakupan=70).data[0].marker.color
    assert len(set(low[:2])) == 1 and low[2] != low[1] and high[3] != high[4]
