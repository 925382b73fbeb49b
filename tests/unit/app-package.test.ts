import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { proposalsTabEntityId } from '../../bot/src/cards/links';
import { parseCommand } from '../../bot/src/conversation/commands';
import { AppPackageError, buildAppPackage } from '../../scripts/app-package/build-package';
import { checkAppPackage } from '../../scripts/app-package/check-package';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/app-package/icons';
import { validateManifestSchema } from '../../scripts/app-package/manifest-schema';
import { fillPlaceholders, placeholderNames } from '../../scripts/app-package/placeholders';

const appPackageDir = fileURLToPath(new URL('../../appPackage', import.meta.url));
const endpoint = 'https://proposals-x1y2-web.azurewebsites.net';
const values = {
  TEAMS_APP_ID: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  BOT_APP_ID: '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d',
  TAB_ENDPOINT: endpoint,
  TAB_DOMAIN: new URL(endpoint).host,
  DEVELOPER_NAME: 'やまぐちワークスタイルシフト推進室',
};

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of appPackage/ whose manifest the test may change. */
const appPackageCopy = (editManifest: (text: string) => string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'app-package-'));
  tempDirs.push(dir);
  cpSync(appPackageDir, dir, { recursive: true, filter: (source) => !source.includes('/build') });
  const manifestPath = join(dir, 'manifest.json');
  writeFileSync(manifestPath, editManifest(readFileSync(manifestPath, 'utf8')));
  return dir;
};

const zipOf = (files: Record<string, Uint8Array>): Uint8Array =>
  zipSync(Object.fromEntries(Object.entries(files)) as Zippable);

