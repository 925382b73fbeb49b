import { makeStyles, Text, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  page: {
    maxWidth: '640px',
    margin: '0 auto',
    padding: tokens.spacingHorizontalXXL,
    display: 'grid',
    gap: tokens.spacingVerticalM,
  },
});

/** Outside Teams without the development sign-in there is no way to sign in: say where to go. */
export const NotInTeamsPage = () => {
  const styles = useStyles();
  return (
    <main className={styles.page}>
      <Text as="h1" size={600} weight="semibold">
        Microsoft Teams で開いてください
      </Text>
      <Text>
        このページは Microsoft Teams のアプリ「職員提案」のタブです。Teams
        の左側のアプリ一覧から「職員提案」を開いてください。
      </Text>
      <Text>アプリが見つからない場合は、所属の情報システム担当にお問い合わせください。</Text>
    </main>
  );
};
