import { type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { isFinalStatus, proposalStatuses } from '#shared';
import { inList } from './columns';

/** Statuses still being worked on (not 実現完了, 取下げ or 統合): what the work queues look at. */
export const openStatuses = proposalStatuses.filter((status) => !isFinalStatus(status));

/** `status in (…open statuses)`, the same text in the queues' index predicates and their queries. */
export const openStatusCondition = (status: AnyPgColumn): SQL => inList(status, openStatuses);
