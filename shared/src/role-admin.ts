import { z } from 'zod';
import { DivisionRefDtoSchema } from './proposal';
import { roles, type Role } from './roles';
import { maxSearchTermLength, maxSearchTerms } from './search';
import { clearableTextField } from './text';

/**
 * 権限管理 (admins only): who holds which role, the roles an admin assigns in the database, and the
 * append-only history of those assignments. Request schemas (validated on the server, typed in the
 * tab) and the response shapes.
 */

/** The roles an admin can assign in the database; everyone is staff anyway. */
export const assignableRoles = ['office', 'admin'] as const;
export type AssignableRole = (typeof assignableRoles)[number];

export const roleLabels: Record<Role, string> = {
  staff: '職員',
  office: '推進室',
  admin: '管理者',
};

/** Roles as a set, in the one order the product stores and shows them ('office', 'admin'). */
export const normalizeAssignableRoles = (list: readonly string[]): AssignableRole[] =>
  assignableRoles.filter((role) => list.includes(role));

/** Everyone is staff; plus what the database and Entra grant, in the order of `roles`. */
export const effectiveRolesOf = (...grants: readonly (readonly string[])[]): Role[] => {
  const granted = new Set<string>(['staff', ...grants.flat()]);
  return roles.filter((role) => granted.has(role));
};

export const adminUserListMaxPageSize = 100;
export const roleChangeReasonMaxLength = 200;

