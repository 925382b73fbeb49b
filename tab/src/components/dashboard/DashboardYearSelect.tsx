import { Field, Select } from '@fluentui/react-components';
import type { FiscalYearOptionDto } from '#shared/dashboard';

/** The 「年度」 selector, offering the years the server has data for (a native select: keyboard-ready). */
export const DashboardYearSelect = ({
  value,
  options,
  onChange,
}: {
  value: number;
  options: FiscalYearOptionDto[];
  onChange(fiscalYear: number): void;
}) => (
  <Field label="年度" orientation="horizontal">
    <Select value={String(value)} onChange={(_event, data) => onChange(Number(data.value))}>
      {options.map((option) => (
        <option key={option.fiscalYear} value={option.fiscalYear}>
          {option.label}
        </option>
      ))}
    </Select>
  </Field>
);
