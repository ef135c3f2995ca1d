-- grain: one row per status (<status>: memenuhi, on track, tertinggal, belum mulai) of the
-- employees in scope for $tahun, with their count
SELECT {status} AS status, count(*) AS pegawai
FROM jp_pegawai_tahun p
WHERE {where} AND p.tahun = $tahun
GROUP BY 1
