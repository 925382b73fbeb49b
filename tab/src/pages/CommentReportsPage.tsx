import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ProposalCommentDto, ReportedCommentDto } from '#shared/comment-api';
import { listReportedComments } from '../api/comments';
import { isOffice, useSession } from '../auth/session-context';
import { AppLink } from '../components/AppLink';
import { CommentItem } from '../components/comments/CommentItem';
import { CommentReasonDialog, type CommentReasonKind } from '../components/comments/CommentReasonDialog';
import { EmptyState, ErrorState, LoadingState } from '../components/StateViews';
import { formatDateTime } from '../format/date-time';
import { useApiQuery } from '../hooks/useApiQuery';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '960px' },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    minWidth: 0,
  },
  proposal: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  reports: {
    margin: 0,
    paddingLeft: '1.25em',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
  },
  reason: { overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

const ReportedComment = ({
  item,
  onAct,
}: {
  item: ReportedCommentDto;
  onAct(kind: CommentReasonKind, comment: ProposalCommentDto): void;
}) => {
  const styles = useStyles();
  return (
    <section className={styles.card} aria-label={`${item.proposal.number}へのコメントの通報`}>
      <h2 className={styles.proposal}>
        <AppLink to={`/proposals/${item.proposal.id}`}>
          {item.proposal.number}「{item.proposal.title}」
        </AppLink>
      </h2>
      <CommentItem comment={item.comment} canModerate />
      <Text weight="semibold">通報（{item.reports.length}件）</Text>
      <ul className={styles.reports}>
        {item.reports.map((report) => (
          <li key={`${report.reporter.id}`}>
            <Text size={200} className={styles.muted}>
              {report.reporter.displayName}・{formatDateTime(report.createdAt)}:{' '}
            </Text>
            <Text className={styles.reason}>{report.reason}</Text>
          </li>
        ))}
      </ul>
      <div className={styles.actions}>
        <Button appearance="primary" onClick={() => onAct('hide', item.comment)}>
          非表示にする
        </Button>
        <Button onClick={() => onAct('dismiss', item.comment)}>問題なしとして対応済みにする</Button>
      </div>
    </section>
  );
};

/**
 * 通報されたコメント (office and admins): comments with open reports, the most recently reported
 * first, each with its reports; the office hides the comment (reason required) or settles the
 * reports. Staff are told the page is not theirs (the server refuses them anyway).
 */
export const CommentReportsPage = () => {
  const styles = useStyles();
  const { user } = useSession();
  const office = isOffice(user);
  const queue = useApiQuery(office ? ['comment-reports'] : null, (api, signal) =>
    listReportedComments(api, signal),
  );
  const [acting, setActing] = useState<{ kind: CommentReasonKind; comment: ProposalCommentDto } | null>(null);
  const [done, setDone] = useState<string | undefined>();
  if (!office)
    return (
      <div className={styles.page}>
        <h1 className={styles.heading}>通報されたコメント</h1>
        <EmptyState title="この画面は推進室・管理者のみが使えます" />
      </div>
    );
  const data = queue.data;
  return (
    <div className={styles.page}>
      <h1 className={styles.heading}>通報されたコメント</h1>
      <Text className={styles.muted}>
        {data ? `未対応の通報があるコメント: ${data.total}件。` : ''}
        職員から通報されたコメントです。非表示にすると、職員には「このコメントは推進室により非表示にされました」とだけ表示され、本文と理由は記録に残ります。
      </Text>
      {done && (
        <Text role="status" aria-live="polite">
          {done}
        </Text>
      )}
      {queue.error !== undefined ? (
        <ErrorState error={queue.error} title="通報を読み込めませんでした" onRetry={queue.reload} />
      ) : !data ? (
        <LoadingState label="通報を読み込んでいます…" />
      ) : data.items.length === 0 ? (
        <EmptyState title="未対応の通報はありません" />
      ) : (
        data.items.map((item) => (
          <ReportedComment
            key={item.comment.id}
            item={item}
            onAct={(kind, comment) => setActing({ kind, comment })}
          />
        ))
      )}
      {acting && (
        <CommentReasonDialog
          kind={acting.kind}
          comment={acting.comment}
          onClose={() => setActing(null)}
          onDone={(_saved, kind) => {
            setActing(null);
            setDone(kind === 'hide' ? 'コメントを非表示にしました。' : '通報を対応済みにしました。');
            queue.reload();
          }}
        />
      )}
    </div>
  );
};
