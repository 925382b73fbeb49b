import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { Chat20Regular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ProposalDto } from '#shared/proposal';
import { listProposals } from '../api/proposals';
import { useSession } from '../auth/session-context';
import { NotificationSettings } from '../components/engagement/NotificationSettings';
import { ProposalDetailPanel } from '../components/proposals/ProposalDetailPanel';
import { ProposalListView, ProposalSplitLayout } from '../components/proposals/ProposalListView';
import {
  listQueryOf,
  listStateToParams,
  parseListState,
  type ProposalListState,
} from '../components/proposals/proposal-list-query';
import { focusProposalRow, type ProposalColumnId } from '../components/proposals/ProposalTable';
import { EmptyState } from '../components/StateViews';
import { useApiQuery } from '../hooks/useApiQuery';
import { isTeamsClient } from '../teams/teams-host';

const useStyles = makeStyles({
  heading: {
    margin: `0 0 ${tokens.spacingVerticalS}`,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
  intro: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
  muted: { color: tokens.colorNeutralForeground3 },
  error: { color: tokens.colorPaletteRedForeground1 },
  action: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: tokens.spacingVerticalXS },
});

const columns: ProposalColumnId[] = ['number', 'title', 'status', 'answer', 'submittedAt'];
const compactColumns: ProposalColumnId[] = ['number', 'title', 'status'];

/** Only order and page apply here (the list is the user's own proposals). */
const ownListState = (params: URLSearchParams): ProposalListState => {
  const { sort, direction, page, pageSize } = parseListState(params);
  return { ...parseListState(new URLSearchParams()), sort, direction, page, pageSize };
};

/**
 * The app's chat with the bot, where proposals are written: the documented deep link to the app's
 * static tab `conversations` (manifest), by the id Teams knows the app under.
 */
const botChatUrl = (teamsAppId: string) =>
  `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/conversations`;

/**
 * 「新しい提案を送る」: proposals are written to the bot, so this opens its chat — through Teams inside
 * Teams (a link would otherwise open in the tab's frame), in a new window in a browser. Outlook and
 * the Microsoft 365 app host the tab but have no bot chat: there the link would lead nowhere, so it
 * is replaced by a hint.
 */
const NewProposalButton = () => {
  const styles = useStyles();
  const { config, teams } = useSession();
  const [failed, setFailed] = useState(false);
  if (teams && !isTeamsClient(teams)) {
    return (
      <Text size={200} className={styles.muted}>
        新しい提案は、Teams の「職員提案」アプリのチャットから送れます。
      </Text>
    );
  }
  const url = config.teamsAppId ? botChatUrl(config.teamsAppId) : undefined;
  const open = () => {
    if (!url) return;
    setFailed(false);
    if (teams) void teams.openLink(url).catch(() => setFailed(true));
    else window.open(url, '_blank', 'noopener,noreferrer');
  };
  return (
    <div className={styles.action}>
      <Button appearance="primary" icon={<Chat20Regular />} disabled={!url} onClick={open}>
        新しい提案を送る
      </Button>
      {!url && (
        <Text size={200} className={styles.muted}>
          ボットが設定されていないため、この環境ではチャットを開けません。
        </Text>
      )}
      {failed && (
        <Text size={200} role="alert" className={styles.error}>
          ボットとのチャットを開けませんでした。Teams のチャットからボットを探して送ってください。
        </Text>
      )}
    </div>
  );
};

/**
 * マイ提案: the signed-in user's proposals (proposed or co-proposed: the API's `mine`) with status, answer
 * and history; `?proposal=<id>` opens one (the back button closes it).
 * The office sees its actions in the detail as on 提案一覧.
 */
export const MyProposalsPage = () => {
  const styles = useStyles();
  const [params, setParams] = useSearchParams();
  const state = ownListState(params);
  const proposalId = params.get('proposal') ?? undefined;
  const openedByUser = useRef(false);

  const listQuery = { ...listQueryOf(state), mine: 'true' };
  const list = useApiQuery(['my-proposals', listQuery], (api, signal) =>
    listProposals(api, listQuery, signal),
  );

  const withDetail = (id: string | undefined, next: ProposalListState = state) => {
    const search = listStateToParams(next);
    if (id) search.set('proposal', id);
    return search;
  };
  const open = (proposal: ProposalDto) => {
    openedByUser.current = true;
    setParams(withDetail(proposal.id));
  };
  const close = () => {
    setParams(withDetail(undefined));
    focusProposalRow(proposalId);
  };

  return (
    <>
      <h1 className={styles.heading}>マイ提案</h1>
      <div className={styles.intro}>
        <Text className={styles.muted}>
          あなたが送った提案と共同提案者になっている提案の状況と回答、これまでの経過を確認できます。
        </Text>
        <NewProposalButton />
      </div>
      <ProposalSplitLayout
        detail={
          proposalId && (
            <ProposalDetailPanel
              key={proposalId}
              proposalId={proposalId}
              autoFocus={openedByUser.current}
              onClose={close}
              onChanged={() => list.reload()}
            />
          )
        }
      >
        <ProposalListView
          label="マイ提案"
          query={list}
          state={state}
          columnIds={proposalId ? compactColumns : columns}
          currentId={proposalId}
          empty={
            <EmptyState title="まだ提案はありません">
              仕事の進め方や職場環境をよくするアイデアを、ボットとのチャットから提案できます。
              「新しい提案を送る」を押すとボットとのチャットが開きます。送った提案の状況と回答はここに表示されます。
            </EmptyState>
          }
          onOpen={open}
          onChange={(patch) => setParams(withDetail(proposalId, { ...state, ...patch }))}
        />
      </ProposalSplitLayout>
      <NotificationSettings />
    </>
  );
};
