import { makeStyles, Radio, RadioGroup, Text, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import {
  notificationPreferenceLabels,
  notificationPreferences,
  type NotificationPreference,
} from '#shared/engagement';
import { getNotificationPreference, setNotificationPreference } from '../../api/engagement';
import { useAction } from '../../hooks/useAction';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ActionError } from '../ActionError';
import { ErrorState, LoadingState } from '../StateViews';

const useStyles = makeStyles({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow4,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorTransparentStroke}`,
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
  },
  muted: { color: tokens.colorNeutralForeground2 },
  saved: { color: tokens.colorPaletteGreenForeground1 },
});

const descriptions: Record<NotificationPreference, string> = {
  immediate: '動きがあるたびにTeamsでお知らせします',
  daily: '毎朝8時に前日までの動きを1通にまとめてお知らせします',
  none: 'フォロー中の提案についてはお知らせしません',
};

/**
 * 通知設定: how the person hears of the proposals they follow (賛同・共同提案・フォロー).
 * Saved when chosen; their own proposals' status cards always arrive (said on the page).
 */
export const NotificationSettings = () => {
  const styles = useStyles();
  const headingId = useId();
  const query = useApiQuery(['notification-preference'], (api, signal) =>
    getNotificationPreference(api, signal),
  );
  const save = useAction((api, preference: NotificationPreference) =>
    setNotificationPreference(api, preference),
  );
  // The choice shows at once; a failed save puts the stored one back (and says why).
  const [chosen, setChosen] = useState<NotificationPreference>();
  const choose = async (preference: NotificationPreference) => {
    setChosen(preference);
    if (!(await save.run(preference))) setChosen(undefined);
  };
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        通知設定
      </h2>
      <Text className={styles.muted}>
        賛同した提案・共同提案した提案・フォローしている提案の状況の変更や回答、重点案件の進捗を、どのように受け取るかを選べます。ご自身の提案の状況の変更は、この設定にかかわらず毎回お知らせします。
      </Text>
      {query.error !== undefined ? (
        <ErrorState error={query.error} title="通知設定を読み込めませんでした" onRetry={query.reload} />
      ) : !query.data ? (
        <LoadingState label="通知設定を読み込んでいます…" />
      ) : (
        <RadioGroup
          aria-labelledby={headingId}
          value={chosen ?? query.data.preference}
          disabled={save.running}
          onChange={(_event, data) => void choose(data.value as NotificationPreference)}
        >
          {notificationPreferences.map((preference) => (
            <Radio
              key={preference}
              value={preference}
              label={`${notificationPreferenceLabels[preference]}（${descriptions[preference]}）`}
            />
          ))}
        </RadioGroup>
      )}
      {save.error !== undefined && <ActionError error={save.error} title="通知設定を保存できませんでした" />}
    </section>
  );
};
