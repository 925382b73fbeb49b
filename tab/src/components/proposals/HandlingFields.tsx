import { Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import type { DivisionRefDto, ProposalDto } from '#shared/proposal';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(180px, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
});

/** 所管課: the divisions, plus the current one should it no longer be among them. */
const ResponsibleDivisionField = ({
  proposal,
  divisions,
  disabled,
  onChange,
}: {
  proposal: ProposalDto;
  divisions: DivisionRefDto[];
  disabled: boolean;
  onChange(divisionId: string | null): void;
}) => {
  const current = proposal.responsibleDivision;
  return (
    <Field label="所管課">
      <Select
        value={current?.id ?? ''}
        disabled={disabled}
        onChange={(_event, data) => onChange(data.value || null)}
      >
        <option value="">（未定）</option>
        {current && !divisions.some((division) => division.id === current.id) && (
          <option value={current.id}>{current.name}</option>
        )}
        {divisions.map((division) => (
          <option key={division.id} value={division.id}>
            {division.name}
          </option>
        ))}
      </Select>
    </Field>
  );
};

/**
 * Who handles a proposal: saved at once (with the version shown). 期間 and 実現目標日 are the 所管課's
 * plan, set in one place for the office and the liaisons (InternalWork).
 */
export const HandlingFields = ({
  proposal,
  divisions,
  disabled,
  onResponsibleDivision,
}: {
  proposal: ProposalDto;
  divisions: DivisionRefDto[];
  disabled: boolean;
  onResponsibleDivision(divisionId: string | null): void;
}) => {
  const styles = useStyles();
  return (
    <div className={styles.root}>
      <ResponsibleDivisionField
        proposal={proposal}
        divisions={divisions}
        disabled={disabled}
        onChange={onResponsibleDivision}
      />
    </div>
  );
};
