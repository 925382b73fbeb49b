import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { fiscalYearOf } from '#shared';
import { queryRows } from '../../bot/src/data/database';
import { startEntraStub, type EntraStub } from '../../tests/helpers/entra-token';
import type { BenchContext, ScenarioResult } from '../lib/context';
import { createBenchDatabase, type Backend, type BenchDatabase } from '../lib/databases';
import { closedLoopUsers, type UserRequest, type UsersResult } from '../lib/load';
import { cpuSeconds, rssMb, sleep, startProcess } from '../lib/processes';
import { percentile, round } from '../lib/stats';
import {
  benchPerson,
  cardActionBody,
  fixtureBotAppId,
  fixtureTenantId,
  insertBenchPeople,
  proposalAccepted,
  proposalFormData,
  stampFormData,
  stampSent,
  type BenchPerson,
  unlimitedUserActionsEnv,
} from '../lib/teams-traffic';

/**
 * The load test of issue 7, against the real PostgreSQL server. Per round, on a fresh database and a
 * fresh server process (the product's, with the Bot Framework and Entra stubs on loopback):
 * - 50 writers, each a member of staff in their own 1:1 chat with the bot, alternately submit a
 *   proposal (`proposal.submit`) and send a stamp to three colleagues (`stamp.send`) through
 *   POST /api/messages, every request with its own activity id and request id;
 * - 20 readers browse the tab API as the tab does (/api/me, the dashboard, 提案一覧 with filters, a
 *   search, a proposal's detail and history, マイ提案) with Entra tokens of 12 members of staff (who
 *   are also writers, so マイ提案 grows) and 8 of the promotion office;
 * all closed loop (each user sends their next request when the previous one was answered), after a
 * short warm-up with the same mix. Then the server is stopped and the database counted: every
 * acknowledged proposal and stamp must be stored, none twice; the dashboard's count tables must equal
 * the rows. The server's RSS is read after the warm-up and at the end of the run.
 *
 * Budgets (bench/lib/budgets.ts, worst round): `errors` (warm-up included: any non-2xx, answer the
 * check rejects, timeout or socket error) = 0, `lost` = 0, `duplicated` = 0, `rssGrowthPct` ≤ 20.
 * RSS follows V8's heap saw-tooth (garbage accumulates until the next full collection), so its growth
 * over 30 s depends on where the run ends in that cycle; the live heap after each full collection
 * (from --trace-gc, in the notes) is what shows whether anything is kept.
 */
const writers = 50;
const staffReaders = 12;
const officeReaders = 8;
const readers = staffReaders + officeReaders;
const recipientsPerStamp = 3;
const topics = ['会議資料', '出張旅費', '文書決裁', '庁内照会'];

interface Reader {
  oid: string;
  name: string;
  office: boolean;
  token: string;
  /** From /api/me: the user id マイ提案's proposals must all belong to. */
  userId?: string;
  step: number;
  /** Details opened so far (which listed proposal to open next). */
  opens: number;
  /** Ids from the last list the reader saw: the detail opens one of them. */
  seen: string[];
  opened?: string;
}

const officeReader = (n: number) => ({
  oid: `cccccccc-0000-4000-8000-${String(n).padStart(12, '0')}`,
  name: `推進室 ベンチ${n}`,
});

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
};

interface Tally {
  /** Request ids answered with the confirmation card / the sent card. */
  acknowledgedProposals: Set<string>;
  acknowledgedStamps: Set<string>;
  /** Every request id sent (an errored request may or may not have been stored). */
  sentProposals: Set<string>;
  sentStamps: Set<string>;
}

export const runLoad = async (context: BenchContext, backend: Backend): Promise<ScenarioResult> => {
  const entra = await startEntraStub();
  const notes: string[] = [
    'all clients share 127.0.0.1: the per-address and per-user rate limits are raised ' +
      '(RATE_LIMIT_PER_MINUTE, RATE_LIMIT_PER_USER_PER_MINUTE) so they measure the server, not the limiter',
  ];
  const rounds: Record<string, number>[] = [];
  try {
    for (let index = 0; index < context.rounds; index += 1) {
      const { figures, roundNotes } = await loadRound(context, backend, entra, index + 1);
      rounds.push(figures);
      notes.push(...roundNotes);
    }
  } finally {
    await entra.close();
  }
  return { rounds: { [backend]: rounds }, notes };
};

