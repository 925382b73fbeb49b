/**
 * 提案集 at scale: the workbook and the print page's JSON of one fiscal year of the large dataset
 * (20,000 proposals a year, 80% published: about 16,000 in the collection), written to a counting sink.
 * Prints time, size and the process's peak heap and RSS while writing, so a change that holds the
 * year in memory shows. `npx tsx bench/collection-size.ts` (PostgreSQL at BENCH_DATABASE_URL or the
 * local default; the database is created, seeded and dropped).
 */
import { Writable } from 'node:stream';
import { writeCollectionWorkbook } from '../bot/src/services/collection/collection-workbook';
import { collectionJson, openCollection } from '../bot/src/services/collection/proposal-collection';
import { createBenchDatabase, seedLargeDataset } from './lib/databases';
import { largeDataset } from './lib/large-dataset';

const office = { userId: '00000000-0000-4000-8000-000000000000', roles: ['office' as const] };
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Runs `work` while sampling memory every 20 ms; returns the peaks above the level before. */
const measure = async (work: () => Promise<number>) => {
  global.gc?.();
  const before = process.memoryUsage();
  let heap = before.heapUsed;
  let rss = before.rss;
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    heap = Math.max(heap, now.heapUsed);
    rss = Math.max(rss, now.rss);
  }, 20);
  const started = performance.now();
  const bytes = await work();
  clearInterval(timer);
  return {
    seconds: ((performance.now() - started) / 1000).toFixed(2),
    size: mb(bytes),
    heapPeakAbove: mb(heap - before.heapUsed),
    rssPeakAbove: mb(rss - before.rss),
  };
};

const countingSink = () => {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  return { sink, bytes: () => bytes };
};

const database = await createBenchDatabase('postgres', 'collection');
try {
  console.log(`seeding ${largeDataset.fiscalYears.length * largeDataset.proposalsPerYear} proposals…`);
  console.log(`seeded in ${(await seedLargeDataset(database)).toFixed(0)} s`);
  const handle = await database.open();
  try {
    const fiscalYear = largeDataset.dashboardFiscalYear;
    let entries = 0;
    const workbook = await measure(async () => {
      const collection = await openCollection(handle.db, office, fiscalYear);
      entries = 0;
      const counted = {
        ...collection,
        async *batches() {
          for await (const batch of collection.batches()) {
            entries += batch.length;
            yield batch;
          }
        },
      };
      const { sink, bytes } = countingSink();
      const finished = new Promise((resolve) => sink.on('finish', resolve));
      await writeCollectionWorkbook(counted, sink);
      await finished;
      return bytes();
    });
    console.log(`workbook of FY${fiscalYear}: ${entries} proposals`, workbook);
    const json = await measure(async () => {
      const collection = await openCollection(handle.db, office, fiscalYear);
      let bytes = 0;
      for await (const piece of collectionJson(collection)) bytes += Buffer.byteLength(piece);
      return bytes;
    });
    console.log(`JSON of FY${fiscalYear}`, json);
  } finally {
    await handle.close();
  }
} finally {
  await database.drop();
}
