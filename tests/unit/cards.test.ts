import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  defaultStampKinds,
  proposalCategories,
  proposalCategoryLabels,
  proposalLimits,
  stampLimits,
  type StampKind,
} from '#shared';
import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';
import {
  cardVerbs,
  divisionPickerCard,
  errorCard,
  helpCard,
  myProposalsCard,
  oneOnOneMeetingLink,
  proposalConfirmationCard,
  proposalDeepLink,
  proposalFormCard,
  projectLinkCard,
  stampFormCard,
  stampReceivedCard,
  stampSentCard,
  statusChangedCard,
  welcomeCard,
  type MyProposalItem,
  type ProposalFormCardInput,
  type StampFormCardInput,
} from '../../bot/src/cards/index';
import { cardSizeBytes, cardSizeLimitBytes, validateAdaptiveCard } from '../helpers/adaptive-card-validator';
import {
  executeActionsOf,
  flatBody,
  inputById,
  inputsOf,
  markdownTextsOf,
  nodesOf,
  openUrlsOf,
  renderedText,
  unescapedMarkdown,
  visibleText,
} from '../helpers/card-inspection';

// ---------------------------------------------------------------------------------------------------
// Data: realistic, and the worst the limits allow (every field at its maximum length, in 4-byte
// characters or Markdown specials that double when escaped).

/** `n` characters of 4 bytes each in UTF-8: the heaviest text a length limit lets through. */
const wide = (n: number): string => '𠮷'.repeat(n);
/** `n` characters alternating a 4-byte character and a Markdown special (escaped: 3 more bytes). */
const marked = (n: number): string => Array.from({ length: n }, (_, i) => (i % 2 ? '*' : '𠮷')).join('');
const injection = '**太字** [link](http://evil) ${user.name}';

const categories = proposalCategories.map((value) => ({ value, label: proposalCategoryLabels[value] }));
const projects = [
  { id: randomUUID(), label: '1-1 利便性とセキュリティを両立させるＤＸプラットフォームの構築' },
  { id: randomUUID(), label: '1-2 デジタルツールの利活用環境の構築・利活用推進' },
  { id: randomUUID(), label: '1-3 フロントヤード・バックヤードＤＸ' },
  { id: randomUUID(), label: '2-1 ペーパレス化の更なる推進' },
  { id: randomUUID(), label: '2-2 最適なワークプレイスの整備' },
];
const manyProjects = Array.from({ length: 12 }, (_, i) => ({
  id: randomUUID(),
  label: `${i + 1}-1 ${wide(60)}`,
}));
const requestId = 'req-8f14e45f-ea1f-4b1c-9a1f-5c3d2e1b0a99';

const formInput = (overrides: Partial<ProposalFormCardInput> = {}): ProposalFormCardInput => ({
  requestId,
  categories,
  projects,
  fiscalYearLabel: '令和6年度',
  peoplePicker: true,
  ...overrides,
});

const worstFormInput = (): ProposalFormCardInput => {
  const coProposers = Array.from({ length: 10 }, () => ({ id: randomUUID(), name: wide(30) }));
  return formInput({
    projects: manyProjects,
    values: {
      title: wide(proposalLimits.title),
      body: wide(proposalLimits.body),
      category: 'digital',
      expectedEffect: wide(proposalLimits.expectedEffect),
      coProposerIds: coProposers.map((person) => person.id).join(','),
      priorityProjectIds: manyProjects[0]!.id,
    },
    coProposers,
    errors: {
      title: '件名は100文字以内で入力してください。',
      body: '提案内容は2000文字以内で入力してください。',
      category: '分類の値が正しくありません。',
      expectedEffect: '期待される効果は1000文字以内で入力してください。',
      coProposerIds: '共同提案者は10人までです。',
      priorityProjectIds: '重点案件の指定が正しくありません。',
    },
    similar: Array.from({ length: 5 }, (_, i) => ({
      number: `R6-${String(i + 1).padStart(4, '0')}`,
      title: marked(proposalLimits.title),
      statusLabel: '実現完了',
    })),
  });
};

