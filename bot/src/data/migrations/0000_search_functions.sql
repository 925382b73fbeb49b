-- Japanese-aware search that behaves the same on every server and in PGlite, whatever the collation:
-- text is NFKC-normalised (full-width and half-width alike) and lower-cased in the C collation
-- (ASCII only, so no locale can change the result), then cut into character unigrams and bigrams.
-- A GIN index over the gram array serves one-character and longer queries alike; pg_trgm is not
-- used because it ignores multibyte characters under a C ctype.
CREATE OR REPLACE FUNCTION app_search_normalize(input text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT regexp_replace(lower(normalize(input, NFKC) COLLATE "C"), '\s+', ' ', 'g') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_search_grams(input text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(DISTINCT gram), '{}')
  FROM (SELECT app_search_normalize(input) AS t) normalized,
       LATERAL generate_series(1, length(t)) AS i,
       LATERAL (VALUES (substr(t, i, 1)), (substr(t, i, 2))) AS grams(gram)
  WHERE gram <> '' AND position(' ' in gram) = 0
$$;
--> statement-breakpoint
-- The grams a query term must all have: its bigrams, or the character itself for a one-character term.
CREATE OR REPLACE FUNCTION app_search_query_grams(term text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT CASE
    WHEN length(t) <= 1 THEN array_remove(ARRAY[t], '')
    ELSE coalesce((
      SELECT array_agg(DISTINCT substr(t, i, 2))
      FROM generate_series(1, length(t) - 1) AS i
      WHERE position(' ' in substr(t, i, 2)) = 0
    ), '{}')
  END
  FROM (SELECT app_search_normalize(term) AS t) normalized
$$;
