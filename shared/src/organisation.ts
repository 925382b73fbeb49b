import { z } from 'zod';
import { isCalendarDay } from './proposal';
import { roles } from './roles';
import { clearableTextField, requiredTextField } from './text';

/**
 * 組織と職員 (admins change, the office views): the organisation's divisions (部局 → 課・室, 出先機関),
 * people's 所属 with an effective date, and the mapping of Entra department names to divisions.
 * Request schemas (validated on the server, typed in the tab) and the response shapes.
 */

/** 部局, 課・室, 出先機関: what a division is; a 部局 usually has no parent, the others one. */
export const divisionKinds = ['bureau', 'division', 'branch'] as const;
export type DivisionKind = (typeof divisionKinds)[number];

export const divisionKindLabels: Record<DivisionKind, string> = {
  bureau: '部局',
  division: '課・室',
  branch: '出先機関',
};

export const divisionNameMaxLength = 60;
export const divisionCodeMaxLength = 30;
export const masterDataReasonMaxLength = 200;

/** One line of required text (a name or a code is never several lines). */
const trimmedText = (label: string, max: number) =>
  requiredTextField(label, max).refine((value) => !value.includes('\n'), {
    error: `${label}は1行で入力してください。`,
  });

export const divisionNameField = trimmedText('組織名', divisionNameMaxLength);
export const divisionCodeField = trimmedText('組織コード', divisionCodeMaxLength).refine(
  (value) => /^[0-9A-Za-z_-]+$/.test(value),
  { error: '組織コードは半角英数字・ハイフン・アンダースコアで入力してください。' },
);
const kindField = z.enum(divisionKinds, { error: '組織の種類が正しくありません。' });
const idField = (label: string) => z.uuid({ error: `${label}の指定が正しくありません。` });
export const sortOrderField = z
  .number({ error: '表示順は数値で指定してください。' })
  .int({ error: '表示順は整数で指定してください。' })
  .min(0, { error: '表示順は0以上で指定してください。' })
  .max(999_999, { error: '表示順は999999以下で指定してください。' });
const reasonField = clearableTextField('理由', masterDataReasonMaxLength);

/** `POST /api/org/divisions`. */
export const DivisionCreateSchema = z
  .object({
    code: divisionCodeField,
    name: divisionNameField,
    kind: kindField,
    parentId: idField('上位組織').nullable().default(null),
    sortOrder: sortOrderField.default(0),
    reason: reasonField,
  })
  .strict();
export type DivisionCreateRequest = z.input<typeof DivisionCreateSchema>;

/**
 * `PATCH /api/org/divisions/:id`: any of the fields; `isActive: false` retires the division (no new
 * assignments; what it was is kept), `true` brings it back.
 */
export const DivisionUpdateSchema = z
  .object({
    code: divisionCodeField.optional(),
    name: divisionNameField.optional(),
    kind: kindField.optional(),
    parentId: idField('上位組織').nullable().optional(),
    sortOrder: sortOrderField.optional(),
    isActive: z.boolean({ error: '有効・廃止の指定が正しくありません。' }).optional(),
    reason: reasonField,
  })
  .strict();
export type DivisionUpdateRequest = z.input<typeof DivisionUpdateSchema>;

/** `POST /api/org/divisions/:id/merge`: everything of this division moves to `intoId`. */
export const DivisionMergeSchema = z
  .object({ intoId: idField('統合先の組織'), reason: reasonField })
  .strict();
export type DivisionMergeRequest = z.input<typeof DivisionMergeSchema>;

export const OrgIdParamsSchema = z.object({ id: idField('対象') });

/*
 * Response shapes of `/api/org/…`: the zod schemas are what the routes declare and send, the DTO
 * types are inferred from them.
 */
const refSchema = z.object({ id: z.string(), name: z.string() });

/** One division as the 組織 page shows it. */
export const OrgDivisionDtoSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(divisionKinds),
  parent: refSchema.nullable(),
  sortOrder: z.number(),
  isActive: z.boolean(),
  /** Set when the division was merged into another (it is then retired). */
  mergedInto: refSchema.nullable(),
  /** People whose current 所属 it is. */
  userCount: z.number(),
});
export type OrgDivisionDto = z.infer<typeof OrgDivisionDtoSchema>;

