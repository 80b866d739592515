import { Overview, TenantList } from '@execops/contract';
import { request } from './client.ts';

export const overviewApi = {
  get: () => request(Overview, '/overview'),
  tenants: () => request(TenantList, '/tenants'),
};
