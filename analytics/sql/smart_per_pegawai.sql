-- grain: one row per employee in scope for $tahun: the eight traits (rounded), index and readiness
WITH pilih AS (
    SELECT p.* FROM smart_pegawai_tahun p
    WHERE {where} AND p.tahun = $tahun
    ORDER BY p.pegawai_key LIMIT $limit
)
SELECT g.nip, g.nama, u.nama AS unor, {traits}, s.n_atribut, round(s.indeks, 2) AS indeks, s.siap
FROM pilih s JOIN pegawai g USING (pegawai_key) LEFT JOIN unor u ON u.id = s.unor_id
ORDER BY g.nip