describe('the Teams app package', () => {
  it('builds from appPackage/ into a zip with the filled manifest, the localization and the icons', async () => {
    const built = await buildAppPackage({ appPackageDir, values });
    const files = unzipSync(built.zip);
    expect(Object.keys(files).sort()).toEqual(['color.png', 'en-us.json', 'manifest.json', 'outline.png']);
    expect(await checkAppPackage(built.zip)).toEqual([]);

    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    expect(manifest.id).toBe(values.TEAMS_APP_ID);
    expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.17);
    expect(manifest.bots[0].botId).toBe(values.BOT_APP_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(manifest.webApplicationInfo).toEqual({
      id: values.BOT_APP_ID,
      resource: `api://${values.TAB_DOMAIN}/botid-${values.BOT_APP_ID}`,
    });
    expect(manifest.validDomains).toEqual([values.TAB_DOMAIN]);
    expect(manifest.developer.privacyUrl).toBe(`${endpoint}/privacy`);
    expect(manifest.developer.termsOfUseUrl).toBe(`${endpoint}/terms`);
    expect(manifest.accentColor).toMatch(/^#[0-9A-F]{6}$/i);
  });

  it('has the static tabs the tab serves and the bot cards deep-link to, and the chat with the bot', async () => {
    const { manifest } = await buildAppPackage({ appPackageDir, values });
    const tabs = Object.fromEntries((manifest.staticTabs ?? []).map((tab) => [tab.entityId, tab]));
    expect(Object.keys(tabs).sort()).toEqual(['conversations', 'dashboard', 'my', 'projects', 'proposals']);
    expect(tabs[proposalsTabEntityId]).toBeDefined();
    for (const page of ['dashboard', 'proposals', 'projects', 'my']) {
      expect(tabs[page]!.contentUrl).toBe(`${endpoint}/tab/${page}`);
    }
    const channelTab = manifest.configurableTabs![0]!;
    expect(channelTab.configurationUrl).toBe(`${endpoint}/tab/config`);
  });

  it('is reproducible: the same inputs give the same bytes', async () => {
    const first = await buildAppPackage({ appPackageDir, values });
    const second = await buildAppPackage({ appPackageDir, values });
    expect(Buffer.from(second.zip).equals(Buffer.from(first.zip))).toBe(true);
  });

  it('names every missing environment value at once', async () => {
    const error = await buildAppPackage({
      appPackageDir,
      values: { ...values, TAB_ENDPOINT: '', BOT_APP_ID: '', TAB_DOMAIN: undefined },
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppPackageError);
    expect((error as AppPackageError).problems.sort()).toEqual(['BOT_APP_ID', 'TAB_DOMAIN', 'TAB_ENDPOINT']);
  });

  it('refuses a manifest that would carry a secret', async () => {
    const dir = appPackageCopy((text) => text.replace('${{DEVELOPER_NAME}}', '${{SECRET_BOT_APP_PASSWORD}}'));
    const error = await buildAppPackage({
      appPackageDir: dir,
      values: { ...values, SECRET_BOT_APP_PASSWORD: 'x' },
    }).catch((caught: unknown) => caught);
    expect((error as AppPackageError).problems).toEqual(['SECRET_BOT_APP_PASSWORD']);
  });

  it('escapes values so they cannot break the manifest JSON', async () => {
    const { manifest } = await buildAppPackage({
      appPackageDir,
      values: { ...values, DEVELOPER_NAME: '推進室 "本庁"\\' },
    });
    expect((manifest as unknown as { developer: { name: string } }).developer.name).toBe('推進室 "本庁"\\');
  });

  it('fails the build with the schema errors of an invalid manifest', async () => {
    const dir = appPackageCopy((text) => text.replace('"#1F6FB2"', '"blue"'));
    const error = await buildAppPackage({ appPackageDir: dir, values }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppPackageError);
    expect((error as AppPackageError).problems.join('\n')).toContain('/accentColor');
  });
});

describe('offline validation against the official Teams schema', () => {
  it('lists every error, not only the first', async () => {
    const { manifest } = await buildAppPackage({ appPackageDir, values });
    const broken = {
      ...JSON.parse(JSON.stringify(manifest)),
      accentColor: 'blue',
      id: 'not-a-guid',
      unknownProperty: true,
    } as Record<string, unknown>;
    delete broken.name;
    const errors = await validateManifestSchema(broken as { manifestVersion: string });
    const text = errors.join('\n');
    expect(text).toContain('/accentColor');
    expect(text).toContain('/id');
    expect(text).toContain('unknownProperty');
    expect(text).toContain("'name'");
  });

  it('accepts the filled manifest of this repository', async () => {
    const { manifest } = await buildAppPackage({ appPackageDir, values });
    expect(await validateManifestSchema(manifest)).toEqual([]);
  });
});

describe('the zip check', () => {
  const validFiles = async () => unzipSync((await buildAppPackage({ appPackageDir, values })).zip);

  const png = (size: number, pixel: [number, number, number, number], transparentCorner = false) => {
    const image = new PNG({ width: size, height: size });
    for (let i = 0; i < image.data.length; i += 4) image.data.set(pixel, i);
    if (transparentCorner) image.data.set([255, 255, 255, 0], 0);
    return new Uint8Array(PNG.sync.write(image));
  };

  it('rejects icons of the wrong size', async () => {
    const files = await validFiles();
    files['color.png'] = png(96, [31, 111, 178, 255]);
    expect(await checkAppPackage(zipOf(files))).toEqual(['color.png: must be 192×192 pixels, is 96×96']);
  });

  it('rejects an outline icon that is not white on transparent', async () => {
    const files = await validFiles();
    files['outline.png'] = png(32, [31, 111, 178, 255], true);
    expect(await checkAppPackage(zipOf(files))).toEqual([
      'outline.png: the outline icon may contain only white (#FFFFFF) and transparent pixels',
    ]);
    files['outline.png'] = png(32, [255, 255, 255, 255]);
    expect(await checkAppPackage(zipOf(files))).toEqual([
      'outline.png: the outline icon needs a transparent background',
    ]);
  });

  it('finds unresolved placeholders, missing files and URLs outside validDomains', async () => {
    const files = await validFiles();
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    manifest.developer.name = '${{DEVELOPER_NAME}}';
    manifest.developer.privacyUrl = 'https://elsewhere.example.com/privacy';
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    delete files['en-us.json'];
    expect((await checkAppPackage(zipOf(files))).sort()).toEqual([
      'en-us.json: localization file for en-us missing from the package',
      'https://elsewhere.example.com/privacy: host elsewhere.example.com is not in validDomains',
      'manifest.json: unresolved ${{…}} placeholder',
    ]);
  });

  it('requires the SSO resource to name the app domain and the bot app id', async () => {
    const files = await validFiles();
    const manifest = JSON.parse(strFromU8(files['manifest.json']!));
    manifest.webApplicationInfo.resource = `api://${values.TAB_DOMAIN}/${values.BOT_APP_ID}`;
    files['manifest.json'] = strToU8(JSON.stringify(manifest));
    const problems = await checkAppPackage(zipOf(files));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^webApplicationInfo\.resource: /);
  });
});

describe('appPackage/ sources', () => {
  it('commits the icons scripts/generate-icons.ts draws (npm run icons)', () => {
    const pixels = (data: Buffer) => PNG.sync.read(data).data;
    expect(pixels(readFileSync(join(appPackageDir, 'color.png'))).equals(pixels(drawColorIcon()))).toBe(true);
    expect(pixels(readFileSync(join(appPackageDir, 'outline.png'))).equals(pixels(drawOutlineIcon()))).toBe(
      true,
    );
  });

  it('localizes every command to an English alias the bot understands', () => {
    const manifest = JSON.parse(readFileSync(join(appPackageDir, 'manifest.json'), 'utf8'));
    const english = JSON.parse(readFileSync(join(appPackageDir, 'en-us.json'), 'utf8'));
    const commands = manifest.bots[0].commandLists[0].commands as { title: string }[];
    commands.forEach((command, index) => {
      const title = english[`bots[0].commandLists[0].commands[${index}].title`];
      expect(parseCommand(title), title).toBe(parseCommand(command.title));
    });
    manifest.staticTabs.forEach((_tab: unknown, index: number) => {
      expect(english[`staticTabs[${index}].name`]).toBeTruthy();
    });
  });

  it('uses only these placeholders, each filled by the Toolkit or the env files', () => {
    const template = readFileSync(join(appPackageDir, 'manifest.json'), 'utf8');
    expect(placeholderNames(template).sort()).toEqual(Object.keys(values).sort());
    expect(fillPlaceholders(template, values).missing).toEqual([]);
  });
});
