import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bot/src/config';
import { createGraphServices } from '../../bot/src/graph/graph-services';

const base = {
  NODE_ENV: 'test',
  GRAPH_ENABLED: 'true',
  BOT_APP_ID: '11111111-1111-4111-8111-111111111111',
  BOT_TENANT_ID: '22222222-2222-4222-8222-222222222222',
};
const services = (env: Record<string, string>) => createGraphServices(loadConfig(env));

describe('Microsoft Graph from the configuration', () => {
  it('is off unless GRAPH_ENABLED=true', () => {
    expect(services({ ...base, GRAPH_ENABLED: 'false', SECRET_BOT_APP_PASSWORD: 'secret' })).toEqual({});
  });

  it('uses the bot registration with its secret or certificate, for the directory and on behalf of users', () => {
    const withSecret = services({ ...base, SECRET_BOT_APP_PASSWORD: 'secret' });
    expect(withSecret.directory).toBeDefined();
    expect(withSecret.onBehalfOf).toBeDefined();
    expect(withSecret.disabledReason).toBeUndefined();
    const withCertificate = services({
      ...base,
      BOT_CERT_THUMBPRINT: 'AB'.repeat(20),
      SECRET_BOT_CERT_PRIVATE_KEY: '-----BEGIN PRIVATE KEY-----\nMC4=\n-----END PRIVATE KEY-----',
    });
    expect(withCertificate.onBehalfOf).toBeDefined();
  });

  it('says why it is off when the credential or the tenant is missing', () => {
    expect(services(base)).toEqual({ disabledReason: expect.stringContaining('SECRET_BOT_APP_PASSWORD') });
    expect(services({ ...base, BOT_APP_TYPE: 'UserAssignedMSI', SECRET_BOT_APP_PASSWORD: 'secret' })).toEqual(
      {
        disabledReason: expect.stringContaining('SECRET_BOT_APP_PASSWORD'),
      },
    );
    expect(services({ ...base, BOT_TENANT_ID: '', SECRET_BOT_APP_PASSWORD: 'secret' })).toEqual({
      disabledReason: expect.stringContaining('BOT_TENANT_ID'),
    });
  });

  it('exchanges tokens in the tenant of the tab (AUTH_TENANT_ID) and reads the directory in the bot tenant', () => {
    const split = services({
      ...base,
      BOT_TENANT_ID: '',
      AUTH_TENANT_ID: '33333333-3333-4333-8333-333333333333',
      SECRET_BOT_APP_PASSWORD: 'secret',
    });
    expect(split.onBehalfOf).toBeDefined();
    expect(split.directory).toBeUndefined();
  });
});
