import { Field, makeStyles, Select, tokens } from '@fluentui/react-components';
import {
  horizonLabels,
  horizons,
  type DivisionRefDto,
  type Horizon,
  type ProposalDto,
} from '#shared/proposal';

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

/** 期間: the horizon the responsible division plans the realisation on (短期・中期・長期). */
const HorizonField = ({
  value,
  disabled,
  onChange,
}: {
  value: Horizon | null;
  disabled: boolean;
  onChange(horizon: Horizon | null): void;
}) => (
  <Field label="期間">
    <Select
      value={value ?? ''}
      disabled={disabled}
      onChange={(_event, data) => onChange((data.value || null) as Horizon | null)}
    >
      <option value="">（未定）</option>
      {horizons.map((horizon) => (
        <option key={horizon} value={horizon}>
          {horizonLabels[horizon]}
        </option>
      ))}
    </Select>
  </Field>
);

/** Who handles a proposal and on what horizon: each choice is saved at once (with the version shown). */
export const HandlingFields = ({
  proposal,
  divisions,
  disabled,
  onResponsibleDivision,
  onHorizon,
}: {
  proposal: ProposalDto;
  divisions: DivisionRefDto[];
  disabled: boolean;
  onResponsibleDivision(divisionId: string | null): void;
  onHorizon(horizon: Horizon | null): void;
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
      <HorizonField value={proposal.horizon} disabled={disabled} onChange={onHorizon} />
    </div>
  );
};
