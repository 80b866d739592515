import { AuditPage, type ListAuditQuery } from '@execops/contract';
import { useQuery } from '@tanstack/react-query';
import { request, toQueryString } from './client.ts';

export type AuditQuery = Partial<ListAuditQuery>;

export const auditApi = {
  list: (query: AuditQuery) => request(AuditPage, `/audit${toQueryString(query)}`),
};

export const auditKeys = {
  all: ['audit'] as const,
  list: (query: AuditQuery) => ['audit', 'list', query] as const,
};

/** `enabled` false (the token lacks audit:read) asks nothing. */
export function useAuditPage(query: AuditQuery, enabled = true) {
  return useQuery({ queryKey: auditKeys.list(query), queryFn: () => auditApi.list(query), enabled });
}
