/**
 * `${{NAME}}` placeholders, as the Microsoft 365 Agents Toolkit writes them in manifests, parameter
 * files and its project files. Filling them is plain text substitution, like the Toolkit's.
 */

const placeholderPattern = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Every placeholder name in the text, once each, in order of appearance. */
export const placeholderNames = (text: string): string[] => [
  ...new Set([...text.matchAll(placeholderPattern)].map((match) => match[1]!)),
];

/** Any `${{…}}` left, well-formed or not. */
export const hasPlaceholder = (text: string): boolean => text.includes('${{');

/**
 * Fills the placeholders from `values`. A name without a value, or with an empty one, is reported in
 * `missing` (all of them, not only the first) and left in the text.
 */
export const fillPlaceholders = (
  text: string,
  values: Readonly<Record<string, string | undefined>>,
): { text: string; missing: string[] } => {
  const missing = new Set<string>();
  const filled = text.replace(placeholderPattern, (whole, name: string) => {
    const value = values[name];
    if (value === undefined || value === '') {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text: filled, missing: [...missing] };
};

/** A value placed inside a JSON string literal: escaped so it cannot end the string. */
export const jsonStringValues = (
  values: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      key,
      value === undefined ? undefined : JSON.stringify(value).slice(1, -1),
    ]),
  );