const manyKinds: StampKind[] = Array.from({ length: 40 }, (_, i) => ({
  code: `kind-${i}`,
  label: wide(30),
  emoji: '👨‍👩‍👧‍👦',
  purpose: i === 0 ? 'one_on_one' : 'appreciation',
  isActive: true,
  sortOrder: i,
}));
const thanks = defaultStampKinds.find((kind) => kind.code === 'thanks')!;
const oneOnOne = defaultStampKinds.find((kind) => kind.purpose === 'one_on_one')!;

const myItem = (i: number, overrides: Partial<MyProposalItem> = {}): MyProposalItem => ({
  number: `R6-${String(i).padStart(4, '0')}`,
  title: `提案その${i}`,
  statusLabel: '検討中',
  answer: i % 2 ? null : '所管課と実現に向けて検討しています。',
  updatedAt: '2024-06-10T01:00:00Z',
  ...overrides,
});

const stampInput = (overrides: Partial<StampFormCardInput> = {}): StampFormCardInput => ({
  requestId,
  kinds: defaultStampKinds,
  peoplePicker: true,
  ...overrides,
});

const divisions = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: randomUUID(), label: `総務部人事課職員厚生班${i}` }));

/** Every builder, with realistic and worst-case data. */
const cards: [string, () => AdaptiveCard][] = [
  ['welcome', () => welcomeCard({ displayName: '山口 太郎' })],
  ['welcome, long name with Markdown', () => welcomeCard({ displayName: marked(100) })],
  ['help', () => helpCard()],
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
  [
    'confirmation',
    () =>
      proposalConfirmationCard({
        proposal: {
          number: 'R6-0001',
          title: '会議資料のペーパレス化',
          status: 'received',
          submittedAt: '2024-06-10T01:00:00Z',
        },
        deepLink: proposalDeepLink({
          teamsAppId: 'app-id-1',
          publicUrl: 'https://p.example.jp',
          proposalId: randomUUID(),
        }),
      }),
  ],
  [
    'confirmation, worst case',
    () =>
      proposalConfirmationCard({
        proposal: {
          number: 'R6-9999',
          title: marked(proposalLimits.title),
          status: 'received',
          submittedAt: '2024-06-10T01:00:00Z',
          category: 'organization',
          coProposers: Array.from({ length: 10 }, () => ({ id: randomUUID(), displayName: marked(40) })),
        },
        deepLink: proposalDeepLink({
          teamsAppId: randomUUID(),
          publicUrl: 'https://p.example.jp',
          proposalId: randomUUID(),
        }),
      }),
  ],
  ['my proposals, empty', () => myProposalsCard({ items: [], page: 1, totalPages: 1, total: 0 })],
  [
    'my proposals, one page',
    () => myProposalsCard({ items: [1, 2, 3].map((i) => myItem(i)), page: 1, totalPages: 1, total: 3 }),
  ],
  [
    'my proposals, worst case',
    () =>
      myProposalsCard({
        items: Array.from({ length: 10 }, (_, i) =>
          myItem(i + 1, {
            title: marked(proposalLimits.title),
            answer: marked(proposalLimits.answer),
            statusLabel: '実現見込み',
          }),
        ),
        page: 5,
        totalPages: 65,
        total: 648,
      }),
  ],
  ['stamp form', () => stampFormCard(stampInput())],
  [
    'stamp form, known colleagues',
    () =>
      stampFormCard(
        stampInput({
          peoplePicker: false,
          fallbackRecipients: [
            { id: 'u1', label: '周南 花子（総務課）' },
            { id: 'u2', label: '下関 次郎（人事課）' },
          ],
        }),
      ),
  ],
  ['stamp form, nobody to choose', () => stampFormCard(stampInput({ peoplePicker: false }))],
  ['stamp form, no kinds', () => stampFormCard(stampInput({ kinds: [] }))],
  [
    'stamp form, worst case',
    () => {
      const recipients = Array.from({ length: stampLimits.recipients }, () => ({
        id: randomUUID(),
        name: wide(40),
      }));
      return stampFormCard(
        stampInput({
          kinds: manyKinds,
          recipients,
          values: {
            recipientIds: recipients.map((r) => r.id).join(','),
            kindCode: 'kind-3',
            message: wide(stampLimits.message),
          },
          errors: [
            { field: 'recipientIds', message: '宛先は一度に20人までです。' },
            { field: 'kindCode', message: 'スタンプを選んでください。' },
            { field: 'message', message: 'メッセージは200文字以内で入力してください。' },
          ],
        }),
      );
    },
  ],
  [
    'stamp form, worst case with 100 known colleagues',
    () =>
      stampFormCard(
        stampInput({
          kinds: manyKinds,
          peoplePicker: false,
          fallbackRecipients: Array.from({ length: 100 }, () => ({ id: randomUUID(), label: wide(20) })),
        }),
      ),
  ],
  [
    'stamp received',
    () =>
      stampReceivedCard({
        senderName: '山口 太郎',
        kind: thanks,
        message: '資料作成ありがとうございました！',
        sentAt: new Date('2024-06-10T01:00:00Z'),
        replyRequestId: `reply:${randomUUID()}`,
        thanksKindCode: 'thanks',
      }),
  ],
  [
    'stamp received, 1on1 worst case',
    () =>
      stampReceivedCard({
        senderName: marked(100),
        kind: { ...oneOnOne, label: marked(30), emoji: '👨‍👩‍👧‍👦' },
        message: marked(stampLimits.message),
        sentAt: '2024-06-10T01:00:00Z',
        replyRequestId: `reply:${randomUUID()}`,
        thanksKindCode: 'thanks',
        meetingLink: oneOnOneMeetingLink({
          attendeeEmail: 'taro@example.jp',
          subject: `1on1（${marked(100)}さん）`,
        }),
      }),
  ],
  [
    'stamp sent',
    () =>
      stampSentCard({
        kind: thanks,
        recipients: [
          { name: '周南 花子', delivery: 'delivered' },
          { name: '下関 次郎', delivery: 'pending' },
        ],
        message: null,
      }),
  ],
  [
    'stamp sent, worst case',
    () =>
      stampSentCard({
        kind: { ...thanks, label: marked(30) },
        recipients: Array.from({ length: stampLimits.recipients }, (_, i) => ({
          name: marked(100),
          delivery: i % 2 ? 'pending' : 'delivered',
        })),
        message: marked(stampLimits.message),
      }),
  ],
  [
    'status changed',
    () =>
      statusChangedCard({
        number: 'R6-0001',
        title: '会議資料のペーパレス化',
        previousStatusLabel: '受付',
        statusLabel: '検討中',
        answer: '所管課と検討を始めました。',
        deepLink: proposalDeepLink({
          teamsAppId: 'app-id-1',
          publicUrl: 'https://p.example.jp',
          proposalId: 'p1',
        }),
      }),
  ],
  [
    'status changed, worst case',
    () =>
      statusChangedCard({
        number: 'R6-0001',
        title: marked(proposalLimits.title),
        previousStatusLabel: '検討中',
        statusLabel: 'その他',
        blockReasonLabel: 'セキュリティ上の課題',
        answer: `${marked(proposalLimits.answer / 2)}\n${wide(proposalLimits.answer / 2)}`,
        deepLink: proposalDeepLink({
          teamsAppId: randomUUID(),
          publicUrl: 'https://p.example.jp',
          proposalId: randomUUID(),
        }),
      }),
  ],
  [
    'priority project linked',
    () =>
      projectLinkCard({
        linked: true,
        number: 'R6-0001',
        title: '会議資料のペーパレス化',
        projectCode: 'R6-2-1',
        projectTitle: 'ペーパレス化の更なる推進',
        deepLink: proposalDeepLink({
          teamsAppId: 'app-id-1',
          publicUrl: 'https://p.example.jp',
          proposalId: 'p1',
        }),
      }),
  ],
  [
    'priority project unlinked, worst case',
    () =>
      projectLinkCard({
        linked: false,
        number: 'R6-0001',
        title: marked(proposalLimits.title),
        projectCode: 'R6-2-1',
        projectTitle: marked(100),
        deepLink: proposalDeepLink({
          teamsAppId: randomUUID(),
          publicUrl: 'https://p.example.jp',
          proposalId: randomUUID(),
        }),
      }),
  ],
  ['error', () => errorCard({ message: '対象が見つかりません。' })],
  [
    'error with retry',
    () => errorCard({ message: marked(500), retryVerb: 'proposal.mine', data: { page: 2 } }),
  ],
  ['division picker', () => divisionPickerCard({ requestId, divisions: divisions(30) })],
  ['division picker, none', () => divisionPickerCard({ requestId, divisions: [] })],
  [
    'division picker, 250 divisions',
    () => divisionPickerCard({ requestId, divisions: divisions(250), current: undefined }),
  ],
];

