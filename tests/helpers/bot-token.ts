import { randomUUID } from 'node:crypto';
import { SignJWT, type JWK } from 'jose';
import { hmacWithPublicKeyToken, newSigningKey, tamperedToken, unsignedToken, type SigningKey } from './jwt';

/**
 * Signing keys and tokens shaped like the Bot Framework's, for tests that go through botbuilder's real
 * token validation against the local OpenID metadata the stub serves. The validator checks issuer
 * `https://api.botframework.com`, audience = app id, RS256/384/512, a key endorsed for the channel
 * (`msteams`), expiry with 5 minutes of clock skew, and `serviceurl` = the activity's serviceUrl.
 */
export const botFrameworkIssuer = 'https://api.botframework.com';

export interface BotSigningKeys {
  /** Published in the JWKS, endorsed for msteams: what Teams signs with. */
  trusted: SigningKey;
  /** Published, but endorsed only for another channel. */
  unendorsed: SigningKey;
  /** Never published: an attacker's key. */
  untrusted: SigningKey;
  /** The JWKS document the stub serves. */
  jwks: { keys: JWK[] };
}

let cachedKeys: Promise<BotSigningKeys> | undefined;

/** Generated once per test worker (RSA generation costs ~100 ms a key). */
export const getBotSigningKeys = (): Promise<BotSigningKeys> => {
  cachedKeys ??= (async () => {
    const [trusted, unendorsed, untrusted] = await Promise.all([
      newSigningKey(`trusted-${randomUUID()}`),
      newSigningKey(`unendorsed-${randomUUID()}`),
      newSigningKey(`untrusted-${randomUUID()}`),
    ]);
    const jwks = {
      keys: [
        { ...trusted.publicJwk, endorsements: ['msteams', 'webchat'] },
        { ...unendorsed.publicJwk, endorsements: ['skype'] },
      ],
    };
    return { trusted, unendorsed, untrusted, jwks };
  })();
  return cachedKeys;
};

export interface BotTokenOptions {
  /** The bot's app id: the token's audience unless `audience` says otherwise. */
  appId: string;
  /** The `serviceurl` claim; must equal the activity's serviceUrl. */
  serviceUrl: string;
  audience?: string;
  issuer?: string;
  /** Seconds from now; negative for an expired token (mind the 5-minute clock skew). Default 3600. */
  expiresIn?: number;
  /** Seconds from now before which the token is not valid. Default -60. */
  notBefore?: number;
  /** Which key signs. Default `trusted`. */
  key?: 'trusted' | 'unendorsed' | 'untrusted';
  /** The header's key id; defaults to the signing key's. Give the trusted kid with another key to forge. */
  kid?: string;
  alg?: 'RS256' | 'RS384' | 'RS512';
  /**
   * - `unsigned`: `alg: none`, empty signature, the trusted kid
   * - `signedByOtherKey`: signed by the untrusted key under the trusted key's id
   * - `tamperedPayload`: a validly signed token whose payload is then changed (`claims` applied after signing)
   * - `hmacWithPublicKey`: HS256 keyed with the trusted public key (algorithm confusion)
   */
  forgery?: 'unsigned' | 'signedByOtherKey' | 'tamperedPayload' | 'hmacWithPublicKey';
  /** Extra or replaced claims. */
  claims?: Record<string, unknown>;
}

/** A compact JWT as Teams would send in `Authorization: Bearer …`, or one of the classic forgeries. */
export const signBotToken = async (keys: BotSigningKeys, options: BotTokenOptions): Promise<string> => {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    serviceurl: options.serviceUrl,
    nbf: now + (options.notBefore ?? -60),
    exp: now + (options.expiresIn ?? 3600),
    iss: options.issuer ?? botFrameworkIssuer,
    aud: options.audience ?? options.appId,
    ...(options.forgery === 'tamperedPayload' ? {} : options.claims),
  };
  const signingKey = options.forgery === 'signedByOtherKey' ? keys.untrusted : keys[options.key ?? 'trusted'];
  const kid = options.kid ?? (options.forgery === 'signedByOtherKey' ? keys.trusted.kid : signingKey.kid);

  if (options.forgery === 'unsigned') return unsignedToken(kid, payload);
  if (options.forgery === 'hmacWithPublicKey') return hmacWithPublicKeyToken(keys.trusted, payload);

  const alg = options.alg ?? 'RS256';
  const token = await new SignJWT(payload)
    .setProtectedHeader({ alg, typ: 'JWT', kid, x5t: kid })
    .sign(signingKey.privateKey);
  return options.forgery === 'tamperedPayload'
    ? tamperedToken(token, { ...payload, ...options.claims })
    : token;
};
