import { Field, Select } from '@fluentui/react-components';
import { fiscalYearLabel } from '#shared/fiscal-year';

/** Fiscal years offered: the last few, the current one and the next (for the set being prepared). */
const fiscalYearChoices = (current: number, selected: number): number[] => {
  const newest = Math.max(current + 1, selected);
  const oldest = Math.min(current - 5, selected);
  return Array.from({ length: newest - oldest + 1 }, (_, index) => newest - index);
};

/** The 「年度」 selector (a native select: keyboard and screen readers work without help). */
export const FiscalYearSelect = ({
  value,
  current,
  onChange,
}: {
  value: number;
  current: number;
  onChange(fiscalYear: number): void;
}) => (
  <Field label="年度" orientation="horizontal">
    <Select value={String(value)} onChange={(_event, data) => onChange(Number(data.value))}>
      {fiscalYearChoices(current, value).map((year) => (
        <option key={year} value={year}>
          {fiscalYearLabel(year)}
        </option>
      ))}
    </Select>
  </Field>
);
