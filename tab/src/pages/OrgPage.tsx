import { Button, Checkbox, MessageBar, MessageBarBody, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { OrgDivisionDto, OrgDivisionListDto } from '#shared/organisation';
import { listOrgDivisions } from '../api/org';
import { isOffice, useSession } from '../auth/session-context';
import { DepartmentMappings } from '../components/org/DepartmentMappings';
import { DivisionDialog } from '../components/org/DivisionDialog';
import { DivisionMergeDialog } from '../components/org/DivisionMergeDialog';
import { DivisionTable } from '../components/org/DivisionTable';
import { OrgCsvActions } from '../components/org/OrgCsvActions';
import { OrgChangeHistory } from '../components/org/OrgChangeHistory';
import { divisionTree } from '../components/org/org-tree';
import { useAdminPageStyles } from '../components/admin-page-styles';
import { EmptyState, ErrorState, LoadingState } from '../components/StateViews';
import { useApiQuery, type ApiQuery } from '../hooks/useApiQuery';

const intro =
  '部局・課室・出先機関の一覧です。管理者は組織の追加、名称変更、廃止、統合ができます。' +
  '名称を変えても廃止しても、過去の提案やスタンプはその時点の組織のまま集計されます。' +
  '統合すると、統合元の職員・提案・スタンプはすべて統合先に移ります。変更はすべて履歴に残ります。';

type Dialog =
  { kind: 'edit'; division: OrgDivisionDto | undefined } | { kind: 'merge'; division: OrgDivisionDto };

const DivisionList = ({
  divisions,
  showRetired,
  canEdit,
  onEdit,
  onMerge,
}: {
  divisions: ApiQuery<OrgDivisionListDto>;
  showRetired: boolean;
  canEdit: boolean;
  onEdit(division: OrgDivisionDto): void;
  onMerge(division: OrgDivisionDto): void;
}) => {
  if (divisions.error !== undefined && !divisions.data)
    return <ErrorState error={divisions.error} onRetry={divisions.reload} />;
  if (!divisions.data) return <LoadingState />;
  const rows = divisionTree(divisions.data.items, showRetired);
  if (rows.length === 0)
    return (
      <EmptyState title="組織がまだありません">「組織を追加」から部局や課を登録してください。</EmptyState>
    );
  return <DivisionTable rows={rows} canEdit={canEdit} onEdit={onEdit} onMerge={onMerge} />;
};

const OrgHistorySection = ({
  reloadKey,
  nameOf,
}: {
  reloadKey: number;
  nameOf(id: string): string | undefined;
}) => {
  const styles = useAdminPageStyles();
  return (
    <section className={styles.section} aria-labelledby="org-history">
      <h2 id="org-history" className={styles.subheading}>
        組織の変更履歴
      </h2>
      <Text className={styles.intro}>
        変更した人・日時・変更前後の内容が記録されます。記録は変更も削除もできません。
      </Text>
      <OrgChangeHistory entity="division" reloadKey={reloadKey} nameOf={nameOf} />
    </section>
  );
};

const Organisation = ({ canEdit }: { canEdit: boolean }) => {
  const styles = useAdminPageStyles();
  const [showRetired, setShowRetired] = useState(false);
  const [dialog, setDialog] = useState<Dialog>();
  const [done, setDone] = useState<string>();
  const [historyKey, setHistoryKey] = useState(0);
  const divisions = useApiQuery(['org-divisions'], (api, signal) => listOrgDivisions(api, signal));
  const all = divisions.data?.items ?? [];
  const nameOf = (id: string) => all.find((division) => division.id === id)?.name;

  const finished = (message: string) => {
    setDialog(undefined);
    setDone(message);
    divisions.reload();
    setHistoryKey((key) => key + 1);
  };

  return (
    <div className={styles.page}>
      <h1 className={styles.heading}>組織</h1>
      <p className={styles.intro}>{intro}</p>
      <section className={styles.section} aria-labelledby="org-divisions">
        <h2 id="org-divisions" className={styles.subheading}>
          組織の一覧
        </h2>
        <div className={styles.toolbar}>
          {canEdit && (
            <Button appearance="primary" onClick={() => setDialog({ kind: 'edit', division: undefined })}>
              組織を追加
            </Button>
          )}
          <OrgCsvActions canImport={canEdit} onImported={finished} />
          <Checkbox
            label="廃止・統合した組織も表示"
            checked={showRetired}
            onChange={(_e, data) => setShowRetired(data.checked === true)}
          />
        </div>
        {done && (
          <MessageBar intent="success" role="status">
            <MessageBarBody>{done}</MessageBarBody>
          </MessageBar>
        )}
        <DivisionList
          divisions={divisions}
          showRetired={showRetired}
          canEdit={canEdit}
          onEdit={(division) => setDialog({ kind: 'edit', division })}
          onMerge={(division) => setDialog({ kind: 'merge', division })}
        />
      </section>
      <section className={styles.section} aria-labelledby="org-mappings">
        <h2 id="org-mappings" className={styles.subheading}>
          Entraの部署名と所属の対応
        </h2>
        <DepartmentMappings canEdit={canEdit} divisions={all} onChanged={finished} />
      </section>
      <OrgHistorySection reloadKey={historyKey} nameOf={nameOf} />
      {dialog?.kind === 'edit' && (
        <DivisionDialog
          division={dialog.division}
          divisions={all}
          onClose={() => setDialog(undefined)}
          onDone={(saved) => finished(`「${saved.name}」を保存しました。`)}
        />
      )}
      {dialog?.kind === 'merge' && (
        <DivisionMergeDialog
          division={dialog.division}
          divisions={all}
          onClose={() => setDialog(undefined)}
          onDone={(result) =>
            finished(`「${dialog.division.name}」を「${result.into.name}」に統合しました。`)
          }
        />
      )}
    </div>
  );
};

/** 組織 (the office views, admins change; the server refuses everyone else anyway). */
export const OrgPage = () => {
  const styles = useAdminPageStyles();
  const { user } = useSession();
  if (isOffice(user)) return <Organisation canEdit={user.roles.includes('admin')} />;
  return (
    <>
      <h1 className={styles.heading}>組織</h1>
      <EmptyState title="このページは推進室と管理者だけが使えます" />
    </>
  );
};
