-- grain: one row per tahun in [$dari, $sampai]: employees in scope in post by that year,
-- employees with >= 1 activity, activities and claimed JP (activities count in their end year)
WITH tahun AS (
    SELECT range::INTEGER AS tahun FROM range($dari::BIGINT, $sampai::BIGINT + 1)
),
per_tahun AS (
    SELECT p.tahun, count(*) AS pegawai, count(*) FILTER (WHERE p.kegiatan > 0) AS pegawai_belajar,
           sum(p.kegiatan) AS kegiatan, sum(p.jp_klaim) AS jp_klaim
    FROM jp_pegawai_tahun p
    WHERE {where} AND p.tahun BETWEEN $dari AND $sampai
    GROUP BY ALL
)
SELECT t.tahun, coalesce(r.pegawai, 0) AS pegawai, coalesce(r.pegawai_belajar, 0) AS pegawai_belajar,
       coalesce(r.kegiatan, 0) AS kegiatan, coalesce(r.jp_klaim, 0) AS jp_klaim
FROM tahun t LEFT JOIN per_tahun r USING (tahun)
ORDER BY t.tahun
