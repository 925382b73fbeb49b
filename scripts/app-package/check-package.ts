import { strFromU8, unzipSync } from 'fflate';
import { PNG } from 'pngjs';
import { colorIconSize, outlineIconSize } from './icons';
import { validateLocalizationSchema, validateManifestSchema } from './manifest-schema';
import { hasPlaceholder } from './placeholders';

/**
 * What Teams (and the Developer Portal's validation) would reject in an app package, checked on the
 * zip itself: the manifest and localization files valid against the official schemas, every file
 * they name present, icon sizes, an outline icon that is white on transparent, no `${{…}}` left,
 * and URLs that stay on the app's valid domains. Returns every problem found (empty = fine).
 */

export interface TeamsManifestJson {
  manifestVersion: string;
  id: string;
  icons: { color: string; outline: string };
  localizationInfo?: { additionalLanguages?: { languageTag: string; file: string }[] };
  developer: { websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  staticTabs?: { entityId: string; contentUrl?: string; websiteUrl?: string }[];
  configurableTabs?: { configurationUrl: string }[];
  validDomains?: string[];
  webApplicationInfo?: { id: string; resource?: string };
  bots?: { botId: string }[];
}

const readPng = (data: Uint8Array): PNG | undefined => {
  try {
    return PNG.sync.read(Buffer.from(data));
  } catch {
    return undefined;
  }
};

const checkIcon = (name: string, data: Uint8Array | undefined, size: number, outline: boolean): string[] => {
  if (!data) return [`${name}: missing from the package`];
  const png = readPng(data);
  if (!png) return [`${name}: not a PNG image`];
  if (png.width !== size || png.height !== size) {
    return [`${name}: must be ${size}×${size} pixels, is ${png.width}×${png.height}`];
  }
  if (!outline) return [];
  let transparent = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    const alpha = png.data[i + 3]!;
    if (alpha === 0) transparent += 1;
    else if (png.data[i] !== 255 || png.data[i + 1] !== 255 || png.data[i + 2] !== 255) {
      return [`${name}: the outline icon may contain only white (#FFFFFF) and transparent pixels`];
    }
  }
  return transparent === 0 ? [`${name}: the outline icon needs a transparent background`] : [];
};

/** The hosts the manifest sends Teams to must be among validDomains. */
const checkDomains = (manifest: TeamsManifestJson): string[] => {
  const domains = manifest.validDomains ?? [];
  const problems: string[] = [];
  const urls = [
    manifest.developer.websiteUrl,
    manifest.developer.privacyUrl,
    manifest.developer.termsOfUseUrl,
    ...(manifest.staticTabs ?? []).flatMap((tab) => [tab.contentUrl, tab.websiteUrl]),
    ...(manifest.configurableTabs ?? []).map((tab) => tab.configurationUrl),
  ].filter((url): url is string => Boolean(url));
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`${url}: not a URL`);
      continue;
    }
    if (parsed.protocol !== 'https:') problems.push(`${url}: Teams loads only https:// pages`);
    if (!domains.includes(parsed.host)) problems.push(`${url}: host ${parsed.host} is not in validDomains`);
  }
  for (const domain of domains) {
    // Teams on Android does not match an upper-case domain (Microsoft's SSO registration notes).
    if (domain !== domain.toLowerCase()) problems.push(`validDomains: ${domain} must be lower case`);
  }
  const sso = manifest.webApplicationInfo;
  if (sso?.resource) {
    const expected = domains.map((domain) => `api://${domain}/botid-${sso.id}`);
    if (!expected.includes(sso.resource)) {
      problems.push(
        `webApplicationInfo.resource: ${sso.resource} should be api://<app domain>/botid-<bot app id> (${expected.join(' or ')})`,
      );
    }
    if (manifest.bots?.[0] && manifest.bots[0].botId !== sso.id) {
      problems.push(
        'webApplicationInfo.id: must be the bot app id (one Entra app for the bot and the tab SSO)',
      );
    }
  }
  return problems;
};

export const checkAppPackage = async (zip: Uint8Array): Promise<string[]> => {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip);
  } catch {
    return ['the package is not a valid zip file'];
  }
  const problems: string[] = [];
  for (const [name, data] of Object.entries(files)) {
    if (name.includes('/')) problems.push(`${name}: Teams expects every file at the root of the zip`);
    if (name.endsWith('.json') && hasPlaceholder(strFromU8(data))) {
      problems.push(`${name}: unresolved \${{…}} placeholder`);
    }
  }
  const manifestData = files['manifest.json'];
  if (!manifestData) return [...problems, 'manifest.json: missing from the package'];
  let manifest: TeamsManifestJson;
  try {
    manifest = JSON.parse(strFromU8(manifestData)) as TeamsManifestJson;
  } catch {
    return [...problems, 'manifest.json: not valid JSON'];
  }
  problems.push(...(await validateManifestSchema(manifest)).map((error) => `manifest.json: ${error}`));
  if (manifest.icons) {
    problems.push(...checkIcon(manifest.icons.color, files[manifest.icons.color], colorIconSize, false));
    problems.push(...checkIcon(manifest.icons.outline, files[manifest.icons.outline], outlineIconSize, true));
  }
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    const data = files[language.file];
    if (!data) {
      problems.push(
        `${language.file}: localization file for ${language.languageTag} missing from the package`,
      );
      continue;
    }
    try {
      const errors = await validateLocalizationSchema(JSON.parse(strFromU8(data)), manifest.manifestVersion);
      problems.push(...errors.map((error) => `${language.file}: ${error}`));
    } catch {
      problems.push(`${language.file}: not valid JSON`);
    }
  }
  if (manifest.developer) problems.push(...checkDomains(manifest));
  return problems;
};
