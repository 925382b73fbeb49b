import {
  Badge,
  Button,
  makeStyles,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { divisionKindLabels, type OrgDivisionDto } from '#shared/organisation';
import { formatCount } from '../../format/number';
import type { DivisionTreeRow } from './org-tree';

const useStyles = makeStyles({
  scroller: { overflowX: 'auto' },
  table: { tableLayout: 'auto' },
  name: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, minWidth: '12em' },
  nowrap: { whiteSpace: 'nowrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  retired: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexWrap: 'wrap' },
});

const StateBadge = ({ division }: { division: OrgDivisionDto }) => {
  if (division.mergedInto)
    return (
      <Badge appearance="tint" color="subtle">
        統合済み（→ {division.mergedInto.name}）
      </Badge>
    );
  return division.isActive ? (
    <Badge appearance="tint" color="success">
      有効
    </Badge>
  ) : (
    <Badge appearance="tint" color="subtle">
      廃止
    </Badge>
  );
};

const DivisionTableRow = ({
  division,
  depth,
  canEdit,
  onEdit,
  onMerge,
}: {
  division: OrgDivisionDto;
  depth: number;
  canEdit: boolean;
  onEdit(division: OrgDivisionDto): void;
  onMerge(division: OrgDivisionDto): void;
}) => {
  const styles = useStyles();
  return (
    <TableRow data-division-id={division.id}>
      <TableCell>
        <div className={styles.name} style={{ paddingLeft: `${depth * 1.5}em` }}>
          {depth > 0 && (
            <span aria-hidden="true" className={styles.muted}>
              └
            </span>
          )}
          <Text
            weight={division.kind === 'bureau' ? 'semibold' : 'regular'}
            className={division.isActive ? undefined : styles.retired}
          >
            {division.name}
          </Text>
        </div>
      </TableCell>
      <TableCell className={styles.nowrap}>{divisionKindLabels[division.kind]}</TableCell>
      <TableCell className={styles.nowrap}>{division.code}</TableCell>
      <TableCell className={styles.nowrap}>{division.sortOrder}</TableCell>
      <TableCell className={styles.nowrap}>{formatCount(division.userCount)}人</TableCell>
      <TableCell>
        <StateBadge division={division} />
      </TableCell>
      {canEdit && (
        <TableCell>
          {!division.mergedInto && (
            <div className={styles.actions}>
              <Button size="small" aria-label={`${division.name}を編集`} onClick={() => onEdit(division)}>
                編集
              </Button>
              {division.isActive && (
                <Button
                  size="small"
                  appearance="subtle"
                  aria-label={`${division.name}をほかの組織に統合`}
                  onClick={() => onMerge(division)}
                >
                  統合
                </Button>
              )}
            </div>
          )}
        </TableCell>
      )}
    </TableRow>
  );
};

/** The organisation chart as a table: each parent followed by its children, indented. */
export const DivisionTable = ({
  rows,
  canEdit,
  onEdit,
  onMerge,
}: {
  rows: DivisionTreeRow[];
  canEdit: boolean;
  onEdit(division: OrgDivisionDto): void;
  onMerge(division: OrgDivisionDto): void;
}) => {
  const styles = useStyles();
  return (
    <div className={styles.scroller}>
      <Table aria-label="組織" className={styles.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>組織名</TableHeaderCell>
            <TableHeaderCell>種類</TableHeaderCell>
            <TableHeaderCell>コード</TableHeaderCell>
            <TableHeaderCell>表示順</TableHeaderCell>
            <TableHeaderCell>職員数</TableHeaderCell>
            <TableHeaderCell>状態</TableHeaderCell>
            {canEdit && <TableHeaderCell>操作</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map(({ division, depth }) => (
            <DivisionTableRow
              key={division.id}
              division={division}
              depth={depth}
              canEdit={canEdit}
              onEdit={onEdit}
              onMerge={onMerge}
            />
          ))}
        </TableBody>
      </Table>
    </div>
  );
};
