import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bot/src/config';

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
      host: '0.0.0.0',
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

  it('refuses the development sign-in in production', () => {
    expect(() => loadConfig({ ...production, AUTH_MODE: 'development' })).toThrow(
      /AUTH_MODE=development is not allowed in production/,
    );
    expect(loadConfig({ NODE_ENV: 'development', AUTH_MODE: 'development' }).auth.mode).toBe('development');
    expect(() => loadConfig({ ...production, BOT_APP_TYPE: 'MultiTenant', BOT_TENANT_ID: '' })).toThrow(
      /AUTH_TENANT_ID/,
    );
  });
});
