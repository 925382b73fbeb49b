/**
 * The logging the job runtime needs: the pino call shape, so Fastify's `app.log` fits as is. Log
 * ids (job, dedupe key, user, conversation) and outcome codes, never names or message text.
 */
export interface JobLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const levels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
type LevelName = (typeof levels)[number] | 'silent';

/** One JSON line per entry on stdout (pino-like), for the standalone worker process. */
export const createJsonLogger = (
  level: LevelName,
  write: (line: string) => void = console.log,
): JobLogger => {
  const threshold = level === 'silent' ? Infinity : levels.indexOf(level);
  const at =
    (name: (typeof levels)[number]) =>
    (fields: Record<string, unknown>, message: string): void => {
      if (levels.indexOf(name) < threshold) return;
      write(JSON.stringify({ level: name, time: new Date().toISOString(), ...fields, msg: message }));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
};

export const silentLogger: JobLogger = createJsonLogger('silent');
