import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useId, type ReactNode } from 'react';

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    minWidth: 0,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    // High contrast has no shadows: a border keeps the cards apart.
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
    '@media (max-width: 480px)': { padding: tokens.spacingHorizontalM },
  },
  wide: { gridColumn: '1 / -1' },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  subheading: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** One card of the dashboard grid: a titled region (h2) so screen readers can jump between them. */
export const DashboardCard = ({
  title,
  description,
  wide = false,
  children,
}: {
  title: string;
  description?: string;
  /** Spans the whole row of the grid. */
  wide?: boolean;
  children: ReactNode;
}) => {
  const styles = useStyles();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={mergeClasses(styles.card, wide && styles.wide)}>
      <div>
        <h2 id={headingId} className={styles.heading}>
          {title}
        </h2>
        {description && <p className={styles.subheading}>{description}</p>}
      </div>
      {children}
    </section>
  );
};
