import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * Small readers for the deployment files (Bicep, Toolkit YAML, Dockerfile…), enough for the offline
 * consistency tests: there is no Bicep CLI, Toolkit or Docker engine where the tests run. They rely
 * on the files' formatting (Bicep's formatter style, the Toolkit's YAML layout) and fail loudly when
 * a structure is not found, so a change of layout breaks the test rather than silencing it.
 */

export const repoPath = (path: string) => new URL(`../../${path}`, import.meta.url);
export const readRepoFile = (path: string) => readFileSync(repoPath(path), 'utf8');

/** The environment variable names bot/src/config.ts accepts (the keys of its EnvSchema). */
export const configVariables = (): Set<string> => {
  const source = readRepoFile('bot/src/config.ts');
  const schema = source.slice(source.indexOf('const EnvSchema'), source.indexOf('export interface Config'));
  const names = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*): z\./gm)].map((match) => match[1]!);
  if (names.length < 10) throw new Error('EnvSchema not found in bot/src/config.ts');
  return new Set(names);
};

export const envFile = (path: string): Record<string, string> =>
  parseEnv(readRepoFile(path)) as Record<string, string>;

// ---------------------------------------------------------------------------------------------
// Bicep

export interface BicepParam {
  name: string;
  hasDefault: boolean;
  /** The default's source text, when there is one. */
  defaultValue?: string;
  secure: boolean;
}

/** Source without `//` and `/* *\/` comments (strings kept), so quotes in comments do not matter. */
export const stripBicepComments = (source: string): string => {
  let result = '';
  let inString = false;
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i]!;
    if (inString) {
      result += char;
      if (char === '\\') {
        result += source[i + 1] ?? '';
        i += 1;
      } else if (char === "'") inString = false;
    } else if (char === "'") {
      inString = true;
      result += char;
    } else if (char === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i += 1;
      result += '\n';
    } else if (char === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i + 2) + 1;
    } else result += char;
  }
  return result;
};

export const bicepParams = (source: string): BicepParam[] => {
  const lines = stripBicepComments(source).split('\n');
  const params: BicepParam[] = [];
  let decorators: string[] = [];
  for (const line of lines) {
    if (/^@/.test(line)) {
      decorators.push(line);
      continue;
    }
    const match = /^param (\w+) \w+( =.*)?$/.exec(line.trimEnd());
    if (match) {
      params.push({
        name: match[1]!,
        hasDefault: Boolean(match[2]),
        ...(match[2] ? { defaultValue: match[2].replace(/^ = /, '') } : {}),
        secure: decorators.some((decorator) => decorator.startsWith('@secure()')),
      });
    }
    // A decorator's arguments may span lines (@allowed([ … ])); keep collecting until a declaration.
    if (/^(param|var|resource|module|output) /.test(line)) decorators = [];
  }
  return params;
};

export const bicepOutputs = (source: string): string[] =>
  [...stripBicepComments(source).matchAll(/^output (\w+) /gm)].map((match) => match[1]!);

/** The lines of a block opened by the line matching `opening`, up to its closing line at the same indent. */
export const blockLines = (lines: string[], start: number): string[] => {
  const indent = /^ */.exec(lines[start]!)![0].length;
  const body: string[] = [];
  for (let i = start + 1; i < lines.length; i += 1) {
    const line = lines[i]!;
    if (line.trim() !== '' && /^ */.exec(line)![0].length === indent && /^\s*[}\]]/.test(line)) return body;
    body.push(line);
  }
  throw new Error(`Unclosed block: ${lines[start]}`);
};

/** Keys directly inside an object block (one indentation level deeper than its opening line). */
export const objectKeys = (lines: string[], start: number): string[] => {
  const indent = /^ */.exec(lines[start]!)![0].length + 2;
  return blockLines(lines, start)
    .filter((line) => /^ */.exec(line)![0].length === indent)
    .map((line) => /^\s*'?([\w.-]+)'?:/.exec(line)?.[1])
    .filter((key): key is string => Boolean(key));
};

export interface BicepModule {
  symbol: string;
  path: string;
  params: string[];
}

