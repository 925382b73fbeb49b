import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProposalDto } from '#shared';
import { buildApp } from '../../bot/src/app';
import { queryRows } from '../../bot/src/data/database';
import type { NotificationPort } from '../../bot/src/notifications/notification-port';
import { submitProposal } from '../../bot/src/services/proposals/submit-proposal';
import { bearer, startEntraStub, type EntraStub } from '../helpers/entra-token';
import { personas } from '../helpers/personas';
import { createTestUser, testConfig, useTestDatabase } from '../helpers/test-context';
import { getTestDatabase, usesServer } from '../helpers/test-database';

const officePerson = personas.kenichi;

/**
 * Merges that run at the same time. On PostgreSQL they really overlap (one connection each); PGlite
 * has one connection and runs transactions one after another, so there the tests only check the
 * outcome.
 */
describe('merging proposals concurrently', () => {
  const ctx = useTestDatabase();
  let stub: EntraStub;
  let app: FastifyInstance;
  let token: string;
  /** While set, the next merge waits inside its transaction (after its writes) until it resolves. */
  let hold: Promise<void> | undefined;
  let held: (() => void) | undefined;
  const queued: string[] = [];
  const notifications: NotificationPort = {
    enqueueToUsers: async (_tx, batch) => {
      queued.push(...batch.map((notification) => notification.dedupeKey));
      if (hold) {
        const waiting = hold;
        hold = undefined;
        held?.();
        await waiting;
      }
    },
    requeuePending: async () => 0,
  };

  beforeAll(async () => {
    stub = await startEntraStub();
    app = await buildApp({
      config: testConfig(stub.env()),
      database: await getTestDatabase(),
      notifications,
    });
    token = await stub.sign(officePerson);
  });
  afterAll(async () => {
    await app?.close();
    await stub?.close();
  });
  beforeEach(() => {
    queued.length = 0;
  });

  const submit = async (title: string): Promise<ProposalDto> => {
    const proposer = await createTestUser(ctx.db);
    return (
      await submitProposal(ctx.db, {
        actor: proposer,
        input: { title, body: '本文です。', category: 'efficiency' },
      })
    ).proposal;
  };
  const merge = (duplicate: ProposalDto, into: ProposalDto) =>
    app.inject({
      method: 'POST',
      url: `/api/proposals/${duplicate.id}/merge`,
      headers: bearer(token),
      payload: { version: duplicate.version, intoId: into.id },
    });
  const statusOf = async (id: string) =>
    (
      await queryRows<{ status: string; merged_into_id: string | null }>(
        ctx.db,
        sql`select status, merged_into_id from proposals where id = ${id}`,
      )
    )[0]!;

  /** Until a session of this database waits for a row lock, or `settled` resolves first. */
  const lockWaitOr = async (settled: Promise<unknown>): Promise<'waiting' | 'settled'> => {
    let done = false;
    void settled.finally(() => (done = true));
    for (let attempt = 0; attempt < 500 && !done; attempt += 1) {
      const [row] = await queryRows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (row!.n > 0) return 'waiting';
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return 'settled';
  };

  it('refuses a merge into a proposal that a concurrent merge is merging elsewhere', async () => {
    const final = await submit('テレワークの拡充（最終）');
    const target = await submit('テレワークの拡充');
    const duplicate = await submit('テレワークを増やしたい');
    // Merge target → final, stopped inside its transaction after its writes.
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    const holding = new Promise<void>((resolve) => (held = resolve));
    const first = merge(target, final);
    await holding;

    // Meanwhile the office merges the duplicate into target, which is being merged away.
    const second = merge(duplicate, target);
    let waited: string;
    try {
      waited = usesServer() ? await lockWaitOr(second) : 'waiting';
      if (!usesServer()) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      release();
    }
    // It waited for the first merge's lock on the target instead of reading it as still open.
    expect(waited).toBe('waiting');

    expect((await first).statusCode).toBe(200);
    const refused = await second;
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'INVALID_TRANSITION' });
    expect(refused.json().error.message).toContain('統合先にできません');
    expect(await statusOf(duplicate.id)).toEqual({ status: 'received', merged_into_id: null });
    expect(await statusOf(target.id)).toEqual({ status: 'merged', merged_into_id: final.id });
  });

  it('lets only one of two opposite merges of the same pair through, without a deadlock', async () => {
    for (let round = 0; round < 5; round += 1) {
      const a = await submit(`重複A ${round}`);
      const b = await submit(`重複B ${round}`);
      const responses = await Promise.all([merge(a, b), merge(b, a)]);
      expect(responses.map((response) => response.statusCode).sort(), responses[1]!.body).toEqual([200, 409]);
      const statuses = [await statusOf(a.id), await statusOf(b.id)].map((row) => row.status).sort();
      expect(statuses).toEqual(['merged', 'received']);
    }
  });
});
