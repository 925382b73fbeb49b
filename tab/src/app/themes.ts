import { teamsLightTheme, type Theme } from '@fluentui/react-components';
import type { TeamsThemeName } from '../teams/teams-host';

/**
 * Teams' three themes. The light one is what most people see and ships in the initial bundle; dark
 * and high contrast are a lazy chunk, fetched when Teams (or the browser's colour scheme) asks for
 * one of them — while it loads, the page keeps the theme it has.
 */
export const initialTheme: Theme = teamsLightTheme;

export const loadTheme = async (name: TeamsThemeName): Promise<Theme> => {
  if (name === 'default') return teamsLightTheme;
  const { teamsDarkTheme, teamsHighContrastTheme } = await import('./contrast-themes');
  return name === 'dark' ? teamsDarkTheme : teamsHighContrastTheme;
};
