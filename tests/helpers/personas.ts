/* eslint no-restricted-imports: ["error", { "patterns": [{ "group": ["node:*", "*"], "message": "tests/helpers/personas.ts is plain data: the tab's component tests (browser rules) import it too." }] }] */

/**
 * The people of the tests, the same in every file, so that a name in a failure says who it is and
 * what they may do. Plain data with no imports: the tab's component tests (happy-dom, browser lint
 * rules) use it as well as the integration tests. Take the fields a test needs (`oid` is the Entra
 * object id, Teams' `aadObjectId`); for a token, a persona is an `EntraPerson` as it stands.
 */
export interface Persona {
  /** Entra object id (`oid` claim; `aadObjectId` in Teams activities). */
  readonly oid: string;
  readonly name: string;
  readonly email: string;
  /** Entra app roles (`roles` claim) on the persona's tokens. */
  roles?: string[];
}

const oid = (n: number) => `a0000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const personas = {
  /** 山口 太郎, staff: the proposer of most tests. */
  taro: { oid: oid(1), name: '山口 太郎', email: 'taro@pref.example.jp' },
  /** 周南 花子, staff: taro's colleague (the other proposer, co-proposer, stamp recipient). */
  hanako: { oid: oid(2), name: '周南 花子', email: 'hanako@pref.example.jp' },
  /** 萩原 健一, the office (推進室) through the Entra app role. */
  kenichi: { oid: oid(3), name: '萩原 健一', email: 'kenichi@pref.example.jp', roles: ['Office'] },
  /** 岩国 誠, admin through the Entra app role. */
  makoto: { oid: oid(4), name: '岩国 誠', email: 'makoto@pref.example.jp', roles: ['Admin'] },
  /** 周南 一郎, staff (made admin through the database by the role tests). */
  ichiro: { oid: oid(5), name: '周南 一郎', email: 'ichiro@pref.example.jp' },
  /** 下関 次郎, staff (made admin through the database by the role tests; a stamp recipient). */
  jiro: { oid: oid(6), name: '下関 次郎', email: 'jiro@pref.example.jp' },
  /** 宇部 三郎, staff in another division than the proposals' 所管課 (the other 所管課 of the visibility matrix). */
  saburo: { oid: oid(7), name: '宇部 三郎', email: 'saburo@pref.example.jp' },
} satisfies Record<string, Persona>;

/** The persona as the Teams user of a chat with the bot (`incoming()`'s person). */
export const asTeamsUser = (persona: Persona): { aadObjectId: string; name: string; email: string } => ({
  aadObjectId: persona.oid,
  name: persona.name,
  email: persona.email,
});

/**
 * The tab API's cast by role, as tab-api-proposals and its role matrix use it: a staff member, another
 * staff member (whose proposals the first must not see unpublished), the office and an admin.
 */
export const tabApiCast = {
  staff: personas.taro,
  other: personas.hanako,
  office: personas.kenichi,
  admin: personas.makoto,
} satisfies Record<string, Persona>;