// ---------------------------------------------------------------------------------------------------

describe('every card', () => {
  it.each(cards)('%s: valid Adaptive Card 1.5 for Teams, under 28 KB', (_name, build) => {
    const card = build();
    expect(card.version).toBe('1.5');
    expect(validateAdaptiveCard(card)).toEqual([]);
    expect(cardSizeBytes(card)).toBeLessThan(cardSizeLimitBytes);
  });

  it.each(cards)('%s: verbs are known `noun.verb`s; creating actions carry a requestId', (_name, build) => {
    const card = build();
    for (const action of executeActionsOf(card)) {
      expect(cardVerbs).toContain(action.verb);
      expect(action.verb).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      if (
        ['proposal.submit', 'proposal.check', 'stamp.send', 'stamp.reply', 'user.setDivision'].includes(
          action.verb,
        )
      ) {
        expect(typeof action.data?.requestId).toBe('string');
        expect((action.data!.requestId as string).length).toBeGreaterThanOrEqual(8);
      }
      // A card with inputs sends them with every action that needs them.
      if (inputsOf(card).length > 0) expect(action.associatedInputs).toBe('auto');
    }
    for (const { url } of openUrlsOf(card)) expect(() => new URL(url)).not.toThrow();
  });

  it.each(cards)('%s: every shown text is plain (no unescaped Markdown, no template)', (_name, build) => {
    for (const text of markdownTextsOf(build())) {
      expect(text).not.toMatch(unescapedMarkdown);
      expect(text).not.toMatch(/^[#>+=-]|\n[#>+=-]/);
    }
  });
});

describe('user text is shown literally everywhere', () => {
  const literally = (card: AdaptiveCard, text: string) => {
    expect(markdownTextsOf(card).map(renderedText)).toContain(text);
    expect(JSON.stringify(card)).not.toContain('${');
  };

  it('in the similar list, confirmation, my proposals and status notification', () => {
    literally(
      proposalFormCard(
        formInput({ similar: [{ number: 'R6-0001', title: injection, statusLabel: '受付' }] }),
      ),
      injection,
    );
    literally(
      proposalConfirmationCard({
        proposal: {
          number: 'R6-0001',
          title: injection,
          status: 'received',
          submittedAt: '2024-06-10T01:00:00Z',
        },
      }),
      injection,
    );
    literally(
      myProposalsCard({ items: [myItem(1, { title: injection })], page: 1, totalPages: 1, total: 1 }),
      injection,
    );
    const status = statusChangedCard({
      number: 'R6-0001',
      title: injection,
      previousStatusLabel: '受付',
      statusLabel: '検討中',
      answer: `${injection}\n1. 次の手順`,
    });
    literally(status, injection);
    literally(status, `${injection}\n1. 次の手順`);
  });

  it('in stamps: sender, recipients, message and kind names', () => {
    const received = stampReceivedCard({
      senderName: injection,
      kind: { ...thanks, label: '_ありがとう_' },
      message: `- ${injection}`,
      sentAt: '2024-06-10T01:00:00Z',
      replyRequestId: 'reply:00000000',
    });
    literally(received, `${injection}さんからスタンプが届きました`);
    literally(received, `- ${injection}`);
    literally(received, '_ありがとう_');
    const sent = stampSentCard({
      kind: thanks,
      recipients: [{ name: injection, delivery: 'pending' }],
      message: injection,
    });
    literally(sent, `${injection}さん`);
    literally(sent, injection);
    literally(welcomeCard({ displayName: injection }), `${injection}さん、ようこそ！`);
    literally(errorCard({ message: injection }), injection);
  });

  it('but input values are put back exactly as typed, unescaped', () => {
    const card = proposalFormCard(
      formInput({ values: { title: injection, body: `# 見出し\n${injection}` } }),
    );
    expect(inputById(card, 'title')?.value).toBe(injection);
    expect(inputById(card, 'body')?.value).toBe(`# 見出し\n${injection}`);
  });

  it('keeps proposal numbers readable in the JSON', () => {
    const card = myProposalsCard({ items: [myItem(1)], page: 1, totalPages: 1, total: 1 });
    expect(JSON.stringify(card)).toContain('"R6-0001"');
  });
});

describe('welcomeCard and helpCard', () => {
  const menu = ['proposal.form', 'stamp.form', 'proposal.mine', 'help.show'];

  it('greets by name and offers the four things the app does', () => {
    const card = welcomeCard({ displayName: '山口 太郎' });
    expect(visibleText(card)).toContain('山口 太郎さん');
    expect(visibleText(card)).toContain('職員提案');
    expect(visibleText(card)).toContain('アクションスタンプ');
    expect(card.actions?.map((action) => [action.title, action.verb])).toEqual([
      ['提案する', 'proposal.form'],
      ['スタンプを送る', 'stamp.form'],
      ['自分の提案', 'proposal.mine'],
      ['ヘルプ', 'help.show'],
    ]);
    expect(card.msteams).toEqual({ width: 'Full' });
  });

  it('lists the chat commands in Japanese and English', () => {
    const card = helpCard();
    const text = visibleText(card);
    for (const command of ['提案 / propose', 'スタンプ / stamp', '自分の提案 / my', 'ヘルプ / help']) {
      expect(text).toContain(command);
    }
    expect(executeActionsOf(card).map((action) => action.verb)).toEqual(menu);
  });
});

describe('proposalFormCard', () => {
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
    expect((inputById(card, 'category')?.choices as unknown[]).length).toBe(proposalCategories.length);
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

describe('proposalConfirmationCard', () => {
  const proposal = {
    number: 'R6-0001',
    title: '会議資料のペーパレス化',
    status: 'received' as const,
    submittedAt: '2024-06-10T01:00:00Z',
  };

  it('shows number, title, status 受付 and the Japan date, with a link to the tab', () => {
    const deepLink = proposalDeepLink({
      teamsAppId: 'app-id-1',
      publicUrl: 'https://p.example.jp',
      proposalId: 'p-1',
    })!;
    const card = proposalConfirmationCard({ proposal, deepLink });
    const text = visibleText(card);
    expect(text).toContain('提案を受け付けました');
    expect(text).toContain('R6-0001');
    expect(text).toContain('会議資料のペーパレス化');
    expect(text).toContain('受付');
    expect(text).toContain('2024年6月10日');
    expect(openUrlsOf(card)).toEqual([{ type: 'Action.OpenUrl', title: 'タブで開く', url: deepLink }]);
  });

  it('has no link button without a link', () => {
    expect(openUrlsOf(proposalConfirmationCard({ proposal }))).toEqual([]);
  });
});

describe('myProposalsCard', () => {
  const pagingOf = (card: AdaptiveCard) =>
    executeActionsOf(card)
      .filter((action) => action.verb === 'proposal.mine')
      .map((action) => [action.title, action.data]);

  it('lists number, title, status and the latest answer', () => {
    const card = myProposalsCard({ items: [1, 2].map((i) => myItem(i)), page: 1, totalPages: 1, total: 2 });
    const text = visibleText(card);
    expect(text).toContain('R6-0001');
    expect(text).toContain('提案その2');
    expect(text).toContain('検討中');
    expect(text).toContain('所管課と実現に向けて検討しています。');
    expect(text).toContain('回答：まだありません');
    expect(text).toContain('2024年6月10日');
  });

  it('cuts long answers', () => {
    const answer = 'あ'.repeat(proposalLimits.answer);
    const card = myProposalsCard({ items: [myItem(1, { answer })], page: 1, totalPages: 1, total: 1 });
    const shown = markdownTextsOf(card).find((text) => text.startsWith('回答：'))!;
    expect(shown).toBe(`回答：${'あ'.repeat(119)}…`);
  });

  it.each([
    [1, 1, []],
    [1, 3, [['次へ', { page: 2 }]]],
    [
      2,
      3,
      [
        ['前へ', { page: 1 }],
        ['次へ', { page: 3 }],
      ],
    ],
    [3, 3, [['前へ', { page: 2 }]]],
  ])('page %i of %i: paging buttons %j', (page, totalPages, expected) => {
    const card = myProposalsCard({ items: [myItem(1)], page, totalPages, total: totalPages * 5 });
    expect(pagingOf(card)).toEqual(expected);
    if (totalPages > 1) expect(visibleText(card)).toContain(`${page} / ${totalPages}ページ`);
  });

  it('invites a first proposal when there is none', () => {
    const card = myProposalsCard({ items: [], page: 1, totalPages: 1, total: 0 });
    expect(visibleText(card)).toContain('まだ提案はありません');
    expect(card.actions).toEqual([expect.objectContaining({ title: '提案する', verb: 'proposal.form' })]);
    expect(pagingOf(card)).toEqual([]);
  });
});

describe('stampFormCard', () => {
  it('offers the people picker, the kinds with emoji and a short message', () => {
    const card = stampFormCard(stampInput());
    expect(inputsOf(card).map((input) => input.id)).toEqual(['recipientIds', 'kindCode', 'message']);
    expect(inputById(card, 'recipientIds')).toMatchObject({
      isMultiSelect: true,
      isRequired: true,
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    });
    const kinds = inputById(card, 'kindCode')!;
    expect(kinds.style).toBe('expanded');
    expect(kinds.choices).toContainEqual({ title: '🙏 ありがとう', value: 'thanks' });
    expect(kinds.choices).toContainEqual({ title: '💬 1on1しませんか', value: 'one-on-one' });
    expect(kinds.value).toBe('thanks');
    expect(inputById(card, 'message')).toMatchObject({ isMultiline: true, maxLength: 200 });
    expect(card.actions).toEqual([
      expect.objectContaining({
        title: '送る',
        verb: 'stamp.send',
        data: { requestId },
        associatedInputs: 'auto',
      }),
    ]);
  });

  it('uses a drop-down for many kinds', () => {
    const card = stampFormCard(stampInput({ kinds: manyKinds }));
    expect(inputById(card, 'kindCode')?.style).toBeUndefined();
    expect((inputById(card, 'kindCode')?.choices as unknown[]).length).toBe(manyKinds.length);
  });

  it('offers known colleagues when the people picker is unavailable', () => {
    const card = stampFormCard(
      stampInput({ peoplePicker: false, fallbackRecipients: [{ id: 'u1', label: '周南 花子（総務課）' }] }),
    );
    const recipients = inputById(card, 'recipientIds')!;
    expect(recipients).toMatchObject({
      style: 'filtered',
      isMultiSelect: true,
      choices: [{ title: '周南 花子（総務課）', value: 'u1' }],
    });
    expect(recipients).not.toHaveProperty('choices.data');
  });

  it('keeps values and shows errors', () => {
    const card = stampFormCard(
      stampInput({
        values: { recipientIds: 'a1,a2', kindCode: 'nice', message: '**ありがとう**' },
        errors: { recipientIds: '自分自身にはスタンプを送れません。' },
      }),
    );
    expect(inputById(card, 'recipientIds')?.value).toBe('a1,a2');
    expect(inputById(card, 'kindCode')?.value).toBe('nice');
    expect(inputById(card, 'message')?.value).toBe('**ありがとう**');
    const body = flatBody(card);
    expect(body[body.findIndex((element) => element.id === 'recipientIds') + 1]).toMatchObject({
      text: '自分自身にはスタンプを送れません。',
      color: 'Attention',
    });
  });

  it('offers no send button when there is nothing to send or nobody to send to', () => {
    expect(stampFormCard(stampInput({ kinds: [] })).actions).toBeUndefined();
    expect(stampFormCard(stampInput({ peoplePicker: false })).actions).toBeUndefined();
    expect(visibleText(stampFormCard(stampInput({ peoplePicker: false })))).toContain(
      '選べる宛先がまだありません',
    );
  });

  it('does not preselect a kind that is no longer offered', () => {
    const card = stampFormCard(stampInput({ values: { kindCode: 'retired' } }));
    expect(inputById(card, 'kindCode')?.value).toBe('thanks');
  });
});

describe('stampReceivedCard', () => {
  const base = {
    senderName: '山口 太郎',
    message: '資料作成ありがとうございました！',
    sentAt: '2024-06-10T01:00:00Z',
    replyRequestId: 'reply:0b6f8a52',
  };

  it('shows the stamp big, who sent it, the message, and a one-click thank-you', () => {
    const card = stampReceivedCard({ ...base, kind: thanks, thanksKindCode: 'thanks' });
    const text = visibleText(card);
    expect(text).toContain('🙏');
    expect(text).toContain('ありがとう');
    expect(text).toContain('山口 太郎さんからスタンプが届きました');
    expect(text).toContain('資料作成ありがとうございました！');
    expect(text).toContain('2024年6月10日 10:00');
    expect(nodesOf(card).find((node) => node.text === '🙏')?.size).toBe('ExtraLarge');
    expect(executeActionsOf(card)).toEqual([
      expect.objectContaining({
        verb: 'stamp.reply',
        data: { requestId: 'reply:0b6f8a52', kindCode: 'thanks' },
      }),
    ]);
    expect(openUrlsOf(card)).toEqual([]);
  });

  it('has no reply button without a thanks kind, and no empty message', () => {
    const card = stampReceivedCard({ ...base, message: null, kind: thanks });
    expect(executeActionsOf(card)).toEqual([]);
    expect(card.actions).toBeUndefined();
  });

  it('offers to schedule the 1on1 for an invitation', () => {
    const meetingLink = oneOnOneMeetingLink({
      attendeeEmail: 'taro@example.jp',
      subject: '1on1（山口 太郎さん）',
    });
    const card = stampReceivedCard({ ...base, kind: oneOnOne, thanksKindCode: 'thanks', meetingLink });
    expect(openUrlsOf(card)).toEqual([
      { type: 'Action.OpenUrl', title: '1on1の日程を作成', url: meetingLink },
    ]);
    expect(visibleText(card)).toContain('1on1のお誘い');
    // Not for other kinds, even with a link.
    expect(openUrlsOf(stampReceivedCard({ ...base, kind: thanks, meetingLink }))).toEqual([]);
  });
});

describe('stampSentCard', () => {
  it('confirms the recipients and explains those who do not have the app yet', () => {
    const card = stampSentCard({
      kind: thanks,
      recipients: [
        { name: '周南 花子', delivery: 'delivered' },
        { name: '下関 次郎', delivery: 'pending' },
      ],
      message: 'ありがとう！',
    });
    const text = visibleText(card);
    expect(text).toContain('スタンプを送りました');
    expect(text).toContain('周南 花子さん');
    expect(text).toContain('下関 次郎さん');
    expect(text).toContain('アプリ未インストールのため、インストール後に届きます');
    expect(text).toContain('ありがとう！');
  });

  it('says nothing about installation when everyone has the app', () => {
    const card = stampSentCard({
      kind: thanks,
      recipients: [{ name: '周南 花子', delivery: 'delivered' }],
      message: null,
    });
    expect(visibleText(card)).not.toContain('インストール');
  });
});

describe('statusChangedCard', () => {
  it('shows old → new status, the reason, the office answer and a link', () => {
    const deepLink = proposalDeepLink({
      teamsAppId: 'app-id-1',
      publicUrl: 'https://p.example.jp',
      proposalId: 'p-1',
    })!;
    const card = statusChangedCard({
      number: 'R6-0001',
      title: '会議資料のペーパレス化',
      previousStatusLabel: '検討中',
      statusLabel: 'その他',
      blockReasonLabel: '法律上の制約',
      answer: '現行の規程では対応できないため、改正の機会に再検討します。',
      deepLink,
    });
    const text = visibleText(card);
    expect(text).toContain('提案の状況が更新されました');
    expect(text).toMatch(/検討中\n→\nその他/);
    expect(text).toContain('法律上の制約');
    expect(text).toContain('推進室からの回答');
    expect(text).toContain('現行の規程では対応できないため');
    expect(openUrlsOf(card)).toEqual([expect.objectContaining({ url: deepLink })]);
  });

  it('leaves out the answer box without an answer', () => {
    const card = statusChangedCard({
      number: 'R6-0001',
      title: 't',
      previousStatusLabel: '受付',
      statusLabel: '検討中',
      answer: null,
    });
    expect(visibleText(card)).not.toContain('推進室からの回答');
    expect(openUrlsOf(card)).toEqual([]);
  });
});

describe('errorCard', () => {
  it('shows the message, with a retry only when asked', () => {
    const plain = errorCard({ message: 'この操作には対応していません。' });
    expect(visibleText(plain)).toContain('この操作には対応していません。');
    expect(plain.actions).toBeUndefined();
    const retry = errorCard({ message: '混み合っています。', retryVerb: 'proposal.mine', data: { page: 2 } });
    expect(retry.actions).toEqual([
      expect.objectContaining({ title: 'もう一度試す', verb: 'proposal.mine', data: { page: 2 } }),
    ]);
  });
});

describe('divisionPickerCard', () => {
  it('explains when there are no divisions to choose from', () => {
    const card = divisionPickerCard({ requestId, divisions: [] });
    expect(visibleText(card)).toContain('推進室にお問い合わせください');
    expect(card.actions).toBeUndefined();
  });

  it('asks once for the division and sends it with the request id', () => {
    const card = divisionPickerCard({
      requestId,
      divisions: [
        { id: 'd1', label: '人事課' },
        { value: 'd2', label: '総務課' },
      ],
      current: 'd2',
    });
    expect(visibleText(card)).toContain('所属を選んでください');
    expect(inputById(card, 'divisionId')).toMatchObject({
      isRequired: true,
      value: 'd2',
      choices: [
        { title: '人事課', value: 'd1' },
        { title: '総務課', value: 'd2' },
      ],
    });
    expect(card.actions).toEqual([
      expect.objectContaining({ verb: 'user.setDivision', data: { requestId }, associatedInputs: 'auto' }),
    ]);
  });
});
