import { describe, expect, it } from 'vitest';
import {
  AppError,
  applyStatusChange,
  blockReasonLabels,
  blockReasons,
  canTransition,
  canWithdraw,
  isFinalStatus,
  nextStatuses,
  proposalStatuses,
  proposalStatusLabels,
  reportGroupLabels,
  reportGroupOf,
  reportGroups,
  statusesInGroup,
  type ProposalStatus,
  type StatusChange,
} from '#shared';

/**
 * The intended lifecycle, written out independently of the source: 受付 is only ever the first
 * status; 実現完了, 取下げ and 統合 are final; 実現見込み may fall back to 検討中 or 「その他」 but can no
 * longer be withdrawn; 「その他」 may be revisited; nothing "changes" to the status it already has.
 */
const allowed: Record<ProposalStatus, ProposalStatus[]> = {
  received: ['under_consideration', 'settled', 'realised', 'blocked', 'withdrawn', 'merged'],
  under_consideration: ['settled', 'realised', 'blocked', 'withdrawn', 'merged'],
  settled: ['under_consideration', 'realised', 'blocked', 'merged'],
  realised: [],
  blocked: ['under_consideration', 'settled', 'realised', 'withdrawn', 'merged'],
  withdrawn: [],
  merged: [],
};

const allPairs = proposalStatuses.flatMap((from) => proposalStatuses.map((to) => [from, to] as const));
const allowedPairs = allPairs.filter(([from, to]) => allowed[from].includes(to));
const refusedPairs = allPairs.filter(([from, to]) => !allowed[from].includes(to));

/** A change that satisfies the field rules, so only the transition itself decides. */
const completeChange = (status: ProposalStatus): StatusChange => ({
  status,
  blockReason: status === 'blocked' ? 'legal' : null,
  mergedIntoId: status === 'merged' ? 'target-id' : null,
});

const catchError = (action: () => unknown): unknown => {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
};

describe('status labels', () => {
  it('has the Japanese label of every status', () => {
    expect(proposalStatusLabels).toEqual({
      received: '受付',
      under_consideration: '検討中',
      settled: '実現見込み',
      realised: '実現完了',
      blocked: 'その他',
      withdrawn: '取下げ',
      merged: '統合',
    });
    expect(Object.keys(proposalStatusLabels).sort()).toEqual([...proposalStatuses].sort());
  });

  it('has a Japanese label for every block reason', () => {
    expect(Object.keys(blockReasonLabels).sort()).toEqual([...blockReasons].sort());
    expect(blockReasonLabels.legal).toBe('法律上の制約');
    expect(blockReasonLabels.security).toBe('セキュリティ上の課題');
  });
});

describe('transition table', () => {
  it('covers all 49 pairs', () => {
    expect(allPairs).toHaveLength(49);
    expect(allowedPairs).toHaveLength(20);
    expect(refusedPairs).toHaveLength(29);
  });

  it.each(allowedPairs)('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
    expect(nextStatuses(from)).toContain(to);
    expect(() => applyStatusChange(from, completeChange(to))).not.toThrow();
  });

  it.each(refusedPairs)('refuses %s → %s with a Japanese message', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
    expect(nextStatuses(from)).not.toContain(to);
    const error = catchError(() => applyStatusChange(from, completeChange(to)));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'INVALID_TRANSITION',
      userMessage: `「${proposalStatusLabels[from]}」から「${proposalStatusLabels[to]}」には変更できません。`,
      message: `Transition ${from} -> ${to} is not allowed`,
    });
  });

  it('lists exactly the allowed next statuses', () => {
    for (const from of proposalStatuses) {
      expect([...nextStatuses(from)].sort()).toEqual([...allowed[from]].sort());
    }
  });

  it('never leads back to 受付', () => {
    for (const from of proposalStatuses) expect(canTransition(from, 'received')).toBe(false);
  });

  it.each(proposalStatuses)('treats %s as final exactly when nothing may follow it', (status) => {
    expect(isFinalStatus(status)).toBe(['realised', 'withdrawn', 'merged'].includes(status));
  });

  it('checks the transition before the fields of the change', () => {
    // realised → blocked is refused as a transition even though the reason is also missing.
    expect(catchError(() => applyStatusChange('realised', { status: 'blocked' }))).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
    expect(catchError(() => applyStatusChange('withdrawn', { status: 'merged' }))).toMatchObject({
      code: 'INVALID_TRANSITION',
    });
  });
});

describe('canWithdraw', () => {
  it.each([
    ['received', true],
    ['under_consideration', true],
    ['blocked', true],
    ['settled', false],
    ['realised', false],
    ['withdrawn', false],
    ['merged', false],
  ] as const)('%s → %s', (status, expected) => {
    expect(canWithdraw(status)).toBe(expected);
  });
});

