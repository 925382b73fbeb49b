import { describe, expect, it } from 'vitest';
import { createOverageResolver, hasGroupsOverage } from '../../bot/src/http/plugins/groups-overage';

const office = 'office-group';

const setup = (lookup?: (oid: string, ids: string[]) => Promise<string[]>) => {
  let clock = 0;
  const warnings: string[] = [];
  const calls: string[] = [];
  const resolve = createOverageResolver({
    groupIds: [office],
    lookup: lookup
      ? {
          memberGroups: (oid, ids) => {
            calls.push(oid);
            return lookup(oid, ids);
          },
        }
      : undefined,
    log: { warn: ((_obj: unknown, message: string) => warnings.push(message)) as never },
    ttlMs: 1_000,
    failureTtlMs: 100,
    maxEntries: 2,
    now: () => clock,
  });
  return { resolve, warnings, calls, advance: (ms: number) => (clock += ms) };
};

describe('groups overage', () => {
  it('recognises an overage token only without a groups claim', () => {
    expect(hasGroupsOverage({ _claim_names: { groups: 'src1' } })).toBe(true);
    expect(hasGroupsOverage({ groups: [], _claim_names: { groups: 'src1' } })).toBe(false);
    expect(hasGroupsOverage({ groups: [office] })).toBe(false);
    expect(hasGroupsOverage({})).toBe(false);
  });

  it('asks the directory once per user until the answer expires, remembering a bounded number', async () => {
    const { resolve, calls, advance } = setup(async (oid, ids) => (oid === 'a' ? ids : []));
    expect(await resolve('a')).toEqual([office]);
    expect(await resolve('a')).toEqual([office]);
    expect(calls).toEqual(['a']);
    advance(1_001);
    await resolve('a');
    expect(calls).toEqual(['a', 'a']);
    await resolve('b');
    await resolve('c'); // evicts the oldest (a)
    await resolve('a');
    expect(calls).toEqual(['a', 'a', 'b', 'c', 'a']);
  });

  it('warns and grants nothing when the directory fails, asking again after a short pause', async () => {
    const { resolve, warnings, calls, advance } = setup(async () => {
      throw new Error('Graph 503');
    });
    expect(await resolve('a')).toEqual([]);
    expect(await resolve('a')).toEqual([]);
    expect(calls).toHaveLength(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/could not be read from Graph/);
    advance(101);
    await resolve('a');
    expect(calls).toHaveLength(2);
  });

  it('warns once per user and period when Graph is not configured', async () => {
    const { resolve, warnings } = setup();
    expect(await resolve('a')).toEqual([]);
    expect(await resolve('a')).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Graph is not configured/);
  });
});
