import { Button, Field, makeStyles, Select, Text, tokens } from '@fluentui/react-components';
import { ChevronLeft20Regular, ChevronRight20Regular } from '@fluentui/react-icons';
import { pageSizes, type PageSize } from './proposal-list-query';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
  pages: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXXS },
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXXS,
    listStyleType: 'none',
    margin: 0,
    padding: 0,
  },
  page: { minWidth: '2.5em', fontVariantNumeric: 'tabular-nums' },
  nowrap: { whiteSpace: 'nowrap' },
  gap: { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
});

const countFormat = new Intl.NumberFormat('ja-JP');

/** `全 1,234 件中 21–40 件` (or that there is nothing on this page). */
export const rangeText = (total: number, page: number, pageSize: number, shown: number): string =>
  shown === 0
    ? `全 ${countFormat.format(total)} 件`
    : `全 ${countFormat.format(total)} 件中 ${countFormat.format((page - 1) * pageSize + 1)}–${countFormat.format(
        (page - 1) * pageSize + shown,
      )} 件`;

/** First, last and the pages around the current one; `gap` where pages are left out. */
export const pageWindow = (page: number, last: number): (number | 'gap')[] => {
  const wanted = new Set([1, last, page - 2, page - 1, page, page + 1, page + 2]);
  const pages = [...wanted].filter((n) => n >= 1 && n <= last).sort((a, b) => a - b);
  return pages.flatMap((n, index) => (index > 0 && n - pages[index - 1]! > 1 ? ['gap' as const, n] : [n]));
};

/**
 * Where the page is in the list (announced when it changes) and the way to the others: previous,
 * next, page numbers and how many per page. The server pages; nothing else is loaded.
 */
export const ProposalPagination = ({
  total,
  page,
  pageSize,
  shown,
  onPage,
  onPageSize,
}: {
  total: number;
  page: number;
  pageSize: PageSize;
  shown: number;
  onPage(page: number): void;
  onPageSize(pageSize: PageSize): void;
}) => {
  const styles = useStyles();
  const last = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className={styles.root}>
      <Text role="status" aria-live="polite">
        {rangeText(total, page, pageSize, shown)}
      </Text>
      <nav aria-label="ページ送り" className={styles.pages}>
        <Button
          appearance="subtle"
          icon={<ChevronLeft20Regular />}
          disabled={page <= 1}
          onClick={() => onPage(page - 1)}
        >
          前へ
        </Button>
        <ul className={styles.list}>
          {pageWindow(Math.min(page, last), last).map((n, index) =>
            n === 'gap' ? (
              <li key={`gap-${index}`} className={styles.gap} aria-hidden>
                …
              </li>
            ) : (
              <li key={n}>
                <Button
                  className={styles.page}
                  appearance={n === page ? 'primary' : 'subtle'}
                  aria-label={`${n} ページ目`}
                  aria-current={n === page ? 'page' : undefined}
                  onClick={() => onPage(n)}
                >
                  {countFormat.format(n)}
                </Button>
              </li>
            ),
          )}
        </ul>
        <Button
          appearance="subtle"
          icon={<ChevronRight20Regular />}
          iconPosition="after"
          disabled={page >= last}
          onClick={() => onPage(page + 1)}
        >
          次へ
        </Button>
      </nav>
      <Field label={{ children: '表示件数', className: styles.nowrap }} orientation="horizontal">
        <Select
          value={String(pageSize)}
          onChange={(_event, data) => onPageSize(Number(data.value) as PageSize)}
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size} 件
            </option>
          ))}
        </Select>
      </Field>
    </div>
  );
};