const loadRound = async (
  context: BenchContext,
  backend: Backend,
  entra: EntraStub,
  roundNo: number,
): Promise<{ figures: Record<string, number>; roundNotes: string[] }> => {
  const roundStarted = performance.now();
  const { stub } = context;
  const runSec = context.quick ? 8 : 30;
  const warmSec = context.quick ? 2 : 5;
  const roundNotes: string[] = [];
  const database = await createBenchDatabase(backend, `load${roundNo}`);
  try {
    const setup = await database.open();
    let divisionIds: string[];
    try {
      await insertBenchPeople(setup, writers);
      divisionIds = (
        await queryRows<{ id: string }>(
          setup.db,
          sql`select id from divisions where code like 'B%' order by code`,
        )
      ).map((row) => row.id);
    } finally {
      await setup.close();
    }

    const logFile = join(context.logsDir, `app-load-${backend}-${roundNo}.log`);
    rmSync(logFile, { force: true });
    const spawnedAt = performance.now();
    const { server } = await startProcess({
      script: 'bench/servers/app-server.ts',
      env: {
        ...database.env,
        BOT_APP_ID: fixtureBotAppId,
        BOT_TENANT_ID: fixtureTenantId,
        BOT_OPENID_METADATA_URL: stub.openIdMetadataUrl,
        BOT_SERVICE_URL_ALLOWLIST: `${stub.url}/`,
        ...unlimitedUserActionsEnv,
        // The tab's tokens come from the bot's tenant, as in production.
        ...entra.env({ AUTH_TENANT_ID: fixtureTenantId }),
        LOG_LEVEL: 'info',
        // All bench clients share 127.0.0.1 (and 12 readers are also writers): the limits would
        // throttle them as a handful of people.
        RATE_LIMIT_PER_MINUTE: '1000000',
        RATE_LIMIT_PER_USER_PER_MINUTE: '1000000',
      },
      logFile,
      // --trace-gc: the live heap after each full collection (see majorCollections).
      nodeFlags: [
        '--trace-gc',
        ...(context.profile ? ['--cpu-prof', `--cpu-prof-dir=${context.logsDir}`] : []),
      ],
    });

    const tally: Tally = {
      acknowledgedProposals: new Set(),
      acknowledgedStamps: new Set(),
      sentProposals: new Set(),
      sentStamps: new Set(),
    };
    let warm: UsersResult;
    let run: UsersResult;
    let rssStartMb: number;
    let rssEndMb: number;
    let rssPeakMb: number;
    /** RSS every 5 s of the run, for the trend. */
    const rssTimeline: number[] = [];
    let serverCpuSec: number;
    let runStartedMs = 0;
    let runEndedMs = 0;
    let harnessCpuSec: number;
    try {
      const next = await trafficOf(context, entra, divisionIds, tally, roundNo);
      warm = await closedLoopUsers({ url: server.url, users: writers + readers, durationSec: warmSec, next });
      await sleep(500);
      runStartedMs = performance.now() - spawnedAt;
      rssStartMb = rssMb(server.pid);
      rssPeakMb = rssStartMb;
      let samples = 0;
      const sampler = setInterval(() => {
        const now = rssMb(server.pid);
        rssPeakMb = Math.max(rssPeakMb, now);
        samples += 1;
        if (samples % 5 === 0) rssTimeline.push(Math.round(now));
      }, 1_000);
      const cpuBefore = cpuSeconds(server.pid);
      const harnessBefore = process.cpuUsage();
      try {
        run = await closedLoopUsers({ url: server.url, users: writers + readers, durationSec: runSec, next });
      } finally {
        clearInterval(sampler);
      }
      serverCpuSec = cpuSeconds(server.pid) - cpuBefore;
      const harness = process.cpuUsage(harnessBefore);
      harnessCpuSec = (harness.user + harness.system) / 1e6;
      rssEndMb = rssMb(server.pid);
      runEndedMs = performance.now() - spawnedAt;
      rssPeakMb = Math.max(rssPeakMb, rssEndMb);
    } finally {
      await server.stop();
    }

    const counts = await countRecords(database, tally);
    const collections = majorCollections(readFileSync(logFile, 'utf8'));
    const inRun = collections.filter((gc) => gc.atMs >= runStartedMs && gc.atMs <= runEndedMs);
    const beforeRun = collections.filter((gc) => gc.atMs < runStartedMs).at(-1);
    const byGroup = (result: UsersResult, names: string[]) => {
      const latencies = names.flatMap((name) => result.groups[name]?.latencies ?? []);
      return {
        requests: latencies.length,
        rps: round(latencies.length / result.durationSec, 1),
        p50: round(percentile(latencies, 50), 1),
        p95: round(percentile(latencies, 95), 1),
        p99: round(percentile(latencies, 99), 1),
      };
    };
    const readGroups = Object.keys(run.groups).filter((name) => name !== 'submit' && name !== 'stamp');
    const writes = byGroup(run, ['submit', 'stamp']);
    const submits = byGroup(run, ['submit']);
    const stamps = byGroup(run, ['stamp']);
    const reads = byGroup(run, readGroups);
    const warmErrors = Object.values(warm.errorsByKind).reduce((a, b) => a + b, 0);
    const runErrors = Object.values(run.errorsByKind).reduce((a, b) => a + b, 0);
    const kinds = (result: UsersResult, prefix: string) =>
      Object.entries(result.errorsByKind).reduce(
        (sum, [kind, count]) => (kind.startsWith(prefix) ? sum + count : sum),
        0,
      );
    const figures: Record<string, number> = {
      errors: warmErrors + runErrors,
      errorsHttp: kinds(run, 'http') + kinds(warm, 'http'),
      errorsUnexpectedAnswer: kinds(run, 'unexpected') + kinds(warm, 'unexpected'),
      errorsTimeout: kinds(run, 'timeout') + kinds(warm, 'timeout'),
      errorsSocket: kinds(run, 'socket') + kinds(warm, 'socket'),
      lost: counts.lost,
      duplicated: counts.duplicated,
      storedWithoutAcknowledgement: counts.storedWithoutAcknowledgement,
      countTableDrift: counts.countTableDrift,
      acknowledgedProposals: tally.acknowledgedProposals.size,
      acknowledgedStamps: tally.acknowledgedStamps.size,
      storedProposals: counts.proposals,
      storedStamps: counts.stamps,
      writeRps: writes.rps,
      writeP50Ms: writes.p50,
      writeP95Ms: writes.p95,
      writeP99Ms: writes.p99,
      submitRps: submits.rps,
      submitP99Ms: submits.p99,
      stampRps: stamps.rps,
      stampP99Ms: stamps.p99,
      readRps: reads.rps,
      readP50Ms: reads.p50,
      readP95Ms: reads.p95,
      readP99Ms: reads.p99,
      ...Object.fromEntries(readGroups.map((name) => [`read_${name}P95Ms`, byGroup(run, [name]).p95])),
      runSec: run.durationSec,
      // CPU the server spent per answered request, and the share of a core the load generator (this
      // process, with the stubs) used: how far a slow figure comes from the server or the machine.
      serverCpuMsPerRequest: round((serverCpuSec * 1000) / Math.max(1, writes.requests + reads.requests), 2),
      harnessCpuPct: round((harnessCpuSec / run.durationSec) * 100, 0),
      rssStartMb: round(rssStartMb, 1),
      rssEndMb: round(rssEndMb, 1),
      rssPeakMb: round(rssPeakMb, 1),
      rssGrowthPct: round(((rssEndMb - rssStartMb) / rssStartMb) * 100, 1),
      majorGcsInRun: inRun.length,
      ...(inRun.length > 0 ? { liveHeapAfterLastGcMb: inRun.at(-1)!.liveMb } : {}),
      roundSec: round((performance.now() - roundStarted) / 1000, 1),
    };
    for (const [phase, result] of [
      ['warm-up', warm],
      ['run', run],
    ] as const) {
      if (Object.keys(result.errorsByKind).length > 0) {
        roundNotes.push(
          `round ${roundNo} ${phase}: errors ${JSON.stringify(result.errorsByKind)}, e.g. ${result.errorSamples.slice(0, 3).join(' | ')}`,
        );
      }
    }
    roundNotes.push(
      `round ${roundNo}: ${tally.acknowledgedProposals.size} proposals and ${tally.acknowledgedStamps.size} stamp sends ` +
        `acknowledged (warm-up included), ${counts.proposals} proposals and ${counts.stamps} stamps stored; ` +
        `lost ${counts.lost}, duplicated ${counts.duplicated}, count tables off by ${counts.countTableDrift}; ` +
        `notifications ${counts.notifications}; RSS ${figures.rssStartMb} → ${figures.rssEndMb} MB ` +
        `(every 5 s: ${rssTimeline.join(', ')}); round took ${figures.roundSec} s`,
    );
    // RSS follows the V8 heap's saw-tooth (garbage piles up to the next full collection), so the live
    // heap after each full collection is what tells a leak from garbage.
    roundNotes.push(
      `round ${roundNo}: live heap after full collections: ${beforeRun ? `${beforeRun.liveMb} MB before the run` : 'none before the run'}` +
        `${inRun.length > 0 ? `, ${inRun.map((gc) => `${gc.liveMb} MB (of ${gc.beforeMb}) at ${Math.round((gc.atMs - runStartedMs) / 1000)} s`).join(', ')}` : ', none during the run'}`,
    );
    if (figures.roundSec! > 60)
      roundNotes.push(`round ${roundNo} took ${figures.roundSec} s, over the 60 s bound`);
    context.log(
      `  round ${roundNo}: writes ${writes.rps}/s (p50 ${writes.p50} / p95 ${writes.p95} / p99 ${writes.p99} ms), ` +
        `reads ${reads.rps}/s (p50 ${reads.p50} / p95 ${reads.p95} / p99 ${reads.p99} ms), errors ${figures.errors}, ` +
        `lost ${counts.lost}, duplicated ${counts.duplicated}, RSS ${figures.rssStartMb} → ${figures.rssEndMb} MB ` +
        `(${figures.rssGrowthPct} %), ${figures.roundSec} s`,
    );
    return { figures, roundNotes };
  } finally {
    await database.drop();
  }
};