/** `GET /api/org/divisions`: all of them, retired ones too, in display order. */
export const OrgDivisionListDtoSchema = z.object({ items: z.array(OrgDivisionDtoSchema) });
export type OrgDivisionListDto = z.infer<typeof OrgDivisionListDtoSchema>;

/** `POST /api/org/divisions/:id/merge`: the surviving division and how many references moved. */
export const DivisionMergeResultDtoSchema = z.object({
  into: OrgDivisionDtoSchema,
  moved: z.record(z.string(), z.number()),
});
export type DivisionMergeResultDto = z.infer<typeof DivisionMergeResultDtoSchema>;

/** Which master data the audit trail lists on the 組織 and 職員 pages. */
export const orgChangeEntities = ['division', 'user_division', 'department_mapping'] as const;
export type OrgChangeEntity = (typeof orgChangeEntities)[number];

/** `GET /api/org/changes`: newest first, of one entity kind, optionally one record's. */
export const OrgChangeListQuerySchema = z.object({
  entity: z.enum(orgChangeEntities, { error: '履歴の種類が正しくありません。' }),
  key: z.string().max(200, { error: '対象の指定が長すぎます。' }).optional(),
  limit: z.coerce
    .number({ error: '件数は数値で指定してください。' })
    .int({ error: '件数は整数で指定してください。' })
    .min(1, { error: '件数は1以上で指定してください。' })
    .max(200, { error: '件数は200以下で指定してください。' })
    .default(50),
});
export type OrgChangeListParams = z.output<typeof OrgChangeListQuerySchema>;

export const OrgChangeDtoSchema = z.object({
  id: z.number(),
  entity: z.string(),
  entityKey: z.string(),
  /** The record's current name (a person's or a division's); null when it has none. */
  subjectName: z.string().nullable(),
  action: z.string(),
  /** Null = the system (directory sync, migrations). */
  actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type OrgChangeDto = z.infer<typeof OrgChangeDtoSchema>;

export const OrgChangeListDtoSchema = z.object({ items: z.array(OrgChangeDtoSchema) });
export type OrgChangeListDto = z.infer<typeof OrgChangeListDtoSchema>;

/**
 * An Entra department name as the directory sync saw it: `pending` waits for an admin (no division
 * is created from it), `mapped` names the division its people belong to, `ignored` leaves their 所属
 * alone (e.g. names of outside bodies).
 */
export const departmentMappingStates = ['pending', 'mapped', 'ignored'] as const;
export type DepartmentMappingState = (typeof departmentMappingStates)[number];

export const departmentMappingStateLabels: Record<DepartmentMappingState, string> = {
  pending: '確認待ち',
  mapped: '対応済み',
  ignored: '対象外',
};

/** `POST /api/org/divisions/import?dryRun=`: a dry run (the default) checks and counts, writes nothing. */
export const OrgImportQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'], { error: 'dryRun は true か false で指定してください。' })
    .default('true')
    .transform((value) => value === 'true'),
});

