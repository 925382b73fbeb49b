import { makeStaticStyles, makeStyles, mergeClasses } from '@fluentui/react-components';
import { Fragment, type CSSProperties } from 'react';
import {
  collectionStatusNotes,
  collectionStatusTitle,
  collectionTotalLabel,
  type CollectionDto,
  type CollectionEntryDto,
  type CollectionPageBreak,
} from '#shared/collection';
import type { ReportGroup } from '#shared/proposal-status';
import { formatCount, formatShare } from '../../format/number';

/*
 * The 提案集 as a print-ready A4 document: a cover with the plan's status table, then the proposals,
 * one per page or grouped by category with a page per category. It is paper, not the app: black on
 * white in every theme, Japanese book typography (明朝 body, ゴシック headings, Noto CJK first, which
 * CI and most Linux machines have; Yu / Hiragino on Windows and macOS).
 */

const serif = "'Noto Serif CJK JP', 'Noto Serif JP', 'Yu Mincho', 'YuMincho', 'Hiragino Mincho ProN', serif";
const sans =
  "'Noto Sans CJK JP', 'Noto Sans JP', 'Yu Gothic', 'YuGothic', 'Hiragino Sans', 'Meiryo', sans-serif";
const ink = '#1b1b1b';
const muted = '#555555';
const rule = '#b9b9b9';

/**
 * Colours of the report groups on the cover: the dashboard chart's, as the light theme shows them
 * (green, brand blue, marigold), fixed because paper has no theme.
 */
const groupColours: Record<ReportGroup, string> = {
  realised: '#107c10',
  considering: '#4f52b2',
  blocked: '#eaa300',
};

/**
 * The page box (A4 with book margins, the page number at the foot, none on the cover). Static rules
 * inserted by Griffel, so they carry the CSP nonce like every other style.
 */
const usePageRules = makeStaticStyles(`
@page { size: A4 portrait; margin: 20mm 18mm 18mm 20mm;
  @bottom-center { content: counter(page); font-family: ${sans}; font-size: 8.5pt; color: ${muted}; } }
@page :first { @bottom-center { content: none; } }
`);

