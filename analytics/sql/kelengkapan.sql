-- grain: one row (wide): employees in scope and how many have each key field filled (the roster's group
-- table pegawai_kelompok); an SKP of the year before $tahun is expected from those in post before that
-- year (wajib_skp and skp_lalu of the JP group table for $tahun)
WITH f AS (
    SELECT coalesce(sum(pegawai), 0) AS pegawai,
           coalesce(sum(tanggal_lahir), 0) AS tanggal_lahir,
           coalesce(sum(pendidikan), 0) AS pendidikan,
           coalesce(sum(golongan), 0) AS golongan,
           coalesce(sum(pegawai) FILTER (WHERE jenis_jabatan IS NOT NULL), 0) AS jenis_jabatan,
           coalesce(sum(unor), 0) AS unor,
           coalesce(sum(lokasi_kerja), 0) AS lokasi_kerja
    FROM pegawai_kelompok p WHERE {where}
),
s AS (
    SELECT coalesce(sum(wajib_skp), 0) AS wajib_skp_tahun_lalu, coalesce(sum(skp_lalu), 0) AS skp_tahun_lalu
    FROM jp_kelompok_tahun p WHERE {where} AND p.tahun = $tahun
)
SELECT * FROM f, s
