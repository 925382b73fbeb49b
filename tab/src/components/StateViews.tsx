import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { messageOf } from '../api/api-error';

const useStyles = makeStyles({
  centered: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingVerticalXXL,
    textAlign: 'center',
    color: tokens.colorNeutralForeground2,
  },
});

/** Loading: a labelled spinner (announced by screen readers). */
export const LoadingState = ({ label = '読み込んでいます…' }: { label?: string }) => {
  const styles = useStyles();
  return (
    <div className={styles.centered} role="status" aria-live="polite">
      <Spinner label={label} />
    </div>
  );
};

/** Nothing to show: says so and, where useful, what to do next. */
export const EmptyState = ({ title, children }: { title: string; children?: ReactNode }) => {
  const styles = useStyles();
  return (
    <div className={styles.centered} role="status">
      <Text weight="semibold" size={400}>
        {title}
      </Text>
      {children && <Text>{children}</Text>}
    </div>
  );
};

/** A failure, in Japanese, with a retry when one can help. */
export const ErrorState = ({
  error,
  title = '読み込めませんでした',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) => (
  <MessageBar intent="error" role="alert" layout="multiline">
    <MessageBarBody>
      <MessageBarTitle>{title}</MessageBarTitle>
      {messageOf(error)}
    </MessageBarBody>
    {onRetry && (
      <MessageBarActions>
        <Button onClick={onRetry}>再読み込み</Button>
      </MessageBarActions>
    )}
  </MessageBar>
);
