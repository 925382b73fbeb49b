-- The 部局 that divisions named in their free-text department column become divisions of kind
-- 'bureau' and the parents of those divisions (the organisation tree). A department named like an
-- existing division takes that division as the parent. Each bureau created here is recorded in the
-- master data audit trail as made by the system.
WITH departments AS (
  SELECT DISTINCT btrim(department) AS name FROM divisions
  WHERE department IS NOT NULL AND btrim(department) <> ''
), created AS (
  INSERT INTO divisions (code, name, kind, sort_order)
  SELECT d.name, d.name, 'bureau', 0 FROM departments d
  WHERE NOT EXISTS (SELECT 1 FROM divisions x WHERE x.name = d.name OR x.code = d.name)
  RETURNING id, code, name, kind
)
INSERT INTO master_data_changes (entity, entity_key, action, actor_id, before, after, reason)
SELECT 'division', id::text, 'create', NULL, NULL,
       jsonb_build_object('code', code, 'name', name, 'kind', kind), '部局を組織の階層に移行'
FROM created;
--> statement-breakpoint
UPDATE divisions c SET parent_id = p.id
FROM divisions p
WHERE p.name = btrim(c.department) AND p.id <> c.id AND c.parent_id IS NULL;
--> statement-breakpoint
UPDATE divisions SET kind = 'bureau'
WHERE kind = 'division' AND id IN (SELECT parent_id FROM divisions WHERE parent_id IS NOT NULL);
