import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { isApiError, messageOf } from '../api/api-error';
import { isConflict } from '../hooks/useAction';

const useStyles = makeStyles({ details: { margin: 0, paddingLeft: '1.5em' } });

/**
 * Why a change was refused, in the server's Japanese words, with the field-level reasons of a
 * validation error. A conflict (someone else saved first) offers 「再読み込み」 instead of a retry.
 */
export const ActionError = ({
  error,
  title,
  onReload,
  listDetails = true,
}: {
  error: unknown;
  title: string;
  onReload?: () => void;
  /** False when the caller shows the details itself (e.g. CSV row errors as a table). */
  listDetails?: boolean;
}) => {
  const styles = useStyles();
  const details =
    listDetails && isApiError(error)
      ? error.details.filter((detail) => detail.message !== error.message)
      : [];
  return (
    <MessageBar intent="error" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {messageOf(error)}
        {details.length > 0 && (
          <ul className={styles.details}>
            {details.map((detail, index) => (
              <li key={index}>{detail.message}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
      {onReload && isConflict(error) && (
        <MessageBarActions>
          <Button onClick={onReload}>再読み込み</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
};
