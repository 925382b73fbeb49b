import { makeStyles, tokens } from '@fluentui/react-components';
import type { ProposalCategoryDto } from '#shared/master-data';
import type { StampKind } from '#shared/stamp-kind';
import { listCategories } from '../api/catalog';
import {
  listAllStampKinds,
  reorderCategories,
  reorderStampKinds,
  updateCategory,
  updateStampKind,
} from '../api/master-data';
import { isOffice, useSession } from '../auth/session-context';
import { CategoryDialog } from '../components/master-data/CategoryDialog';
import { ManagedListSection, type ManagedList } from '../components/master-data/ManagedListSection';
import { stampPurposeLabels } from '../components/master-data/master-data-format';
import { StampKindDialog } from '../components/master-data/StampKindDialog';
import { EmptyState } from '../components/StateViews';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
});

const categoryList: ManagedList<ProposalCategoryDto> = {
  entity: 'category',
  title: '分類',
  intro:
    '提案の分類です。提案の入力画面はこの順番で「使用中」の分類を表示します。廃止した分類は新しい提案では選べなくなりますが、登録済みの提案と集計には残ります。',
  addLabel: '分類を追加',
  load: (api, signal) => listCategories(api, signal),
  reorder: reorderCategories,
  setActive: (api, code, isActive) => updateCategory(api, code, { isActive }),
  columns: [],
  dialog: (props) => <CategoryDialog {...props} />,
};

const stampKindList: ManagedList<StampKind> = {
  entity: 'stamp_kind',
  title: 'アクションスタンプの種類',
  intro:
    'Teams で送れるアクションスタンプの種類です。廃止した種類は送信画面に表示されなくなりますが、送信済みのスタンプと集計には残ります。',
  addLabel: 'スタンプを追加',
  load: listAllStampKinds,
  reorder: reorderStampKinds,
  setActive: (api, code, isActive) => updateStampKind(api, code, { isActive }),
  columns: [
    { header: '絵文字', cell: (kind) => <span aria-hidden="true">{kind.emoji}</span> },
    { header: '用途', cell: (kind) => stampPurposeLabels[kind.purpose] },
  ],
  dialog: (props) => <StampKindDialog {...props} />,
};

/**
 * 分類・スタンプ (office and admins): the proposal categories and the stamp kinds, each with its
 * change history. Staff are told the page is not theirs (the server refuses them anyway).
 */
export const MasterDataPage = () => {
  const styles = useStyles();
  const { user } = useSession();
  return (
    <div className={styles.page}>
      <h1 className={styles.heading}>分類・スタンプ</h1>
      {isOffice(user) ? (
        <>
          <ManagedListSection list={categoryList} />
          <ManagedListSection list={stampKindList} />
        </>
      ) : (
        <EmptyState title="この画面は推進室・管理者のみが使えます">
          分類やスタンプの種類を変更したいときは、推進室にご連絡ください。
        </EmptyState>
      )}
    </div>
  );
};
