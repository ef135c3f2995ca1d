-- grain: one row per employee in scope in the 20 JP denominator for $tahun (the rows picked on the summary alone, then
-- named: a top-N stays cheap); <ambang> is each employee's target, <status> their status as of the
-- reference date ($laju = months elapsed / 12), <order> and <order_out> the row order
WITH pilih AS (
    SELECT p.pegawai_key, p.unor_id, p.jp_total, p.jp_10, p.jp_20, p.jp_70,
           p.jp_total >= {ambang} AS memenuhi, greatest({ambang} - p.jp_total, 0) AS kekurangan_jp,
           {status} AS status
    FROM jp_pegawai_tahun p
    WHERE {where} AND p.tahun = $tahun AND p.dihitung AND ($status IS NULL OR list_contains($status, {status}))
    ORDER BY {order} LIMIT $limit
)
SELECT g.nip, g.nama, u.nama AS unor, s.jp_total, s.jp_10, s.jp_20, s.jp_70, s.memenuhi,
       s.kekurangan_jp, s.status
FROM pilih s JOIN pegawai g USING (pegawai_key) LEFT JOIN unor u ON u.id = s.unor_id
ORDER BY {order_out}
