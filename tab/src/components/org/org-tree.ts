import type { OrgDivisionDto } from '#shared/organisation';

export interface DivisionTreeRow {
  division: OrgDivisionDto;
  /** 0 for a top-level division, 1 for its children, … */
  depth: number;
}

/**
 * The divisions as the organisation chart reads them: each parent followed by its children (in
 * display order, as the server sends them), retired ones left out unless asked for. A division whose
 * parent is not shown is listed at the top level.
 */
export const divisionTree = (divisions: OrgDivisionDto[], showRetired: boolean): DivisionTreeRow[] => {
  const shown = divisions.filter((division) => showRetired || division.isActive);
  const ids = new Set(shown.map((division) => division.id));
  const childrenOf = new Map<string | null, OrgDivisionDto[]>();
  for (const division of shown) {
    const parentId = division.parent && ids.has(division.parent.id) ? division.parent.id : null;
    childrenOf.set(parentId, [...(childrenOf.get(parentId) ?? []), division]);
  }
  const rows: DivisionTreeRow[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const division of childrenOf.get(parentId) ?? []) {
      rows.push({ division, depth });
      if (depth < 20) visit(division.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
};

/** `総務部 › 人事課`: the division with its ancestors, for choices in a dialog. */
export const divisionPath = (division: OrgDivisionDto, all: OrgDivisionDto[]): string => {
  const byId = new Map(all.map((item) => [item.id, item]));
  const names = [division.name];
  let parent = division.parent ? byId.get(division.parent.id) : undefined;
  while (parent && names.length < 10) {
    names.unshift(parent.name);
    parent = parent.parent ? byId.get(parent.parent.id) : undefined;
  }
  return names.join(' › ');
};
