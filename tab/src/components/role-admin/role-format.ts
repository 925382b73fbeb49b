import { roleLabels, type AssignableRole } from '#shared/role-admin';

/** `推進室・管理者`, or `なし` for no role beyond staff. */
export const rolesText = (roles: readonly AssignableRole[]): string =>
  roles.length === 0 ? 'なし' : roles.map((role) => roleLabels[role]).join('・');

/** What a change does, role by role: `推進室を付与`, `管理者を解除`. */
export const roleChangeSummary = (
  before: readonly AssignableRole[],
  after: readonly AssignableRole[],
): string[] => [
  ...after.filter((role) => !before.includes(role)).map((role) => `${roleLabels[role]}を付与`),
  ...before.filter((role) => !after.includes(role)).map((role) => `${roleLabels[role]}を解除`),
];