const useStyles = makeStyles({
  document: {
    color: ink,
    fontFamily: serif,
    fontSize: '10.5pt',
    lineHeight: 1.8,
    textAlign: 'justify',
    lineBreak: 'strict',
    overflowWrap: 'anywhere',
    fontKerning: 'normal',
    display: 'flex',
    flexDirection: 'column',
    gap: '24px',
    alignItems: 'center',
    '@media print': { display: 'block', gap: 0 },
  },
  /** On screen a sheet of A4 paper; in print the page box itself. */
  sheet: {
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '210mm',
    minHeight: '120mm',
    padding: '20mm 18mm 18mm 20mm',
    backgroundColor: '#ffffff',
    boxShadow: '0 1px 3px rgba(0, 0, 0, 0.25), 0 4px 12px rgba(0, 0, 0, 0.12)',
    '@media (max-width: 600px)': { padding: '8mm 6mm' },
    '@media print': {
      maxWidth: 'none',
      minHeight: 0,
      padding: 0,
      boxShadow: 'none',
      breakBefore: 'page',
    },
  },
  cover: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: '257mm',
    textAlign: 'left',
    '@media print': { breakBefore: 'auto', height: '255mm', minHeight: 0 },
    '@media (max-width: 600px)': { minHeight: 0 },
  },
  coverKicker: {
    margin: 0,
    fontFamily: sans,
    fontSize: '11pt',
    letterSpacing: '0.3em',
    color: muted,
  },
  coverTitle: {
    margin: '28mm 0 4mm',
    fontFamily: sans,
    fontWeight: 700,
    fontSize: '30pt',
    lineHeight: 1.35,
    letterSpacing: '0.08em',
    fontFeatureSettings: '"palt"',
    '@media (max-width: 600px)': { marginTop: '8mm', fontSize: '22pt' },
  },
  nowrap: { display: 'inline-block', whiteSpace: 'nowrap' },
  coverRule: { border: 'none', borderTop: `2px solid ${ink}`, width: '40mm', margin: '0 0 18mm' },
  statusHeading: {
    margin: '0 0 6mm',
    fontFamily: sans,
    fontSize: '13pt',
    fontWeight: 700,
    borderLeft: `4px solid ${groupColours.realised}`,
    paddingLeft: '3mm',
    lineHeight: 1.4,
  },
  statusBody: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: '10mm',
  },
  donut: {
    position: 'relative',
    width: '52mm',
    height: '52mm',
    flexShrink: 0,
    borderRadius: '50%',
    printColorAdjust: 'exact',
    WebkitPrintColorAdjust: 'exact',
  } as never,
  donutHole: {
    position: 'absolute',
    inset: '11mm',
    borderRadius: '50%',
    backgroundColor: '#ffffff',
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    justifyContent: 'center',
    fontFamily: sans,
    lineHeight: 1.3,
    textAlign: 'center',
  },
  donutLabel: { fontSize: '8.5pt', color: muted },
  donutTotal: { fontSize: '18pt', fontWeight: 700 },
  statusTable: {
    borderCollapse: 'collapse',
    fontFamily: sans,
    fontSize: '10.5pt',
    minWidth: '80mm',
    '& th, & td': { padding: '2mm 3mm', borderBottom: `1px solid ${rule}` },
    '& thead th': { borderBottom: `1.5px solid ${ink}`, fontWeight: 700, textAlign: 'left' },
    '& td:nth-child(n+2), & thead th:nth-child(n+2)': {
      textAlign: 'right',
      fontVariantNumeric: 'tabular-nums',
    },
  },
  totalRow: { fontWeight: 700, '& th, & td': { borderBottom: `1.5px solid ${ink}` } },
  swatch: {
    display: 'inline-block',
    width: '3mm',
    height: '3mm',
    marginRight: '2mm',
    verticalAlign: 'baseline',
    printColorAdjust: 'exact',
    WebkitPrintColorAdjust: 'exact',
  } as never,
  notes: {
    margin: '6mm 0 0',
    padding: 0,
    listStyle: 'none',
    fontFamily: sans,
    fontSize: '8.5pt',
    lineHeight: 1.7,
    color: muted,
    textAlign: 'left',
  },
  coverFoot: {
    marginTop: 'auto',
    paddingTop: '10mm',
    fontFamily: sans,
    fontSize: '9.5pt',
    lineHeight: 1.8,
    color: muted,
    '& p': { margin: 0 },
  },
  categoryHeading: {
    margin: '0 0 6mm',
    padding: '0 0 2mm',
    fontFamily: sans,
    fontSize: '15pt',
    fontWeight: 700,
    lineHeight: 1.4,
    borderBottom: `2px solid ${ink}`,
    breakAfter: 'avoid',
    fontFeatureSettings: '"palt"',
  },
  categoryCount: { fontSize: '10pt', fontWeight: 400, color: muted, marginLeft: '3mm' },
  // A proposal stays on one page when it fits (one longer than a page breaks where it must).
  entry: {
    breakInside: 'avoid',
    ':not(:first-of-type)': {
      marginTop: '9mm',
      paddingTop: '7mm',
      borderTop: `1px solid ${rule}`,
    },
  },
  entryHead: { breakInside: 'avoid', breakAfter: 'avoid' },
  entryLine: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: '3mm',
    margin: 0,
    fontFamily: sans,
    fontSize: '9pt',
    color: muted,
  },
  number: { fontVariantNumeric: 'tabular-nums', letterSpacing: '0.04em' },
  group: {
    padding: '0.2mm 2mm',
    border: `1px solid ${muted}`,
    borderRadius: '1mm',
    color: ink,
  },
  title: {
    margin: '1.5mm 0 4mm',
    fontFamily: sans,
    fontSize: '14pt',
    fontWeight: 700,
    lineHeight: 1.5,
    textAlign: 'left',
    fontFeatureSettings: '"palt"',
  },
  meta: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: '4mm',
    rowGap: '1mm',
    margin: '0 0 5mm',
    padding: '2.5mm 4mm',
    backgroundColor: '#f4f4f4',
    borderLeft: `3px solid ${rule}`,
    fontFamily: sans,
    fontSize: '9pt',
    lineHeight: 1.6,
    textAlign: 'left',
    breakInside: 'avoid',
    printColorAdjust: 'exact',
    WebkitPrintColorAdjust: 'exact',
    '& dt': { color: muted },
    '& dd': { margin: 0 },
  } as never,
  sectionHeading: {
    margin: '0 0 1.5mm',
    fontFamily: sans,
    fontSize: '10pt',
    fontWeight: 700,
    breakAfter: 'avoid',
  },
  text: {
    margin: '0 0 4mm',
    whiteSpace: 'pre-wrap',
    textIndent: 0,
    orphans: 3,
    widows: 3,
  },
  review: {
    breakInside: 'avoid',
    padding: '2.5mm 0 0 4mm',
    borderLeft: `2px solid ${groupColours.realised}`,
  },
  empty: { fontFamily: sans, color: muted, textAlign: 'center', padding: '20mm 0' },
});