/** The request generator of the 70 users: users 0–49 write through the bot, 50–69 read the tab API. */
const trafficOf = async (
  context: BenchContext,
  entra: EntraStub,
  divisionIds: string[],
  tally: Tally,
  roundNo: number,
): Promise<(user: number) => UserRequest> => {
  const { stub } = context;
  const botToken = await stub.signBotToken({ appId: fixtureBotAppId, serviceUrl: stub.serviceUrl });
  const botHeaders = { 'content-type': 'application/json', authorization: `Bearer ${botToken}` };
  const people: BenchPerson[] = Array.from({ length: writers }, (_, i) => benchPerson(i + 1));
  const written = new Array<number>(writers).fill(0);
  const fiscalYear = fiscalYearOf(new Date());

  const readerList: Reader[] = await Promise.all(
    Array.from({ length: readers }, async (_, i) => {
      const office = i >= staffReaders;
      const who = office
        ? officeReader(i - staffReaders + 1)
        : { oid: people[i]!.aadObjectId, name: people[i]!.name };
      const token = await entra.sign(
        { ...who, ...(office ? { roles: ['Office'] } : {}) },
        { tenantId: fixtureTenantId },
      );
      return { ...who, office, token, step: 0, opens: 0, seen: [] };
    }),
  );

  const write = (w: number): UserRequest => {
    const n = written[w]!;
    written[w] = n + 1;
    const person = people[w]!;
    /** A card action of this writer, as Teams posts it to the bot. */
    const cardAction = (verb: string, data: Record<string, unknown>) => ({
      method: 'POST' as const,
      path: '/api/messages',
      headers: botHeaders,
      body: cardActionBody(stub.serviceUrl, person, verb, data, `f:load-${roundNo}-${w + 1}-${n}`),
    });
    // Each writer's first request is a proposal: their chat is then known, so stamps to them queue a
    // notification (the in-process worker delivers it to the stub).
    if (n % 2 === 0) {
      const requestId = `load-${roundNo}-p-${w + 1}-${n}`;
      tally.sentProposals.add(requestId);
      return {
        group: 'submit',
        spec: cardAction('proposal.submit', proposalFormData(requestId, w * 100_000 + n)),
        check: (status, body) => {
          const problem = proposalAccepted(status, body);
          if (!problem) tally.acknowledgedProposals.add(requestId);
          return problem;
        },
      };
    }
    const requestId = `load-${roundNo}-s-${w + 1}-${n}`;
    tally.sentStamps.add(requestId);
    const recipients = Array.from(
      { length: recipientsPerStamp },
      (_, k) => people[(w + 1 + k + (n % (writers - recipientsPerStamp))) % writers]!,
    );
    return {
      group: 'stamp',
      spec: cardAction('stamp.send', stampFormData(requestId, recipients)),
      check: (status, body) => {
        const problem = stampSent(status, body);
        if (!problem) tally.acknowledgedStamps.add(requestId);
        return problem;
      },
    };
  };

  const listPath = (query: Record<string, string>) =>
    `/api/proposals?${new URLSearchParams({ page: '1', pageSize: '20', ...query }).toString()}`;
  /** A page of proposals (remembered for the detail); マイ提案 must hold only the reader's own. */
  const pageCheck =
    (reader: Reader, mine: boolean) =>
    (status: number, body: string): string | undefined => {
      const page = parse(body) as
        { items?: { id: string; proposer: { id: string } | null }[]; total?: number } | undefined;
      if (!Array.isArray(page?.items) || typeof page.total !== 'number')
        return `not a page: ${body.slice(0, 200)}`;
      if (mine && reader.userId && page.items.some((item) => item.proposer?.id !== reader.userId)) {
        return `マイ提案 of ${reader.name} holds someone else's proposal`;
      }
      if (page.items.length > 0) reader.seen = page.items.map((item) => item.id);
      return undefined;
    };

  const read = (r: number): UserRequest => {
    const reader = readerList[r]!;
    const headers = { authorization: `Bearer ${reader.token}` };
    const get = (group: string, path: string, check?: UserRequest['check']): UserRequest => ({
      group,
      spec: { method: 'GET', path, headers },
      ...(check ? { check } : {}),
    });
    const step = reader.step;
    reader.step = (step + 1) % 7;
    const division = divisionIds[r % divisionIds.length]!;
    const topic = topics[(r + reader.step) % topics.length]!;
    switch (step) {
      case 0:
        // The tab's boot: who am I.
        return get('me', '/api/me', (_status, body) => {
          const me = parse(body) as { id?: string; aadObjectId?: string } | undefined;
          if (me?.aadObjectId !== reader.oid)
            return `/api/me answered for someone else: ${body.slice(0, 200)}`;
          reader.userId = me.id;
          return undefined;
        });
      case 1: {
        // The dashboard; half the office readers look at a division's channel tab.
        const query = new URLSearchParams({ fiscalYear: String(fiscalYear) });
        if (reader.office && r % 2 === 1) query.set('divisionId', division);
        return get('dashboard', `/api/dashboard?${query.toString()}`, (_status, body) => {
          const dashboard = parse(body) as { fiscalYear?: number; statusTable?: unknown } | undefined;
          return dashboard?.fiscalYear === fiscalYear && dashboard.statusTable
            ? undefined
            : `not the dashboard of ${fiscalYear}: ${body.slice(0, 200)}`;
        });
      }
      case 2:
        // 提案一覧 filtered: new proposals of a category (the office also by proposer division).
        return get(
          'list',
          listPath({
            status: 'received',
            category: 'efficiency',
            ...(reader.office ? { proposerDivisionId: division } : {}),
            sort: 'submittedAt',
            direction: 'desc',
          }),
          pageCheck(reader, false),
        );
      case 3:
        return get(
          'search',
          listPath({ q: topic, sort: 'relevance', direction: 'desc' }),
          pageCheck(reader, false),
        );
      case 4: {
        const id = reader.seen[(r + reader.opens) % Math.max(1, reader.seen.length)];
        reader.opens += 1;
        reader.opened = id;
        if (!id) {
          // Nothing listed yet (the very start): the list of everything visible instead.
          return get('list', listPath({ sort: 'submittedAt', direction: 'desc' }), pageCheck(reader, false));
        }
        return get('detail', `/api/proposals/${id}`, (_status, body) =>
          (parse(body) as { id?: string } | undefined)?.id === id
            ? undefined
            : `detail of another proposal: ${body.slice(0, 200)}`,
        );
      }
      case 5: {
        const id = reader.opened;
        if (!id) return get('me', '/api/me');
        return get('history', `/api/proposals/${id}/history`, (_status, body) =>
          Array.isArray((parse(body) as { items?: unknown } | undefined)?.items)
            ? undefined
            : `not a history: ${body.slice(0, 200)}`,
        );
      }
      default:
        // マイ提案.
        return get(
          'mine',
          listPath({ mine: 'true', sort: 'submittedAt', direction: 'desc' }),
          pageCheck(reader, true),
        );
    }
  };

  return (user) => (user < writers ? write(user) : read(user - writers));
};

