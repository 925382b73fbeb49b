import { Button, Field, makeStyles, Text, Textarea, tokens, useId } from '@fluentui/react-components';
import { useState } from 'react';
import { commentLimits, type ProposalCommentDto } from '#shared/comment-api';
import type { ProposalDto } from '#shared/proposal';
import { listComments, postComment } from '../../api/comments';
import { useAction } from '../../hooks/useAction';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ActionError } from '../ActionError';
import { CommentItem } from '../comments/CommentItem';
import { CommentReasonDialog, type CommentReasonKind } from '../comments/CommentReasonDialog';
import { ErrorState, LoadingState } from '../StateViews';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  post: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  over: { color: tokens.colorPaletteRedForeground1 },
});

/** Characters as the server counts them (code points of the trimmed text). */
const lengthOf = (text: string): number => [...text.trim()].length;

/** The box to write a comment, with its character counter. */
const CommentBox = ({ proposalId, onPosted }: { proposalId: string; onPosted(): void }) => {
  const styles = useStyles();
  const counterId = useId('comment-counter');
  const [body, setBody] = useState('');
  const post = useAction((api, text: string) => postComment(api, proposalId, { body: text }));
  const length = lengthOf(body);
  const over = length > commentLimits.bodyMax;
  const submit = async () => {
    if (length === 0 || over || !(await post.run(body))) return;
    setBody('');
    onPosted();
  };
  return (
    <div className={styles.post}>
      <Field
        label="コメントを書く"
        hint="職員のだれもが読めます。個人が特定される情報や誹謗中傷は書かないでください。"
        validationMessage={
          over ? `コメントは${commentLimits.bodyMax}文字以内で入力してください。` : undefined
        }
      >
        <Textarea
          value={body}
          rows={3}
          resize="vertical"
          aria-describedby={counterId}
          onChange={(_event, data) => setBody(data.value)}
        />
      </Field>
      <div className={styles.footer}>
        <Text id={counterId} size={200} className={over ? styles.over : styles.muted} aria-live="polite">
          {length} / {commentLimits.bodyMax}文字
        </Text>
        <Button
          appearance="primary"
          disabled={length === 0 || over || post.running}
          onClick={() => void submit()}
        >
          {post.running ? '送信しています…' : 'コメントする'}
        </Button>
      </div>
      {post.error !== undefined && <ActionError error={post.error} title="コメントできませんでした" />}
    </div>
  );
};

const doneMessages: Record<CommentReasonKind, string> = {
  report: '通報しました。推進室が確認します。',
  hide: 'コメントを非表示にしました。',
  dismiss: '通報を対応済みにしました。',
};

/**
 * コメント of a published proposal: everyone who may see it reads and writes; anyone reports a
 * comment (通報); the office hides one with a reason. Nothing for an unpublished proposal (comments
 * exist only on published ones; the server says so too).
 */
export const ProposalComments = ({
  proposal,
  onSuccess,
}: {
  proposal: ProposalDto;
  onSuccess(message: string): void;
}) => {
  const styles = useStyles();
  const headingId = useId('comments-heading');
  const comments = useApiQuery(
    proposal.isPublished ? ['proposal-comments', proposal.id] : null,
    (api, signal) => listComments(api, proposal.id, signal),
  );
  const [acting, setActing] = useState<{ kind: CommentReasonKind; comment: ProposalCommentDto } | null>(null);
  if (!proposal.isPublished) return null;
  const data = comments.data;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h3 id={headingId} className={styles.title}>
        コメント{data ? `（${data.total}件）` : ''}
      </h3>
      {comments.error !== undefined ? (
        <ErrorState error={comments.error} title="コメントを読み込めませんでした" onRetry={comments.reload} />
      ) : !data ? (
        <LoadingState label="コメントを読み込んでいます…" />
      ) : (
        <>
          {data.items.length === 0 ? (
            <Text className={styles.muted}>まだコメントはありません。</Text>
          ) : (
            <div className={styles.list}>
              {data.total > data.items.length && (
                <Text size={200} className={styles.muted}>
                  新しい{data.items.length}件を表示しています。
                </Text>
              )}
              {data.items.map((comment) => (
                <CommentItem
                  key={comment.id}
                  comment={comment}
                  canModerate={data.canModerate}
                  onAction={(kind) => setActing({ kind, comment })}
                />
              ))}
            </div>
          )}
          <CommentBox
            proposalId={proposal.id}
            onPosted={() => {
              onSuccess('コメントしました。');
              comments.reload();
            }}
          />
        </>
      )}
      {acting && (
        <CommentReasonDialog
          kind={acting.kind}
          comment={acting.comment}
          onClose={() => setActing(null)}
          onDone={(_saved, kind) => {
            setActing(null);
            onSuccess(doneMessages[kind]);
            comments.reload();
          }}
        />
      )}
    </section>
  );
};
