import { Button, makeStyles, MessageBar, MessageBarBody, tokens } from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import type { MasterDataEntity } from '#shared/master-data';
import type { ApiClient } from '../../api/api-client';
import { useAction } from '../../hooks/useAction';
import { useApiQuery } from '../../hooks/useApiQuery';
import { ActionError } from '../ActionError';
import { ErrorState, LoadingState } from '../StateViews';
import { MasterDataHistory } from './MasterDataHistory';
import { MasterDataTable, movedCodes, type MasterDataItem } from './MasterDataTable';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  heading: {
    margin: 0,
    marginRight: 'auto',
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  subheading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60em' },
});

export interface ManagedList<T extends MasterDataItem> {
  entity: MasterDataEntity;
  title: string;
  intro: string;
  addLabel: string;
  load(api: ApiClient, signal: AbortSignal): Promise<{ items: T[] }>;
  reorder(api: ApiClient, codes: string[]): Promise<unknown>;
  setActive(api: ApiClient, code: string, isActive: boolean): Promise<unknown>;
  columns: { header: string; cell(item: T): ReactNode }[];
  /** The add (no item) or edit dialog; calls onSaved once the server stored it. */
  dialog(props: { editing: T | undefined; onClose(): void; onSaved(item: T): void }): ReactNode;
}

/**
 * One list the office manages: its table, 追加, 編集, 廃止/再開, 上へ/下へ, and its 変更履歴. Every
 * change goes to the server (which checks the role and records the change) and the list reloads.
 */
export const ManagedListSection = <T extends MasterDataItem>({ list }: { list: ManagedList<T> }) => {
  const styles = useStyles();
  const [reloadKey, setReloadKey] = useState(0);
  const [dialog, setDialog] = useState<{ editing: T | undefined }>();
  const [notice, setNotice] = useState<string>();
  const items = useApiQuery([list.entity, 'managed', reloadKey], list.load);
  const changed = (message: string) => {
    setNotice(message);
    setReloadKey((key) => key + 1);
  };
  const reorder = useAction((api, codes: string[]) => list.reorder(api, codes));
  const toggle = useAction((api, item: T) => list.setActive(api, item.code, !item.isActive));
  const rows = items.data?.items;
  const names = new Map((rows ?? []).map((item) => [item.code, item.label]));
  const headingId = `${list.entity}-heading`;

  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <div className={styles.header}>
        <h2 id={headingId} className={styles.heading}>
          {list.title}
        </h2>
        <Button
          appearance="primary"
          icon={<Add20Regular />}
          onClick={() => setDialog({ editing: undefined })}
        >
          {list.addLabel}
        </Button>
      </div>
      <p className={styles.intro}>{list.intro}</p>
      {notice && (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      {reorder.error !== undefined && <ActionError error={reorder.error} title="並べ替えできませんでした" />}
      {toggle.error !== undefined && <ActionError error={toggle.error} title="変更できませんでした" />}
      {items.error !== undefined && !rows ? (
        <ErrorState error={items.error} onRetry={items.reload} />
      ) : !rows ? (
        <LoadingState />
      ) : (
        <MasterDataTable
          caption={list.title}
          items={rows}
          columns={list.columns}
          busy={reorder.running || toggle.running || items.loading}
          onMove={async (code, offset) => {
            if (await reorder.run(movedCodes(rows, code, offset))) changed('並び順を変更しました。');
          }}
          onEdit={(item) => setDialog({ editing: item })}
          onToggle={async (item) => {
            if (await toggle.run(item))
              changed(
                item.isActive ? `「${item.label}」を廃止しました。` : `「${item.label}」を再開しました。`,
              );
          }}
        />
      )}
      <h3 className={styles.subheading}>変更履歴</h3>
      <MasterDataHistory
        entity={list.entity}
        caption={`${list.title}の変更履歴`}
        names={names}
        reloadKey={reloadKey}
      />
      {dialog &&
        list.dialog({
          editing: dialog.editing,
          onClose: () => setDialog(undefined),
          onSaved: (item) => {
            setDialog(undefined);
            changed(
              dialog.editing ? `「${item.label}」を保存しました。` : `「${item.label}」を追加しました。`,
            );
          },
        })}
    </section>
  );
};
