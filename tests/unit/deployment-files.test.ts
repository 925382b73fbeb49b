import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/src/config';
import { placeholderNames } from '../../scripts/app-package/placeholders';
import {
  armTemplates,
  bicepModules,
  bicepOutputs,
  bicepParams,
  blockLines,
  configVariables,
  dockerInstructions,
  envFile,
  objectKeys,
  readJsonWithComments,
  readRepoFile,
  repoPath,
  stripBicepComments,
  toolkitActions,
  type ToolkitAction,
} from '../helpers/deployment-files';

/**
 * What can be checked without Azure, the Bicep CLI, the Agents Toolkit or a Docker engine: the
 * deployment files refer only to parameters, outputs, environment variables, files and npm scripts
 * that exist, in an order in which they exist.
 */

const packageJson = JSON.parse(readRepoFile('package.json')) as { scripts: Record<string, string> };
const scripts = packageJson.scripts;
const configNames = configVariables();
const exists = (path: string) => existsSync(repoPath(path.replace(/^\.\//, '')));
const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/** Settings App Service itself reads (build on deploy, monitoring agent), not the app. */
const platformSettings = new Set([
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'CUSTOM_BUILD_COMMAND',
  'APPLICATIONINSIGHTS_CONNECTION_STRING',
  'ApplicationInsightsAgent_EXTENSION_VERSION',
]);

describe('Bicep (infra/)', () => {
  const main = readRepoFile('infra/azure.bicep');
  const mainParams = bicepParams(main);

  const checkParameterFile = (templatePath: string, parametersPath: string) => {
    const params = bicepParams(readRepoFile(templatePath));
    const given = JSON.parse(readRepoFile(parametersPath)).parameters as Record<string, { value: unknown }>;
    const declared = new Set(params.map((param) => param.name));
    expect(Object.keys(given).filter((name) => !declared.has(name))).toEqual([]);
    const required = params.filter((param) => !param.hasDefault).map((param) => param.name);
    expect(required.filter((name) => !(name in given))).toEqual([]);
    // Secrets come from the .user env file through a placeholder, never written in the file.
    for (const param of params.filter((candidate) => candidate.secure)) {
      expect(given[param.name]?.value, param.name).toMatch(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/);
    }
  };

  it('azure.parameters.json gives every required parameter and only declared ones', () => {
    expect(mainParams.length).toBeGreaterThan(10);
    checkParameterFile('infra/azure.bicep', 'infra/azure.parameters.json');
  });

  it('the bot registration parameters file matches its template', () => {
    checkParameterFile(
      'infra/bot-registration/azurebot.bicep',
      'infra/bot-registration/azurebot.parameters.json',
    );
  });

  const bicepFiles = [
    'infra/azure.bicep',
    'infra/bot-registration/azurebot.bicep',
    'infra/modules/app-service-site.bicep',
    'infra/modules/postgres-firewall.bicep',
  ];

  it.each(bicepFiles)(
    '%s: modules get exactly their declared parameters and expose the outputs used',
    (path) => {
      const source = readRepoFile(path);
      for (const module of bicepModules(source)) {
        const modulePath = `${dirOf(path)}${module.path}`;
        expect(exists(modulePath), modulePath).toBe(true);
        const moduleSource = readRepoFile(modulePath);
        const params = bicepParams(moduleSource);
        const declared = new Set(params.map((param) => param.name));
        expect(
          module.params.filter((name) => !declared.has(name)),
          module.symbol,
        ).toEqual([]);
        const required = params.filter((param) => !param.hasDefault).map((param) => param.name);
        expect(
          required.filter((name) => !module.params.includes(name)),
          module.symbol,
        ).toEqual([]);
        const outputs = new Set(bicepOutputs(moduleSource));
        const used = [...source.matchAll(new RegExp(`\\b${module.symbol}\\.outputs\\.(\\w+)`, 'g'))];
        expect(
          used.map((match) => match[1]!).filter((name) => !outputs.has(name)),
          module.symbol,
        ).toEqual([]);
      }
    },
  );

  it.each(bicepFiles)('%s: every parameter is used', (path) => {
    const code = stripBicepComments(readRepoFile(path));
    for (const param of bicepParams(readRepoFile(path))) {
      const uses = code.match(new RegExp(`\\b${param.name}\\b`, 'g')) ?? [];
      expect(uses.length, `${path}: param ${param.name}`).toBeGreaterThan(1);
    }
  });

  /** Keys of the app settings objects: the shared settings, the per-site additions, PUBLIC_URL. */
  const appSettingKeys = () => {
    const keys: string[] = [];
    for (const path of ['infra/azure.bicep', 'infra/modules/app-service-site.bicep']) {
      const lines = stripBicepComments(readRepoFile(path)).split('\n');
      lines.forEach((line, index) => {
        if (/^var commonSettings = \{$/.test(line) || /union\([\w]+, \{$/.test(line)) {
          keys.push(...objectKeys(lines, index));
        }
      });
    }
    return keys;
  };

  it('sets only environment variables the app reads (bot/src/config.ts) or App Service uses', () => {
    const keys = appSettingKeys();
    expect(keys).toEqual(expect.arrayContaining(['DATABASE_URL', 'PUBLIC_URL', 'WORKER_IN_PROCESS']));
    expect(keys.filter((key) => !configNames.has(key) && !platformSettings.has(key))).toEqual([]);
  });

  it("sets enough for the app to start in production, with the parameters' defaults", () => {
    const lines = stripBicepComments(main).split('\n');
    const start = lines.findIndex((line) => line === 'var commonSettings = {');
    const defaults = new Map(mainParams.map((param) => [param.name, param.defaultValue]));
    const literal = (text: string | undefined) =>
      /^'([^'$]*)'$/.exec(text ?? '')?.[1] ?? /^\d+$/.exec(text ?? '')?.[0];
    // A setting is a literal, a parameter (or string(parameter)) with its default, or a value
    // computed at deployment (Key Vault reference, id), for which the test puts a plausible one.
    const env: Record<string, string> = {};
    for (const line of blockLines(lines, start)) {
      const match = /^ {2}(\w+): (.+)$/.exec(line);
      if (!match) continue;
      const [, key, value] = match as unknown as [string, string, string];
      const param = /^(?:string\()?(\w+)\)?$/.exec(value)?.[1];
      env[key] = literal(value) ?? (param && literal(defaults.get(param))) ?? 'computed';
    }
    Object.assign(env, {
      DATABASE_URL: 'postgresql://admin:secret@example.postgres.database.azure.com:5432/proposals',
      PUBLIC_URL: 'https://proposals-web.azurewebsites.net',
      BOT_APP_ID: '8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d',
      WORKER_IN_PROCESS: 'false',
    });
    expect(env).toMatchObject({ NODE_ENV: 'production', GRAPH_ENABLED: 'false', DATABASE_POOL_SIZE: '10' });
    const config = loadConfig(env);
    expect(config.auth.audiences).toContain(
      'api://proposals-web.azurewebsites.net/botid-8a7b6c5d-4e3f-4a1b-9c8d-7e6f5a4b3c2d',
    );
    expect(config.trustProxy).toBe(1);
    expect(config.workerInProcess).toBe(false);
  });

  it("starts the sites with package.json's start script and probes a route the app serves", () => {
    const site = readRepoFile('infra/modules/app-service-site.bicep');
    expect(site).toContain("appCommandLine: 'npm start'");
    expect(scripts.start).toBeDefined();
    const probe = /healthCheckPath: '([^']+)'/.exec(site)![1]!;
    expect(readRepoFile('bot/src/http/routes/health.ts')).toContain(`'${probe}'`);
  });

  it('keeps PostgreSQL on UTF-8, TLS only, and reachable only through firewall rules', () => {
    expect(main).toContain("charset: 'UTF8'");
    expect(main).toMatch(/name: 'require_secure_transport'\n\s+properties: \{\n\s+value: 'on'/);
    expect(main).toContain('sslmode=verify-full');
    expect(main).not.toMatch(/0\.0\.0\.0/);
    expect(readRepoFile('infra/modules/postgres-firewall.bicep')).toContain('firewallRules');
  });

  it('writes every output to a variable of the Azure env file', () => {
    const dev = envFile('env/.env.dev');
    expect(bicepOutputs(main).filter((name) => !(name in dev))).toEqual([]);
  });
});

describe('Agents Toolkit project files', () => {
  const tunnelWrites = (): string[] => {
    const tasks = readJsonWithComments<{ tasks: { command?: string; args?: { ports?: unknown[] } }[] }>(
      '.vscode/tasks.json',
    );
    return tasks.tasks
      .filter((task) => task.command === 'debug-start-local-tunnel')
      .flatMap((task) => task.args?.ports ?? [])
      .flatMap((port) =>
        Object.values((port as { writeToEnvironmentFile: Record<string, string> }).writeToEnvironmentFile),
      );
  };

  /** Values nobody writes that a person (or the Toolkit's prompt) provides; empty is allowed. */
  const providedByOperator = new Set([
    'AZURE_SUBSCRIPTION_ID',
    'AZURE_RESOURCE_GROUP_NAME',
    'RESOURCE_SUFFIX',
    'PUBLIC_HOST_NAME',
    'AUTH_OFFICE_GROUP_IDS',
    // Written by `atk publish` (publishAppPackage); the next provision hands it to the sites.
    'TEAMS_APP_PUBLISHED_APP_ID',
  ]);

  /** Placeholders an action resolves: its own text and the files it reads. */
  const referencedBy = (action: ToolkitAction): string[] => {
    const files: string[] = [];
    if (action.uses === 'aadApp/update') files.push(action.with.manifestPath!);
    if (action.uses === 'arm/deploy')
      files.push(...armTemplates(action).map((template) => template.parameters));
    if (action.uses === 'teamsApp/zipAppPackage' || action.uses === 'teamsApp/validateManifest') {
      const manifestPath = action.with.manifestPath!;
      files.push(manifestPath);
      const manifest = JSON.parse(readRepoFile(manifestPath.replace(/^\.\//, '')));
      for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
        files.push(`${dirOf(manifestPath)}${language.file}`);
      }
    }
    return [
      ...placeholderNames(action.text),
      ...files.flatMap((file) => placeholderNames(readRepoFile(file.replace(/^\.\//, '')))),
    ];
  };

  describe.each([
    ['m365agents.local.yml', 'env/.env.local'],
    ['m365agents.yml', 'env/.env.dev'],
  ])('%s with %s', (projectFile, envPath) => {
    const source = readRepoFile(projectFile);
    const actions = toolkitActions(source);
    const env = envFile(envPath);
    const envText = readRepoFile(envPath);

    it('has provision and deploy lifecycles like the Toolkit templates', () => {
      expect(actions.length).toBeGreaterThan(5);
      expect(new Set(actions.map((action) => action.lifecycle))).toEqual(
        new Set(
          projectFile === 'm365agents.yml' ? ['provision', 'deploy', 'publish'] : ['provision', 'deploy'],
        ),
      );
      expect(actions.map((action) => action.uses)).toEqual(
        expect.arrayContaining([
          'teamsApp/create',
          'aadApp/create',
          'aadApp/update',
          'arm/deploy',
          'teamsApp/zipAppPackage',
        ]),
      );
    });

    it('refers only to files that exist', () => {
      for (const action of actions) {
        for (const key of ['manifestPath', 'ignoreFile']) {
          const path = action.with[key];
          if (path) expect(exists(path), `${action.uses} ${key}: ${path}`).toBe(true);
        }
        for (const template of armTemplates(action)) {
          expect(exists(template.path), template.path).toBe(true);
          expect(exists(template.parameters), template.parameters).toBe(true);
        }
      }
    });

    it('runs only npm scripts that exist', () => {
      for (const action of actions.filter((candidate) => candidate.uses === 'cli/runNpmCommand')) {
        const script = /^run (\S+)/.exec(action.with.args ?? '')?.[1];
        if (script) expect(scripts[script], `npm run ${script}`).toBeDefined();
        else expect(action.with.args).toMatch(/^(ci|install)\b/);
      }
    });

    it('uses every variable only once it exists: env file, an earlier action, or a Bicep output', () => {
      const written = new Set<string>(projectFile === 'm365agents.local.yml' ? tunnelWrites() : []);
      const problems: string[] = [];
      for (const action of actions) {
        // aadApp/update generates the access_as_user scope id when the variable is empty.
        if (action.uses === 'aadApp/update') written.add('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
        for (const name of referencedBy(action)) {
          if (name.startsWith('SECRET_')) {
            // Secrets are written by an action, or the env file tells the operator to set them.
            if (!written.has(name) && !envText.includes(`${name}=`)) problems.push(`${action.uses}: ${name}`);
          } else if (!(name in env)) problems.push(`${action.uses}: ${name} is not in ${envPath}`);
          else if (env[name] === '' && !written.has(name) && !providedByOperator.has(name)) {
            problems.push(`${action.uses}: ${name} is empty and nothing writes it before`);
          }
        }
        action.writes.forEach((name) => written.add(name));
        for (const template of armTemplates(action)) {
          bicepOutputs(readRepoFile(template.path.replace(/^\.\//, ''))).forEach((name) => written.add(name));
        }
      }
      expect(problems).toEqual([]);
    });

    it('keeps every variable an action writes in the env file (or the .user file for secrets)', () => {
      const writes = actions.flatMap((action) => action.writes);
      expect(writes.filter((name) => !name.startsWith('SECRET_') && !(name in env))).toEqual([]);
    });
  });

  it('gives the local server only variables bot/src/config.ts reads', () => {
    const actions = toolkitActions(readRepoFile('m365agents.local.yml'));
    const runtime = actions.find((action) => action.uses === 'file/createOrUpdateEnvironmentFile')!;
    expect(runtime.with.target).toBe('./.localConfigs');
    expect(scripts['dev:teamsfx']).toContain('.localConfigs');
    const keys = Object.keys(runtime.envs);
    expect(keys).toEqual(expect.arrayContaining(['BOT_APP_ID', 'SECRET_BOT_APP_PASSWORD', 'PUBLIC_URL']));
    expect(keys.filter((key) => !configNames.has(key))).toEqual([]);
  });

  it('VS Code tasks run npm scripts that exist and write the tunnel to the local env file', () => {
    const tasks = readJsonWithComments<{ tasks: { type?: string; command?: string }[] }>(
      '.vscode/tasks.json',
    );
    for (const task of tasks.tasks.filter((candidate) => candidate.type === 'shell')) {
      const script = /^npm run (\S+)$/.exec(task.command ?? '')?.[1];
      expect(script && scripts[script], task.command).toBeTruthy();
    }
    const local = envFile('env/.env.local');
    expect(tunnelWrites().sort()).toEqual(['TAB_DOMAIN', 'TAB_ENDPOINT']);
    expect(tunnelWrites().filter((name) => !(name in local))).toEqual([]);
    const launch = readRepoFile('.vscode/launch.json');
    for (const match of launch.matchAll(/\$\{\{(local:)?([A-Z_]+)\}\}/g)) {
      expect(match[2]! in envFile(match[1] ? 'env/.env.local' : 'env/.env.dev'), match[0]).toBe(true);
    }
  });

  it('keeps secrets out of the committed env files', () => {
    for (const path of ['env/.env.local', 'env/.env.dev']) {
      expect(Object.keys(envFile(path)).filter((name) => name.startsWith('SECRET_'))).toEqual([]);
    }
    const ignored = readRepoFile('.gitignore');
    expect(ignored).toMatch(/^\*\.user$/m);
    expect(ignored).toMatch(/^\.localConfigs$/m);
  });
});

describe('Dockerfile', () => {
  const instructions = dockerInstructions(readRepoFile('Dockerfile'));
  const finalStage = instructions.at(-1)!.stage;
  const inFinal = instructions.filter((instruction) => instruction.stage === finalStage);
  const runs = instructions.filter((instruction) => instruction.keyword === 'RUN');

  it('is multi-stage and installs only production dependencies in the final image', () => {
    expect(
      instructions.filter((instruction) => instruction.keyword === 'FROM').length,
    ).toBeGreaterThanOrEqual(2);
    expect(inFinal.some((instruction) => /\bnpm ci --omit=dev\b/.test(instruction.args))).toBe(true);
  });

  it('runs only npm scripts that exist, and ships the tab they build', () => {
    const used = runs.flatMap((instruction) =>
      [...instruction.args.matchAll(/npm run (\S+)/g)].map((m) => m[1]!),
    );
    expect(used).toContain('build:tab');
    expect(used.filter((name) => !scripts[name])).toEqual([]);
    expect(scripts['build:tab']).toBe('vite build -c tab/vite.config.ts');
    expect(readRepoFile('tab/vite.config.ts')).toMatch(/outDir: 'dist'/);
    expect(
      inFinal.some(
        (instruction) =>
          instruction.keyword === 'COPY' && /--from=\w+ \/app\/tab\/dist /.test(instruction.args),
      ),
    ).toBe(true);
  });

  it("starts the entry point of npm start (and documents the worker with npm run worker's)", () => {
    const cmd = JSON.parse(inFinal.find((instruction) => instruction.keyword === 'CMD')!.args) as string[];
    expect(cmd).toEqual(scripts.start!.split(' '));
    expect(readRepoFile('Dockerfile')).toContain(scripts.worker!);
    // The compiled entry points exist in the image: the build step runs before the CMD.
    expect(
      inFinal.some(
        (instruction) => instruction.keyword === 'RUN' && instruction.args.includes(scripts['build:server']!),
      ),
    ).toBe(true);
  });

  it('runs as a non-root user with a health check on /healthz', () => {
    const user = inFinal.filter((instruction) => instruction.keyword === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(['root', '0']).not.toContain(user!.args.split(':')[0]);
    const lastUser = inFinal.lastIndexOf(user!);
    expect(inFinal.slice(lastUser).some((instruction) => instruction.keyword === 'RUN')).toBe(false);
    const healthcheck = inFinal.find((instruction) => instruction.keyword === 'HEALTHCHECK')!;
    expect(healthcheck.args).toContain('/healthz');
    expect(readRepoFile('bot/src/http/routes/health.ts')).toContain("'/healthz'");
  });

  it('uses the Node.js major version of .nvmrc and exposes the default port', () => {
    const nodeVersion = instructions.find((instruction) => instruction.keyword === 'ARG')!.args;
    expect(nodeVersion).toBe(`NODE_VERSION=${readRepoFile('.nvmrc').trim()}`);
    expect(inFinal.find((instruction) => instruction.keyword === 'EXPOSE')!.args).toBe(
      String(loadConfig({}).port),
    );
  });

  it('copies only sources that exist and that .dockerignore does not drop', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    expect(ignored).toEqual(
      expect.arrayContaining(['node_modules', '.git', '*.user', '.env', 'env', '.data']),
    );
    const copies = instructions.filter(
      (instruction) => instruction.keyword === 'COPY' && !instruction.args.startsWith('--from'),
    );
    for (const copy of copies) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) {
        expect(exists(source), source).toBe(true);
        expect(
          ignored.filter((pattern) => source === pattern || source.startsWith(`${pattern}/`)),
          source,
        ).toEqual([]);
      }
    }
  });
});

describe('App Service zip deploys (.webappignore)', () => {
  const ignored = readRepoFile('.webappignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const isIgnored = (path: string) =>
    ignored.some((pattern) => {
      const bare = pattern.replace(/\/$/, '');
      if (pattern.startsWith('*.')) return path.endsWith(pattern.slice(1));
      return path === bare || path.startsWith(`${bare}/`);
    });

  it('ships what npm start needs and leaves out dependencies, tests and secrets', () => {
    for (const needed of [
      'package.json',
      'package-lock.json',
      'bot/src/main.ts',
      'bot/src/worker.ts',
      'shared/src/index.ts',
      'tab/dist/index.html',
      'scripts/ensure-tab-build.mjs',
      'bot/src/data/migrations/meta/_journal.json',
    ]) {
      expect(isIgnored(needed), needed).toBe(false);
    }
    for (const left of [
      'node_modules/x',
      'tests/unit/x.test.ts',
      'env/.env.dev',
      'env/.env.dev.user',
      '.localConfigs',
      'tab/src/main.tsx',
      '.data/x',
    ]) {
      expect(isIgnored(left), left).toBe(true);
    }
    expect(scripts.prestart).toBe('node scripts/ensure-tab-build.mjs && node scripts/build-server.mjs');
    expect(isIgnored('scripts/build-server.mjs')).toBe(false);
  });
});

describe('docs/operations.md', () => {
  it('is where the README sends the people who deploy', () => {
    expect(readRepoFile('README.md')).toContain('](docs/operations.md)');
  });

  it('documents every environment variable of bot/src/config.ts', () => {
    const doc = readRepoFile('docs/operations.md');
    expect([...configNames].filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
  });

  it('documents the Graph permissions the Entra manifest requests', () => {
    const doc = readRepoFile('docs/operations.md');
    const entra = JSON.parse(readRepoFile('infra/entra/entra.manifest.json'));
    const permissions = entra.requiredResourceAccess.flatMap(
      (resource: { resourceAccess: { id: string }[] }) => resource.resourceAccess.map((access) => access.id),
    ) as string[];
    expect(permissions.length).toBeGreaterThan(0);
    expect(permissions.filter((name) => !doc.includes(`\`${name}\``))).toEqual([]);
    const clients = entra.preAuthorizedApplications.map(
      (client: { appId: string }) => client.appId,
    ) as string[];
    expect(clients.filter((id) => !doc.includes(id))).toEqual([]);
  });
});
