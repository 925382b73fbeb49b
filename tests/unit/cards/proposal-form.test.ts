import { describe, expect, it } from 'vitest';
import { proposalFormCard } from '../../../bot/src/cards/index';
import { validateAdaptiveCard } from '../../helpers/adaptive-card-validator';
import { expectShownLiterally, itIsAWellFormedCard, type CardCase } from '../../helpers/card-checks';
import {
  categories,
  formInput,
  injection,
  projects,
  requestId,
  worstFormInput,
} from '../../helpers/card-fixtures';
import { flatBody, inputById, inputsOf, nodesOf, visibleText } from '../../helpers/card-inspection';

const cases: CardCase[] = [
  ['proposal form, empty', () => proposalFormCard(formInput())],
  [
    'proposal form, without people picker or projects',
    () => proposalFormCard(formInput({ peoplePicker: false, projects: [] })),
  ],
  [
    'proposal form, similar found',
    () =>
      proposalFormCard(
        formInput({ similar: [{ number: 'R6-0001', title: '旅費精算のオンライン化', statusLabel: '受付' }] }),
      ),
  ],
  ['proposal form, worst case', () => proposalFormCard(worstFormInput())],
];

describe('proposalFormCard', () => {
  itIsAWellFormedCard(cases);

  it('shows user text literally in the similar list', () => {
    expectShownLiterally(
      proposalFormCard(
        formInput({ similar: [{ number: 'R6-0001', title: injection, statusLabel: '受付' }] }),
      ),
      injection,
    );
  });

  it('but puts input values back exactly as typed, unescaped', () => {
    const card = proposalFormCard(
      formInput({ values: { title: injection, body: `# 見出し\n${injection}` } }),
    );
    expect(inputById(card, 'title')?.value).toBe(injection);
    expect(inputById(card, 'body')?.value).toBe(`# 見出し\n${injection}`);
  });

  it('has the fields with their limits, required markers and Japanese messages', () => {
    const card = proposalFormCard(formInput());
    expect(inputsOf(card).map((input) => input.id)).toEqual([
      'title',
      'body',
      'category',
      'expectedEffect',
      'coProposerIds',
      'priorityProjectIds',
    ]);
    expect(inputById(card, 'title')).toMatchObject({
      type: 'Input.Text',
      maxLength: 100,
      isRequired: true,
      label: '件名',
    });
    expect(inputById(card, 'title')?.errorMessage).toMatch(/件名/);
    expect(inputById(card, 'body')).toMatchObject({ isMultiline: true, maxLength: 2000, isRequired: true });
    expect(inputById(card, 'category')).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true });
    expect((inputById(card, 'category')?.choices as unknown[]).length).toBe(categories.length);
    expect(inputById(card, 'expectedEffect')).toMatchObject({ isMultiline: true, maxLength: 1000 });
    expect(inputById(card, 'expectedEffect')?.isRequired).toBeUndefined();
    expect(inputById(card, 'coProposerIds')).toMatchObject({
      type: 'Input.ChoiceSet',
      isMultiSelect: true,
      choices: [],
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    });
    const project = inputById(card, 'priorityProjectIds')!;
    expect(project.label).toContain('令和6年度');
    expect(project.isRequired).toBeUndefined();
    expect(project.choices).toEqual(projects.map((p) => ({ title: p.label, value: p.id })));
  });

  it('leaves out the co-proposer picker without Graph and the projects field without projects', () => {
    const card = proposalFormCard(formInput({ peoplePicker: false, projects: [] }));
    expect(inputsOf(card).map((input) => input.id)).toEqual(['title', 'body', 'category', 'expectedEffect']);
    expect(JSON.stringify(card)).not.toContain('choices.data');
  });

  it('submits with the request id, or checks for similar proposals first', () => {
    const card = proposalFormCard(formInput());
    expect(card.actions).toEqual([
      expect.objectContaining({
        title: '提出する',
        verb: 'proposal.submit',
        data: { requestId },
        associatedInputs: 'auto',
      }),
      expect.objectContaining({
        title: '類似の提案を確認',
        verb: 'proposal.check',
        data: { requestId },
        associatedInputs: 'auto',
      }),
    ]);
    expect(visibleText(card)).not.toContain('似ている提案があります');
  });

  it('keeps every typed value', () => {
    const values = {
      title: '会議資料のペーパレス化',
      body: '庁内会議の資料を\n電子化する。',
      category: 'paperless',
      expectedEffect: '印刷時間の削減',
      coProposerIds: 'aaaaaaaa-0000-4000-8000-000000000002, aaaaaaaa-0000-4000-8000-000000000003',
      priorityProjectIds: projects[3]!.id,
    };
    const card = proposalFormCard(
      formInput({ values, coProposers: [{ id: 'aaaaaaaa-0000-4000-8000-000000000002', name: '周南 花子' }] }),
    );
    for (const [field, value] of Object.entries(values)) {
      if (field !== 'coProposerIds') expect(inputById(card, field)?.value).toBe(value);
    }
    const picker = inputById(card, 'coProposerIds')!;
    expect(picker.value).toBe('aaaaaaaa-0000-4000-8000-000000000002,aaaaaaaa-0000-4000-8000-000000000003');
    // Preselected people are offered as choices, so Teams can show their names.
    expect(picker.choices).toEqual([
      { title: '周南 花子', value: 'aaaaaaaa-0000-4000-8000-000000000002' },
      { title: '選択済みのユーザー', value: 'aaaaaaaa-0000-4000-8000-000000000003' },
    ]);
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it.each([
    ['a record', { title: '件名を入力してください。', body: '提案内容は2000文字以内で入力してください。' }],
    [
      'a list',
      [
        { field: 'title', message: '件名を入力してください。' },
        { field: 'body', message: '提案内容は2000文字以内で入力してください。' },
      ],
    ],
  ])('shows errors given as %s in a summary and under each field, in red', (_shape, errors) => {
    const card = proposalFormCard(formInput({ errors, values: { title: '', body: 'あ'.repeat(2001) } }));
    const body = flatBody(card);
    const summary = body.find((element) => element.type === 'Container' && element.style === 'attention');
    expect(summary).toBeDefined();
    const summaryText = JSON.stringify(summary);
    expect(summaryText).toContain('件名を入力してください。');
    expect(summaryText).toContain('提案内容は2000文字以内で入力してください。');
    // The summary comes before the first input.
    expect(body.indexOf(summary!)).toBeLessThan(body.findIndex((element) => element.id === 'title'));

    const after = (id: string) => body[body.findIndex((element) => element.id === id) + 1];
    expect(after('title')).toMatchObject({
      type: 'TextBlock',
      text: '件名を入力してください。',
      color: 'Attention',
    });
    expect(after('body')).toMatchObject({
      text: '提案内容は2000文字以内で入力してください。',
      color: 'Attention',
    });
    expect(after('category')?.color).toBeUndefined();
    expect(inputById(card, 'body')?.value).toBe('あ'.repeat(2001));
  });

  it('has no error box without errors', () => {
    const card = proposalFormCard(formInput({ errors: {} }));
    expect(nodesOf(card).some((node) => node.style === 'attention' || node.color === 'Attention')).toBe(
      false,
    );
  });

  it('shows up to three similar proposals and asks to confirm before submitting', () => {
    const similar = Array.from({ length: 5 }, (_, i) => ({
      number: `R6-000${i + 1}`,
      title: `旅費精算のオンライン化${i + 1}`,
      statusLabel: i === 0 ? '検討中' : '受付',
    }));
    const card = proposalFormCard(formInput({ similar, values: { title: '旅費精算をオンライン化する' } }));
    const text = visibleText(card);
    expect(text).toContain('似ている提案があります');
    for (const item of similar.slice(0, 3)) {
      expect(text).toContain(item.number);
      expect(text).toContain(item.title);
    }
    expect(text).toContain('検討中');
    expect(text).not.toContain('R6-0004');
    expect(card.actions).toEqual([
      expect.objectContaining({
        title: 'このまま提出する',
        verb: 'proposal.submit',
        data: { requestId, confirmSimilar: 'true' },
        associatedInputs: 'auto',
      }),
      expect.objectContaining({ verb: 'proposal.check', data: { requestId }, associatedInputs: 'auto' }),
    ]);
    expect(inputById(card, 'title')?.value).toBe('旅費精算をオンライン化する');
  });

  it('counts similar proposals the user may not see, without their titles, and still asks to confirm', () => {
    const shown = [{ number: 'R6-0001', title: '旅費精算のオンライン化', statusLabel: '検討中' }];
    const withBoth = visibleText(proposalFormCard(formInput({ similar: shown, hiddenSimilarCount: 2 })));
    expect(withBoth).toContain('R6-0001');
    expect(withBoth).toContain('ほかに類似の提案が2件あります（非公開）');

    const onlyHidden = proposalFormCard(formInput({ similar: [], hiddenSimilarCount: 1 }));
    expect(visibleText(onlyHidden)).toContain('似ている提案があります');
    expect(visibleText(onlyHidden)).toContain('類似の提案が1件あります（非公開）');
    expect(onlyHidden.actions?.[0]).toEqual(
      expect.objectContaining({ verb: 'proposal.submit', data: { requestId, confirmSimilar: 'true' } }),
    );
  });
});
