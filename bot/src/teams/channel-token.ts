import { decodeJwt, decodeProtectedHeader } from 'jose';

/**
 * A cheap look at a bot request's token before botbuilder verifies it: only what Teams' channel
 * tokens always are may go on. The SDK does costly work before it checks the signature (its skill
 * check copies claims quadratically, every unseen tenant id grows a global issuer list, each rejection
 * prints a stack trace), and it accepts emulator-shaped tokens (issued by Entra to the bot itself)
 * without checking their audience or `serviceurl` claim. Nothing here trusts the token: the SDK's
 * signature check and the origin checks after it do that.
 */
export const maxAuthorizationLength = 4096;
/** Teams' channel tokens carry about ten claims. */
export const maxTokenClaims = 40;
/** The SDK's clock skew. */
const clockSkewSeconds = 5 * 60;

const channelAlgorithms = new Set(['RS256', 'RS384', 'RS512']);

export interface ChannelTokenExpectation {
  /** The bot's app id: the token's audience. */
  appId: string;
  /** `https://api.botframework.com`, or a sovereign cloud's issuer. */
  issuer: string;
}

export type ChannelTokenCheck = { ok: true; serviceUrl: string } | { ok: false; reason: string };

const refuse = (reason: string): ChannelTokenCheck => ({ ok: false, reason });

export const precheckChannelToken = (
  authorization: string | undefined,
  expected: ChannelTokenExpectation,
  nowSeconds = Math.floor(Date.now() / 1000),
): ChannelTokenCheck => {
  if (!authorization) return refuse('no Authorization header');
  if (authorization.length > maxAuthorizationLength) return refuse('Authorization header too long');
  const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/.exec(authorization);
  if (!match) return refuse('not a bearer JWT');
  const token = match[1]!;
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claims: ReturnType<typeof decodeJwt>;
  try {
    header = decodeProtectedHeader(token);
    claims = decodeJwt(token);
  } catch {
    return refuse('malformed token');
  }
  if (!header.alg || !channelAlgorithms.has(header.alg) || typeof header.kid !== 'string')
    return refuse('not an RSA-signed channel token');
  if (Object.keys(claims).length > maxTokenClaims) return refuse('too many claims');
  if (claims.iss !== expected.issuer) return refuse('not issued by the Bot Framework channel service');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(expected.appId)) return refuse('not addressed to this bot');
  if (typeof claims.exp !== 'number' || claims.exp + clockSkewSeconds < nowSeconds) return refuse('expired');
  const serviceUrl = (claims as Record<string, unknown>).serviceurl;
  if (typeof serviceUrl !== 'string' || serviceUrl === '') return refuse('no serviceurl claim');
  return { ok: true, serviceUrl };
};
