import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { checkAppPackage, type TeamsManifestJson } from './check-package';
import { fillPlaceholders, jsonStringValues, placeholderNames } from './placeholders';

/**
 * Builds the Teams app package from appPackage/: manifest.json and the localization files with their
 * `${{VAR}}` placeholders filled, plus the icons, zipped flat. The result is checked like Teams
 * would (check-package.ts); any problem fails the build with the full list.
 */

export class AppPackageError extends Error {
  override name = 'AppPackageError';
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(`${message}:\n  ${problems.join('\n  ')}`);
  }
}

export interface BuiltAppPackage {
  zip: Uint8Array;
  /** The filled manifest, as zipped. */
  manifest: TeamsManifestJson;
  manifestText: string;
  fileNames: string[];
}

// Fixed timestamps make the zip reproducible: the same inputs give the same bytes.
const zipTimestamp = new Date('2024-04-01T00:00:00Z');

export const buildAppPackage = async ({
  appPackageDir,
  values,
}: {
  appPackageDir: string;
  values: Readonly<Record<string, string | undefined>>;
}): Promise<BuiltAppPackage> => {
  const read = (name: string) => readFileSync(join(appPackageDir, name), 'utf8');
  const escaped = jsonStringValues(values);

  const template = read('manifest.json');
  const secrets = placeholderNames(template).filter((name) => name.startsWith('SECRET_'));
  if (secrets.length > 0) {
    throw new AppPackageError('The manifest must not contain secrets', secrets);
  }
  const filled = fillPlaceholders(template, escaped);
  if (filled.missing.length > 0) {
    throw new AppPackageError(
      'Environment values missing for the manifest (set them in env/.env.<env>)',
      filled.missing,
    );
  }
  const manifest = JSON.parse(filled.text) as TeamsManifestJson;

  const textFiles: Record<string, string> = { 'manifest.json': filled.text };
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    const localization = fillPlaceholders(read(language.file), escaped);
    if (localization.missing.length > 0) {
      throw new AppPackageError(`Environment values missing for ${language.file}`, localization.missing);
    }
    textFiles[language.file] = localization.text;
  }
  const files: Record<string, Uint8Array> = Object.fromEntries(
    Object.entries(textFiles).map(([name, text]) => [name, new TextEncoder().encode(text)]),
  );
  for (const icon of [manifest.icons.color, manifest.icons.outline]) {
    files[icon] = readFileSync(join(appPackageDir, icon));
  }

  const zip = zipSync(
    Object.fromEntries(Object.entries(files).map(([name, data]) => [name, [data, { mtime: zipTimestamp }]])),
    { level: 9 },
  );
  const problems = await checkAppPackage(zip);
  if (problems.length > 0) throw new AppPackageError('The app package is not valid', problems);
  return { zip, manifest, manifestText: filled.text, fileNames: Object.keys(files) };
};
