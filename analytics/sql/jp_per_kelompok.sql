-- grain: one row per group (<key>: the grouping level's key, <names> its name lookup) of the
-- employees in scope for $tahun; <ambang> is each employee's target, <median> the median or NULL
WITH g AS (
    SELECT {key} AS kode, count(*) AS pegawai, count(*) FILTER (WHERE p.jp_total >= {ambang}) AS memenuhi,
           count(*) FILTER (WHERE p.jp_rekap > 0) AS pegawai_rekap,
           sum(p.jp_total) AS jp, sum(p.jp_10) AS j10, sum(p.jp_20) AS j20, sum(p.jp_70) AS j70,
           avg(p.jp_total) AS rata_jp, {median} AS median_jp
    FROM jp_pegawai_tahun p WHERE {where} AND p.tahun = $tahun GROUP BY 1
)
SELECT g.kode, coalesce(n.nama, g.kode) AS nama, g.pegawai, g.memenuhi, g.pegawai_rekap,
       100.0 * g.memenuhi / g.pegawai AS persen_memenuhi, g.rata_jp, g.median_jp,
       100.0 * g.j10 / nullif(g.j10 + g.j20 + g.j70, 0) AS mix_10,
       100.0 * g.j20 / nullif(g.j10 + g.j20 + g.j70, 0) AS mix_20,
       100.0 * g.j70 / nullif(g.j10 + g.j20 + g.j70, 0) AS mix_70
FROM g LEFT JOIN ({names}) n ON n.kode = g.kode
ORDER BY g.kode