/**
 * After the run (server stopped): each acknowledged request's records must be there (one proposal with
 * its `created` history entry; one stamp per recipient), none stored twice, and the dashboard's count
 * tables (kept by triggers) must equal the rows.
 */
const countRecords = async (database: BenchDatabase, tally: Tally) => {
  const handle = await database.open();
  try {
    const proposalRows = await queryRows<{ request_id: string; rows: number; created: number }>(
      handle.db,
      sql`select p.client_request_id as request_id, count(distinct p.id)::int as rows, count(h.id)::int as created
          from proposals p
          left join proposal_history h on h.proposal_id = p.id and h.action = 'created'
          where p.client_request_id like 'load-%' group by 1`,
    );
    const stampRows = await queryRows<{ request_id: string; rows: number; recipients: number }>(
      handle.db,
      sql`select request_id, count(*)::int as rows, count(distinct recipient_id)::int as recipients
          from stamps where request_id like 'load-%' group by 1`,
    );
    const [drift] = await queryRows<{ proposals: number; stamps: number }>(
      handle.db,
      sql`select abs((select coalesce(sum(count), 0) from proposal_counts_by_division)
                     - (select count(*) from proposals))::int as proposals,
                 abs((select coalesce(sum(count), 0) from stamp_counts_by_month)
                     - (select count(*) from stamps))::int as stamps`,
    );
    const notifications = await queryRows<{ status: string; n: number }>(
      handle.db,
      sql`select status, count(*)::int as n from notification_deliveries group by 1 order by 1`,
    );

    const proposals = new Map(proposalRows.map((row) => [row.request_id, row]));
    const stamps = new Map(stampRows.map((row) => [row.request_id, row]));
    let lost = 0;
    let duplicated = 0;
    for (const requestId of tally.acknowledgedProposals) {
      const row = proposals.get(requestId);
      // A proposal without its history entry is half a record: lost as well.
      if (!row || row.created === 0) lost += 1;
    }
    for (const requestId of tally.acknowledgedStamps) {
      lost += Math.max(0, recipientsPerStamp - (stamps.get(requestId)?.recipients ?? 0));
    }
    for (const row of proposalRows) duplicated += row.rows - 1 + Math.max(0, row.created - 1);
    for (const row of stampRows) duplicated += row.rows - row.recipients;
    const storedWithoutAcknowledgement =
      proposalRows.filter((row) => !tally.acknowledgedProposals.has(row.request_id)).length +
      stampRows.filter((row) => !tally.acknowledgedStamps.has(row.request_id)).length;
    // Records under request ids never sent would be phantoms: count them as duplicates too.
    duplicated +=
      proposalRows.filter((row) => !tally.sentProposals.has(row.request_id)).length +
      stampRows.filter((row) => !tally.sentStamps.has(row.request_id)).length;
    return {
      proposals: proposalRows.reduce((sum, row) => sum + row.rows, 0),
      stamps: stampRows.reduce((sum, row) => sum + row.rows, 0),
      lost,
      duplicated,
      storedWithoutAcknowledgement,
      countTableDrift: drift!.proposals + drift!.stamps,
      notifications: notifications.map((row) => `${row.status} ${row.n}`).join(', ') || 'none',
    };
  } finally {
    await handle.close();
  }
};

/**
 * Full (mark-compact) collections of the server's main thread from its --trace-gc lines, e.g.
 * `[pid:0x…]   35873 ms: Mark-Compact 197.5 (229.5) -> 65.0 (190.5) MB, …`: when (ms since the
 * isolate started), the heap before, and what survived (the live heap). Worker threads have isolates of
 * their own (another address); the main thread is the one that collects most.
 */
const majorCollections = (log: string): { atMs: number; beforeMb: number; liveMb: number }[] => {
  const lines = [
    ...log.matchAll(
      /^\[\d+:(0x[0-9a-f]+)\]\s+(\d+) ms: (\S+)(?: \(reduce\))? ([\d.]+) \([\d.]+\) -> ([\d.]+) \(/gm,
    ),
  ];
  const perIsolate = new Map<string, number>();
  for (const line of lines) perIsolate.set(line[1]!, (perIsolate.get(line[1]!) ?? 0) + 1);
  const main = [...perIsolate].sort((a, b) => b[1] - a[1])[0]?.[0];
  return lines
    .filter((line) => line[1] === main && line[3] === 'Mark-Compact')
    .map((line) => ({ atMs: Number(line[2]), beforeMb: Number(line[4]), liveMb: Number(line[5]) }));
};
