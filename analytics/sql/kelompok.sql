-- grain: one row per group of an additive group table (IP ASN or Smart ASN) for $tahun: the key of
-- the grouping level, its name, the table's sums (cols) and derived shares (extra)
WITH g AS (
    SELECT {key} AS kode, {cols}
    FROM {table_kelompok} p
    WHERE {where} AND p.tahun = $tahun
    GROUP BY 1
)
SELECT g.kode, coalesce(n.nama, g.kode) AS nama, g.* EXCLUDE (kode){extra}
FROM g LEFT JOIN ({names}) n ON n.kode = g.kode
ORDER BY g.kode
