/**
 * The development sign-in's token, kept for the browser tab's session only (sessionStorage): closing
 * the window signs out. Never used inside Teams.
 */
const key = 'staff-proposals.dev-token';

export interface StoredDevToken {
  token: string;
  expiresAt: string;
}

export const readDevToken = (now = Date.now()): StoredDevToken | undefined => {
  try {
    const stored = JSON.parse(sessionStorage.getItem(key) ?? 'null') as StoredDevToken | null;
    if (!stored?.token || Date.parse(stored.expiresAt) - 60_000 <= now) return undefined;
    return stored;
  } catch {
    return undefined;
  }
};

export const saveDevToken = (token: StoredDevToken): void =>
  sessionStorage.setItem(key, JSON.stringify(token));

export const clearDevToken = (): void => sessionStorage.removeItem(key);
