import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import {
  AlertOff20Regular,
  AlertOn20Regular,
  ThumbLike20Filled,
  ThumbLike20Regular,
} from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { ProposalEngagementDto } from '#shared/engagement';
import type { ProposalDto } from '#shared/proposal';
import type { CurrentUserDto } from '#shared/tab-api';
import { setFollow, setSupport } from '../../api/engagement';
import { useAction } from '../../hooks/useAction';
import { ActionError } from '../ActionError';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  count: { fontVariantNumeric: 'tabular-nums' },
  note: { color: tokens.colorNeutralForeground3 },
});

type Engagement = Pick<ProposalEngagementDto, 'supportCount' | 'supportedByMe' | 'followedByMe'>;

const engagementOf = (proposal: ProposalDto): Engagement => ({
  supportCount: proposal.supportCount,
  supportedByMe: proposal.supportedByMe,
  followedByMe: proposal.followedByMe,
});

/**
 * 賛同 in one click (and its withdrawal) with the count, and フォロー / フォロー解除, on a published
 * proposal. The proposer and co-proposers see the count only (the server refuses their 賛同 anyway);
 * a withdrawn or merged proposal shows its count without the buttons.
 */
export const SupportButton = ({
  proposal,
  user,
  onChanged,
}: {
  proposal: ProposalDto;
  user: CurrentUserDto;
  /** After a change, so the list shows the new count. */
  onChanged?: () => void;
}) => {
  const styles = useStyles();
  const [engagement, setEngagement] = useState<Engagement>(() => engagementOf(proposal));
  useEffect(() => setEngagement(engagementOf(proposal)), [proposal]);
  const support = useAction((api, supported: boolean) => setSupport(api, proposal.id, supported));
  const follow = useAction((api, followed: boolean) => setFollow(api, proposal.id, followed));
  if (!proposal.isPublished) return null;

  const own = proposal.proposer?.id === user.id;
  const coProposer = proposal.coProposers.some((person) => person.id === user.id);
  const closed = proposal.status === 'withdrawn' || proposal.status === 'merged';
  const canSupport = !own && !coProposer && !closed;
  const canFollow = !own && !closed;
  const apply = (result: ProposalEngagementDto | undefined) => {
    if (!result) return;
    setEngagement(result);
    onChanged?.();
  };
  const countLabel = `賛同 ${engagement.supportCount}人`;

  return (
    <section className={styles.section} aria-label="賛同・フォロー">
      <div className={styles.row}>
        {canSupport ? (
          <Button
            appearance={engagement.supportedByMe ? 'primary' : 'secondary'}
            icon={engagement.supportedByMe ? <ThumbLike20Filled /> : <ThumbLike20Regular />}
            aria-pressed={engagement.supportedByMe}
            disabled={support.running}
            onClick={() => void support.run(!engagement.supportedByMe).then(apply)}
          >
            {engagement.supportedByMe ? '賛同を取り消す' : '賛同する'}
          </Button>
        ) : null}
        <Text className={styles.count} aria-live="polite">
          {countLabel}
        </Text>
        {canFollow && (
          <Button
            appearance="subtle"
            icon={engagement.followedByMe ? <AlertOff20Regular /> : <AlertOn20Regular />}
            aria-pressed={engagement.followedByMe}
            disabled={follow.running}
            onClick={() => void follow.run(!engagement.followedByMe).then(apply)}
          >
            {engagement.followedByMe ? 'フォロー解除' : 'フォローする'}
          </Button>
        )}
      </div>
      {!canSupport && (own || coProposer) && (
        <Text size={200} className={styles.note}>
          ご自身の提案には賛同できません。賛同した人はこの提案の動きを知らされます。
        </Text>
      )}
      {canSupport && engagement.followedByMe && (
        <Text size={200} className={styles.note}>
          フォロー中です。状況の変更や回答を「通知設定」の受け取り方でお知らせします。
        </Text>
      )}
      {support.error !== undefined && <ActionError error={support.error} title="賛同できませんでした" />}
      {follow.error !== undefined && (
        <ActionError error={follow.error} title="フォローを変更できませんでした" />
      )}
    </section>
  );
};
