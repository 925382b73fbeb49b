import { createContext, useContext } from 'react';
import type { CurrentUserDto } from '#shared/tab-api';
import type { ApiClient } from '../api/api-client';
import type { TabConfig } from '../app/tab-config';
import type { TeamsHost } from '../teams/teams-host';

/** Who is signed in and how the tab talks to the API; provided once the sign-in succeeded. */
export interface Session {
  api: ApiClient;
  user: CurrentUserDto;
  config: TabConfig;
  /** Present when the tab runs inside Teams. */
  teams: TeamsHost | undefined;
  /** Development sign-in only: back to the persona list. */
  signOut: (() => void) | undefined;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export const useSession = (): Session => {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in tab');
  return session;
};

export const isOffice = (user: CurrentUserDto): boolean =>
  user.roles.includes('office') || user.roles.includes('admin');
