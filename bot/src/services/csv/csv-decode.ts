import { parse } from 'csv-parse/sync';
import { AppError } from '#shared';

/**
 * Reads an uploaded CSV: UTF-8 (with or without BOM) or, failing that, Shift_JIS as Excel saves it in
 * Japan. Anything else (UTF-16, binary files such as .xlsx) is refused with a message a person can act on.
 */
export const decodeCsvText = (content: Buffer): string => {
  const text = tryDecode('utf-8', content) ?? tryDecode('shift_jis', content);
  if (text === undefined || text.includes('\u0000')) {
    throw new AppError('VALIDATION', {
      message: 'CSV is neither UTF-8 nor Shift_JIS text',
      userMessage:
        '文字コードを判別できません。UTF-8 または Shift_JIS で保存したCSVファイルを指定してください。',
    });
  }
  return text;
};

const tryDecode = (encoding: 'utf-8' | 'shift_jis', content: Buffer): string | undefined => {
  try {
    // The UTF-8 decoder drops a leading byte-order mark.
    return new TextDecoder(encoding, { fatal: true }).decode(content);
  } catch {
    return undefined;
  }
};

/**
 * All records of the text, blank lines included, so that record index + 1 is the row number a
 * spreadsheet shows (a quoted cell may span several lines of text but is still one row).
 */
export const parseCsvRecords = (text: string): string[][] => {
  try {
    return parse(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    }) as string[][];
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    const records = (error as { records?: number }).records;
    throw new AppError('VALIDATION', {
      message: `CSV could not be parsed: ${(error as Error).message}`,
      userMessage: `CSVの形式が正しくありません${lines ? `（テキストの${lines}行目付近）` : ''}。引用符（"）の対応を確認してください。`,
      details:
        records === undefined
          ? []
          : [{ path: `row:${records + 1}`, message: 'この行以降でCSVの形式が正しくありません。' }],
      cause: error,
    });
  }
};
