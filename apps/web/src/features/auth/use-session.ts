import { hasScope, type Scope, type SessionInfo } from '@execops/contract';
import { useQuery } from '@tanstack/react-query';
import { authApi } from '../../api/auth-api.ts';
import { setCsrfToken } from '../../api/client.ts';

export const sessionKey = ['auth', 'session'] as const;

async function readSession(): Promise<SessionInfo> {
  const session = await authApi.session();
  setCsrfToken(session.csrfToken);
  return session;
}

/** Who the console is signed in as (a 401 sends the browser to the login page). */
export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: readSession, staleTime: Infinity });
}

/**
 * Why the signed-in token may not use an action that needs `scope`, or null when it may. While the session loads
 * the action waits too, rather than flashing enabled.
 */
export function useMissingScope(scope: Scope): string | null {
  const { data } = useSession();
  if (!data) return 'Checking what your token may do';
  return hasScope(data.scopes, scope) ? null : `Your token "${data.tokenName}" lacks scope ${scope}; ask an admin for a token that has it.`;
}