const intParam = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label}は数値で指定してください。` })
    .int({ error: `${label}は整数で指定してください。` })
    .min(min, { error: `${label}は${min}以上で指定してください。` })
    .max(max, { error: `${label}は${max}以下で指定してください。` });

const pageShape = {
  page: intParam('ページ', 1, 100_000).default(1),
  pageSize: intParam('1ページの件数', 1, adminUserListMaxPageSize).default(20),
};

const roleField = z.enum(assignableRoles, { error: '権限の値が正しくありません。' });

/** `GET /api/admin/users`: search by name or e-mail (Japanese-aware), optionally only holders of a role. */
export const AdminUserListQuerySchema = z.object({
  q: z
    .string()
    .max(maxSearchTerms * (maxSearchTermLength + 1), { error: '検索語が長すぎます。' })
    .optional(),
  /** Holders of this role, from the database or from Entra. */
  role: roleField.optional(),
  ...pageShape,
});
export type AdminUserListParams = z.output<typeof AdminUserListQuerySchema>;

const roleListField = (label: string) =>
  z
    .array(roleField, { error: `${label}は一覧で指定してください。` })
    .max(assignableRoles.length * 2, { error: `${label}の指定が多すぎます。` })
    .transform(normalizeAssignableRoles);

/**
 * `PUT /api/admin/users/:id/roles`: the user's database roles as they should be. `expectedRoles` are
 * the database roles the admin saw: if someone changed them meanwhile the answer is 409, unless the
 * roles already are as asked (then nothing changes and nothing is recorded).
 */
export const UserRolesUpdateSchema = z
  .object({
    roles: roleListField('権限'),
    expectedRoles: roleListField('変更前の権限'),
    reason: clearableTextField('理由', roleChangeReasonMaxLength),
  })
  .strict();
export type UserRolesUpdateRequest = z.input<typeof UserRolesUpdateSchema>;

export const AdminUserIdParamsSchema = z.object({
  id: z.uuid({ error: '利用者の指定が正しくありません。' }),
});

/** `GET /api/admin/role-changes`: newest first, optionally one user's. */
export const RoleChangeListQuerySchema = z.object({
  userId: z.uuid({ error: '利用者の指定が正しくありません。' }).optional(),
  ...pageShape,
});
export type RoleChangeListParams = z.output<typeof RoleChangeListQuerySchema>;

/*
 * Response shapes of `/api/admin/…`: the zod schemas are what the routes declare and send, the DTO
 * types are inferred from them (plain shapes, no transforms).
 */
const assignableRoleList = z.array(z.enum(assignableRoles));

/** One person as the 権限管理 page shows them. */
export const AdminUserDtoSchema = z.object({
  id: z.string(),
  displayName: z.string(),
  email: z.string().nullable(),
  division: DivisionRefDtoSchema.nullable(),
  /** False for people known only by e-mail (imports): linked to Entra when they first use the app. */
  hasEntraAccount: z.boolean(),
  /** Assigned here; an admin can change them. */
  databaseRoles: assignableRoleList,
  /** Granted by Entra (app roles, office groups) in the user's latest token; not changeable here. */
  entraRoles: assignableRoleList,
  /** When a token last confirmed `entraRoles`; null = never signed in through Entra. */
  entraRolesCheckedAt: z.string().nullable(),
  /** Staff plus both of the above. */
  effectiveRoles: z.array(z.enum(roles)),
  /** The divisions the user is the liaison (所管課担当) of, assigned here; an admin can change them. */
  liaisonDivisionIds: z.array(z.string()),
  /**
   * The divisions Entra groups (AUTH_LIAISON_GROUPS) made the user liaison of at their latest sign-in;
   * not changeable here. They may overlap `liaisonDivisionIds`.
   */
  entraLiaisonDivisionIds: z.array(z.string()),
});
export type AdminUserDto = z.infer<typeof AdminUserDtoSchema>;

/** `GET /api/admin/users`. */
export const AdminUserPageDtoSchema = z.object({
  items: z.array(AdminUserDtoSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type AdminUserPageDto = z.infer<typeof AdminUserPageDtoSchema>;

/** `PUT /api/admin/users/:id/roles`: the user afterwards; `changed: false` when it was already so. */
export const UserRolesUpdateResultDtoSchema = z.object({ user: AdminUserDtoSchema, changed: z.boolean() });
export type UserRolesUpdateResultDto = z.infer<typeof UserRolesUpdateResultDtoSchema>;

export const UserRefDtoSchema = z.object({ id: z.string(), displayName: z.string() });
export type UserRefDto = z.infer<typeof UserRefDtoSchema>;

/** One role change: whose, by whom (null = the system: demo data), when, from → to. */
export const RoleChangeDtoSchema = z.object({
  id: z.number(),
  user: UserRefDtoSchema,
  actor: UserRefDtoSchema.nullable(),
  rolesBefore: assignableRoleList,
  rolesAfter: assignableRoleList,
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type RoleChangeDto = z.infer<typeof RoleChangeDtoSchema>;

/** `GET /api/admin/role-changes`, newest first. */
export const RoleChangePageDtoSchema = z.object({
  items: z.array(RoleChangeDtoSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type RoleChangePageDto = z.infer<typeof RoleChangePageDtoSchema>;

/** How many divisions one liaison (所管課担当) may hold. */
export const liaisonDivisionsMax = 20;

/** `PUT /api/admin/users/:id/liaison-divisions`: the divisions the user is the liaison of, as they should be. */
export const LiaisonDivisionsUpdateSchema = z
  .object({
    divisionIds: z
      .array(z.uuid({ error: '所管課の指定が正しくありません。' }), {
        error: '所管課は一覧で指定してください。',
      })
      .max(liaisonDivisionsMax, { error: `所管課担当として持てる課は${liaisonDivisionsMax}までです。` })
      .transform((ids) => [...new Set(ids)]),
  })
  .strict();
export type LiaisonDivisionsUpdateRequest = z.input<typeof LiaisonDivisionsUpdateSchema>;

/** The answer: the user's liaison divisions afterwards. */
export const LiaisonDivisionsDtoSchema = z.object({
  userId: z.string(),
  divisions: z.array(DivisionRefDtoSchema),
});
export type LiaisonDivisionsDto = z.infer<typeof LiaisonDivisionsDtoSchema>;
