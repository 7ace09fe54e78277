-- The participation matrix at 100x (21,000 corporations, 750 held meetings in 10 fiscal years of 75,
-- each inviting 630 corporations; two of every three invited come, two people each): 472,500
-- invitations, 630,000 attendees. PostgreSQL only (generate_series); about 80 s. Run on an
-- empty, migrated database: psql -d DB -f benchmarks/participation_100x.sql

BEGIN;
INSERT INTO corporations_corporation (name, name_kana, kind, postal_code, address, phone, email, website, representative,
  home_area_id, is_active, notes, created_at, updated_at, version)
SELECT '社会福祉法人規模' || g || '会', 'キボ' || lpad(g::text, 6, '0'), 'social_welfare', '', '', '03-0000-' || lpad((g % 10000)::text, 4, '0'),
  '', '', '代表 ' || g, (SELECT id FROM corporations_area ORDER BY id OFFSET (g % 4) LIMIT 1), true, '', now(), now(), 1
FROM generate_series(1, 21000) g;
INSERT INTO meetings_meetingseries (title, fiscal_year, description, created_at)
SELECT '規模連絡会', fy, '', now() FROM generate_series(2015, 2024) fy;
INSERT INTO meetings_meeting (number, starts_at, ends_at, venue, status, notes, created_at, updated_at, series_id, version)
SELECT n, make_timestamptz(s.fiscal_year, 4, 1, 5, 0, 0, 'UTC') + (n * interval '4 days'),
       make_timestamptz(s.fiscal_year, 4, 1, 7, 0, 0, 'UTC') + (n * interval '4 days'), '会場', 'held', '', now(), now(), s.id, 1
FROM meetings_meetingseries s CROSS JOIN generate_series(1, 75) n WHERE s.title = '規模連絡会';
CREATE TEMP TABLE c AS SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, home_area_id FROM corporations_corporation WHERE name LIKE '社会福祉法人規模%';
CREATE TEMP TABLE m AS SELECT m.id, row_number() OVER (ORDER BY m.starts_at) AS k FROM meetings_meeting m JOIN meetings_meetingseries s ON s.id = m.series_id WHERE s.title = '規模連絡会';
INSERT INTO meetings_invitation (invited_at, answer, is_proxy, comment, corporation_id, meeting_id, version)
SELECT now(), 'pending', false, '', c.id, m.id, 1
FROM m CROSS JOIN generate_series(0, 629) i JOIN c ON c.k = (m.k * 97 + i) % 21000;
INSERT INTO meetings_attendee (name, title, walk_in, present, "order", area_id, corporation_id, meeting_id, version)
SELECT '出席 ' || p, '', false, true, p, c.home_area_id, c.id, m.id, 1
FROM m CROSS JOIN generate_series(0, 629) i JOIN c ON c.k = (m.k * 97 + i) % 21000 CROSS JOIN generate_series(1, 2) p
WHERE (i % 3) <> 0;
COMMIT;
ANALYZE;
SELECT count(*) FROM meetings_invitation; SELECT count(*) FROM meetings_attendee;
