/** Everyone is staff; 推進室 members are office; admins manage roles and kinds. */
export const roles = ['staff', 'office', 'admin'] as const;
export type Role = (typeof roles)[number];

export interface Actor {
  userId: string;
  roles: readonly Role[];
  /**
   * The divisions (課) this person is the liaison (所管課担当) of: they see the proposals assigned to
   * those divisions and their internal notes. Absent or empty for everyone else.
   */
  liaisonDivisionIds?: readonly string[];
}

export const hasRole = (actor: Actor, role: Role): boolean =>
  role === 'staff' || actor.roles.includes(role) || actor.roles.includes('admin');

/** Triage (status, answer, responsible division, links, merges, imports) is the office's work. */
export const canTriage = (actor: Actor): boolean => hasRole(actor, 'office');
