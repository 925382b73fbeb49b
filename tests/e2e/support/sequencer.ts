import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The e2e files share one server with the demo seed. Scenarios that add proposals of today's fiscal
 * year (through the office's CSV import) change what the first look shows — the current year then has
 * data — so they run after every file that checks the demo as seeded (dashboard figures, default
 * year, the list's numbers). Every other file keeps Vitest's own order.
 */
const addsProposals = ['/tests/e2e/liaison.e2e.test.ts', '/tests/e2e/queues-withdraw.e2e.test.ts'];

const runsLast = (file: TestSpecification): boolean =>
  addsProposals.some((name) => file.moduleId.replaceAll('\\', '/').endsWith(name));

export class DemoFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((file) => !runsLast(file)), ...sorted.filter(runsLast)];
  }
}
