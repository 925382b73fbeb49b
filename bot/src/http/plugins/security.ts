import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '#shared';

/** Hosts allowed to frame the tab: Teams, Microsoft 365 and Outlook, on the web and in the clients. */
export const frameAncestors = [
  "'self'",
  'https://*.cloud.microsoft',
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://*.microsoft365.com',
  'https://*.office.com',
  'https://outlook.office.com',
  'https://outlook.office365.com',
  'https://outlook-sdf.office.com',
  'https://outlook-sdf.office365.com',
];

export interface SecurityOptions {
  /** Per client address, every request (probes and routes with `rateLimit: false` aside). */
  rateLimitPerMinute: number;
  /** Per signed-in user of the tab API, from whichever address. */
  rateLimitPerUserPerMinute: number;
}

/** Security headers: a CSP with a per-response nonce (for Fluent UI's styles) and Teams' frame ancestors. */
const registerHeaders = async (app: FastifyInstance) => {
  await app.register(helmet, {
    // A fresh nonce per response: the tab's index.html hands it to Fluent UI (Griffel) for the style
    // elements it inserts, so no 'unsafe-inline' is needed for styles or scripts.
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        // teams-js fetches its list of valid domains from the Office CDN at start.
        connectSrc: ["'self'", 'https://res.cdn.office.net'],
        frameAncestors,
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    // The tab lives in an iframe on Microsoft hosts: frame-ancestors governs framing, not X-Frame-Options.
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    // Teams opens the consent page as a popup and talks to it through window.opener.
    crossOriginOpenerPolicy: false,
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
};

/** JSON bodies decoded strictly as UTF-8. */
const registerStrictJson = (app: FastifyInstance) => {
  // Bodies must be UTF-8. Node decodes leniently (bad bytes become U+FFFD), which would store text
  // other than what was sent; invalid bytes are refused instead. Fastify's own JSON parsing (and its
  // prototype-poisoning protection) does the rest.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = utf8.decode(body as Buffer);
    } catch {
      done(
        new AppError('VALIDATION', {
          message: 'Request body is not valid UTF-8',
          userMessage: '文字コードが正しくありません。UTF-8 で送ってください。',
        }),
        undefined,
      );
      return;
    }
    parseJson(request, text, done);
  });
};

/** Per client address (before authentication) and per signed-in user. */
const registerRateLimits = async (app: FastifyInstance, options: SecurityOptions) => {
  await app.register(rateLimit, {
    global: false,
    max: options.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Probes, and routes that opt out (the bot endpoint: all of Teams arrives from a few addresses).
    allowList: (request) =>
      request.url === '/healthz' ||
      request.url === '/readyz' ||
      request.routeOptions.config?.rateLimit === false,
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', { message: `Rate limit of ${context.max} per ${context.after} exceeded` }),
  });
  // Per address, as an app-wide hook registered before the authentication hook: a flood is refused
  // before any token is verified or the database touched. (The plugin's own route-level hooks would
  // run after authentication, so anonymous floods only ever got 401.)
  app.addHook('onRequest', app.rateLimit());

  // Per signed-in user, once authentication has named them and before the body is read: one person's
  // runaway client is stopped whatever address it uses, without using up what everyone behind the
  // same proxy shares.
  const perUser = app.createRateLimit({
    max: options.rateLimitPerUserPerMinute,
    timeWindow: '1 minute',
    keyGenerator: (request) => `user:${request.actor?.userId ?? ''}`,
  });
  app.addHook('preParsing', async (request, reply, payload) => {
    if (!request.actor) return payload;
    const limit = await perUser(request);
    if (!limit.isAllowed && limit.isExceeded) {
      reply.header('retry-after', String(Math.max(1, limit.ttlInSeconds)));
      throw new AppError('RATE_LIMITED', {
        message: `Per-user rate limit of ${limit.max} per minute exceeded`,
      });
    }
    return payload;
  });
};

export const securityPlugin = fp(async (app: FastifyInstance, options: SecurityOptions) => {
  await registerHeaders(app);
  registerStrictJson(app);
  await registerRateLimits(app, options);
});
