-- Parsing and checking macros for imports (temporary, per import cursor).
-- Every macro returns NULL for what it cannot read, so a check can tell "absent" from "bad".

-- text as a clerk typed it: trimmed (spaces, tabs, non-breaking spaces), one leading apostrophe (Excel's
-- text marker) removed, and '', 'null', 'none', 'nan' in any case are empty. (A backtick before a NIP, as
-- some agency exports write it, is removed by imp_nip only: elsewhere it is text.)
CREATE OR REPLACE TEMP MACRO imp_trim(x) AS trim(x, ' ' || chr(9) || chr(160));
CREATE OR REPLACE TEMP MACRO imp_kosong(x) AS length(x) <= 4 AND lower(x) IN ('', 'null', 'none', 'nan');
CREATE OR REPLACE TEMP MACRO imp_tanda(x) AS starts_with(x, '''');
CREATE OR REPLACE TEMP MACRO imp_clean(x) AS
    CASE WHEN x IS NULL OR imp_kosong(x) THEN NULL
         -- fast path: most cells need no cleaning
         WHEN NOT (imp_tanda(x) OR starts_with(x, ' ') OR ends_with(x, ' ')
                   OR starts_with(x, chr(9)) OR ends_with(x, chr(9))
                   OR starts_with(x, chr(160)) OR ends_with(x, chr(160))) THEN x
         WHEN imp_kosong(imp_trim(x)) THEN NULL
         WHEN NOT imp_tanda(imp_trim(x)) THEN imp_trim(x)
         WHEN imp_kosong(imp_trim(substr(imp_trim(x), 2))) THEN NULL
         ELSE imp_trim(substr(imp_trim(x), 2)) END;

-- Indonesian (and English) month names and their short forms -> 1..12
CREATE OR REPLACE TEMP MACRO imp_bulan(x) AS
    CASE left(lower(trim(x)), 3)
        WHEN 'jan' THEN 1 WHEN 'feb' THEN 2 WHEN 'peb' THEN 2 WHEN 'mar' THEN 3 WHEN 'apr' THEN 4
        WHEN 'mei' THEN 5 WHEN 'may' THEN 5 WHEN 'jun' THEN 6 WHEN 'jul' THEN 7 WHEN 'agu' THEN 8
        WHEN 'aug' THEN 8 WHEN 'agt' THEN 8 WHEN 'sep' THEN 9 WHEN 'okt' THEN 10 WHEN 'oct' THEN 10
        WHEN 'nov' THEN 11 WHEN 'nop' THEN 11 WHEN 'des' THEN 12 WHEN 'dec' THEN 12 END;

-- dd-mm-yyyy, dd/mm/yyyy, yyyy-mm-dd (a time after the date is ignored), '12 Januari 2025' or an Excel serial
CREATE OR REPLACE TEMP MACRO imp_date(x) AS
    coalesce(
        try_strptime(x, ['%d-%m-%Y', '%Y-%m-%d', '%d/%m/%Y'])::DATE,
        CASE WHEN regexp_full_match(x, '\d{4,5}(\.0+)?') AND TRY_CAST(x AS DOUBLE) BETWEEN 1 AND 80000
                  THEN DATE '1899-12-30' + CAST(TRY_CAST(x AS DOUBLE) AS INTEGER)
             WHEN regexp_full_match(x, '\d{1,2}[ -][A-Za-z]{3,9}[ -]\d{4}')
                  THEN try_strptime(regexp_extract(x, '^\d+') || '-' || imp_bulan(regexp_extract(x, '[A-Za-z]+'))
                                    || '-' || regexp_extract(x, '\d{4}$'), '%d-%m-%Y')::DATE
             WHEN regexp_matches(x, '[ T]')
                  THEN try_strptime(regexp_extract(x, '^[^ T]+'), ['%d-%m-%Y', '%Y-%m-%d', '%d/%m/%Y'])::DATE
        END);

-- numbers with a decimal comma (24,5) or thousands dots (1.234,5) as Indonesian sheets write them
CREATE OR REPLACE TEMP MACRO imp_num(x) AS
    TRY_CAST(CASE WHEN x LIKE '%,%' AND x LIKE '%.%' THEN replace(replace(x, '.', ''), ',', '.')
                  WHEN x LIKE '%,%' THEN replace(x, ',', '.') ELSE x END AS DOUBLE);

CREATE OR REPLACE TEMP MACRO imp_int(x) AS
    CASE WHEN imp_num(x) = floor(imp_num(x)) AND abs(imp_num(x)) < 2e9
         THEN CAST(imp_num(x) AS BIGINT) END;

CREATE OR REPLACE TEMP MACRO imp_sex(x) AS
    CASE WHEN upper(x) IN ('L', 'LAKI-LAKI', 'LAKI LAKI', 'LAKI', 'PRIA', 'M', 'MALE', '1') THEN 'L'
         WHEN upper(x) IN ('P', 'PEREMPUAN', 'WANITA', 'F', 'FEMALE', '2') THEN 'P' END;

CREATE OR REPLACE TEMP MACRO imp_jenis_pegawai(x) AS
    CASE WHEN upper(x) LIKE '%PPPK%' OR upper(x) LIKE '%PERJANJIAN KERJA%' THEN 'PPPK' ELSE 'PNS' END;
-- the same, and when the file does not say: a NIP whose digits 13-14 are '21' (no month) is a PPPK's
CREATE OR REPLACE TEMP MACRO imp_jenis(x, n) AS
    CASE WHEN x IS NOT NULL THEN imp_jenis_pegawai(x) WHEN substr(n, 13, 2) = '21' THEN 'PPPK' ELSE 'PNS' END;

-- an identifier (NIP, PNS ID, a code or unit id, a certificate number: kinds.IDENTIFIERS) is cleaned like any
-- text once its Unicode format characters (category Cf: BOM, zero-width space and joiners, direction marks, word
-- joiner, soft hyphen) are removed, wherever they stand: invisible, they come along with text copied from web
-- pages, Word and PDF, and no code holds one (analytics.nip.tanpa_format is the Python twin)
CREATE OR REPLACE TEMP MACRO imp_id(x) AS imp_clean(regexp_replace(x, '\p{Cf}', '', 'g'));
-- a NIP or a PNS ID is digits (hex) only, so the separators typed between its groups go too: spaces (also
-- non-breaking), tabs and dashes, and a leading backtick (as analytics.nip). Other digits than 0-9 stay, to be
-- refused: they are not converted
CREATE OR REPLACE TEMP MACRO imp_nip(x) AS
    ltrim(regexp_replace(imp_id(x), '[ \t\r\n\x{00A0}\x{2007}\x{202F}\x{2013}\x{2014}-]', '', 'g'), '''`');

-- what a NIP encodes (PNS and PPPK alike): birth date (digits 1-8) and sex (digit 15)
CREATE OR REPLACE TEMP MACRO imp_lahir_nip(n) AS try_strptime(substr(n, 1, 8), '%Y%m%d')::DATE;
CREATE OR REPLACE TEMP MACRO imp_sex_nip(n) AS CASE substr(n, 15, 1) WHEN '1' THEN 'L' WHEN '2' THEN 'P' END;

-- SIASN's person id (PNS ID, pnsOrang, pnsDinilaiId, ...): 32 hex digits, compared in lower case
CREATE OR REPLACE TEMP MACRO imp_pns_id(x) AS
    CASE WHEN regexp_full_match(lower(replace(x, '-', '')), '[0-9a-f]{32}') THEN lower(replace(x, '-', '')) END;

-- eselon by SIASN id (00 and 99 mean none) or by its name ('II.b', 'II/b', 'Eselon II.b'); the names and ids
-- are lists set per import from the code list (a lookup without a join per row)
CREATE OR REPLACE TEMP MACRO imp_eselon_nama(x) AS
    getvariable('eselon_id')[list_position(getvariable('eselon_nama'),
        regexp_replace(upper(trim(regexp_replace(x, '^[Ee][Ss][Ee][Ll][Oo][Nn]', ''))), '[ /-]+', '.', 'g'))];
CREATE OR REPLACE TEMP MACRO imp_eselon(e_id, e_nama) AS
    CASE WHEN imp_int(e_id) IN (0, 99) OR upper(trim(e_nama)) IN ('NON', 'NON ESELON', '-') THEN NULL
         ELSE coalesce(imp_int(e_id), imp_eselon_nama(e_nama)) END;

-- golongan by SIASN id or by name ('III/a'); PPPK grades I-XVII by number or roman name ('IX') get 101-117
-- (names and ids: lists set per import from the code list)
CREATE OR REPLACE TEMP MACRO imp_golongan(g_id, g_nama, g_jenis) AS
    CASE WHEN g_jenis = 'PPPK'
         THEN coalesce(CASE WHEN imp_int(g_id) BETWEEN 1 AND 17 THEN 100 + imp_int(g_id)
                            WHEN imp_int(g_id) BETWEEN 101 AND 117 THEN imp_int(g_id) END,
                       getvariable('gol_pppk_id')[list_position(getvariable('gol_pppk_nama'),
                           upper(trim(regexp_replace(g_nama, '^[Gg][Oo][Ll]([Oo][Nn][Gg][Aa][Nn])?\.?', ''))))])
         ELSE coalesce(imp_int(g_id), getvariable('gol_pns_id')[list_position(getvariable('gol_pns_nama'),
                                                                              upper(replace(g_nama, ' ', '')))]) END;

-- NULL when the NIP `n` (already through imp_nip, as imp_src.nip is) is well formed and agrees with
-- the row, else the first reason (same order and words as analytics.nip.check)
CREATE OR REPLACE TEMP MACRO imp_nip_problem(n, lahir, tmt, sex, jenis) AS
    CASE WHEN n IS NULL THEN 'wajib diisi'
         WHEN NOT regexp_full_match(n, '[0-9]{18}') THEN
              CASE WHEN regexp_full_match(n, '[0-9]+([.,][0-9]+)?[eE][+]?[0-9]+')
                        THEN 'NIP rusak oleh Excel (notasi ilmiah, digit hilang); ekspor ulang dengan kolom NIP sebagai teks'
                   -- Arabic-Indic, full-width, ... digits: numbers to a reader (and to Python's int()), never a NIP
                   WHEN regexp_matches(regexp_replace(n, '[0-9]', '', 'g'), '\p{N}')
                        THEN 'NIP berisi angka non-Latin (mis. angka Arab atau angka lebar penuh), bukan 0-9; ketik ulang NIP dengan angka 0-9'
                   WHEN NOT regexp_full_match(n, '[0-9]+') THEN 'NIP harus 18 angka'
                   ELSE 'NIP harus 18 angka (ditemukan ' || length(n)
                        || '); bila dari Excel, kemungkinan digit hilang' END
         WHEN try_strptime(substr(n, 1, 8), '%Y%m%d') IS NULL
              THEN '8 angka pertama NIP bukan tanggal lahir yang sah'
         WHEN substr(n, 15, 1) NOT IN ('1', '2')
              THEN 'angka ke-15 NIP (jenis kelamin) harus 1 atau 2'
         WHEN coalesce(jenis, 'PNS') = 'PNS' AND substr(n, 13, 2) NOT IN
              ('01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12')
              THEN 'angka ke-13 dan ke-14 NIP bukan bulan TMT CPNS yang sah'
         WHEN substr(n, 9, 4)::INT < substr(n, 1, 4)::INT + 14
              THEN 'tahun TMT pada NIP terlalu dekat dengan tahun lahir'
         WHEN lahir IS NOT NULL AND strftime(lahir, '%Y%m%d') <> substr(n, 1, 8)
              THEN 'tanggal lahir tidak sesuai dengan NIP'
         WHEN tmt IS NOT NULL AND (strftime(tmt, '%Y') <> substr(n, 9, 4)
              OR (coalesce(jenis, 'PNS') = 'PNS' AND strftime(tmt, '%m') <> substr(n, 13, 2)))
              THEN 'TMT tidak sesuai dengan NIP'
         WHEN sex IS NOT NULL AND CASE substr(n, 15, 1) WHEN '1' THEN 'L' ELSE 'P' END <> sex
              THEN 'jenis kelamin tidak sesuai dengan NIP' END;

-- work-location names ('KAB. SLEMAN', 'Kota Denpasar', 'KABUPATEN BADUNG') -> lookup key
CREATE OR REPLACE TEMP MACRO imp_kk_words(x) AS
    trim(regexp_replace(upper(replace(x, '.', ' ')), '\s+', ' ', 'g'));
CREATE OR REPLACE TEMP MACRO imp_kk_key(x) AS
    CASE WHEN regexp_matches(imp_kk_words(x), '^(KAB|KABUPATEN) ')
              THEN 'KABUPATEN|' || regexp_replace(imp_kk_words(x), '^(KAB|KABUPATEN) ', '')
         WHEN regexp_matches(imp_kk_words(x), '^KOTA ')
              THEN 'KOTA|' || regexp_replace(imp_kk_words(x), '^KOTA (ADMINISTRASI |ADM )?', '')
         ELSE '|' || imp_kk_words(x) END;
-- imp_lokasi holds each distinct work-location text of the file with its code (filled per import)
CREATE OR REPLACE TEMP MACRO imp_kabkota(x) AS
    (SELECT kode FROM imp_lokasi WHERE teks = x);
CREATE OR REPLACE TEMP MACRO imp_kabkota_mirip(x) AS
    (SELECT string_agg(nama, ', ' ORDER BY s DESC) FROM (
        SELECT nama, jaro_winkler_similarity(upper(nama), upper(x)) AS s
        FROM kabkota ORDER BY s DESC LIMIT 3));

-- SKP kuadranKinerja by name or id (1 SANGAT BAIK .. 5 SANGAT KURANG)
CREATE OR REPLACE TEMP MACRO imp_kuadran(x) AS
    CASE WHEN regexp_full_match(trim(x), '[1-5]') THEN trim(x)::INT
         ELSE CASE upper(trim(x)) WHEN 'SANGAT BAIK' THEN 1 WHEN 'BAIK' THEN 2
                  WHEN 'BUTUH PERBAIKAN' THEN 3 WHEN 'CUKUP' THEN 3 WHEN 'KURANG' THEN 4
                  WHEN 'KURANG/MISCONDUCT' THEN 4 WHEN 'SANGAT KURANG' THEN 5
                  WHEN 'BURUK' THEN 5 END END;

-- numeric SKP (PP 46/2011) -> predikat by the rules file's bands
CREATE OR REPLACE TEMP MACRO imp_predikat_skp(v) AS
    CASE WHEN v IS NULL THEN NULL
         WHEN v >= getvariable('skp_pita_1') THEN 1 WHEN v >= getvariable('skp_pita_2') THEN 2
         WHEN v >= getvariable('skp_pita_3') THEN 3 WHEN v >= getvariable('skp_pita_4') THEN 4
         ELSE 5 END;

-- hukuman by SIASN id or by name
CREATE OR REPLACE TEMP MACRO imp_hukuman(x) AS
    coalesce((SELECT id FROM ref_jenis_hukuman WHERE id = imp_int(x)),
             (SELECT min(id) FROM ref_jenis_hukuman
              WHERE regexp_replace(upper(trim(x)), '\s+', ' ', 'g') IN (upper(nama), upper(nama_siasn))));

-- activity kinds (imp_jenis is filled per import from analytics/importer/jenis.csv and the code list):
-- text compared as lower-case letters and digits only
CREATE OR REPLACE TEMP MACRO imp_norm(x) AS regexp_replace(lower(x), '[^a-z0-9]', '', 'g');
-- by an agency's activity code (BPS conversion table A1..C11)
CREATE OR REPLACE TEMP MACRO imp_jenis_kode(x) AS
    (SELECT min(id) FROM imp_jenis WHERE cara = 'kode' AND kunci = imp_norm(x));
-- by the kind's name ('Diklat Teknis', 'Teknis', 'Seminar', 'Kepemimpinan')
CREATE OR REPLACE TEMP MACRO imp_jenis_nama(x) AS
    (SELECT min(id) FROM imp_jenis WHERE cara = 'nama' AND kunci = imp_norm(x));
-- SIASN legacy course rows without jenisDiklatId: the certificate letter (F, P, T) narrows the kinds; the
-- activity named as one of them, else a word in its name that points to exactly one, decides; else the
-- letter's default
CREATE OR REPLACE TEMP MACRO imp_jenis_sertifikat(hrf, teks) AS
    CASE WHEN hrf IS NOT NULL THEN coalesce(
        (SELECT min(k.id)
         FROM imp_jenis k JOIN imp_jenis h ON h.cara = 'huruf' AND h.kunci = lower(trim(hrf)) AND h.id = k.id
         WHERE k.cara = 'nama' AND k.kunci = imp_norm(teks)),
        (SELECT CASE WHEN count(DISTINCT k.id) = 1 THEN min(k.id) END
         FROM imp_jenis k JOIN imp_jenis h ON h.cara = 'huruf' AND h.kunci = lower(trim(hrf)) AND h.id = k.id
         WHERE k.cara = 'kata' AND contains(imp_norm(teks), k.kunci)),
        (SELECT min(id) FROM imp_jenis WHERE cara = 'bawaan' AND kunci = lower(trim(hrf)))) END;

-- approval status of an activity in an agency's 20 JP application
CREATE OR REPLACE TEMP MACRO imp_status(x) AS
    CASE WHEN lower(trim(x)) IN ('disetujui', 'setuju', 'diterima', 'approved', 'valid', 'terverifikasi')
              THEN 'disetujui'
         WHEN lower(trim(x)) IN ('ditinjau', 'diajukan', 'menunggu', 'menunggu verifikasi', 'proses', 'diproses')
              THEN 'ditinjau'
         WHEN lower(trim(x)) IN ('diperbaiki', 'perbaikan', 'perlu perbaikan', 'revisi', 'dikembalikan')
              THEN 'diperbaiki'
         WHEN lower(trim(x)) IN ('ditolak', 'tolak', 'rejected', 'tidak disetujui') THEN 'ditolak' END;

-- the retirement age (BUP) of a post, from the rules file's [bup] (bound by engine._prepare): by job type; a
-- functional post by the highest entry its name's words match, else the job type's; NULL for an unknown job
-- type. Its Python twin is analytics.rules.sections.Bup.usia (the demo generator reads that one).
CREATE OR REPLACE TEMP MACRO imp_bup_jenis(jenis) AS
    getvariable('bup_jenis_usia')[list_position(getvariable('bup_jenis'), jenis)];
CREATE OR REPLACE TEMP MACRO imp_bup(jenis, jabatan) AS
    CASE WHEN jenis = 'fungsional' THEN coalesce(
             list_max(list_transform(
                 list_filter(range(1, len(getvariable('bup_frasa')) + 1),
                             lambda i: contains(' ' || array_to_string(regexp_extract_all(lower(jabatan), '[a-z]+'), ' ')
                                                || ' ', ' ' || getvariable('bup_frasa')[i] || ' ')),
                 lambda i: getvariable('bup_frasa_usia')[i])),
             imp_bup_jenis('fungsional'))
         ELSE imp_bup_jenis(jenis) END;
