import { Field, Select } from '@fluentui/react-components';
import { fiscalYearLabel } from '#shared/fiscal-year';

/**
 * The 「年度」 selector (a native select: keyboard and screen readers work without help): the years
 * with projects and the current one, as the server lists them, and the next (the set being prepared).
 */
export const FiscalYearSelect = ({
  value,
  current,
  offered,
  onChange,
}: {
  value: number;
  current: number;
  offered: readonly number[];
  onChange(fiscalYear: number): void;
}) => (
  <Field label="年度" orientation="horizontal">
    <Select value={String(value)} onChange={(_event, data) => onChange(Number(data.value))}>
      {[...new Set([current + 1, ...offered, value])]
        .sort((a, b) => b - a)
        .map((year) => (
          <option key={year} value={year}>
            {fiscalYearLabel(year)}
          </option>
        ))}
    </Select>
  </Field>
);
