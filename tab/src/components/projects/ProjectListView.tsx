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
import type {
  CopyPriorityProjectsResultDto,
  PriorityProjectDto,
  PriorityProjectListDto,
  PriorityProjectThemeDto,
} from '#shared/priority-project';
import { listPriorityProjects } from '../../api/projects';
import { isOffice, useSession } from '../../auth/session-context';
import { useApiQuery } from '../../hooks/useApiQuery';
import { DefaultedYearNotice } from '../DefaultedYearNotice';
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

type OpenDialog =
  | { kind: 'create' }
  | { kind: 'copy'; fromFiscalYear: number; toFiscalYear?: number; count?: number }
  | undefined;

const copiedMessage = (result: CopyPriorityProjectsResultDto): string =>
  result.created > 0
    ? `${fiscalYearLabel(result.toFiscalYear)}の重点案件を${result.created}件作成しました。`
    : `${fiscalYearLabel(result.toFiscalYear)}には同じ重点案件が既にあるため、新たに作成したものはありません。`;

/** The year's projects, theme by theme, as cards. */
const ThemeList = ({ themes }: { themes: PriorityProjectThemeDto[] }) => {
  const styles = useStyles();
  return (
    <div className={styles.themes}>
      {themes.map((theme) => (
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
};

/**
 * A year without projects: the office may carry over the set of the latest year that has one (not
 * blindly the previous year, which may have none).
 */
const EmptyYear = ({
  fiscalYear,
  office,
  copyFrom,
  onCopy,
}: {
  fiscalYear: number;
  office: boolean;
  copyFrom: number | null;
  onCopy(fromFiscalYear: number): void;
}) => {
  const styles = useStyles();
  const canCopy = office && copyFrom !== null && copyFrom !== fiscalYear;
  return (
    <>
      <EmptyState title={`${fiscalYearLabel(fiscalYear)}の重点案件はまだ登録されていません`}>
        {canCopy
          ? `${fiscalYearLabel(copyFrom)}の案件を引き継いで作成するか、「重点案件を追加」で1件ずつ登録してください。`
          : office
            ? '「重点案件を追加」で1件ずつ登録してください。'
            : '「年度」で他の年度を選んでください。'}
      </EmptyState>
      {canCopy && (
        <div className={styles.emptyAction}>
          <Button appearance="primary" icon={<Copy20Regular />} onClick={() => onCopy(copyFrom)}>
            {fiscalYearLabel(copyFrom)}の案件を引き継いで作成
          </Button>
        </div>
      )}
    </>
  );
};

const Notice = ({ notice, onDismiss }: { notice: string; onDismiss(): void }) => {
  const styles = useStyles();
  return (
    <MessageBar intent="success" className={styles.notice}>
      <MessageBarBody>{notice}</MessageBarBody>
      <MessageBarActions
        containerAction={
          <Button
            appearance="transparent"
            aria-label="閉じる"
            icon={<Dismiss20Regular />}
            onClick={onDismiss}
          />
        }
      />
    </MessageBar>
  );
};

/** The year's choice and, for the office, 重点案件を追加 and 次年度の案件を作成. */
const Toolbar = ({
  list,
  onFiscalYearChange,
  office,
  loaded,
  count,
  onOpen,
}: {
  list: PriorityProjectListDto;
  onFiscalYearChange(fiscalYear: number): void;
  office: boolean;
  loaded: boolean;
  count: number;
  onOpen(dialog: NonNullable<OpenDialog>): void;
}) => {
  const styles = useStyles();
  const fiscalYear = list.fiscalYear;
  return (
    <div className={styles.toolbar}>
      <FiscalYearSelect
        value={fiscalYear}
        current={list.currentFiscalYear}
        offered={list.availableFiscalYears.map((option) => option.fiscalYear)}
        onChange={onFiscalYearChange}
      />
      {office && (
        <div className={styles.actions}>
          <Button icon={<Add20Regular />} disabled={!loaded} onClick={() => onOpen({ kind: 'create' })}>
            重点案件を追加
          </Button>
          <Button
            icon={<Copy20Regular />}
            disabled={count === 0}
            onClick={() => onOpen({ kind: 'copy', fromFiscalYear: fiscalYear, count })}
          >
            次年度の案件を作成
          </Button>
        </div>
      )}
    </div>
  );
};

/** 重点案件を追加 (once the year's themes are known) or the copy of a year's set to the next. */
const ListDialogs = ({
  dialog,
  fiscalYear,
  themes,
  onClose,
  onAdded,
  onReload,
  onCopied,
}: {
  dialog: NonNullable<OpenDialog>;
  fiscalYear: number;
  themes: PriorityProjectThemeDto[] | undefined;
  onClose(): void;
  onAdded(project: PriorityProjectDto): void;
  onReload(): void;
  onCopied(result: CopyPriorityProjectsResultDto): void;
}) =>
  dialog.kind === 'create' ? (
    themes ? (
      <ProjectFormDialog
        mode={{ kind: 'create', fiscalYear, themes }}
        onClose={onClose}
        onSaved={onAdded}
        onReload={onReload}
      />
    ) : null
  ) : (
    <CopyProjectsDialog
      fromFiscalYear={dialog.fromFiscalYear}
      {...(dialog.toFiscalYear === undefined ? {} : { toFiscalYear: dialog.toFiscalYear })}
      projectCount={dialog.count}
      onClose={onClose}
      onCopied={onCopied}
    />
  );

/** A fiscal year's 重点案件 grouped by theme, with the office's create and next-year actions. */
export const ProjectListView = ({
  fiscalYear: askedYear,
  onFiscalYearChange,
}: {
  /** Absent: the server's choice (the current year, or the latest with projects). */
  fiscalYear: number | undefined;
  onFiscalYearChange(fiscalYear: number): void;
}) => {
  const { user } = useSession();
  const office = isOffice(user);
  const [dialog, setDialog] = useState<OpenDialog>();
  const [notice, setNotice] = useState<string>();
  const list = useApiQuery(['priority-projects', askedYear ?? null], (api, signal) =>
    listPriorityProjects(api, askedYear, signal),
  );
  // While another year loads, the previous year's projects must not pass for the new one's.
  const data = askedYear === undefined || list.data?.fiscalYear === askedYear ? list.data : undefined;
  const fiscalYear = data?.fiscalYear ?? askedYear;
  const count = data?.themes.reduce((sum, theme) => sum + theme.projects.length, 0) ?? 0;

  const copied = (result: CopyPriorityProjectsResultDto) => {
    setDialog(undefined);
    setNotice(copiedMessage(result));
    if (result.toFiscalYear === fiscalYear) list.reload();
    else onFiscalYearChange(result.toFiscalYear);
  };

  return (
    <>
      {data && (
        <Toolbar
          list={data}
          onFiscalYearChange={onFiscalYearChange}
          office={office}
          loaded={!!data}
          count={count}
          onOpen={setDialog}
        />
      )}
      {notice && <Notice notice={notice} onDismiss={() => setNotice(undefined)} />}
      {data?.defaulted && askedYear === undefined && (
        <DefaultedYearNotice shown={data.fiscalYear} current={data.currentFiscalYear} what="重点案件" />
      )}
      {list.error !== undefined && !data ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !data ? (
        <LoadingState label="重点案件を読み込んでいます…" />
      ) : data.themes.length === 0 ? (
        <EmptyYear
          fiscalYear={data.fiscalYear}
          office={office}
          copyFrom={data.latestFiscalYearWithProjects}
          onCopy={(fromFiscalYear) =>
            setDialog({ kind: 'copy', fromFiscalYear, toFiscalYear: data.fiscalYear })
          }
        />
      ) : (
        <ThemeList themes={data.themes} />
      )}
      {dialog && fiscalYear !== undefined && (
        <ListDialogs
          dialog={dialog}
          fiscalYear={fiscalYear}
          themes={data?.themes}
          onClose={() => setDialog(undefined)}
          onAdded={(project) => {
            setDialog(undefined);
            setNotice(`${project.code}「${project.title}」を追加しました。`);
            list.reload();
          }}
          onReload={() => {
            setDialog(undefined);
            list.reload();
          }}
          onCopied={copied}
        />
      )}
    </>
  );
};
