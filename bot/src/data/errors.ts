/**
 * Classifies driver errors without leaking driver types: drizzle wraps the driver's error in
 * `cause`, node-postgres and PGlite both carry the SQLSTATE in `code`.
 */
const causes = function* (error: unknown): Generator<Record<string, unknown>> {
  let current = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    yield current as Record<string, unknown>;
    current = (current as { cause?: unknown }).cause;
  }
};

export const sqlStateOf = (error: unknown): string | undefined => {
  for (const item of causes(error)) {
    if (typeof item.code === 'string' && /^[0-9A-Z]{5}$/.test(item.code)) return item.code;
  }
  return undefined;
};

export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  for (const item of causes(error)) {
    if (item.code === '23505') return !constraint || item.constraint === constraint;
  }
  return false;
};

export const isForeignKeyViolation = (error: unknown): boolean => sqlStateOf(error) === '23503';

const unavailableNetworkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  'EHOSTUNREACH',
]);
const unavailableMessages = [
  /timeout exceeded when trying to connect/i,
  /Connection terminated/i,
  /connection.*closed/i,
];

/** The database cannot be reached right now (down, restarting, refusing connections). */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  for (const item of causes(error)) {
    const code = typeof item.code === 'string' ? item.code : '';
    if (unavailableNetworkCodes.has(code)) return true;
    // 08xxx connection exceptions, 57P01-57P03 shutdown / cannot connect now.
    if (/^08...$/.test(code) || /^57P0[123]$/.test(code)) return true;
    if (
      typeof item.message === 'string' &&
      unavailableMessages.some((pattern) => pattern.test(item.message as string))
    ) {
      return true;
    }
  }
  return false;
};
