import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { Add20Regular, Copy20Regular, Dismiss20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { fiscalYearLabel } from '#shared/fiscal-year';
import type { CopyPriorityProjectsResultDto } from '#shared/priority-project';
import { listPriorityProjects } from '../../api/projects';
import { isOffice, useSession } from '../../auth/session-context';
import { useApiQuery } from '../../hooks/useApiQuery';
import { EmptyState, ErrorState, LoadingState } from '../StateViews';
import { CopyProjectsDialog } from './CopyProjectsDialog';
import { FiscalYearSelect } from './FiscalYearSelect';
import { ProjectCard } from './ProjectCard';
import { ProjectFormDialog } from './ProjectFormDialog';

const useStyles = makeStyles({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    marginBottom: tokens.spacingVerticalL,
  },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginLeft: 'auto' },
  themes: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXL },
  themeTitle: {
    margin: `0 0 ${tokens.spacingVerticalM}`,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  themeNo: { color: tokens.colorBrandForeground1, marginRight: tokens.spacingHorizontalS },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 320px), 1fr))',
    gap: tokens.spacingHorizontalL,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  notice: { marginBottom: tokens.spacingVerticalL },
  emptyAction: { display: 'flex', justifyContent: 'center' },
});

type OpenDialog = { kind: 'create' } | { kind: 'copy'; fromFiscalYear: number; count?: number } | undefined;

const copiedMessage = (result: CopyPriorityProjectsResultDto): string =>
  result.created > 0
    ? `${fiscalYearLabel(result.toFiscalYear)}の重点案件を${result.created}件作成しました。`
    : `${fiscalYearLabel(result.toFiscalYear)}には同じ重点案件が既にあるため、新たに作成したものはありません。`;

/** A fiscal year's 重点案件 grouped by theme, with the office's create and next-year actions. */
export const ProjectListView = ({
  fiscalYear,
  currentFiscalYear,
  onFiscalYearChange,
}: {
  fiscalYear: number;
  currentFiscalYear: number;
  onFiscalYearChange(fiscalYear: number): void;
}) => {
  const styles = useStyles();
  const { user } = useSession();
  const office = isOffice(user);
  const [dialog, setDialog] = useState<OpenDialog>();
  const [notice, setNotice] = useState<string>();
  const list = useApiQuery(['priority-projects', fiscalYear], (api, signal) =>
    listPriorityProjects(api, fiscalYear, signal),
  );
  // While another year loads, the previous year's projects must not pass for the new one's.
  const data = list.data?.fiscalYear === fiscalYear ? list.data : undefined;
  const count = data?.themes.reduce((sum, theme) => sum + theme.projects.length, 0) ?? 0;
  const label = fiscalYearLabel(fiscalYear);

  const copied = (result: CopyPriorityProjectsResultDto) => {
    setDialog(undefined);
    setNotice(copiedMessage(result));
    if (result.toFiscalYear === fiscalYear) list.reload();
    else onFiscalYearChange(result.toFiscalYear);
  };

  let content;
  if (list.error !== undefined && !data) {
    content = <ErrorState error={list.error} onRetry={list.reload} />;
  } else if (!data) {
    content = <LoadingState label="重点案件を読み込んでいます…" />;
  } else if (data.themes.length === 0) {
    content = (
      <>
        <EmptyState title={`${label}の重点案件はまだ登録されていません`}>
          {office
            ? '前年度の案件を引き継いで作成するか、「重点案件を追加」で1件ずつ登録してください。'
            : '「年度」で他の年度を選んでください。'}
        </EmptyState>
        {office && (
          <div className={styles.emptyAction}>
            <Button
              appearance="primary"
              icon={<Copy20Regular />}
              onClick={() => setDialog({ kind: 'copy', fromFiscalYear: fiscalYear - 1 })}
            >
              {fiscalYearLabel(fiscalYear - 1)}の案件を引き継いで作成
            </Button>
          </div>
        )}
      </>
    );
  } else {
    content = (
      <div className={styles.themes}>
        {data.themes.map((theme) => (
          <section key={theme.themeNo} aria-labelledby={`theme-${theme.themeNo}`}>
            <h2 id={`theme-${theme.themeNo}`} className={styles.themeTitle}>
              <span className={styles.themeNo}>テーマ{theme.themeNo}</span> {theme.themeTitle}
            </h2>
            <ul className={styles.grid} aria-label={`テーマ${theme.themeNo}の重点案件`}>
              {theme.projects.map((project) => (
                <li key={project.id}>
                  <ProjectCard project={project} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    );
  }

  return (
    <>
      <div className={styles.toolbar}>
        <FiscalYearSelect value={fiscalYear} current={currentFiscalYear} onChange={onFiscalYearChange} />
        {office && (
          <div className={styles.actions}>
            <Button icon={<Add20Regular />} disabled={!data} onClick={() => setDialog({ kind: 'create' })}>
              重点案件を追加
            </Button>
            <Button
              icon={<Copy20Regular />}
              disabled={count === 0}
              onClick={() => setDialog({ kind: 'copy', fromFiscalYear: fiscalYear, count })}
            >
              次年度の案件を作成
            </Button>
          </div>
        )}
      </div>
      {notice && (
        <MessageBar intent="success" className={styles.notice}>
          <MessageBarBody>{notice}</MessageBarBody>
          <MessageBarActions
            containerAction={
              <Button
                appearance="transparent"
                aria-label="閉じる"
                icon={<Dismiss20Regular />}
                onClick={() => setNotice(undefined)}
              />
            }
          />
        </MessageBar>
      )}
      {content}
      {dialog?.kind === 'create' && data && (
        <ProjectFormDialog
          mode={{ kind: 'create', fiscalYear, themes: data.themes }}
          onClose={() => setDialog(undefined)}
          onSaved={(project) => {
            setDialog(undefined);
            setNotice(`${project.code}「${project.title}」を追加しました。`);
            list.reload();
          }}
          onReload={() => {
            setDialog(undefined);
            list.reload();
          }}
        />
      )}
      {dialog?.kind === 'copy' && (
        <CopyProjectsDialog
          fromFiscalYear={dialog.fromFiscalYear}
          projectCount={dialog.count}
          onClose={() => setDialog(undefined)}
          onCopied={copied}
        />
      )}
    </>
  );
};
