-- grain: one row per group of the grouping level (key, named by names) of the employees in scope:
-- stored (awal) against re-scored (baru) results; who = the employees the lever changes, need = the
-- JP each of them would need, counts = employees per category before and after, scored = the
-- re-scored rows (analytics.build.ipasn.score_sql over the changed inputs); grouping = the groups alone, or
-- with the whole selection as one more row (semua = TRUE, kode NULL) from the same re-scoring
WITH g AS (
    SELECT {key} AS kode, grouping({key}) = 1 AS semua, count(*) AS pegawai,
           count(*) FILTER (WHERE p.lengkap_awal) AS lengkap_awal,
           count(*) FILTER (WHERE p.lengkap) AS lengkap_baru,
           avg(p.total_awal) FILTER (WHERE p.lengkap_awal) AS rata_awal,
           avg(p.total) FILTER (WHERE p.lengkap) AS rata_baru,
           coalesce(sum(p.total_awal) FILTER (WHERE p.lengkap_awal), 0) AS jumlah_awal,
           coalesce(sum(p.total) FILTER (WHERE p.lengkap), 0) AS jumlah_baru,
           count(*) FILTER (WHERE {who}) AS orang, sum({need}) AS jp,
           count(*) FILTER (WHERE ({who}) AND ({need}) IS NULL) AS orang_tanpa_jp, {counts}
    FROM ({scored}) p
    GROUP BY {grouping}
)
SELECT g.kode, coalesce(n.nama, g.kode) AS nama, g.pegawai, g.lengkap_awal, g.lengkap_baru,
       round(g.rata_awal, 2) AS rata_awal, round(g.rata_baru, 2) AS rata_baru,
       round(g.rata_baru - g.rata_awal, 2) AS selisih, g.orang, round(g.jp, 1) AS jp,
       g.* EXCLUDE (kode, semua, pegawai, lengkap_awal, lengkap_baru, rata_awal, rata_baru, orang, jp), g.semua
FROM g LEFT JOIN ({names}) n ON n.kode = g.kode
ORDER BY g.semua DESC, g.kode
