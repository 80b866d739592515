import { QuotaList } from '@execops/contract';
import { request } from './client.ts';

export const quotasApi = {
  list: () => request(QuotaList, '/quotas'),
};
