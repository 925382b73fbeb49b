import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { proposalLimits } from '#shared';
import { asDialogCard, type AdaptiveCard } from '../../bot/src/cards/index';
import {
  messageExtensionCommands,
  proposalDraftOf,
} from '../../bot/src/conversation/actions/message-extension-actions';
import { htmlToText } from '../../bot/src/conversation/message-text';
import { classifyActivity } from '../../bot/src/teams/activity-mapper';
import { messageExtensionBody } from '../../bot/src/teams/teams-bot';

const manifest = JSON.parse(
  readFileSync(new URL('../../appPackage/manifest.json', import.meta.url), 'utf8'),
) as {
  composeExtensions: {
    commands: { id: string; type: string; title: string; context: string[]; fetchTask?: boolean }[];
  }[];
};

describe('the manifest message extension', () => {
  it('declares exactly the commands the bot handles, with their Japanese titles', () => {
    const commands = manifest.composeExtensions[0]!.commands;
    expect(Object.fromEntries(commands.map((command) => [command.id, command.title]))).toEqual(
      messageExtensionCommands,
    );
    for (const command of commands.filter((candidate) => candidate.type === 'action')) {
      expect(command.context).toEqual(['message']);
      expect(command.fetchTask).toBe(true);
    }
  });
});

describe('the text of a Teams post', () => {
  it('drops tags, keeps line breaks, decodes entities, leaves out attachments and code', () => {
    expect(
      htmlToText(
        '<p>資料を<strong>共有</strong>しました&amp;確認を</p><p>よろしく<br/>お願いします&#x1F64F;&nbsp;</p>' +
          '<attachment id="a1"></attachment><script>alert(1)</script><at id="0">周南 花子</at>さん',
      ),
    ).toBe('資料を共有しました&確認を\nよろしく\nお願いします🙏\n周南 花子さん');
    expect(htmlToText('<ul><li>一つ目</li><li>二つ目</li></ul>')).toBe('・一つ目\n・二つ目');
    expect(htmlToText('&lt;b&gt; &unknown; &#0;')).toBe('<b> &unknown;');
  });

  it('makes a proposal draft: the first line as title, the whole text as body, within the limits', () => {
    const draft = proposalDraftOf({
      author: null,
      contentType: 'html',
      content: `<p></p><p>${'題'.repeat(150)}</p><p>${'本'.repeat(3000)}</p>`,
    });
    expect(Array.from(draft.title!)).toHaveLength(proposalLimits.title);
    expect(Array.from(draft.body!)).toHaveLength(proposalLimits.body);
    expect(draft.title!.endsWith('…')).toBe(true);
    expect(proposalDraftOf(null)).toEqual({});
  });
});

describe('dialog cards', () => {
  it('turn every Action.Execute into an Action.Submit carrying its verb, nested ones too', () => {
    const card: AdaptiveCard = {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      msteams: { width: 'Full' },
      body: [
        {
          type: 'Container',
          items: [
            {
              type: 'ActionSet',
              actions: [{ type: 'Action.Execute', title: '次へ', verb: 'proposal.mine', data: { page: 2 } }],
            },
          ],
        },
      ],
      actions: [
        {
          type: 'Action.Execute',
          title: '送る',
          verb: 'stamp.send',
          data: { requestId: 'r1' },
          associatedInputs: 'auto',
        },
        { type: 'Action.OpenUrl', title: '開く', url: 'https://example.jp' },
      ],
    };
    const dialog = asDialogCard(card);
    expect(dialog.actions).toEqual([
      {
        type: 'Action.Submit',
        title: '送る',
        data: { requestId: 'r1', verb: 'stamp.send' },
        associatedInputs: 'auto',
      },
      { type: 'Action.OpenUrl', title: '開く', url: 'https://example.jp' },
    ]);
    expect(dialog.body).toEqual([
      {
        type: 'Container',
        items: [
          {
            type: 'ActionSet',
            actions: [{ type: 'Action.Submit', title: '次へ', data: { page: 2, verb: 'proposal.mine' } }],
          },
        ],
      },
    ]);
    expect(dialog.msteams).toBeUndefined();
    expect(JSON.stringify(dialog)).not.toContain('Action.Execute');
  });
});

