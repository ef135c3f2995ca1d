-- grain: one row per employee in post in year $tahun (the jp_pegawai_tahun rows of $tahun) among
-- the key table (the keys_* conditions): the Smart ASN indicators on 0-100 (NULL = no data) as of $akhir (31 Dec of $tahun; the reference
-- date in the running year), by the scales of the rules file ([smart_asn.skala]). Window for events:
-- ($awal, $akhir] (ipasn.jendela: whole years [$dari, $tahun], and in the running year year $dari - 1 after
-- its cut-off, $sisa); language tests count in ($awal_bahasa, $akhir]. The cefr part is the CEFR level (1 A1 ..
-- 6 C2) of a bahasa row b, built from the rules file's bands.
WITH hk AS (
    SELECT h.pegawai_key, max(CASE h.tingkat WHEN 'B' THEN 3 WHEN 'S' THEN 2 WHEN 'R' THEN 1 END) AS berat
    FROM hukdis h
    WHERE h.tanggal_mulai > $awal AND h.tanggal_mulai <= $akhir {keys_h}
    GROUP BY 1
),
pr AS (  -- the behaviour ratings of the year, else of the year before
    SELECT r.pegawai_key, arg_max(r.akuntabel, r.tahun) AS akuntabel, arg_max(r.loyal, r.tahun) AS loyal,
           arg_max(r.kompeten, r.tahun) AS kompeten, arg_max(r.berorientasi_pelayanan, r.tahun) AS pelayanan,
           arg_max(r.kolaboratif, r.tahun) AS kolaboratif, arg_max(r.adaptif, r.tahun) AS adaptif,
           arg_max(r.harmonis, r.tahun) AS harmonis
    FROM perilaku r WHERE r.tahun BETWEEN $tahun - 1 AND $tahun {keys_r}
    GROUP BY 1
),
dik AS (  -- from _sm_dik: the qualifying records per employee and end year (smart.refresh builds it)
    SELECT x.pegawai_key, bool_or(x.latsar_pim) AS latsar_pim,
           sum(CASE WHEN x.tahun < $dari THEN x.sosial - x.sosial_sd ELSE x.sosial END)
               FILTER (WHERE x.tahun BETWEEN $dari - $sisa::INT AND $tahun) AS sosial,
           sum(CASE WHEN x.tahun < $dari THEN x.internasional - x.internasional_sd ELSE x.internasional END)
               FILTER (WHERE x.tahun BETWEEN $dari - $sisa::INT AND $tahun) AS internasional
    FROM _sm_dik x
    WHERE x.tahun <= $tahun {keys_x}
    GROUP BY 1
),
bhs AS (
    SELECT b.pegawai_key, max({cefr}) AS level
    FROM bahasa b
    WHERE b.tanggal > $awal_bahasa AND b.tanggal <= $akhir {keys_b}
    GROUP BY 1
),
tk AS (
    SELECT t.pegawai_key,
           greatest(arg_max(t.skor, t.tanggal) FILTER (WHERE t.jenis = 'asesmen'),
                    max(coalesce($sert_nilai[list_position($sert_tingkat, t.tingkat)], $sert_lain))
                        FILTER (WHERE t.jenis = 'sertifikasi')) AS skor
    FROM tik t
    WHERE t.tanggal > $awal AND t.tanggal <= $akhir {keys_t}
    GROUP BY 1
),
ino AS (
    SELECT i.pegawai_key, max($ino_nilai[list_position($ino_status, i.status)]) AS skor
    FROM inovasi i WHERE i.tahun BETWEEN $dari AND $tahun {keys_i}
    GROUP BY 1
),
ikm_u AS (  -- each unit's IKM of the year (else the year before), else its nearest parent's
    SELECT c.keturunan_id AS unor_id, arg_min(k.nilai, c.jarak) AS nilai
    FROM unor_closure c
    JOIN (SELECT unor_id, arg_max(nilai, tahun) AS nilai FROM ikm WHERE tahun BETWEEN $tahun - 1 AND $tahun GROUP BY 1) k
      ON k.unor_id = c.leluhur_id
    GROUP BY 1
)
SELECT p.pegawai_key, p.tahun, p.unor_id, p.instansi_id, p.provinsi_kode, p.kabkota_kode, p.jenis_jabatan,
       p.jenis_pegawai, p.jenis_kelamin, p.golongan_id,
       CASE hk.berat WHEN 3 THEN $hk_b WHEN 2 THEN $hk_s WHEN 1 THEN $hk_r ELSE $hk_tanpa END AS i_disiplin,
       $perilaku[pr.akuntabel] AS i_akuntabel, $perilaku[pr.loyal] AS i_loyal, $perilaku[pr.kompeten] AS i_kompeten,
       $perilaku[pr.pelayanan] AS i_pelayanan, $perilaku[pr.kolaboratif] AS i_kolaboratif,
       $perilaku[pr.adaptif] AS i_adaptif, $perilaku[pr.harmonis] AS i_harmonis,
       CASE WHEN d.latsar_pim THEN 100.0
            WHEN p.jenis_pegawai = 'PNS' AND year(g.tmt_cpns) >= $latsar_sejak
                 AND g.tmt_cpns + INTERVAL 1 YEAR <= $akhir THEN 0.0 END AS i_latsar_pim,
       ip.total AS i_ip_asn,
       CASE WHEN d.internasional > 0 THEN 100.0 END AS i_internasional,  -- evidence only: none = no data
       $cefr_nilai[bhs.level] AS i_bahasa,
       tk.skor AS i_tik,
       ikm_u.nilai AS i_ikm,
       least(100.0, 100.0 * coalesce(d.sosial, 0) / $sosial_penuh) AS i_sosial,
       ino.skor AS i_inovasi  -- evidence only: none recorded = no data
FROM jp_pegawai_tahun p
JOIN pegawai g ON g.pegawai_key = p.pegawai_key
LEFT JOIN hk ON hk.pegawai_key = p.pegawai_key
LEFT JOIN pr ON pr.pegawai_key = p.pegawai_key
LEFT JOIN dik d ON d.pegawai_key = p.pegawai_key
LEFT JOIN bhs ON bhs.pegawai_key = p.pegawai_key
LEFT JOIN tk ON tk.pegawai_key = p.pegawai_key
LEFT JOIN ino ON ino.pegawai_key = p.pegawai_key
LEFT JOIN ikm_u ON ikm_u.unor_id = p.unor_id
LEFT JOIN ipasn_pegawai_tahun ip ON ip.pegawai_key = p.pegawai_key AND ip.tahun = $tahun AND ip.lengkap
WHERE p.tahun = $tahun {keys_p}
