import { CONSOLE_HOME, type LoginRequest } from '@execops/contract';
import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconLogin } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { createFileRoute } from '@tanstack/react-router';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { z } from 'zod';
import { authApi } from '../api/auth-api.ts';
import { ErrorState } from '../components/ErrorState.tsx';
import { searchText } from '../features/jobs/jobs-search.ts';

const LoginSearchSchema = z.object({
  /** The page to return to (path, query and fragment), from the 401 redirect. */
  redirect: searchText,
  /** A first start's one-time login code. */
  code: searchText,
});

export const Route = createFileRoute('/login')({
  validateSearch: LoginSearchSchema,
  component: LoginPage,
});

/** Only a path on this console: never another origin (`//host`, `https://…`). */
function returnTarget(redirect: string | undefined): string {
  return redirect?.startsWith('/') && !redirect.startsWith('//') ? redirect : CONSOLE_HOME;
}

function LoginPage() {
  useDocumentTitle('Sign in · execops');
  const { redirect, code } = Route.useSearch();
  const [token, setToken] = useState('');
  const login = useMutation({
    mutationFn: (body: LoginRequest) => authApi.login(body),
    // A full load: the console starts afresh with the session cookie, and the fragment of the link is kept.
    onSuccess: () => window.location.replace(returnTarget(redirect)),
  });
  const codeTried = useRef(false);
  useEffect(() => {
    if (!code || codeTried.current) return;
    codeTried.current = true;
    login.mutate({ code });
  }, [code, login]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (token.trim() === '') return;
    login.mutate({ token: token.trim() });
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={420} maw="100%">
        <form onSubmit={submit}>
          <Stack>
            <div>
              <Title order={1} fz="h2" data-testid="page-title">
                Sign in to execops
              </Title>
              <Text c="dimmed" size="sm">
                Paste an API token (<code>eo_…</code>). The console keeps a session cookie; the token is not stored in the browser.
              </Text>
            </div>
            {code && login.isPending && <Text size="sm">Signing in with the one-time code…</Text>}
            <PasswordInput
              label="API token"
              placeholder="eo_…"
              autoComplete="off"
              data-autofocus
              value={token}
              onChange={(event) => setToken(event.currentTarget.value)}
            />
            {login.error && <ErrorState title={code && !token ? 'The login link did not work' : 'Sign-in refused'} error={login.error} />}
            <Button type="submit" leftSection={<IconLogin size={16} />} loading={login.isPending} disabled={token.trim() === ''}>
              Sign in
            </Button>
            {redirect && (
              <Text size="xs" c="dimmed">
                You will return to {redirect}
              </Text>
            )}
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
