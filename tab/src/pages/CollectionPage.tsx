import {
  Button,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, Print20Regular } from '@fluentui/react-icons';
import { useEffect } from 'react';
import { Navigate, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  collectionPageBreakLabels,
  collectionPageBreaks,
  type CollectionPageBreak,
} from '#shared/collection';
import type { FiscalYearOptionDto } from '#shared/dashboard';
import { fiscalYearLabel, fiscalYearOf } from '#shared/fiscal-year';
import { downloadCollectionWorkbook, getCollection } from '../api/collection';
import { isApiError, messageOf } from '../api/api-error';
import { AppLink } from '../components/AppLink';
import { CollectionDocument } from '../components/collection/CollectionDocument';
import { saveFile } from '../components/proposals-office/CsvExportButton';
import { ErrorState, LoadingState } from '../components/StateViews';
import { useAction } from '../hooks/useAction';
import { useApiQuery } from '../hooks/useApiQuery';
import { formatCount } from '../format/number';

const useStyles = makeStyles({
  // The builder is the app; only the document is printed.
  builder: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    marginBottom: tokens.spacingVerticalXL,
    '@media print': { display: 'none' },
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
  lead: { margin: 0, color: tokens.colorNeutralForeground2, maxWidth: '60em' },
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalM,
  },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  summary: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, alignItems: 'center' },
  error: { color: tokens.colorPaletteRedForeground1 },
  paper: {
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalS}`,
    backgroundColor: tokens.colorNeutralBackground4,
    borderRadius: tokens.borderRadiusLarge,
    '@media (max-width: 600px)': { padding: 0, backgroundColor: 'transparent' },
    '@media print': { padding: 0, backgroundColor: 'transparent', borderRadius: 0 },
  },
});

const isPageBreak = (value: string | null): value is CollectionPageBreak =>
  (collectionPageBreaks as readonly (string | null)[]).includes(value);

/** 「Excelをダウンロード」: the same collection as the workbook (職員提案集_R6.xlsx). */
const WorkbookButton = ({ fiscalYear }: { fiscalYear: number }) => {
  const styles = useStyles();
  const download = useAction(async (api) => {
    const { blob, fileName } = await downloadCollectionWorkbook(api, fiscalYear);
    saveFile(blob, fileName);
    return fileName;
  });
  return (
    <>
      <Button
        icon={<ArrowDownload20Regular />}
        disabledFocusable={download.running}
        onClick={() => void download.run()}
      >
        {download.running ? 'Excelを作成しています…' : 'Excelをダウンロード'}
      </Button>
      {download.error !== undefined && (
        <Text role="alert" className={styles.error}>
          Excelを作成できませんでした。{messageOf(download.error)}
        </Text>
      )}
    </>
  );
};

/** The builder's choices: year, page breaks, and the two outputs (print / PDF, Excel). */
const BuilderControls = ({
  fiscalYear,
  years,
  pageBreak,
  canPrint,
  onYear,
  onPageBreak,
}: {
  fiscalYear: number;
  years: FiscalYearOptionDto[];
  pageBreak: CollectionPageBreak;
  canPrint: boolean;
  onYear(fiscalYear: string): void;
  onPageBreak(value: string): void;
}) => {
  const styles = useStyles();
  return (
    <div className={styles.controls}>
      <Field label="年度">
        <Select value={String(fiscalYear)} onChange={(_event, option) => onYear(option.value)}>
          {years.map((year) => (
            <option key={year.fiscalYear} value={year.fiscalYear}>
              {year.label}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="改ページ">
        <RadioGroup
          layout="horizontal"
          value={pageBreak}
          onChange={(_event, option) => onPageBreak(option.value)}
        >
          {collectionPageBreaks.map((value) => (
            <Radio key={value} value={value} label={collectionPageBreakLabels[value]} />
          ))}
        </RadioGroup>
      </Field>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<Print20Regular />}
          disabledFocusable={!canPrint}
          onClick={() => window.print()}
        >
          印刷・PDFに保存
        </Button>
        <WorkbookButton fiscalYear={fiscalYear} />
      </div>
    </div>
  );
};

/**
 * 提案集を作る (the office's): a fiscal year's published proposals as a print-ready A4 document
 * (印刷 → 「PDFに保存」 makes the PDF) and as an Excel workbook. The year is in the path
 * (`/collection/2024`), the page breaks in the query (`?breaks=category`), so a link keeps both.
 */
export const CollectionPage = () => {
  const styles = useStyles();
  const navigate = useNavigate();
  const { fiscalYear: yearText } = useParams();
  const [params, setParams] = useSearchParams();
  const fiscalYear = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  const breaks = params.get('breaks');
  const pageBreak: CollectionPageBreak = isPageBreak(breaks) ? breaks : 'proposal';
  const query = useApiQuery(fiscalYear === undefined ? null : ['collection', fiscalYear], (api, signal) =>
    getCollection(api, fiscalYear!, signal),
  );
  const { data, error, loading } = query;
  // The browser names the PDF after the document's title: 令和6年度 職員提案集.pdf.
  const title = data?.title;
  useEffect(() => {
    if (!title) return;
    const previous = document.title;
    document.title = title;
    return () => {
      document.title = previous;
    };
  }, [title]);

  if (fiscalYear === undefined) {
    return <Navigate to={`/collection/${fiscalYearOf(new Date())}`} replace />;
  }
  // Not the office's: say so once, without controls that cannot work or a retry that cannot help.
  if (isApiError(error) && error.status === 403) {
    return <ErrorState error={error} title="提案集は作成できません" />;
  }
  const shown = data?.fiscalYear === fiscalYear ? data : undefined;
  const years = data?.availableFiscalYears ?? [{ fiscalYear, label: fiscalYearLabel(fiscalYear) }];

  return (
    <>
      <div className={styles.builder}>
        <h1 className={styles.heading}>提案集を作る</h1>
        <p className={styles.lead}>
          {'年度ごとに、公開している提案をまとめた提案集（表紙に実現・検討状況の表）を作ります。' +
            '「印刷・PDFに保存」を押し、送信先で「PDFに保存」を選ぶとPDFになります。'}
        </p>
        <BuilderControls
          fiscalYear={fiscalYear}
          years={years}
          pageBreak={pageBreak}
          canPrint={shown !== undefined}
          onYear={(year) => void navigate({ pathname: `/collection/${year}`, search: params.toString() })}
          onPageBreak={(value) =>
            setParams(
              (previous) => {
                const next = new URLSearchParams(previous);
                next.set('breaks', value);
                return next;
              },
              { replace: true },
            )
          }
        />
        <div className={styles.summary}>
          {shown && (
            <Text>
              掲載する提案: {formatCount(shown.entries.length)}件（公開している提案のみ。
              {fiscalYearLabel(fiscalYear)}の提案は全体で{formatCount(shown.statusTable.total)}件）
            </Text>
          )}
          {loading && <Spinner size="extra-tiny" aria-label="読み込んでいます" />}
          <AppLink to={`/dashboard?fiscalYear=${fiscalYear}`}>ダッシュボードに戻る</AppLink>
        </div>
      </div>
      {error ? (
        <ErrorState error={error} onRetry={query.reload} />
      ) : !shown ? (
        <LoadingState label="提案集を作成しています…" />
      ) : (
        <div className={styles.paper}>
          <CollectionDocument collection={shown} pageBreak={pageBreak} />
        </div>
      )}
    </>
  );
};
