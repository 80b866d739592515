import { SessionInfo, type LoginRequest } from '@execops/contract';
import { z } from 'zod';
import { request } from './client.ts';

/** Logout answers 204 with no body. */
const NoContent = z.undefined();

export const authApi = {
  session: () => request(SessionInfo, '/auth/session'),
  login: (body: LoginRequest) => request(SessionInfo, '/auth/login', { method: 'POST', body }),
  logout: () => request(NoContent, '/auth/logout', { method: 'POST' }),
};