export const bicepModules = (source: string): BicepModule[] => {
  const lines = stripBicepComments(source).split('\n');
  const modules: BicepModule[] = [];
  lines.forEach((line, index) => {
    const match = /^module (\w+) '([^']+)' = /.exec(line);
    if (!match) return;
    const body = blockLines(lines, index);
    const paramsAt = body.findIndex((bodyLine) => /^ {2}params: \{$/.test(bodyLine));
    if (paramsAt < 0) throw new Error(`module ${match[1]}: no params block`);
    modules.push({ symbol: match[1]!, path: match[2]!, params: objectKeys(lines, index + 1 + paramsAt) });
  });
  return modules;
};

// ---------------------------------------------------------------------------------------------
// Microsoft 365 Agents Toolkit project files (m365agents*.yml)

export interface ToolkitAction {
  lifecycle: string;
  uses: string;
  /** The action's own lines. */
  text: string;
  /** `with:` values by key (single-line values only). */
  with: Record<string, string>;
  /** Variables the action writes (writeToEnvironmentFile values). */
  writes: string[];
  /** `envs:` of file/createOrUpdateEnvironmentFile. */
  envs: Record<string, string>;
}

/** The actions of a Toolkit YAML file, in order: lifecycles at column 0, actions as `  - uses:` items. */
export const toolkitActions = (source: string): ToolkitAction[] => {
  const lines = source.split('\n').filter((line) => !/^\s*#/.test(line));
  const actions: ToolkitAction[] = [];
  let lifecycle = '';
  let current: string[] | undefined;
  const flush = () => {
    if (current) actions.push(parseAction(lifecycle, current));
    current = undefined;
  };
  for (const line of lines) {
    if (/^[a-z]\w*:/.test(line)) {
      flush();
      lifecycle = line.slice(0, line.indexOf(':'));
    } else if (/^ {2}- uses: /.test(line)) {
      flush();
      current = [line];
    } else if (current) current.push(line);
  }
  flush();
  return actions;
};

const parseAction = (lifecycle: string, lines: string[]): ToolkitAction => {
  const pairsUnder = (key: string, indent: number): Record<string, string> => {
    const start = lines.findIndex((line) => line === `${' '.repeat(indent)}${key}:`);
    if (start < 0) return {};
    const pairs: Record<string, string> = {};
    for (const line of lines.slice(start + 1)) {
      const depth = /^ */.exec(line)![0].length;
      if (line.trim() === '') continue;
      if (depth <= indent) break;
      const match = /^\s*([\w-]+): (.+)$/.exec(line);
      if (match && depth === indent + 2) pairs[match[1]!] = match[2]!.trim();
    }
    return pairs;
  };
  return {
    lifecycle,
    uses: lines[0]!.replace(/^ {2}- uses: /, '').trim(),
    text: lines.join('\n'),
    with: pairsUnder('with', 4),
    writes: Object.values(pairsUnder('writeToEnvironmentFile', 4)),
    envs: pairsUnder('envs', 6),
  };
};

/** `- path:` / `parameters:` entries of arm/deploy's templates list. */
export const armTemplates = (action: ToolkitAction): { path: string; parameters: string }[] => {
  const templates: { path: string; parameters: string }[] = [];
  for (const match of action.text.matchAll(/- path: (\S+)\n\s+parameters: (\S+)/g)) {
    templates.push({ path: match[1]!, parameters: match[2]! });
  }
  return templates;
};

// ---------------------------------------------------------------------------------------------
// Dockerfile

export interface DockerInstruction {
  stage: string;
  keyword: string;
  args: string;
}

export const dockerInstructions = (source: string): DockerInstruction[] => {
  const logical = source
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  let stage = '';
  return logical.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword!.toUpperCase() === 'FROM') stage = /\bAS (\S+)/i.exec(args)?.[1] ?? args;
    return { stage, keyword: keyword!.toUpperCase(), args };
  });
};

/** JSON with `//` comment lines (VS Code's tasks.json, launch.json). */
export const readJsonWithComments = <T>(path: string): T =>
  JSON.parse(
    readRepoFile(path)
      .split('\n')
      .filter((line) => !/^\s*\/\//.test(line))
      .join('\n'),
  ) as T;
