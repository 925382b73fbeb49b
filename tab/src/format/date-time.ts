/**
 * Dates as the prefecture reads them: Japanese order, in Asia/Tokyo whatever the browser's zone
 * (a member of staff abroad or a test machine in UTC sees the same day as the office).
 */
const dateTimeFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

const dateFormat = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});

/** An instant (ISO string from the API) → `2024/6/3 14:05`. */
export const formatDateTime = (iso: string): string => dateTimeFormat.format(new Date(iso));

/** An instant → `2024年6月3日` (its Tokyo calendar day). */
export const formatDate = (iso: string): string => dateFormat.format(new Date(iso));

/**
 * A calendar date without a time (`YYYY-MM-DD`, e.g. a due date) → `2024年6月3日`. Read as noon UTC so
 * the Tokyo day is the same day.
 */
export const formatCalendarDate = (date: string): string => dateFormat.format(new Date(`${date}T12:00:00Z`));
