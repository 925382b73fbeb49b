import { AsyncLocalStorage } from 'node:async_hooks';
import type { TeamsLogger } from './teams-bot';

/**
 * botbuilder writes some failures straight to the console (an expired token, a signature that does
 * not verify: a stack trace each), outside the app's structured logs and without a request id. While
 * a bot request runs, those lines go to its logger at debug level instead: the bridge logs the fact
 * itself (one line with the request id), and a flood of bad tokens cannot fill the disk. Outside a
 * bot request the console behaves as always.
 */
const requestLogger = new AsyncLocalStorage<
  TeamsLogger & { debug(details: object, message: string): void }
>();
let installed = false;

const firstLine = (args: unknown[]): string =>
  args
    .map((arg) => (arg instanceof Error ? `${arg.name}: ${arg.message}` : String(arg)))
    .join(' ')
    .split('\n')[0]!
    .slice(0, 300);

const install = () => {
  if (installed) return;
  installed = true;
  for (const level of ['error', 'warn', 'log', 'info'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      const logger = requestLogger.getStore();
      if (!logger) return original(...args);
      logger.debug({ sdkConsole: level, line: firstLine(args) }, 'botbuilder console output');
    };
  }
};

export const withSdkConsoleTo = <T>(
  logger: TeamsLogger & { debug(details: object, message: string): void },
  work: () => Promise<T>,
): Promise<T> => {
  install();
  return requestLogger.run(logger, work);
};
