import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands, parseCommand } from '../../bot/src/conversation/commands';

const manifest = JSON.parse(
  readFileSync(new URL('../../appPackage/manifest.json', import.meta.url), 'utf8'),
) as {
  bots: { commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
};

describe('the manifest command list', () => {
  it('lists exactly the commands the bot understands, each once', () => {
    const listed = manifest.bots[0]!.commandLists.flatMap((list) => list.commands);
    expect(listed.map((command) => parseCommand(command.title)).sort()).toEqual([...commands].sort());
  });

  it('names the English alias of each command in its description', () => {
    for (const command of manifest.bots[0]!.commandLists.flatMap((list) => list.commands)) {
      const alias = /（([a-z]+)）$/.exec(command.description)?.[1];
      expect(alias, command.title).toBeDefined();
      expect(parseCommand(alias!)).toBe(parseCommand(command.title));
    }
  });
});

describe('text commands', () => {
  it('ignores width, case, spaces and a leading slash', () => {
    expect(parseCommand(' ／ＰＲＯＰＯＳＥ ')).toBe('propose');
    expect(parseCommand('自分の 提案')).toBe('my');
  });

  it('finds no command in the names of Object.prototype (a message "__proto__" failed the turn)', () => {
    for (const text of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])
      expect(parseCommand(text), text).toBeUndefined();
  });
});
