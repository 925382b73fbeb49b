/**
 * Japanese-aware search terms. The database normalises both sides (NFKC, ASCII lower-case) and
 * indexes character unigrams and bigrams, so any term of one or more characters can use the index.
 * Here we only split the query: white space (NFKC turns the full-width space into a plain one)
 * separates terms that must all appear. Control characters and lone surrogates separate them too:
 * nobody searches for them, and PostgreSQL refuses NUL in a parameter (a 500 before).
 */
export const maxSearchTerms = 5;
export const maxSearchTermLength = 50;

export const searchTerms = (query: string | undefined | null): string[] => {
  if (!query) return [];
  const terms = query
    .normalize('NFKC')
    .split(/[\s\p{Cc}\p{Cs}]+/u)
    .map((term) => [...term].slice(0, maxSearchTermLength).join(''))
    .filter((term) => term.length > 0);
  return [...new Set(terms)].slice(0, maxSearchTerms);
};
