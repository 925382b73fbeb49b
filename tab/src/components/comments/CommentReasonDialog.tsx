import { Field, Textarea } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { commentLimits, type ProposalCommentDto } from '#shared/comment-api';
import type { ApiClient } from '../../api/api-client';
import { dismissCommentReports, hideComment, reportComment } from '../../api/comments';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';
import { FormDialog } from '../FormDialog';

/** What a reason dialog does: 通報 (anyone), 非表示にする and 対応済みにする (the office). */
export type CommentReasonKind = 'report' | 'hide' | 'dismiss';

const dialogs: Record<
  CommentReasonKind,
  {
    title: string;
    intro: string;
    label: string;
    required: boolean;
    submitLabel: string;
    busyLabel: string;
    failure: string;
    send(api: ApiClient, id: string, reason: string): Promise<ProposalCommentDto>;
  }
> = {
  report: {
    title: 'コメントを通報する',
    intro: '推進室に知らせます。通報したことはコメントを書いた人には伝わりません。',
    label: '通報の理由',
    required: true,
    submitLabel: '通報する',
    busyLabel: '通報しています…',
    failure: '通報できませんでした',
    send: (api, id, reason) => reportComment(api, id, { reason }),
  },
  hide: {
    title: 'コメントを非表示にする',
    intro:
      '職員には「このコメントは推進室により非表示にされました」とだけ表示されます。本文と理由は推進室の記録に残ります。',
    label: '非表示にする理由',
    required: true,
    submitLabel: '非表示にする',
    busyLabel: '非表示にしています…',
    failure: '非表示にできませんでした',
    send: (api, id, reason) => hideComment(api, id, { reason }),
  },
  dismiss: {
    title: '通報を対応済みにする',
    intro: 'コメントは表示されたままになり、通報の一覧から外れます。',
    label: '対応のメモ（任意）',
    required: false,
    submitLabel: '対応済みにする',
    busyLabel: '保存しています…',
    failure: '対応済みにできませんでした',
    send: (api, id, reason) => dismissCommentReports(api, id, reason ? { reason } : {}),
  },
};

/** The dialog of 通報, 非表示にする or 対応済みにする, with its reason; the server decides who may. */
export const CommentReasonDialog = ({
  kind,
  comment,
  onClose,
  onDone,
}: {
  /** null: closed. */
  kind: CommentReasonKind | null;
  comment: ProposalCommentDto;
  onClose(): void;
  onDone(saved: ProposalCommentDto, kind: CommentReasonKind): void;
}) => {
  const dialog = dialogs[kind ?? 'report'];
  const [reason, setReason] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const send = useAction((api, text: string) => dialog.send(api, comment.id, text));
  const { reset } = send;
  useEffect(() => {
    if (kind === null) return;
    setReason('');
    setSubmitted(false);
    reset();
  }, [kind, reset]);

  const missing = dialog.required && !reason.trim();
  const submit = async () => {
    setSubmitted(true);
    if (missing || kind === null) return;
    const saved = await send.run(reason.trim());
    if (saved) onDone(saved, kind);
  };
  return (
    <FormDialog
      open={kind !== null}
      title={dialog.title}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={dialog.submitLabel}
      busyLabel={dialog.busyLabel}
      busy={send.running}
    >
      <div>{dialog.intro}</div>
      <Field
        label={dialog.label}
        required={dialog.required}
        validationMessage={submitted && missing ? `${dialog.label}を入力してください。` : undefined}
      >
        <Textarea
          value={reason}
          maxLength={commentLimits.reasonMax}
          rows={3}
          onChange={(_event, data) => setReason(data.value)}
        />
      </Field>
      {send.error !== undefined && <ActionError error={send.error} title={dialog.failure} />}
    </FormDialog>
  );
};
