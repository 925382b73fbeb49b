-- The proposal categories (分類) were a fixed list in the code; from here they are rows the office
-- manages. The list as it was, in its order, and any other code already on a proposal (kept under
-- its code as label, for the office to rename), so every stored proposal keeps a category.
INSERT INTO "proposal_categories" ("code", "label", "sort_order") VALUES
  ('paperless', 'ペーパレス化', 10),
  ('digital', 'デジタル・ＤＸ', 20),
  ('efficiency', '業務の効率化', 30),
  ('workstyle', '柔軟な働き方・制度', 40),
  ('workplace', '職場環境', 50),
  ('service', '県民サービス', 60),
  ('organization', '人材育成・組織', 70),
  ('other', 'その他', 80)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "proposal_categories" ("code", "label", "sort_order", "is_active")
SELECT DISTINCT p."category", p."category", 1000, false
FROM "proposals" p
WHERE NOT EXISTS (SELECT 1 FROM "proposal_categories" c WHERE c."code" = p."category")
ON CONFLICT DO NOTHING;
