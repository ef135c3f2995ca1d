-- grain: one row per tahun in [$dari, $sampai]: employees in scope in post by that year (in the 20 JP
-- denominator), employees with >= 1 activity, activities and claimed JP (activities count in their end year),
-- and the same to that year's day of the reference date (_sd: the running year's like-for-like comparison),
-- summed from the JP group table
WITH tahun AS (
    SELECT range::INTEGER AS tahun FROM range($dari::BIGINT, $sampai::BIGINT + 1)
),
per_tahun AS (
    SELECT p.tahun, sum(p.pegawai)::BIGINT AS pegawai, sum(p.pegawai_belajar)::BIGINT AS pegawai_belajar,
           sum(p.kegiatan)::BIGINT AS kegiatan, sum(p.jumlah_klaim) AS jp_klaim,
           sum(p.pegawai_sd)::BIGINT AS pegawai_sd, sum(p.pegawai_belajar_sd)::BIGINT AS pegawai_belajar_sd,
           sum(p.kegiatan_sd)::BIGINT AS kegiatan_sd, sum(p.jumlah_klaim_sd) AS jp_klaim_sd
    FROM jp_kelompok_tahun p
    WHERE {where} AND p.tahun BETWEEN $dari AND $sampai
    GROUP BY ALL
)
SELECT t.tahun, coalesce(r.pegawai, 0) AS pegawai, coalesce(r.pegawai_belajar, 0) AS pegawai_belajar,
       coalesce(r.kegiatan, 0) AS kegiatan, coalesce(r.jp_klaim, 0) AS jp_klaim,
       coalesce(r.pegawai_sd, 0) AS pegawai_sd, coalesce(r.pegawai_belajar_sd, 0) AS pegawai_belajar_sd,
       coalesce(r.kegiatan_sd, 0) AS kegiatan_sd, coalesce(r.jp_klaim_sd, 0) AS jp_klaim_sd
FROM tahun t LEFT JOIN per_tahun r USING (tahun)
ORDER BY t.tahun
