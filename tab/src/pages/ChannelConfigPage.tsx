import { Field, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { DivisionRefDto } from '#shared/proposal';
import { listDivisions } from '../api/catalog';
import { useSession } from '../auth/session-context';
import { EmptyState, ErrorState, LoadingState } from '../components/StateViews';
import { useApiQuery } from '../hooks/useApiQuery';
import type { TeamsHost } from '../teams/teams-host';

const useStyles = makeStyles({
  page: {
    display: 'grid',
    gap: tokens.spacingVerticalM,
    maxWidth: '560px',
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** The channel tab's id for a division; reopening the settings finds the division in it again. */
const entityIdPrefix = 'team-dashboard-';

export const channelTabSettings = (division: DivisionRefDto, origin: string) => ({
  entityId: `${entityIdPrefix}${division.id}`,
  contentUrl: `${origin}/tab/dashboard?division=${encodeURIComponent(division.id)}`,
  suggestedDisplayName: `${division.name}の提案状況`,
});

/**
 * タブの設定: when a channel adds the app's tab, Teams shows this page (frameContext `settings`); the
 * user picks a division and the tab shows that division's dashboard. The user's own division (or the
 * tab's current one, when its settings are reopened) is chosen to start with.
 */
export const ChannelConfigPage = () => {
  const styles = useStyles();
  const { teams } = useSession();
  return (
    <div className={styles.page}>
      <h1 className={styles.heading}>タブの設定</h1>
      {teams?.frameContext === 'settings' ? (
        <DivisionChoice teams={teams} />
      ) : (
        <EmptyState title="このページは Teams のチャネルにタブを追加するときの設定画面です">
          Teams のチャネルで「＋」（タブを追加）から「職員提案」を選ぶと、ここで表示する課を選べます。
        </EmptyState>
      )}
    </div>
  );
};

const DivisionChoice = ({ teams }: { teams: TeamsHost }) => {
  const { user } = useSession();
  const divisions = useApiQuery(['divisions'], (api, signal) => listDivisions(api, signal));
  const items = divisions.data?.items;
  const initial = teams.pageId?.startsWith(entityIdPrefix)
    ? teams.pageId.slice(entityIdPrefix.length)
    : user.division?.id;
  const [chosenId, setChosenId] = useState<string | undefined>();
  const selected = items?.find((division) => division.id === (chosenId ?? initial));

  useEffect(() => {
    if (selected) {
      teams.configureChannelTab(channelTabSettings(selected, window.location.origin));
      teams.enableSave(true);
    } else {
      teams.enableSave(false);
    }
  }, [teams, selected]);

  if (divisions.error) return <ErrorState error={divisions.error} onRetry={divisions.reload} />;
  if (!items) return <LoadingState />;
  return (
    <>
      <Text>このチャネルのタブに表示する課を選んで、「保存」を押してください。</Text>
      <Field label="課" hint={selected ? `タブの名前: ${selected.name}の提案状況` : undefined}>
        <Select value={selected?.id ?? ''} onChange={(_event, data) => setChosenId(data.value)}>
          {!selected && <option value="">選択してください</option>}
          {items.map((division) => (
            <option key={division.id} value={division.id}>
              {division.name}
            </option>
          ))}
        </Select>
      </Field>
    </>
  );
};