describe('applyStatusChange: 「その他」 (blocked)', () => {
  it('needs a reason category', () => {
    for (const blockReason of [undefined, null]) {
      const error = catchError(() =>
        applyStatusChange('under_consideration', {
          status: 'blocked',
          blockReason,
          blockReasonNote: '法改正待ち',
        }),
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: 'REASON_REQUIRED',
        userMessage: expect.stringContaining('理由の区分'),
        details: [{ path: 'blockReason', message: '理由の区分を選んでください。' }],
      });
    }
  });

  it.each(blockReasons)('keeps the reason %s, a trimmed note and the revisit date', (blockReason) => {
    expect(
      applyStatusChange('received', {
        status: 'blocked',
        blockReason,
        blockReasonNote: '  個人情報保護条例との調整が必要  ',
        revisitOn: '2025-04-01',
        mergedIntoId: 'ignored',
      }),
    ).toEqual({
      status: 'blocked',
      blockReason,
      blockReasonNote: '個人情報保護条例との調整が必要',
      revisitOn: '2025-04-01',
      mergedIntoId: null,
    });
  });

  it('stores a blank note and a missing revisit date as null', () => {
    expect(
      applyStatusChange('settled', { status: 'blocked', blockReason: 'security', blockReasonNote: ' \n ' }),
    ).toEqual({
      status: 'blocked',
      blockReason: 'security',
      blockReasonNote: null,
      revisitOn: null,
      mergedIntoId: null,
    });
  });

  it.each(['under_consideration', 'settled', 'realised', 'withdrawn', 'merged'] as const)(
    'clears the block fields when leaving 「その他」 for %s',
    (status) => {
      const fields = applyStatusChange('blocked', {
        status,
        blockReason: 'legal',
        blockReasonNote: '法律上の制約',
        revisitOn: '2025-04-01',
        mergedIntoId: status === 'merged' ? 'target-id' : null,
      });
      expect(fields).toMatchObject({ status, blockReason: null, blockReasonNote: null, revisitOn: null });
    },
  );
});

describe('applyStatusChange: 統合 (merged)', () => {
  it.each([undefined, null, ''])('needs a target (mergedIntoId %j)', (mergedIntoId) => {
    const error = catchError(() => applyStatusChange('received', { status: 'merged', mergedIntoId }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'VALIDATION',
      userMessage: '統合先の提案を指定してください。',
      details: [{ path: 'mergedIntoId', message: '統合先の提案を指定してください。' }],
    });
  });

  it('keeps the target', () => {
    expect(applyStatusChange('under_consideration', { status: 'merged', mergedIntoId: 'p-42' })).toEqual({
      status: 'merged',
      blockReason: null,
      blockReasonNote: null,
      revisitOn: null,
      mergedIntoId: 'p-42',
    });
  });

  it('drops a target given with any other status', () => {
    expect(
      applyStatusChange('received', { status: 'settled', mergedIntoId: 'p-42' }).mergedIntoId,
    ).toBeNull();
  });
});

describe('applyStatusChange: other statuses', () => {
  it('returns the new status with every other field null', () => {
    expect(applyStatusChange('received', { status: 'under_consideration' })).toEqual({
      status: 'under_consideration',
      blockReason: null,
      blockReasonNote: null,
      revisitOn: null,
      mergedIntoId: null,
    });
  });

  it('ignores block fields sent with a status other than 「その他」', () => {
    expect(
      applyStatusChange('under_consideration', {
        status: 'settled',
        blockReason: 'budget',
        blockReasonNote: 'note',
        revisitOn: '2025-01-01',
      }),
    ).toEqual({
      status: 'settled',
      blockReason: null,
      blockReasonNote: null,
      revisitOn: null,
      mergedIntoId: null,
    });
  });
});

describe('report groups', () => {
  it.each([
    ['received', 'considering'],
    ['under_consideration', 'considering'],
    ['settled', 'realised'],
    ['realised', 'realised'],
    ['blocked', 'blocked'],
    ['withdrawn', undefined],
    ['merged', undefined],
  ] as const)('%s counts in %s', (status, group) => {
    expect(reportGroupOf(status)).toBe(group);
  });

  it('lists the statuses of each group', () => {
    expect(statusesInGroup('realised')).toEqual(['settled', 'realised']);
    expect(statusesInGroup('considering')).toEqual(['received', 'under_consideration']);
    expect(statusesInGroup('blocked')).toEqual(['blocked']);
  });

  it('puts every status in at most one group and leaves out only withdrawn and merged', () => {
    const grouped = reportGroups.flatMap((group) => statusesInGroup(group));
    expect(new Set(grouped).size).toBe(grouped.length);
    expect(proposalStatuses.filter((status) => !grouped.includes(status))).toEqual(['withdrawn', 'merged']);
  });

  it("uses the plan's labels in the plan's order", () => {
    expect(reportGroups.map((group) => reportGroupLabels[group])).toEqual([
      '実現完了（又は見込み）',
      '検討中等',
      'その他',
    ]);
  });
});
