import type { AddTrustKeyRequest } from '@execops/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OperatorReason } from '../features/operator/operator-reason.ts';
import { auditKeys } from './audit-api.ts';
import { scannerKitsApi } from './scanner-kits-api.ts';

export const scannerKitKeys = {
  all: ['scanner-kits'] as const,
  feed: ['scanner-kits', 'feed'] as const,
  list: ['scanner-kits', 'list'] as const,
  trustKeys: ['scanner-kits', 'trust-keys'] as const,
  siteKey: ['scanner-kits', 'site-key'] as const,
};

export const useActiveFeed = () => useQuery({ queryKey: scannerKitKeys.feed, queryFn: scannerKitsApi.feed });
export const useKits = () => useQuery({ queryKey: scannerKitKeys.list, queryFn: scannerKitsApi.list });
export const useTrustKeys = () => useQuery({ queryKey: scannerKitKeys.trustKeys, queryFn: scannerKitsApi.trustKeys });

/** `enabled` false (the token lacks scanner:admin, which reading the site key needs: it is created on first use). */
export const useSiteKey = (enabled: boolean) => useQuery({ queryKey: scannerKitKeys.siteKey, queryFn: scannerKitsApi.siteKey, enabled });

/**
 * A kit or trust-key change: afterwards kits, feed, keys and audit trails are read again — also after a refusal,
 * since a refused import still adds its quarantine row.
 */
function useKitChange<A, T>(change: (args: A, operator: OperatorReason) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ args, operator }: { args: A; operator: OperatorReason }) => change(args, operator),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: scannerKitKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}

export const useImportKit = () => useKitChange((file: File, operator) => scannerKitsApi.importKit(file, operator));
export const useRollbackKit = () => useKitChange((_: undefined, operator) => scannerKitsApi.rollback(operator));
export const useExportKit = () => useKitChange((_: undefined, operator) => scannerKitsApi.exportKit(operator));
export const useAddTrustKey = () => useKitChange((body: AddTrustKeyRequest, operator) => scannerKitsApi.addTrustKey(body, operator));
export const useRevokeTrustKey = () => useKitChange((kid: string, operator) => scannerKitsApi.revokeTrustKey(kid, operator));
