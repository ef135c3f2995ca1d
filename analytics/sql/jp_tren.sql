-- grain: one row per year of the JP summary: employees in post in scope, those at or above their
-- target (<ambang>), that share and the mean credited JP
SELECT p.tahun, count(*) AS pegawai, count(*) FILTER (WHERE p.jp_total >= {ambang}) AS memenuhi,
       100.0 * count(*) FILTER (WHERE p.jp_total >= {ambang}) / count(*) AS persen_memenuhi,
       avg(p.jp_total) AS rata_jp
FROM jp_pegawai_tahun p
WHERE {where}
GROUP BY 1
ORDER BY 1
