import { createRequire } from 'node:module';

/**
 * Checks card JSON with the Adaptive Cards SDK's own parser, in Node, without a DOM.
 *
 * `import 'adaptivecards'` fails in Node (its ESM build uses extensionless imports), so this loads the
 * UMD bundle. Parsing and validating need no DOM (only rendering does), so no shim is required.
 *
 * Three kinds of problems are reported:
 * - parse events (unknown elements, invalid values, features above the target version),
 * - validation events (empty collections, duplicate ids, required inputs without label/errorMessage,
 *   too many actions for the default host config),
 * - properties the SDK dropped when serialising the parsed card again: a misspelt or unsupported
 *   property (which parsing silently ignores) or a value written out that only repeats the default.
 *
 * Teams' people picker (`Input.ChoiceSet` with `choices.data`) is a Teams extension: the SDK reports it
 * as a 1.6 property and (when nothing is preselected) as an empty choice list. Exactly those two
 * events are allowed, on exactly those inputs; everything else is an error.
 */

interface AcVersion {
  toString(): string;
}
interface AcElement {
  id?: string;
  getJsonTypeName(): string;
}
interface AcEvent {
  phase: number;
  event: number;
  message: string;
  source?: AcElement;
}
interface AcContext {
  readonly eventCount: number;
  getEventAt(index: number): AcEvent;
}
interface AcCard {
  parse(json: unknown, context: AcContext): void;
  toJSON(context: AcContext): unknown;
  validateProperties(): { validationEvents: AcEvent[] };
}
interface AcModule {
  AdaptiveCard: new () => AcCard;
  SerializationContext: new (version: AcVersion) => AcContext;
  Versions: { v1_5: AcVersion };
  ValidationEvent: Record<string, number> & Record<number, string>;
  ValidationPhase: Record<number, string>;
}

const require = createRequire(import.meta.url);
const sdk = require('adaptivecards/dist/adaptivecards.js') as AcModule;

export interface CardProblem {
  phase: 'Parse' | 'Validation' | 'Roundtrip';
  event: string;
  message: string;
  /** The element's id when it has one, or the JSON path for roundtrip problems. */
  where?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, Json> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Ids of inputs that are Teams people pickers. */
const peoplePickerIds = (json: unknown, found = new Set<string>()): Set<string> => {
  if (Array.isArray(json)) {
    for (const item of json) peoplePickerIds(item, found);
  } else if (isObject(json)) {
    if (json.type === 'Input.ChoiceSet' && 'choices.data' in json && typeof json.id === 'string')
      found.add(json.id);
    for (const value of Object.values(json)) peoplePickerIds(value, found);
  }
  return found;
};

/** Properties present in the card but absent after the SDK's parse → serialise round trip. */
const droppedProperties = (original: unknown, roundtrip: unknown, path: string, problems: CardProblem[]) => {
  if (Array.isArray(original)) {
    const other = Array.isArray(roundtrip) ? roundtrip : [];
    original.forEach((item, index) => droppedProperties(item, other[index], `${path}[${index}]`, problems));
    return;
  }
  if (!isObject(original)) return;
  const other = isObject(roundtrip) ? roundtrip : {};
  for (const [key, value] of Object.entries(original)) {
    const keyPath = `${path}.${key}`;
    if (key in other) {
      droppedProperties(value, other[key], keyPath, problems);
      continue;
    }
    // Teams-only properties: the card-level `msteams` and the people picker's data query (and its
    // empty static choice list), which the 1.5 serializer leaves out by design.
    if (path === '$' && key === 'msteams') continue;
    if ('choices.data' in original && (key === 'choices.data' || key === 'choices')) continue;
    problems.push({
      phase: 'Roundtrip',
      event: 'DroppedProperty',
      message: `Property "${key}" (${JSON.stringify(value)}) was dropped by the SDK: unknown, unsupported or a default value`,
      where: keyPath,
    });
  }
};

/** Every problem the SDK finds in a card targeting Adaptive Cards 1.5 (Teams' version for bots). */
export const validateAdaptiveCard = (json: unknown): CardProblem[] => {
  const pickers = peoplePickerIds(json);
  const isPicker = (event: AcEvent) =>
    event.source?.getJsonTypeName() === 'Input.ChoiceSet' && pickers.has(event.source.id ?? '');
  const allowed = (event: AcEvent) =>
    isPicker(event) &&
    ((event.event === sdk.ValidationEvent.UnsupportedProperty && event.message.includes('"choices.data"')) ||
      event.event === sdk.ValidationEvent.CollectionCantBeEmpty);

  const card = new sdk.AdaptiveCard();
  const context = new sdk.SerializationContext(sdk.Versions.v1_5);
  card.parse(json, context);
  const events: AcEvent[] = [
    ...Array.from({ length: context.eventCount }, (_, index) => context.getEventAt(index)),
    ...card.validateProperties().validationEvents,
  ];
  const problems: CardProblem[] = events
    .filter((event) => !allowed(event))
    .map((event) => ({
      phase: sdk.ValidationPhase[event.phase] === 'Parse' ? 'Parse' : 'Validation',
      event: sdk.ValidationEvent[event.event] ?? String(event.event),
      message: event.message,
      ...(event.source?.id ? { where: event.source.id } : {}),
    }));
  droppedProperties(json, card.toJSON(new sdk.SerializationContext(sdk.Versions.v1_5)), '$', problems);
  return problems;
};

/** Teams' limit is about 28 KB for a card in a message; measured as UTF-8 JSON. */
export const cardSizeLimitBytes = 28 * 1024;

export const cardSizeBytes = (card: unknown): number => Buffer.byteLength(JSON.stringify(card), 'utf8');