/** What an organisation import did (or, in a dry run, would do). */
export const OrgImportResultDtoSchema = z.object({
  dryRun: z.boolean(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export type OrgImportResultDto = z.infer<typeof OrgImportResultDtoSchema>;

/** 職員: which people to list (所属未設定 is the office's queue of people to fix). */
export const staffDivisionFilters = ['missing', 'retired'] as const;
export type StaffDivisionFilter = (typeof staffDivisionFilters)[number];
export const staffDivisionFilterLabels: Record<StaffDivisionFilter, string> = {
  missing: '所属未設定',
  retired: '廃止された組織に所属',
};

export const staffListMaxPageSize = 100;

/** `GET /api/org/users`: by name or e-mail, in a division, or the people whose 所属 needs fixing. */
export const StaffListQuerySchema = z.object({
  q: z.string().max(200, { error: '検索語が長すぎます。' }).optional(),
  divisionId: idField('所属').optional(),
  filter: z.enum(staffDivisionFilters, { error: '絞り込みの値が正しくありません。' }).optional(),
  page: z.coerce.number({ error: 'ページは数値で指定してください。' }).int().min(1).max(100_000).default(1),
  pageSize: z.coerce
    .number({ error: '1ページの件数は数値で指定してください。' })
    .int()
    .min(1)
    .max(staffListMaxPageSize, { error: `1ページの件数は${staffListMaxPageSize}以下で指定してください。` })
    .default(20),
});
export type StaffListParams = z.output<typeof StaffListQuerySchema>;

/**
 * `PUT /api/org/users/:id/division`: the person's 所属 from `effectiveDate` (発令日, Tokyo calendar
 * day, not in the future). What they proposed and sent from that day counts for the new division;
 * what came before keeps the division it was made in.
 */
export const UserDivisionUpdateSchema = z
  .object({
    divisionId: idField('所属'),
    effectiveDate: z
      .string({ error: '発令日を入力してください。' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '発令日は YYYY-MM-DD の形式で入力してください。', abort: true })
      .refine(isCalendarDay, { error: '発令日が存在しない日付です。' }),
    reason: reasonField,
  })
  .strict();
export type UserDivisionUpdateRequest = z.input<typeof UserDivisionUpdateSchema>;

/** One person as the 職員 page shows them. */
export const StaffUserDtoSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  division: z.object({ id: z.string(), name: z.string(), isActive: z.boolean() }).nullable(),
  /** The Entra department the directory sync last saw (null without the sync). */
  directoryDepartment: z.string().nullable(),
  hasEntraAccount: z.boolean(),
  /** Staff plus the database's and Entra's roles (権限管理 changes them). */
  effectiveRoles: z.array(z.enum(roles)),
});
export type StaffUserDto = z.infer<typeof StaffUserDtoSchema>;

export const StaffPageDtoSchema = z.object({
  items: z.array(StaffUserDtoSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type StaffPageDto = z.infer<typeof StaffPageDtoSchema>;

/** `PUT /api/org/users/:id/division`: the person afterwards and how many of their records moved. */
export const UserDivisionUpdateResultDtoSchema = z.object({
  user: StaffUserDtoSchema,
  changed: z.boolean(),
  moved: z.object({ proposals: z.number(), stampsSent: z.number(), stampsReceived: z.number() }),
});
export type UserDivisionUpdateResultDto = z.infer<typeof UserDivisionUpdateResultDtoSchema>;

/** `PUT /api/org/department-mappings/:id`: map the name to a division, leave it ignored, or pending. */
export const DepartmentMappingUpdateSchema = z
  .object({
    state: z.enum(departmentMappingStates, { error: '対応の状態が正しくありません。' }),
    divisionId: idField('所属').nullable().default(null),
    reason: reasonField,
  })
  .strict()
  .refine((value) => (value.state === 'mapped') === (value.divisionId !== null), {
    error: '「対応済み」にするときだけ所属を指定してください。',
    path: ['divisionId'],
  });
export type DepartmentMappingUpdateRequest = z.input<typeof DepartmentMappingUpdateSchema>;

export const DepartmentMappingDtoSchema = z.object({
  id: z.string(),
  departmentName: z.string(),
  state: z.enum(departmentMappingStates),
  division: z.object({ id: z.string(), name: z.string() }).nullable(),
  userCount: z.number(),
  lastSeenAt: z.string().nullable(),
});
export type DepartmentMappingDto = z.infer<typeof DepartmentMappingDtoSchema>;

/** `GET /api/org/department-mappings`: the review list first, and how the last directory sync went. */
export const DepartmentMappingListDtoSchema = z.object({
  items: z.array(DepartmentMappingDtoSchema),
  sync: z.object({
    /** False when Microsoft Graph is not configured (no sync runs). */
    enabled: z.boolean(),
    lastRunAt: z.string().nullable(),
    lastResult: z.string().nullable(),
  }),
});
export type DepartmentMappingListDto = z.infer<typeof DepartmentMappingListDtoSchema>;

/** `PUT /api/org/department-mappings/:id`: the mapping afterwards and the people it gave a 所属. */
export const DepartmentMappingUpdateResultDtoSchema = z.object({
  mapping: DepartmentMappingDtoSchema,
  assignedUsers: z.number(),
});
export type DepartmentMappingUpdateResultDto = z.infer<typeof DepartmentMappingUpdateResultDtoSchema>;

/** `POST /api/org/directory-sync`: what the round did. */
export const DirectorySyncResultDtoSchema = z.object({
  pages: z.number(),
  users: z.number(),
  assigned: z.number(),
  waiting: z.number(),
  unchanged: z.number(),
  restarted: z.boolean(),
});
export type DirectorySyncResultDto = z.infer<typeof DirectorySyncResultDtoSchema>;
