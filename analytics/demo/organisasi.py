"""Demo organisation: agencies (instansi) and their unit trees (unor) across the 514 regions.

Returns frames for the `instansi` and `unor` tables plus, per unit that can hold staff, the
sampling weight used to place employees and the unit's "learning culture" effect.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analytics.demo.calibration import PNS_PER_PROVINSI_2023

# (name, short name, share of central staff, presence: hq | provinsi | kabkota, unit kind) [A]
PUSAT = [
    ("Kementerian Agama", "Kemenag", 0.22, "kabkota", "pendidikan"),
    ("Kementerian Keuangan", "Kemenkeu", 0.08, "provinsi", "umum"),
    ("Kementerian Hukum", "Kemenkum", 0.04, "provinsi", "umum"),
    ("Kementerian Imigrasi dan Pemasyarakatan", "Kemenimipas", 0.07, "kabkota", "umum"),
    ("Mahkamah Agung", "MA", 0.06, "kabkota", "umum"),
    ("Kejaksaan Republik Indonesia", "Kejaksaan", 0.05, "kabkota", "umum"),
    ("Badan Pusat Statistik", "BPS", 0.03, "kabkota", "umum"),
    ("Kementerian ATR/Badan Pertanahan Nasional", "ATR/BPN", 0.04, "kabkota", "umum"),
    ("Kementerian Pendidikan Tinggi, Sains, dan Teknologi", "Kemdiktisaintek", 0.10, "provinsi", "pendidikan"),
    ("Kementerian Kesehatan", "Kemenkes", 0.05, "provinsi", "kesehatan"),
    ("Kementerian Pekerjaan Umum", "Kementerian PU", 0.03, "provinsi", "umum"),
    ("Kementerian Perhubungan", "Kemenhub", 0.03, "provinsi", "umum"),
    ("Kementerian Pertanian", "Kementan", 0.02, "provinsi", "umum"),
    ("Kementerian Kehutanan", "Kemenhut", 0.02, "provinsi", "umum"),
    ("Badan Kepegawaian Negara", "BKN", 0.01, "provinsi", "umum"),
    ("Badan Pengawasan Keuangan dan Pembangunan", "BPKP", 0.015, "provinsi", "umum"),
    ("Badan Pengawas Obat dan Makanan", "BPOM", 0.008, "provinsi", "umum"),
    ("Badan Meteorologi, Klimatologi, dan Geofisika", "BMKG", 0.01, "provinsi", "umum"),
    ("Kementerian Pendidikan Dasar dan Menengah", "Kemendikdasmen", 0.01, "provinsi", "umum"),
    ("Kementerian Dalam Negeri", "Kemendagri", 0.01, "hq", "umum"),
    ("Kementerian Sosial", "Kemensos", 0.01, "hq", "umum"),
    ("Kementerian Luar Negeri", "Kemlu", 0.01, "hq", "umum"),
    ("Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "KemenPAN-RB", 0.002, "hq", "umum"),
    ("Lembaga Administrasi Negara", "LAN", 0.003, "hq", "umum"),
]
HQ_UNITS = [
    "Sekretariat Jenderal",
    "Inspektorat Jenderal",
    "Direktorat Jenderal I",
    "Direktorat Jenderal II",
    "Badan Pengembangan SDM",
]

# Pemda unit template: (name, kind, weight, parent index or None) [A]
PEMDA_KABKOTA = [
    ("Sekretariat Daerah", "umum", 0.05, None),
    ("Bagian Organisasi", "umum", 0.01, 0),
    ("Bagian Umum", "umum", 0.015, 0),
    ("Sekretariat DPRD", "umum", 0.01, None),
    ("Inspektorat", "umum", 0.01, None),
    ("Bappeda", "umum", 0.01, None),
    ("BKPSDM", "umum", 0.01, None),
    ("BPKAD", "umum", 0.015, None),
    ("Dinas Pendidikan", "pendidikan", 0.05, None),
    ("UPT SD Wilayah I", "pendidikan", 0.2, 8),
    ("UPT SD Wilayah II", "pendidikan", 0.2, 8),
    ("UPT SMP", "pendidikan", 0.12, 8),
    ("Dinas Kesehatan", "kesehatan", 0.03, None),
    ("Puskesmas Kota/Kecamatan I", "kesehatan", 0.06, 12),
    ("Puskesmas Kecamatan II", "kesehatan", 0.06, 12),
    ("RSUD", "kesehatan", 0.08, None),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "umum", 0.02, None),
    ("Dinas Pertanian", "umum", 0.025, None),
    ("Dinas Sosial", "umum", 0.01, None),
    ("Dinas Kependudukan dan Pencatatan Sipil", "umum", 0.01, None),
    ("Dinas Komunikasi dan Informatika", "umum", 0.008, None),
    ("Satuan Polisi Pamong Praja", "umum", 0.01, None),
    ("Kecamatan", "umum", 0.04, None),
]
PEMDA_PROVINSI = [
    ("Sekretariat Daerah", "umum", 0.06, None),
    ("Biro Organisasi", "umum", 0.015, 0),
    ("Inspektorat", "umum", 0.015, None),
    ("Bappeda", "umum", 0.015, None),
    ("BKD", "umum", 0.015, None),
    ("BPSDM", "umum", 0.01, None),
    ("Dinas Pendidikan", "pendidikan", 0.05, None),
    ("Cabang Dinas Pendidikan Wilayah I", "pendidikan", 0.22, 6),
    ("Cabang Dinas Pendidikan Wilayah II", "pendidikan", 0.22, 6),
    ("Dinas Kesehatan", "kesehatan", 0.03, None),
    ("RSUD", "kesehatan", 0.12, None),  # named after its region: "RSUD Provinsi Jawa Barat"
    ("Dinas Pekerjaan Umum", "umum", 0.04, None),
    ("Badan Pendapatan Daerah", "umum", 0.05, None),
    ("Dinas Kehutanan", "umum", 0.03, None),
    ("Dinas Perhubungan", "umum", 0.03, None),
    ("Satuan Polisi Pamong Praja", "umum", 0.02, None),
]
# Capitals, matched by name inside their province (the seat of provincial and regional offices).
IBU_KOTA = {
    "11": "Banda Aceh",
    "12": "Medan",
    "13": "Padang",
    "14": "Pekanbaru",
    "15": "Kota Jambi",
    "16": "Palembang",
    "17": "Kota Bengkulu",
    "18": "Bandar Lampung",
    "19": "Pangkal Pinang",
    "21": "Tanjung Pinang",
    "31": "Jakarta Pusat",
    "32": "Kota Bandung",
    "33": "Semarang",
    "34": "Yogyakarta",
    "35": "Surabaya",
    "36": "Kota Serang",
    "51": "Denpasar",
    "52": "Mataram",
    "53": "Kupang",
    "61": "Pontianak",
    "62": "Palangka",
    "63": "Banjarbaru",
    "64": "Samarinda",
    "65": "Bulungan",
    "71": "Manado",
    "72": "Palu",
    "73": "Makassar",
    "74": "Kendari",
    "75": "Kota Gorontalo",
    "76": "Kabupaten Mamuju",
    "81": "Ambon",
    "82": "Tidore",
    "91": "Kota Jayapura",
    "92": "Manokwari",
    "93": "Merauke",
    "94": "Nabire",
    "95": "Jayawijaya",
    "96": "Kota Sorong",
}


def capital_of(kabkota: pd.DataFrame) -> dict[str, str]:
    """Province code -> kab/kota code of its capital (the first name match, else the first kota)."""
    out = {}
    for prov, group in kabkota.groupby("provinsi_kode"):
        hit = group[group["nama"].str.contains(IBU_KOTA.get(prov, "\0"), regex=False)]
        if hit.empty:
            hit = group[group["jenis"] == "kota"] if (group["jenis"] == "kota").any() else group
        out[prov] = hit["kode"].iloc[0]
    return out


def build_organisasi(kabkota: pd.DataFrame, rng: np.random.Generator):
    """Frames (instansi, unor, slots); slots: one row per unit that holds staff, with
    provinsi_kode, sektor, kind, weight (within its province and sector) and culture."""
    capital = capital_of(kabkota)
    size = dict(zip(kabkota["kode"], rng.lognormal(0.0, 0.5, len(kabkota))))
    instansi, unor, slots = [], [], []

    def add_unit(nama, inst_id, induk, tingkat, kk, siasn_prefix):
        uid = len(unor) + 1
        unor.append((uid, f"{siasn_prefix}{uid:06d}", nama, inst_id, induk, tingkat, kk))
        return uid

    def add_slot(uid, kk, sektor, kind, weight):
        slots.append((uid, kk[:2], sektor, kind, weight))

    share = np.array([p[2] for p in PUSAT])
    share = share / share.sum()
    for i, (nama, singkat, _, presence, kind) in enumerate(PUSAT, start=1):
        instansi.append((i, nama, "pusat", None, None))
        root = add_unit(nama, i, None, 1, "31.71", "P")
        hq_weight = share[i - 1] * (3.0 if presence == "hq" else 0.6)
        for name in HQ_UNITS:
            uid = add_unit(f"{name} {singkat}", i, root, 2, "31.71", "P")
            add_slot(uid, "31.71", "pusat", "umum", hq_weight / len(HQ_UNITS))
        if presence == "hq":
            continue
        for prov, cap in capital.items():
            kw = add_unit(f"Kantor Wilayah {singkat} Provinsi {prov_name(prov)}", i, root, 2, cap, "P")
            add_slot(kw, cap, "pusat", kind, share[i - 1] * (0.85 if presence == "provinsi" else 0.15))
            if presence != "kabkota":
                continue
            kabs = kabkota[kabkota["provinsi_kode"] == prov]
            total = sum(size[k] for k in kabs["kode"])
            for kk, kname in zip(kabs["kode"], kabs["nama"]):
                uid = add_unit(f"Kantor {singkat} {kname}", i, kw, 3, kk, "P")
                add_slot(uid, kk, "pusat", kind, share[i - 1] * 0.85 * size[kk] / total)

    for prov, cap in capital.items():
        iid = 1000 + int(prov)
        pname = prov_name(prov)
        instansi.append((iid, f"Pemerintah Provinsi {pname}", "provinsi", prov, cap))
        _add_pemda(PEMDA_PROVINSI, iid, f"Pemerintah Provinsi {pname}", cap, "provinsi", 1.0, add_unit, add_slot)
    for kk, kname in zip(kabkota["kode"], kabkota["nama"]):
        if kk.startswith("31."):
            continue  # Jakarta's kota/kabupaten are administrative, staffed by the province
        iid = 2000 + int(kk.replace(".", ""))
        instansi.append((iid, f"Pemerintah {kname}", "kabkota", kk[:2], kk))
        _add_pemda(PEMDA_KABKOTA, iid, f"Pemerintah {kname}", kk, "kabkota", size[kk], add_unit, add_slot)

    inst = pd.DataFrame(instansi, columns=["id", "nama", "jenis", "provinsi_kode", "kabkota_kode"])
    un = pd.DataFrame(unor, columns=["id", "siasn_id", "nama", "instansi_id", "induk_id", "tingkat", "kabkota_kode"])
    un["induk_id"] = un["induk_id"].astype("Int64")
    sl = pd.DataFrame(slots, columns=["unor_id", "provinsi_kode", "sektor", "kind", "weight"])
    inst_of = dict(zip(un["id"], un["instansi_id"]))
    inst_effect = dict(zip(inst["id"], rng.normal(0.0, 0.25, len(inst))))
    # Learning culture: some agencies and units train far more than others [A].
    sl["culture"] = rng.normal(0.0, 0.45, len(sl)) + sl["unor_id"].map(inst_of).map(inst_effect)
    return inst, un, sl


def prov_name(prov: str) -> str:
    from lokal import wilayah

    return wilayah.wilayah_name(prov)


def _add_pemda(template, iid, nama, kk, sektor, scale, add_unit, add_slot):
    root = add_unit(nama, iid, None, 1, kk, "D")
    ids: list[int] = []
    for name, kind, weight, parent in template:
        induk = root if parent is None else ids[parent]
        uid = add_unit(f"{name} {nama.removeprefix('Pemerintah ')}", iid, induk, 2 if parent is None else 3, kk, "D")
        ids.append(uid)
        add_slot(uid, kk, sektor, kind, weight * scale)


def weights_by_province() -> dict[str, float]:
    """Province code -> share of employees (PNS 2023 per province)."""
    total = sum(PNS_PER_PROVINSI_2023.values())
    return {k: v / total for k, v in PNS_PER_PROVINSI_2023.items()}
