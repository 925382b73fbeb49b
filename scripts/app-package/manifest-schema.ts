import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';

/**
 * Validation against Microsoft's official Teams manifest JSON schemas, offline: the schemas ship
 * inside `@microsoft/app-manifest` (the package the Agents Toolkit uses) and are loaded from there
 * explicitly, never fetched. Every error is listed, not just the first (ajv with allErrors).
 */

const schemasDir = join(
  dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json')),
  'build',
  'json-schemas',
  'teams',
);

type SchemaKind = 'MicrosoftTeams.schema.json' | 'MicrosoftTeams.Localization.schema.json';

/**
 * A `]` outside a character class, escaped. Some published patterns (the localization schema's
 * `activities.activityTypes\[…\b]`) have one; JavaScript accepts it, but ajv compiles patterns in
 * Unicode mode, where it is a syntax error. Escaping it keeps the meaning.
 */
const escapeLoneBrackets = (pattern: string): string => {
  let result = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i]!;
    if (char === '\\') {
      result += char + (pattern[i + 1] ?? '');
      i += 1;
    } else if (char === '[' && !inClass) {
      inClass = true;
      result += char;
    } else if (char === ']') {
      result += inClass ? char : '\\]';
      inClass = false;
    } else {
      result += char;
    }
  }
  return result;
};

const fixPatterns = (node: unknown): unknown => {
  if (Array.isArray(node)) return node.map(fixPatterns);
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => {
      if (key === 'pattern' && typeof value === 'string') return [key, escapeLoneBrackets(value)];
      if (key === 'patternProperties' && value && typeof value === 'object') {
        return [
          key,
          Object.fromEntries(
            Object.entries(value).map(([pattern, schema]) => [
              escapeLoneBrackets(pattern),
              fixPatterns(schema),
            ]),
          ),
        ];
      }
      return [key, fixPatterns(value)];
    }),
  );
};

const loadSchema = (manifestVersion: string, kind: SchemaKind): object => {
  const path = join(schemasDir, `v${manifestVersion}`, kind);
  if (!/^\d+\.\d+$/.test(manifestVersion) || !existsSync(path)) {
    throw new Error(`No bundled Teams schema ${kind} for manifest version ${manifestVersion}`);
  }
  // The published schemas contain \a and \v escapes that JSON does not allow (the package's own
  // loader replaces them the same way).
  const text = readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b');
  return fixPatterns(JSON.parse(text)) as object;
};

type Validate = typeof AppManifestUtils.validateAgainstSchema;

const validate = (document: unknown, schema: object): Promise<string[]> =>
  AppManifestUtils.validateAgainstSchema(
    document as Parameters<Validate>[0],
    schema as Parameters<Validate>[1],
  );

/** Schema errors of a (filled) manifest, as `<json pointer> <message>. Details: …` lines. */
export const validateManifestSchema = (manifest: { manifestVersion?: unknown }): Promise<string[]> =>
  validate(manifest, loadSchema(String(manifest.manifestVersion), 'MicrosoftTeams.schema.json'));

/** Schema errors of a localization file, against the schema of the manifest's version. */
export const validateLocalizationSchema = (
  localization: unknown,
  manifestVersion: string,
): Promise<string[]> =>
  validate(localization, loadSchema(manifestVersion, 'MicrosoftTeams.Localization.schema.json'));