/** The plan's status table and its donut, as on the plan's page (全体件数 first). */
const StatusTable = ({ collection }: { collection: CollectionDto }) => {
  const styles = useStyles();
  const { statusTable } = collection;
  let start = 0;
  const stops = statusTable.rows.map((row) => {
    const end = statusTable.total > 0 ? start + (row.count / statusTable.total) * 100 : start;
    const stop = `${groupColours[row.group]} ${start}% ${end}%`;
    start = end;
    return stop;
  });
  const donutStyle: CSSProperties = {
    background: statusTable.total > 0 ? `conic-gradient(${stops.join(', ')})` : '#e6e6e6',
  };
  return (
    <section aria-labelledby="collection-status-heading">
      <h2 id="collection-status-heading" className={styles.statusHeading}>
        {collectionStatusTitle(collection.fiscalYear)}
      </h2>
      <div className={styles.statusBody}>
        <div className={styles.donut} style={donutStyle} aria-hidden="true">
          <div className={styles.donutHole}>
            <span className={styles.donutLabel}>{collectionTotalLabel}</span>
            <span className={styles.donutTotal}>{formatCount(statusTable.total)}</span>
          </div>
        </div>
        <table className={styles.statusTable} aria-label="職員提案 実現・検討状況">
          <thead>
            <tr>
              <th scope="col">区分</th>
              <th scope="col">件数</th>
              <th scope="col">割合</th>
            </tr>
          </thead>
          <tbody>
            <tr className={styles.totalRow}>
              <th scope="row">{collectionTotalLabel}</th>
              <td>{formatCount(statusTable.total)}</td>
              <td>{formatShare(statusTable.total > 0 ? 100 : 0)}</td>
            </tr>
            {statusTable.rows.map((row) => (
              <tr key={row.group}>
                <th scope="row" style={{ fontWeight: 400, textAlign: 'left' }}>
                  <span
                    className={styles.swatch}
                    style={{ backgroundColor: groupColours[row.group] }}
                    aria-hidden="true"
                  />
                  {row.label}
                </th>
                <td>{formatCount(row.count)}</td>
                <td>{formatShare(row.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className={styles.notes}>
        {collectionStatusNotes(collection.fiscalYear).map((note) => (
          <li key={note}>{note}</li>
        ))}
        <li>（{collection.asOfLabel}時点）</li>
      </ul>
    </section>
  );
};

const Cover = ({ collection }: { collection: CollectionDto }) => {
  const styles = useStyles();
  return (
    <section className={mergeClasses(styles.sheet, styles.cover)} aria-label="表紙">
      <p className={styles.coverKicker}>職員提案</p>
      <h1 className={styles.coverTitle}>
        {/* 令和6年度 | 職員提案集: a narrow screen breaks the line between the two, never inside. */}
        {collection.title.split(' ').map((part, index) => (
          <Fragment key={part}>
            {index > 0 && ' '}
            <span className={styles.nowrap}>{part}</span>
          </Fragment>
        ))}
      </h1>
      <hr className={styles.coverRule} />
      <StatusTable collection={collection} />
      <div className={styles.coverFoot}>
        <p>
          本書には、このうち公開している提案 {formatCount(collection.entries.length)}
          件を掲載しています。
        </p>
        <p>{collection.asOfLabel} 作成</p>
      </div>
    </section>
  );
};

const Entry = ({ entry }: { entry: CollectionEntryDto }) => {
  const styles = useStyles();
  const meta: [string, string][] = [
    ['分類', entry.categoryLabel],
    ['提案時の所属', entry.proposerDivisionName ?? '—'],
    ['所管課', entry.responsibleDivisionName ?? '—'],
    ...(entry.priorityProjects.length > 0
      ? ([
          [
            '重点案件',
            entry.priorityProjects.map((project) => `${project.code} ${project.title}`).join('\n'),
          ],
        ] as [string, string][])
      : []),
    ['賛同数', formatCount(entry.supportCount)],
  ];
  return (
    <article className={styles.entry} aria-labelledby={`entry-${entry.number}`}>
      <div className={styles.entryHead}>
        <p className={styles.entryLine}>
          <span className={styles.number}>{entry.number}</span>
          <span className={styles.group}>{entry.statusGroupLabel}</span>
        </p>
        <h3 id={`entry-${entry.number}`} className={styles.title}>
          {entry.title}
        </h3>
        <dl className={styles.meta}>
          {meta.map(([label, value]) => (
            <div key={label} style={{ display: 'contents' }}>
              <dt>{label}</dt>
              <dd style={{ whiteSpace: 'pre-line' }}>{value}</dd>
            </div>
          ))}
        </dl>
      </div>
      <h4 className={styles.sectionHeading}>提案内容</h4>
      <p className={styles.text}>{entry.body}</p>
      {entry.answer && (
        <div className={styles.review}>
          <h4 className={styles.sectionHeading}>講評</h4>
          <p className={styles.text}>{entry.answer}</p>
        </div>
      )}
    </article>
  );
};

/** The proposals grouped by category, in the office's order of categories (empty ones left out). */
const byCategory = (collection: CollectionDto) => {
  const groups = new Map<string, CollectionEntryDto[]>();
  for (const entry of collection.entries) {
    const list = groups.get(entry.categoryCode);
    if (list) list.push(entry);
    else groups.set(entry.categoryCode, [entry]);
  }
  const known = collection.categories.filter((category) => groups.has(category.code));
  const unknown = [...groups.keys()]
    .filter((code) => !known.some((category) => category.code === code))
    .map((code) => ({ code, label: groups.get(code)![0]!.categoryLabel }));
  return [...known, ...unknown].map((category) => ({ ...category, entries: groups.get(category.code)! }));
};

/**
 * The document itself: the cover, then a page per proposal (`proposal`) or per category
 * (`category`, the proposals of a category following one another).
 */
export const CollectionDocument = ({
  collection,
  pageBreak,
}: {
  collection: CollectionDto;
  pageBreak: CollectionPageBreak;
}) => {
  usePageRules();
  const styles = useStyles();
  return (
    <div className={styles.document} lang="ja" data-collection-document="">
      <Cover collection={collection} />
      {collection.entries.length === 0 ? (
        <section className={styles.sheet}>
          <p className={styles.empty}>この年度に公開している提案はありません。</p>
        </section>
      ) : pageBreak === 'proposal' ? (
        collection.entries.map((entry) => (
          <section key={entry.number} className={styles.sheet}>
            <Entry entry={entry} />
          </section>
        ))
      ) : (
        byCategory(collection).map((category) => (
          <section key={category.code} className={styles.sheet} aria-labelledby={`category-${category.code}`}>
            <h2 id={`category-${category.code}`} className={styles.categoryHeading}>
              {category.label}
              <span className={styles.categoryCount}>{formatCount(category.entries.length)}件</span>
            </h2>
            {category.entries.map((entry) => (
              <Entry key={entry.number} entry={entry} />
            ))}
          </section>
        ))
      )}
    </div>
  );
};
