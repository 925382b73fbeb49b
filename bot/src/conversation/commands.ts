/** Text commands in Japanese with English aliases; the manifest's command list mirrors these. */
export const commands = ['propose', 'stamp', 'my', 'realised', 'settings', 'help'] as const;
export type Command = (typeof commands)[number];

// A Map, not an object: a message such as "__proto__" or "toString" must not find Object.prototype.
const aliases = new Map<string, Command>(
  Object.entries({
    提案: 'propose',
    提案する: 'propose',
    propose: 'propose',
    proposal: 'propose',
    スタンプ: 'stamp',
    スタンプを送る: 'stamp',
    stamp: 'stamp',
    自分の提案: 'my',
    私の提案: 'my',
    マイ提案: 'my',
    my: 'my',
    mine: 'my',
    今月の実現: 'realised',
    実現: 'realised',
    realised: 'realised',
    realized: 'realised',
    通知設定: 'settings',
    通知: 'settings',
    settings: 'settings',
    ヘルプ: 'help',
    help: 'help',
    '?': 'help',
  } satisfies Record<string, Command>),
);

/** The command a message asks for, ignoring width, case, spaces and a leading slash; undefined otherwise. */
export const parseCommand = (text: string): Command | undefined => {
  const key = text.normalize('NFKC').trim().toLowerCase().replace(/^\//, '').replace(/\s+/g, '');
  return aliases.get(key);
};
