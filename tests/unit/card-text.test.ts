import { describe, expect, it } from 'vitest';
import { oneOnOneMeetingLink, proposalDeepLink } from '../../bot/src/cards/links';
import { formatDate, formatDateTime, oneLine, plainText, truncate } from '../../bot/src/cards/text';
import { renderedText, unescapedMarkdown } from '../helpers/card-inspection';

describe('plainText', () => {
  it('escapes every inline Markdown marker and shows the text literally', () => {
    const title = '**太字** [link](http://evil) ${user.name}';
    const escaped = plainText(title);
    expect(escaped).toBe('\\*\\*太字\\*\\* \\[link\\]\\(http://evil\\) $\\{user.name}');
    expect(renderedText(escaped)).toBe(title);
    expect(escaped).not.toMatch(unescapedMarkdown);
    expect(escaped).not.toContain('${');
  });

  it.each([
    ['_斜体_ と ~~取消~~ と `code`', '\\_斜体\\_ と \\~\\~取消\\~\\~ と \\`code\\`'],
    ['| a | b |', '\\| a \\| b \\|'],
    ['![画像](x.png)', '\\!\\[画像\\]\\(x.png\\)'],
    ['<https://example.jp>', '\\<https://example.jp>'],
    ['C:\\temp\\*', 'C:\\\\temp\\\\\\*'],
    ['{{DATE(2024-06-10T00:00:00Z, SHORT)}}', '\\{\\{DATE\\(2024-06-10T00:00:00Z, SHORT\\)}}'],
    ['&amp; と &#36; と A&B', '\\&amp; と \\&#36; と A&B'],
  ])('escapes %s', (input, expected) => {
    expect(plainText(input)).toBe(expected);
    expect(renderedText(plainText(input))).toBe(input);
  });

  it('escapes block markers at the start of a line only', () => {
    expect(plainText('# 見出し')).toBe('\\# 見出し');
    expect(plainText('> 引用')).toBe('\\> 引用');
    expect(plainText('- 項目')).toBe('\\- 項目');
    expect(plainText('+ 項目')).toBe('\\+ 項目');
    expect(plainText('===')).toBe('\\===');
    expect(plainText('1. 番号')).toBe('1\\. 番号');
    expect(plainText('10.')).toBe('10\\.');
    // Harmless in the middle of a line, and kept as typed there (numbers, dates, versions).
    expect(plainText('R6-0001 は 1.5倍 #1 a>b 2024-06-10')).toBe('R6-0001 は 1.5倍 #1 a>b 2024-06-10');
  });

  it('turns each line into its own paragraph, escaping each line start', () => {
    const text = '一行目\r\n- 二行目\n\n    3. 三行目\r';
    const escaped = plainText(text);
    expect(escaped).toBe('一行目\n\n\\- 二行目\n\n3\\. 三行目');
    expect(renderedText(escaped)).toBe('一行目\n- 二行目\n3. 三行目');
  });

  it('leaves Japanese text, full-width symbols and emoji alone', () => {
    const text = '会議資料のペーパーレス化（試行）＊【重要】＃１　👍✨';
    expect(plainText(text)).toBe(text);
  });
});

describe('truncate and oneLine', () => {
  it('cuts at a grapheme boundary with an ellipsis', () => {
    expect(truncate('あいうえお', 5)).toBe('あいうえお');
    expect(truncate('あいうえおか', 5)).toBe('あいうえ…');
    expect(truncate('👨‍👩‍👧👨‍👩‍👧👨‍👩‍👧', 2)).toBe('👨‍👩‍👧…');
  });

  it('joins lines', () => {
    expect(oneLine(' 一行目\n\n二行目\t三 ')).toBe('一行目 二行目 三');
  });
});

describe('dates in Japan time', () => {
  it('formats the Tokyo calendar date', () => {
    expect(formatDate('2024-06-10T01:00:00Z')).toBe('2024年6月10日');
    expect(formatDate(new Date('2024-06-09T15:00:00Z'))).toBe('2024年6月10日');
    expect(formatDate('2024-06-09T14:59:59Z')).toBe('2024年6月9日');
    expect(formatDate('not a date')).toBe('');
  });

  it('formats date and time', () => {
    expect(formatDateTime('2024-06-10T00:05:00Z')).toBe('2024年6月10日 9:05');
    expect(formatDateTime('2024-06-10T14:30:00Z')).toBe('2024年6月10日 23:30');
  });
});

describe('proposalDeepLink', () => {
  it('opens the proposal in the Teams tab with a web fallback and the proposal as sub-entity', () => {
    const link = proposalDeepLink({
      teamsAppId: '5f0c8f7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f',
      publicUrl: 'https://proposals.example.jp/',
      proposalId: '0b6f8a52-4b8e-4a4e-9a53-2e8f3c1d7a10',
    });
    const url = new URL(link!);
    expect(url.origin).toBe('https://teams.microsoft.com');
    expect(url.pathname).toBe('/l/entity/5f0c8f7e-1a2b-4c3d-9e8f-0a1b2c3d4e5f/proposals');
    expect(url.searchParams.get('webUrl')).toBe(
      'https://proposals.example.jp/tab/proposals/0b6f8a52-4b8e-4a4e-9a53-2e8f3c1d7a10',
    );
    expect(url.searchParams.get('label')).toBe('職員提案');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({
      subEntityId: '0b6f8a52-4b8e-4a4e-9a53-2e8f3c1d7a10',
    });
    // Everything in the query is percent-encoded: no raw JSON, spaces or plus signs.
    expect(link).not.toMatch(/[{}"\s+]/);
  });

  it('encodes ids that are not URL-safe', () => {
    const link = proposalDeepLink({
      teamsAppId: 'app/../x',
      publicUrl: 'https://p.example.jp',
      proposalId: 'a/b?c#d',
    });
    const url = new URL(link!);
    expect(url.pathname).toBe('/l/entity/app%2F..%2Fx/proposals');
    expect(url.searchParams.get('webUrl')).toBe('https://p.example.jp/tab/proposals/a%2Fb%3Fc%23d');
    expect(JSON.parse(url.searchParams.get('context')!)).toEqual({ subEntityId: 'a/b?c#d' });
  });

  it('falls back to the web page without a Teams app id, and to nothing without either', () => {
    expect(proposalDeepLink({ publicUrl: 'https://p.example.jp', proposalId: 'p1' })).toBe(
      'https://p.example.jp/tab/proposals/p1',
    );
    const teamsOnly = new URL(proposalDeepLink({ teamsAppId: 'app-1', proposalId: 'p1' })!);
    expect(teamsOnly.searchParams.has('webUrl')).toBe(false);
    expect(proposalDeepLink({ proposalId: 'p1' })).toBeUndefined();
  });
});

describe('oneOnOneMeetingLink', () => {
  it('opens a new Teams meeting with subject and attendee, percent-encoded', () => {
    const link = oneOnOneMeetingLink({
      attendeeEmail: 'taro+1@example.jp',
      subject: '1on1（山口 太郎さん）& 相談',
    });
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe('https://teams.microsoft.com/l/meeting/new');
    expect(url.searchParams.get('subject')).toBe('1on1（山口 太郎さん）& 相談');
    expect(url.searchParams.get('attendees')).toBe('taro+1@example.jp');
    expect(link).not.toMatch(/[\s+]/);
  });

  it('leaves attendees out when the email is unknown', () => {
    const url = new URL(oneOnOneMeetingLink({ subject: '1on1' }));
    expect(url.searchParams.has('attendees')).toBe(false);
  });
});
