import { makeStaticStyles, makeStyles, tokens } from '@fluentui/react-components';

/** Page-wide rules, inserted by Griffel (so they carry the CSP nonce like every other style). */
export const useGlobalStyles = makeStaticStyles({
  body: { margin: 0 },
});

export const useTabStyles = makeStyles({
  frame: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    '@media print': { minHeight: 0, backgroundColor: 'transparent' },
  },
});
