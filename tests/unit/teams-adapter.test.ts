import { describe, expect, it } from 'vitest';
import type { BotConfig } from '../../bot/src/config';
import { botAuthenticationOptions } from '../../bot/src/teams/bot-authentication';
import { classifySendError, parseRetryAfter } from '../../bot/src/teams/teams-message-sender';

const bot = (overrides: Partial<BotConfig> = {}): BotConfig => ({
  appId: 'bot-app-id',
  appType: 'SingleTenant',
  tenantId: 'tenant-id',
  appPassword: 'secret',
  certificateThumbprint: undefined,
  certificatePrivateKey: undefined,
  openIdMetadataUrl: undefined,
  tokenIssuer: undefined,
  serviceUrlAllowlist: ['https://smba.trafficmanager.net/'],
  allowedTenantIds: ['tenant-id'],
  authFailuresPerMinute: 30,
  ...overrides,
});

describe('botAuthenticationOptions', () => {
  it('uses the public cloud defaults without overrides', () => {
    expect(botAuthenticationOptions(bot())).toEqual({
      MicrosoftAppId: 'bot-app-id',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant-id',
      MicrosoftAppPassword: 'secret',
    });
  });

  it('sets every ToBotFrom/ToChannelFrom value once one is overridden', () => {
    const options = botAuthenticationOptions(bot({ openIdMetadataUrl: 'http://127.0.0.1:1/metadata' }));
    expect(options).toMatchObject({
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:1/metadata',
      ToBotFromEmulatorOpenIdMetadataUrl: 'http://127.0.0.1:1/metadata',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
    });
    expect(botAuthenticationOptions(bot({ tokenIssuer: 'https://issuer.example' }))).toMatchObject({
      ToBotFromChannelTokenIssuer: 'https://issuer.example',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
    });
  });

  it('prefers a certificate over a password, and gives a managed identity neither', () => {
    const withCertificate = botAuthenticationOptions(
      bot({ certificateThumbprint: 'AB12', certificatePrivateKey: '-----BEGIN PRIVATE KEY-----' }),
    );
    expect(withCertificate).toMatchObject({ CertificateThumbprint: 'AB12' });
    expect(withCertificate).not.toHaveProperty('MicrosoftAppPassword');
    const managed = botAuthenticationOptions(bot({ appType: 'UserAssignedMSI' }));
    expect(managed).toEqual({
      MicrosoftAppId: 'bot-app-id',
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: 'tenant-id',
    });
  });

  it('runs unauthenticated without an app id (local mode)', () => {
    expect(botAuthenticationOptions(bot({ appId: undefined }))).toEqual({
      MicrosoftAppId: '',
      MicrosoftAppType: 'MultiTenant',
    });
  });
});

describe('send failure classification', () => {
  const restError = (statusCode: number, headers: Record<string, string> = {}) =>
    Object.assign(new Error(`HTTP ${statusCode}`), {
      name: 'RestError',
      statusCode,
      response: { status: statusCode, headers: { get: (name: string) => headers[name] } },
    });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-02T03:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2000);
    expect(parseRetryAfter('0.5', now)).toBe(500);
    expect(parseRetryAfter('Mon, 02 Nov 2026 03:00:04 GMT', now)).toBe(4000);
    expect(parseRetryAfter('Mon, 02 Nov 2026 02:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined, now)).toBe(1000);
    expect(parseRetryAfter('soon', now)).toBe(1000);
  });

  it('maps statuses to outcomes', () => {
    expect(classifySendError(restError(429, { 'retry-after': '7' }))).toEqual({
      outcome: 'throttled',
      retryAfterMs: 7000,
    });
    expect(classifySendError(restError(403))).toEqual({ outcome: 'blocked', status: 403 });
    expect(classifySendError(restError(404))).toEqual({ outcome: 'not_found', status: 404 });
    expect(classifySendError(restError(408))).toMatchObject({ outcome: 'failed', retryable: true });
    expect(classifySendError(restError(401))).toMatchObject({
      outcome: 'failed',
      retryable: false,
      status: 401,
    });
    const network = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(classifySendError(network)).toMatchObject({ outcome: 'failed', retryable: true, status: null });
  });
});
