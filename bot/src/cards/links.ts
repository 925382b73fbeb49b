/**
 * Links the cards open. Everything that varies is URL-encoded; user text never shapes a URL otherwise.
 */

/** The static tab (manifest `staticTabs[].entityId`) that shows proposals. */
export const proposalsTabEntityId = 'proposals';

const trimSlashes = (url: string): string => url.replace(/\/+$/, '');

/** The tab's own page for a proposal, outside Teams: `<publicUrl>/tab/proposals/<id>`. */
const proposalWebUrl = (publicUrl: string, proposalId: string): string =>
  `${trimSlashes(publicUrl)}/tab/proposals/${encodeURIComponent(proposalId)}`;

/**
 * A Teams deep link that opens the proposal in the app's tab (the tab reads `subEntityId` from its
 * context). Without the Teams app id it falls back to the web page; with neither there is no link.
 */
export const proposalDeepLink = ({
  teamsAppId,
  publicUrl,
  proposalId,
}: {
  teamsAppId?: string | undefined;
  publicUrl?: string | undefined;
  proposalId: string;
}): string | undefined => {
  const webUrl = publicUrl ? proposalWebUrl(publicUrl, proposalId) : undefined;
  if (!teamsAppId) return webUrl;
  const query = queryString([
    ['webUrl', webUrl],
    ['label', '職員提案'],
    ['context', JSON.stringify({ subEntityId: proposalId })],
  ]);
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${proposalsTabEntityId}?${query}`;
};

/**
 * The tab's proposal list showing one work queue. The web page only: a Teams deep link carries a
 * proposal id as its sub-entity, not a list.
 */
export const proposalQueueLink = ({
  publicUrl,
  queue,
}: {
  publicUrl?: string | undefined;
  queue: string;
}): string | undefined =>
  publicUrl ? `${trimSlashes(publicUrl)}/tab/proposals?queue=${encodeURIComponent(queue)}` : undefined;

/** The app's proposals tab (the list), in Teams when the app id is known, else on the web. */
export const proposalsTabLink = ({
  teamsAppId,
  publicUrl,
}: {
  teamsAppId?: string | undefined;
  publicUrl?: string | undefined;
}): string | undefined => {
  const webUrl = publicUrl ? `${trimSlashes(publicUrl)}/tab/proposals` : undefined;
  if (!teamsAppId) return webUrl;
  const query = queryString([
    ['webUrl', webUrl],
    ['label', '職員提案'],
  ]);
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${proposalsTabEntityId}?${query}`;
};

/** Schedules a Teams meeting: the new-meeting form with subject (and attendee) filled in. */
export const oneOnOneMeetingLink = ({
  attendeeEmail,
  subject,
}: {
  attendeeEmail?: string | undefined;
  subject: string;
}): string => {
  const query = queryString([
    ['subject', subject],
    ['attendees', attendeeEmail],
  ]);
  return `https://teams.microsoft.com/l/meeting/new?${query}`;
};

/** Percent-encoded (`%20`, not `+`, which Teams would show), empty values left out. */
const queryString = (pairs: readonly (readonly [string, string | undefined])[]): string =>
  pairs
    .filter((pair): pair is readonly [string, string] => Boolean(pair[1]))
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');
