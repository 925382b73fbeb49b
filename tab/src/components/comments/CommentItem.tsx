import { Badge, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { EyeOff16Regular, Flag16Regular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { hiddenCommentNotice, type ProposalCommentDto } from '#shared/comment-api';
import { formatDateTime } from '../../format/date-time';
import type { CommentReasonKind } from './CommentReasonDialog';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    color: tokens.colorNeutralForeground3,
  },
  author: { color: tokens.colorNeutralForeground1 },
  body: { margin: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  hidden: { margin: 0, fontStyle: 'italic', color: tokens.colorNeutralForeground3 },
  audit: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
});

/** Why a comment was hidden (its author, the office) and, for the office, by whom and its body. */
const ModerationNote = ({ moderation }: { moderation: NonNullable<ProposalCommentDto['moderation']> }) => {
  const styles = useStyles();
  return (
    <div className={styles.audit}>
      <Text size={200}>
        非表示の理由: {moderation.reason}
        {moderation.hiddenBy &&
          `（${moderation.hiddenBy.displayName}・${formatDateTime(moderation.hiddenAt)}）`}
      </Text>
      {moderation.body !== null && (
        <Text size={200}>
          元の本文（推進室のみ表示）: <span className={styles.body}>{moderation.body}</span>
        </Text>
      )}
    </div>
  );
};

/**
 * One comment: author, time and body; a hidden one shows the office's notice in its place (its
 * author also sees the reason; the office the body, the reason and who hid it, from the audit log).
 * Buttons: 通報 (once, not one's own), 非表示にする (office).
 */
export const CommentItem = ({
  comment,
  canModerate,
  onAction,
  children,
}: {
  comment: ProposalCommentDto;
  canModerate: boolean;
  onAction?(kind: CommentReasonKind): void;
  /** More below the comment (the queue's reports). */
  children?: ReactNode;
}) => {
  const styles = useStyles();
  const canReport = !comment.mine && !comment.hidden && !comment.reportedByMe;
  return (
    <article
      className={styles.item}
      aria-label={comment.author ? `${comment.author.displayName}さんのコメント` : '非表示にされたコメント'}
    >
      <div className={styles.meta}>
        {comment.author && (
          <Text weight="semibold" className={styles.author}>
            {comment.author.displayName}
          </Text>
        )}
        <Text size={200}>{formatDateTime(comment.createdAt)}</Text>
        {canModerate && comment.openReports > 0 && (
          <Badge appearance="tint" color="danger" size="small">
            通報 {comment.openReports}件
          </Badge>
        )}
      </div>
      {comment.hidden ? (
        <p className={styles.hidden}>{hiddenCommentNotice}</p>
      ) : (
        <p className={styles.body}>{comment.body}</p>
      )}
      {comment.moderation && <ModerationNote moderation={comment.moderation} />}
      {children}
      {onAction && (canReport || comment.reportedByMe || (canModerate && !comment.hidden)) && (
        <div className={styles.actions}>
          {canReport && (
            <Button
              size="small"
              appearance="subtle"
              icon={<Flag16Regular />}
              onClick={() => onAction('report')}
            >
              通報
            </Button>
          )}
          {comment.reportedByMe && !comment.hidden && (
            <Text size={200} className={styles.meta}>
              通報済み
            </Text>
          )}
          {canModerate && !comment.hidden && (
            <Button
              size="small"
              appearance="subtle"
              icon={<EyeOff16Regular />}
              onClick={() => onAction('hide')}
            >
              非表示にする
            </Button>
          )}
        </div>
      )}
    </article>
  );
};
