import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/**
 * The frame of the tab's dialogs: a title, the content (the caller puts its error message last),
 * then the primary button and キャンセル. While `busy` the primary button shows `busyLabel` and
 * stays focusable but inert, so a double click sends once and focus is not lost.
 *
 * With `form` (the default) the content is a form: the primary button submits it and so does Enter
 * in a field. A confirmation step sets `form={false}`, so only the button itself confirms.
 */
export const FormDialog = ({
  open = true,
  title,
  className,
  contentClassName,
  children,
  onClose,
  onSubmit,
  form = true,
  submitLabel,
  busyLabel,
  busy = false,
  submitDisabled = false,
  cancelLabel = 'キャンセル',
  onCancel = onClose,
}: {
  open?: boolean;
  title: ReactNode;
  /** The surface's own styles (its width). */
  className?: string;
  contentClassName?: string;
  children: ReactNode;
  /** Escape, a click outside and (unless `onCancel` says otherwise) キャンセル. */
  onClose(): void;
  /** The primary button's action; without it there is no primary button. */
  onSubmit?(): void | Promise<void>;
  form?: boolean;
  submitLabel?: string;
  busyLabel?: string;
  busy?: boolean;
  submitDisabled?: boolean;
  /** null for no second button (a result with only 「閉じる」). */
  cancelLabel?: string | null;
  onCancel?(): void;
}) => {
  const styles = useStyles();
  const body = (
    <DialogBody>
      <DialogTitle>{title}</DialogTitle>
      <DialogContent className={mergeClasses(styles.content, contentClassName)}>{children}</DialogContent>
      <DialogActions>
        {onSubmit && (
          <Button
            appearance="primary"
            type={form ? 'submit' : 'button'}
            disabled={submitDisabled}
            disabledFocusable={busy}
            onClick={form ? undefined : () => void onSubmit()}
          >
            {busy && busyLabel ? busyLabel : submitLabel}
          </Button>
        )}
        {cancelLabel !== null && <Button onClick={onCancel}>{cancelLabel}</Button>}
      </DialogActions>
    </DialogBody>
  );
  return (
    <Dialog open={open} onOpenChange={(_event, data) => !data.open && onClose()}>
      <DialogSurface className={className}>
        {form ? (
          <form
            // The dialogs check their fields themselves, with Japanese messages next to each.
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void onSubmit?.();
            }}
          >
            {body}
          </form>
        ) : (
          body
        )}
      </DialogSurface>
    </Dialog>
  );
};
