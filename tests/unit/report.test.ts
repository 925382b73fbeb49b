import { describe, expect, it } from 'vitest';
import { percentage, proposalStatuses, statusGroupReport, type ProposalStatus } from '#shared';

describe('percentage', () => {
  it.each([
    [191, 648, 29.5],
    [377, 648, 58.2],
    [80, 648, 12.3],
    [648, 648, 100],
    [0, 648, 0],
    [1, 8, 12.5], // exact
    [1, 16, 6.3], // 6.25 rounds half up
    [3, 16, 18.8], // 18.75 rounds half up
    [49, 400, 12.3], // 12.25 rounds half up
    [23, 80, 28.8], // 28.75, although 23 / 80 * 100 is 28.749999… in floating point
    [41, 80, 51.3], // 51.25 (51.249999…)
    [29, 400, 7.3], // 7.25 (7.249999…)
    [1, 3, 33.3],
    [2, 3, 66.7],
    [1, 6, 16.7],
    [1, 7, 14.3],
    [1, 2000, 0.1], // 0.05 rounds half up
    [1, 2001, 0], // 0.04997…
    [1, 1999, 0.1],
    [7, 7, 100],
    [1, 1, 100],
  ])('%i of %i is %f%%', (part, total, expected) => {
    expect(percentage(part, total)).toBe(expected);
  });

  it('is 0 for an empty total', () => {
    expect(percentage(0, 0)).toBe(0);
    expect(percentage(5, 0)).toBe(0);
    expect(percentage(0, -1)).toBe(0);
  });

  it('never leaves more than one decimal and stays within half a tenth of the exact share', () => {
    const wrong: string[] = [];
    for (let total = 1; total <= 200; total += 1) {
      for (let part = 0; part <= total; part += 1) {
        const share = percentage(part, total);
        const oneDecimal = Math.round(share * 10) / 10 === share;
        const close = Math.abs(share - (part / total) * 100) <= 0.05 + 1e-9;
        if (!oneDecimal || !close) wrong.push(`${part}/${total} → ${share}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('rounds every exact half up', () => {
    // The share in tenths, part * 1000 / total, ends in .5 exactly when part * 2000 / total is odd.
    const wrong: string[] = [];
    let halves = 0;
    for (let total = 1; total <= 400; total += 1) {
      for (let part = 0; part <= total; part += 1) {
        const doubledTenths = (2000 * part) / total;
        if (!Number.isInteger(doubledTenths) || doubledTenths % 2 === 0) continue;
        halves += 1;
        const share = percentage(part, total);
        if (share !== (doubledTenths + 1) / 20) wrong.push(`${part}/${total} → ${share}`);
      }
    }
    expect(halves).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });
});

describe('statusGroupReport', () => {
  it("reproduces the plan's table (R6.6: 648 proposals, 29.5% / 58.2% / 12.3%)", () => {
    const report = statusGroupReport({
      realised: 150,
      settled: 41,
      received: 100,
      under_consideration: 277,
      blocked: 80,
      withdrawn: 12,
      merged: 9,
    });
    expect(report).toEqual({
      total: 648,
      rows: [
        { group: 'realised', count: 191, share: 29.5 },
        { group: 'considering', count: 377, share: 58.2 },
        { group: 'blocked', count: 80, share: 12.3 },
      ],
    });
  });

  it('does not count withdrawn and merged proposals', () => {
    const without = statusGroupReport({ realised: 191, under_consideration: 377, blocked: 80 });
    const withThem = statusGroupReport({
      realised: 191,
      under_consideration: 377,
      blocked: 80,
      withdrawn: 1000,
      merged: 1000,
    });
    expect(withThem).toEqual(without);
    expect(withThem.total).toBe(648);
  });

  it('counts each status in its group', () => {
    const cases: [ProposalStatus, 'realised' | 'considering' | 'blocked' | undefined][] = [
      ['received', 'considering'],
      ['under_consideration', 'considering'],
      ['settled', 'realised'],
      ['realised', 'realised'],
      ['blocked', 'blocked'],
      ['withdrawn', undefined],
      ['merged', undefined],
    ];
    expect(cases.map(([status]) => status).sort()).toEqual([...proposalStatuses].sort());
    for (const [status, group] of cases) {
      const report = statusGroupReport({ [status]: 3 });
      expect(report.total).toBe(group ? 3 : 0);
      for (const row of report.rows) {
        expect(row.count).toBe(row.group === group ? 3 : 0);
        expect(row.share).toBe(row.group === group ? 100 : 0);
      }
    }
  });

  it('shows all three rows in order, with zeros, when there is nothing to count', () => {
    const expected = {
      total: 0,
      rows: [
        { group: 'realised', count: 0, share: 0 },
        { group: 'considering', count: 0, share: 0 },
        { group: 'blocked', count: 0, share: 0 },
      ],
    };
    expect(statusGroupReport({})).toEqual(expected);
    expect(statusGroupReport({ withdrawn: 4, merged: 2 })).toEqual(expected);
  });

  it('rounds each share on its own (shares need not add up to 100)', () => {
    const report = statusGroupReport({ realised: 1, received: 1, blocked: 1 });
    expect(report.rows.map((row) => row.share)).toEqual([33.3, 33.3, 33.3]);
  });
});
