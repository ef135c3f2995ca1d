-- grain: one row per employee in scope for $tahun (or the one with $nip): the stored inputs and
-- points with names for them; rows picked on the summary alone, then named (a top-N stays cheap)
WITH pilih AS (
    SELECT p.* FROM ipasn_pegawai_tahun p
    WHERE {where} AND p.tahun = $tahun
      AND ($nip IS NULL OR p.pegawai_key IN (SELECT pegawai_key FROM pegawai WHERE nip = $nip))
    ORDER BY {order} LIMIT $limit
)
SELECT g.nip, g.nama, u.nama AS unor, j.nama AS jabatan, e.nama AS pendidikan, s.*
FROM pilih s JOIN pegawai g USING (pegawai_key)
LEFT JOIN unor u ON u.id = s.unor_id
LEFT JOIN ref_jenis_jabatan j ON j.kode = s.jenis_jabatan
LEFT JOIN ref_pendidikan e ON e.id = s.pendidikan_id
ORDER BY {order_out}
