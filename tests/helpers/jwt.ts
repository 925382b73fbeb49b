import { createHmac, createPublicKey } from 'node:crypto';
import { base64url, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/**
 * The JWT pieces the token helpers share (entra-token.ts for the tab API, bot-token.ts for the Bot
 * Framework): RSA signing keys with their public JWK, and the classic forgeries built by hand, which
 * no library would sign.
 */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** A fresh RS256 key pair under `kid` (~100 ms: generate once per file or worker). */
export const newSigningKey = async (kid: string): Promise<SigningKey> => {
  const { privateKey, publicKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' } };
};

/** One part of a compact JWT: the value as JSON, base64url-encoded. */
export const encodeJson = (value: unknown): string => base64url.encode(JSON.stringify(value));

/** `alg: none` with an empty signature, under `kid`. */
export const unsignedToken = (kid: string, payload: Record<string, unknown>): string =>
  `${encodeJson({ alg: 'none', typ: 'JWT', kid })}.${encodeJson(payload)}.`;

/** Algorithm confusion: HS256 keyed with the trusted key's public PEM, under that key's id. */
export const hmacWithPublicKeyToken = (trusted: SigningKey, payload: Record<string, unknown>): string => {
  const pem = createPublicKey({ key: trusted.publicJwk as never, format: 'jwk' })
    .export({ type: 'spki', format: 'pem' })
    .toString();
  const signingInput = `${encodeJson({ alg: 'HS256', typ: 'JWT', kid: trusted.kid })}.${encodeJson(payload)}`;
  return `${signingInput}.${base64url.encode(createHmac('sha256', pem).update(signingInput).digest())}`;
};

/** A signed token with its payload replaced and its header and signature kept. */
export const tamperedToken = (token: string, payload: Record<string, unknown>): string => {
  const [header, , signature] = token.split('.');
  return `${header}.${encodeJson(payload)}.${signature}`;
};
