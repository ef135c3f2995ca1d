-- grain: one row per (dimensi, kategori): employees in scope by type, job, education and sex, summed
-- from the roster's group table pegawai_kelompok
WITH p AS (SELECT * FROM pegawai_kelompok p WHERE {where}),
per_dimensi AS (
    SELECT 'jenis_pegawai' AS dimensi, jenis_pegawai AS kategori, sum(pegawai) AS jumlah FROM p GROUP BY ALL
    UNION ALL
    SELECT 'jenis_jabatan', jenis_jabatan, sum(pegawai) FROM p GROUP BY ALL
    UNION ALL
    SELECT 'pendidikan', jenjang, sum(pegawai) FROM p GROUP BY ALL
    UNION ALL
    SELECT 'jenis_kelamin', jenis_kelamin, sum(pegawai) FROM p GROUP BY ALL
)
SELECT dimensi, coalesce(kategori, 'tidak diketahui') AS kategori, jumlah::BIGINT AS jumlah
FROM per_dimensi
ORDER BY dimensi, jumlah DESC, kategori
