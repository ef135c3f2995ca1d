"""Rules file: the default validates, and each kind of mistake is refused naming its key."""

from __future__ import annotations

import re
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
    assert rules.jp_threshold == 20
    assert rules.data["ipasn"]["bobot"] == {"kualifikasi": 25, "kompetensi": 40, "kinerja": 30, "disiplin": 5}
    assert "v" in rules.label


def test_every_section_cites_a_source():
    data = load_rules().data
    for section in ("jp", "model_10_20_70", "ipasn", "smart_asn"):
        assert data[section]["sumber"].strip()
    for sub in ("kualifikasi", "kompetensi", "kinerja", "disiplin", "kategori"):
        assert data["ipasn"][sub]["sumber"].strip()


@pytest.mark.parametrize(
    "old, new, key",
    [
        ("ambang_tahunan = 20", 'ambang_tahunan = "dua puluh"', "jp.ambang_tahunan"),
        ("ambang_tahunan = 20", "ambang_tahunan = -1", "jp.ambang_tahunan"),
        ('versi = "2026.1"', "", "meta.versi"),
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
