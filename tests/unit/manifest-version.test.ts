import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The manifest is on the newest schema the bundled validator (`@microsoft/app-manifest`) knows, and
 * declares the channel features it is tested with. When the package brings a newer schema, this
 * fails until the manifest moves up (and app-package.test.ts validates it offline against it).
 */
const read = (path: string) =>
  JSON.parse(readFileSync(new URL(`../../appPackage/${path}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

const bundledVersions = (): string[] => {
  const root = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
  return readdirSync(join(root, 'build', 'json-schemas', 'teams'))
    .filter((name) => /^v\d+\.\d+$/.test(name))
    .map((name) => name.slice(1));
};

const newest = (versions: string[]) =>
  versions
    .sort((a, b) => {
      const [aMajor, aMinor] = a.split('.').map(Number) as [number, number];
      const [bMajor, bMinor] = b.split('.').map(Number) as [number, number];
      return aMajor - bMajor || aMinor - bMinor;
    })
    .at(-1)!;

describe('the Teams manifest version', () => {
  it('is the newest schema version the bundled validator supports, in the manifest and its localization', () => {
    const version = newest(bundledVersions());
    const manifest = read('manifest.json');
    expect(manifest.manifestVersion).toBe(version);
    expect(manifest.$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`,
    );
    expect(read('en-us.json').$schema).toBe(
      `https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.Localization.schema.json`,
    );
  });

  it('offers the app in shared and private channels, and gives the team and group-chat scopes a use', () => {
    const manifest = read('manifest.json') as {
      supportsChannelFeatures?: string;
      bots: { scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
      composeExtensions?: unknown[];
    };
    expect(manifest.supportsChannelFeatures).toBe('tier1');
    expect(manifest.bots[0]!.scopes).toEqual(['personal', 'team', 'groupChat']);
    const shared = manifest.bots[0]!.commandLists.find((list) => list.scopes.includes('team'))!;
    expect(shared.scopes).toEqual(['team', 'groupChat']);
    expect(shared.commands.map((command) => command.title)).toEqual(['今月の実現']);
    expect(manifest.composeExtensions).toHaveLength(1);
  });
});
