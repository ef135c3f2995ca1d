-- grain: one row per tahun in [$dari, $sampai]: employees in scope in post by that year,
-- employees with >= 1 activity, activities and claimed JP (activities count in their end year)
WITH p AS (
    SELECT p.pegawai_key, year(p.tmt_cpns) AS tahun_masuk FROM pegawai p WHERE {where}
),
masuk AS (
    SELECT tahun_masuk, count(*) AS n FROM p GROUP BY ALL
),
tahun AS (
    SELECT range::INTEGER AS tahun FROM range($dari::BIGINT, $sampai::BIGINT + 1)
),
menjabat AS (
    SELECT t.tahun, coalesce(sum(m.n), 0) AS pegawai
    FROM tahun t LEFT JOIN masuk m ON m.tahun_masuk <= t.tahun
    GROUP BY ALL
),
belajar AS (
    SELECT r.tahun, count(*) AS pegawai_belajar, sum(r.kegiatan) AS kegiatan,
           sum(r.jp_klaim) AS jp_klaim
    FROM ringkasan_pegawai_tahun r JOIN p USING (pegawai_key)
    WHERE r.tahun BETWEEN $dari AND $sampai
    GROUP BY ALL
)
SELECT m.tahun, m.pegawai,
       coalesce(b.pegawai_belajar, 0) AS pegawai_belajar,
       coalesce(b.kegiatan, 0) AS kegiatan,
       coalesce(b.jp_klaim, 0) AS jp_klaim
FROM menjabat m LEFT JOIN belajar b USING (tahun)
ORDER BY m.tahun
