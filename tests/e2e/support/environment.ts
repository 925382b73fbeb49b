import { inject } from 'vitest';

/**
 * What the e2e global setup (tests/e2e/global-setup.ts) hands to the test files: one server with the
 * demo seed and one Chromium for the whole run.
 */
export interface E2eEnvironment {
  /** Set when the run has no browser outside CI: every e2e test is skipped with this message. */
  skipReason?: string;
  /** The server, e.g. http://127.0.0.1:43123 (no trailing slash). */
  baseUrl: string;
  /** Playwright's endpoint of the shared Chromium (`chromium.connect`). */
  wsEndpoint: string;
  /** An Entra-style access token for 萩原 健一 (office), trusted by the server through its JWKS. */
  teamsToken: string;
  /** The Entra test tenant (the demo tenant) and the object id the token carries. */
  teamsUserOid: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eEnvironment;
  }
}

export const e2eEnvironment = (): E2eEnvironment => inject('e2e');

/** Where screenshots and the server's log go (git-ignored, kept by CI as artifacts). */
export const artifactsDir = 'test-results/e2e';

export const chromiumPath = '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