describe('the Teams adapter and the message extension', () => {
  const invoke = (name: string, value: unknown) =>
    classifyActivity({ type: 'invoke', name, value } as Parameters<typeof classifyActivity>[0]);

  it('reads message actions with the post, its author only when a directory user', () => {
    const payload = (from: unknown) => ({
      commandId: 'stampFromMessage',
      messagePayload: { from, body: { contentType: 'html', content: '<p>こんにちは</p>' } },
    });
    expect(
      invoke(
        'composeExtension/fetchTask',
        payload({ user: { id: 'aad-1', displayName: '花子', userIdentityType: 'aadUser' } }),
      ),
    ).toEqual({
      kind: 'messageExtension',
      invoke: 'fetchTask',
      commandId: 'stampFromMessage',
      message: {
        author: { aadObjectId: 'aad-1', name: '花子' },
        contentType: 'html',
        content: '<p>こんにちは</p>',
      },
    });
    expect(invoke('composeExtension/fetchTask', payload({ application: { id: 'bot' } }))).toMatchObject({
      message: { author: null },
    });
    expect(
      invoke(
        'composeExtension/fetchTask',
        payload({ user: { id: 'x', userIdentityType: 'anonymousGuest' } }),
      ),
    ).toMatchObject({ message: { author: null } });
  });

  it('reads the search text and a bounded page, and the initial run as an empty search', () => {
    expect(
      invoke('composeExtension/query', {
        commandId: 'searchProposals',
        parameters: [{ name: 'query', value: 'ペーパレス' }],
        queryOptions: { skip: 25, count: 1000 },
      }),
    ).toEqual({
      kind: 'messageExtension',
      invoke: 'query',
      commandId: 'searchProposals',
      text: 'ペーパレス',
      skip: 25,
      count: 25,
    });
    expect(
      invoke('composeExtension/query', {
        commandId: 'searchProposals',
        parameters: [{ name: 'initialRun', value: 'true' }],
        queryOptions: { skip: -1 },
      }),
    ).toMatchObject({ text: '', skip: 0, count: 10 });
    expect(invoke('composeExtension/selectItem', {})).toBeNull();
  });

  it("writes Teams' answers: a dialog, a text, results with previews, a notice, or closing", () => {
    const card = { type: 'AdaptiveCard', version: '1.5', body: [] } as unknown as AdaptiveCard;
    expect(messageExtensionBody({ type: 'dialog', title: '題', card })).toEqual({
      task: {
        type: 'continue',
        value: {
          title: '題',
          width: 'medium',
          card: { contentType: 'application/vnd.microsoft.card.adaptive', content: card },
        },
      },
    });
    expect(messageExtensionBody({ type: 'message', text: 'だめです' })).toEqual({
      task: { type: 'message', value: 'だめです' },
    });
    expect(
      messageExtensionBody({
        type: 'results',
        items: [{ card, preview: { title: 'R6-0001 題', text: '受付' } }],
      }),
    ).toEqual({
      composeExtension: {
        type: 'result',
        attachmentLayout: 'list',
        attachments: [
          {
            contentType: 'application/vnd.microsoft.card.adaptive',
            content: card,
            preview: {
              contentType: 'application/vnd.microsoft.card.thumbnail',
              content: { title: 'R6-0001 題', text: '受付' },
            },
          },
        ],
      },
    });
    expect(messageExtensionBody({ type: 'notice', text: 'なし' })).toEqual({
      composeExtension: { type: 'message', text: 'なし' },
    });
    expect(messageExtensionBody({ type: 'close' })).toEqual({});
  });
});
