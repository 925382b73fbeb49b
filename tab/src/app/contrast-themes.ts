// The lazy half of themes.ts: its own module, so the bundler puts these two themes in their own chunk.
export { teamsDarkTheme, teamsHighContrastTheme } from '@fluentui/react-components';
