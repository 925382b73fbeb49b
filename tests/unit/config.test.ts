import { describe, expect, it } from 'vitest';
import { ConfigError, deepLinkAppId, loadConfig } from '../../bot/src/config';

const production = {
  NODE_ENV: 'production',
  BOT_APP_ID: '3f1d2c4b-6a5e-4d7c-9b8a-1e2f3a4b5c6d',
  BOT_TENANT_ID: '9a3c1f2e-5b7d-4e1a-8c2f-0d6e4b7a1c30',
  SECRET_BOT_APP_PASSWORD: 'secret-value',
};

describe('loadConfig', () => {
  it('has defaults that run on a bare machine with the embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3978,
      // No bot app id: unsigned bot traffic is accepted, so only this machine may reach the server.
      host: '127.0.0.1',
      insecureModes: ['unsigned bot traffic (BOT_APP_ID unset)'],
      databaseUrl: undefined,
      dataDir: './.data',
      logLevel: 'info',
      workerInProcess: true,
      bot: { appId: undefined, appType: 'SingleTenant' },
      graph: { enabled: false },
    });
  });

  it('treats empty variables as unset and trims the public URL', () => {
    const config = loadConfig({ PORT: '', DATABASE_URL: '', PUBLIC_URL: 'https://proposals.example.jp/' });
    expect(config.port).toBe(3978);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBe('https://proposals.example.jp');
  });

  it('fails fast naming each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) expect(message).toContain(name);
    }
  });

  it('refuses production without the bot credentials, naming what is missing', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/BOT_APP_ID is required/);
    expect(() => loadConfig({ ...production, SECRET_BOT_APP_PASSWORD: '' })).toThrow(
      /SECRET_BOT_APP_PASSWORD/,
    );
    expect(() => loadConfig({ ...production, BOT_TENANT_ID: '' })).toThrow(/BOT_TENANT_ID/);
    expect(() =>
      loadConfig({ ...production, BOT_CERT_THUMBPRINT: 'AB12', SECRET_BOT_APP_PASSWORD: '' }),
    ).toThrow(/SECRET_BOT_APP_PASSWORD/);
  });

  it('accepts production with a secret, a certificate, or a managed identity', () => {
    expect(loadConfig(production).bot.appPassword).toBe('secret-value');
    expect(
      loadConfig({
        ...production,
        SECRET_BOT_APP_PASSWORD: '',
        BOT_CERT_THUMBPRINT: 'AB12',
        SECRET_BOT_CERT_PRIVATE_KEY: 'pem',
      }).bot.certificateThumbprint,
    ).toBe('AB12');
    expect(
      loadConfig({ ...production, SECRET_BOT_APP_PASSWORD: '', BOT_APP_TYPE: 'UserAssignedMSI' }).bot.appType,
    ).toBe('UserAssignedMSI');
    expect(() =>
      loadConfig({
        ...production,
        BOT_TENANT_ID: '',
        BOT_APP_TYPE: 'MultiTenant',
        AUTH_TENANT_ID: '9a3c1f2e-5b7d-4e1a-8c2f-0d6e4b7a1c30',
      }),
    ).not.toThrow();
  });

  it('configures the tab API for Teams SSO, with defaults from the bot registration', () => {
    const config = loadConfig({ ...production, PUBLIC_URL: 'https://proposals.example.jp' });
    expect(config.auth).toMatchObject({
      mode: 'entra',
      tenantId: production.BOT_TENANT_ID,
      audiences: [`api://proposals.example.jp/botid-${production.BOT_APP_ID}`, production.BOT_APP_ID],
      jwksUrl: `https://login.microsoftonline.com/${production.BOT_TENANT_ID}/discovery/v2.0/keys`,
      officeRole: 'Office',
      adminRole: 'Admin',
      officeGroupIds: [],
    });
    const custom = loadConfig({
      ...production,
      AUTH_TENANT_ID: 'tenant-b',
      AUTH_AUDIENCES: 'api://a/botid-1, client-1',
      AUTH_OFFICE_GROUP_IDS: 'g1,g2',
    });
    expect(custom.auth).toMatchObject({
      tenantId: 'tenant-b',
      audiences: ['api://a/botid-1', 'client-1'],
      officeGroupIds: ['g1', 'g2'],
    });
  });

  it('maps Entra groups to the divisions whose liaisons (所管課担当) their members are', () => {
    expect(loadConfig(production).auth.liaisonGroups).toEqual(new Map());
    const config = loadConfig({ ...production, AUTH_LIAISON_GROUPS: 'g1=kikaku, g2 = zaisei' });
    expect(config.auth.liaisonGroups).toEqual(
      new Map([
        ['g1', 'kikaku'],
        ['g2', 'zaisei'],
      ]),
    );
    expect(() => loadConfig({ ...production, AUTH_LIAISON_GROUPS: 'g1,kikaku' })).toThrow(
      /AUTH_LIAISON_GROUPS/,
    );
  });

  it('refuses the development sign-in in production', () => {
    expect(() => loadConfig({ ...production, AUTH_MODE: 'development' })).toThrow(
      /AUTH_MODE=development is not allowed in production/,
    );
    expect(loadConfig({ NODE_ENV: 'development', AUTH_MODE: 'development' }).auth.mode).toBe('development');
    expect(() => loadConfig({ ...production, BOT_APP_TYPE: 'MultiTenant', BOT_TENANT_ID: '' })).toThrow(
      /AUTH_TENANT_ID/,
    );
  });

  it('keeps the insecure modes (unsigned bot traffic, demo sign-in) on loopback unless explicitly allowed', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/unsigned bot traffic .* loopback/);
    expect(() =>
      loadConfig({ ...production, NODE_ENV: 'development', AUTH_MODE: 'development', HOST: '0.0.0.0' }),
    ).toThrow(/demo sign-in/);
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_INSECURE_LOCAL_MODE: 'true' }).insecureModes).toHaveLength(1);
    // With a bot app id and Entra sign-in nothing is insecure: every interface by default.
    expect(loadConfig(production)).toMatchObject({ host: '0.0.0.0', insecureModes: [] });
  });

  it('trusts X-Forwarded-For by hop count or proxy addresses, never wholesale', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.4' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '192.168.1.4',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY.*number of proxies/s);
  });

  it("accepts Teams' service URLs by default and the deployment's tenant", () => {
    const config = loadConfig(production);
    expect(config.bot.serviceUrlAllowlist).toContain('https://smba.trafficmanager.net/');
    expect(config.bot.allowedTenantIds).toEqual([production.BOT_TENANT_ID]);
    expect(
      loadConfig({ ...production, BOT_ALLOWED_TENANT_IDS: 'a-tenant, b-tenant' }).bot.allowedTenantIds,
    ).toEqual(['a-tenant', 'b-tenant']);
    expect(() => loadConfig({ ...production, BOT_APP_TYPE: 'MultiTenant', BOT_TENANT_ID: '' })).toThrow(
      /BOT_ALLOWED_TENANT_IDS/,
    );
  });

  it('has per-user limits on what the bot does, configurable', () => {
    expect(loadConfig({}).limits).toEqual({
      proposalsPerMinute: 5,
      proposalsPerDay: 30,
      stampSendsPerMinute: 10,
      stampSendsPerDay: 100,
      stampRecipientsPerDay: 200,
      appInstallsPerDay: 50,
      commentsPer10Minutes: 10,
      commentReportsPerDay: 30,
    });
    expect(loadConfig({ LIMIT_PROPOSALS_PER_DAY: '60' }).limits.proposalsPerDay).toBe(60);
    expect(() => loadConfig({ LIMIT_PROPOSALS_PER_DAY: '0' })).toThrow(/LIMIT_PROPOSALS_PER_DAY/);
  });

  it('names the published (org-catalog) app id in deep links once it is known, the manifest id before', () => {
    const manifestOnly = loadConfig({ TEAMS_APP_ID: 'manifest-id' });
    expect(deepLinkAppId(manifestOnly)).toBe('manifest-id');
    expect(manifestOnly.teamsAppPublishedId).toBeUndefined();
    const published = loadConfig({ TEAMS_APP_ID: 'manifest-id', TEAMS_APP_PUBLISHED_APP_ID: 'catalog-id' });
    expect(deepLinkAppId(published)).toBe('catalog-id');
    expect(published.teamsAppPublishedId).toBe('catalog-id');
  });

  it('bounds how long a turn waits for Microsoft Graph', () => {
    expect(loadConfig({}).graph.turnTimeoutMs).toBe(700);
    expect(loadConfig({ GRAPH_TURN_TIMEOUT_MS: '1500' }).graph.turnTimeoutMs).toBe(1500);
    expect(() => loadConfig({ GRAPH_TURN_TIMEOUT_MS: '30000' })).toThrow(/GRAPH_TURN_TIMEOUT_MS/);
  });
});
