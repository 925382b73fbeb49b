import { isAppError, type AppError } from '#shared';

/** Card inputs arrive as strings (or absent); these read them without trusting their type. */
export const stringField = (data: Record<string, unknown>, key: string): string | undefined => {
  const value = data[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
};

export const isTrue = (data: Record<string, unknown>, key: string): boolean => {
  const value = data[key];
  return value === true || value === 'true';
};

/** A request id from a card: short, printable, or undefined (then the action is not idempotent-safe). */
export const requestIdOf = (data: Record<string, unknown>): string | undefined => {
  const value = stringField(data, 'requestId');
  return value && /^[\w:.-]{8,100}$/.test(value) ? value : undefined;
};

/**
 * A problem the form itself can show, keeping what was typed: invalid input, or a per-user limit
 * reached (anything else goes to the error card or the apology).
 */
export const isFormProblem = (error: unknown): error is AppError =>
  isAppError(error) && (error.code === 'VALIDATION' || error.code === 'RATE_LIMITED');

/** The messages a form shows for a problem: under their fields, or one at the top. */
export const formErrorsOf = (error: AppError): Record<string, string> => {
  const fields = fieldErrors(error.details);
  return Object.keys(fields).length > 0 ? fields : { form: error.userMessage };
};

/** Field → Japanese message, from an AppError's details. */
export const fieldErrors = (details: { path: string; message: string }[]): Record<string, string> =>
  Object.fromEntries(
    details.filter((detail) => detail.path).map((detail) => [detail.path.split('.')[0]!, detail.message]),
  );

/** Every typed value of the given inputs, as strings, so a re-rendered form keeps what the user wrote. */
export const formValues = (
  data: Record<string, unknown>,
  fields: readonly string[],
): Record<string, string> =>
  Object.fromEntries(
    fields.flatMap((field) => {
      const value = stringField(data, field);
      return value ? [[field, value]] : [];
    }),
  );
