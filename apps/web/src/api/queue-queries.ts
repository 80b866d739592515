import { useQuery } from '@tanstack/react-query';
import { queuesApi } from './queue-api.ts';

export const queueKeys = {
  all: ['queues'] as const,
  health: ['queues', 'health'] as const,
};

export function useQueueHealth() {
  return useQuery({ queryKey: queueKeys.health, queryFn: queuesApi.health });
}
