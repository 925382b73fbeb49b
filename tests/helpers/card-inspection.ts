import type { AdaptiveCard } from '../../bot/src/cards/adaptive-card';

/** Read-only views of built cards for assertions that do not depend on exact layout. */

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every object in the card, depth first, in document order (body before actions). */
export const nodesOf = (card: AdaptiveCard): Node[] => {
  const nodes: Node[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isNode(value)) {
      nodes.push(value);
      Object.values(value).forEach(visit);
    }
  };
  visit(card);
  return nodes;
};

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: string;
  data?: Record<string, unknown>;
  associatedInputs?: string;
  style?: string;
}

export const executeActionsOf = (card: AdaptiveCard): ExecuteAction[] =>
  nodesOf(card).filter((node) => node.type === 'Action.Execute') as unknown as ExecuteAction[];

export const actionOf = (card: AdaptiveCard, title: string): Node | undefined =>
  nodesOf(card).find(
    (node) => typeof node.type === 'string' && node.type.startsWith('Action.') && node.title === title,
  );

export const openUrlsOf = (card: AdaptiveCard): { title: string; url: string }[] =>
  nodesOf(card).filter((node) => node.type === 'Action.OpenUrl') as unknown as {
    title: string;
    url: string;
  }[];

export const inputsOf = (card: AdaptiveCard): Node[] =>
  nodesOf(card).filter((node) => typeof node.type === 'string' && node.type.startsWith('Input.'));

export const inputById = (card: AdaptiveCard, id: string): Node | undefined =>
  inputsOf(card).find((input) => input.id === id);

/** Every Markdown text the card shows: TextBlock texts and fact titles/values. */
export const markdownTextsOf = (card: AdaptiveCard): string[] =>
  nodesOf(card).flatMap((node) => {
    if (node.type === 'TextBlock') return [node.text as string];
    if (Array.isArray(node.facts)) {
      return (node.facts as { title: string; value: string }[]).flatMap((fact) => [fact.title, fact.value]);
    }
    return [];
  });

/** What a Markdown renderer shows for one of those texts (escapes removed, paragraphs as lines). */
export const renderedText = (markdown: string): string =>
  markdown
    .split('\n\n')
    .map((line) => line.replace(/\\([!-/:-@[-`{-~])/g, '$1'))
    .join('\n');

/** A Markdown-significant character not escaped by a backslash: a card text must have none. */
export const unescapedMarkdown = /(?<!\\)(?:\\\\)*[*_[\]()`~|<!{]/;

/** What a card shows for a stored text: each line (ended by CRLF, CR or LF) trimmed of spaces and tabs, blank lines dropped. */
export const displayForm = (stored: string): string =>
  stored
    .split(/\r\n?|\n/)
    .map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter(Boolean)
    .join('\n');

/** Everything a person reads on the card, as rendered text (plus input labels and button titles). */
export const visibleText = (card: AdaptiveCard): string =>
  [
    ...markdownTextsOf(card).map(renderedText),
    ...nodesOf(card).flatMap((node) =>
      [node.label, node.title, node.placeholder].filter((v) => typeof v === 'string'),
    ),
  ].join('\n');

/** Body elements in order, with containers and columns flattened, for "what comes after what". */
export const flatBody = (card: AdaptiveCard): Node[] => {
  const out: Node[] = [];
  const visit = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const element of elements) {
      if (!isNode(element)) continue;
      out.push(element);
      visit(element.items);
      if (Array.isArray(element.columns)) for (const column of element.columns) visit((column as Node).items);
    }
  };
  visit(card.body);
  return out;
};
