-- grain: one row per (dimensi, kategori): employees in scope by type, job, education and sex
WITH p AS (
    SELECT p.jenis_pegawai, p.jenis_jabatan, r.jenjang, p.jenis_kelamin
    FROM pegawai p
    LEFT JOIN ref_pendidikan r ON r.id = p.pendidikan_id
    WHERE {where}
),
per_dimensi AS (
    SELECT 'jenis_pegawai' AS dimensi, jenis_pegawai AS kategori, count(*) AS jumlah FROM p GROUP BY ALL
    UNION ALL
    SELECT 'jenis_jabatan', jenis_jabatan, count(*) FROM p GROUP BY ALL
    UNION ALL
    SELECT 'pendidikan', jenjang, count(*) FROM p GROUP BY ALL
    UNION ALL
    SELECT 'jenis_kelamin', jenis_kelamin, count(*) FROM p GROUP BY ALL
)
SELECT dimensi, coalesce(kategori, 'tidak diketahui') AS kategori, jumlah
FROM per_dimensi
ORDER BY dimensi, jumlah DESC
