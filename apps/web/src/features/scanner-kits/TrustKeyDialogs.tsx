import { Ed25519PublicJwk, TrustKeyName, type TrustKey } from '@execops/contract';
import { Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useAddTrustKey, useRevokeTrustKey } from '../../api/scanner-kits-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

type ParsedJwk = { ok: true; jwk: Ed25519PublicJwk } | { ok: false; message: string };

/** The pasted JWK checked with the contract's schema, so a bad key is named before anything is sent. */
function parseJwk(text: string): ParsedJwk {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: 'Paste the public key as JSON (a JWK).' };
  }
  const parsed = Ed25519PublicJwk.safeParse(json);
  if (parsed.success) return { ok: true, jwk: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: issue ? `${issue.path.join('.') || 'key'}: ${issue.message}` : 'Not an Ed25519 public JWK.' };
}

/** Trust a public Ed25519 JWK (e.g. another site's key) under a name. */
export function AddTrustKeyDialog({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const [jwkText, setJwkText] = useState('');
  const add = useAddTrustKey();
  const jwk = parseJwk(jwkText);
  const validName = TrustKeyName.safeParse(name);
  const nameError = name !== '' && !validName.success ? 'A name of 1 to 128 characters.' : undefined;
  const jwkError = jwkText !== '' && !jwk.ok ? jwk.message : undefined;
  let blocked: string | undefined;
  if (!validName.success) blocked = 'Name the key.';
  else if (!jwk.ok) blocked = jwkText === '' ? 'Paste the public JWK.' : 'Fix the key.';
  return (
    <OperatorActionDialog
      title="Add trust key"
      opened
      onClose={onClose}
      confirmLabel="Trust this key"
      blocked={blocked}
      onConfirm={(operator) =>
        jwk.ok && validName.success
          ? add.mutateAsync({ args: { name: validName.data, jwk: jwk.jwk }, operator })
          : Promise.reject(new Error('The key is not valid.'))
      }
    >
      <TextInput label="Name" required value={name} onChange={(event) => setName(event.currentTarget.value)} error={nameError} />
      <Textarea
        label="Public JWK"
        description='{"kty":"OKP","crv":"Ed25519","x":"…","kid":"…"}'
        required
        autosize
        minRows={4}
        ff="monospace"
        value={jwkText}
        onChange={(event) => setJwkText(event.currentTarget.value)}
        error={jwkError}
      />
    </OperatorActionDialog>
  );
}

/** Revoke a trust key: kits it signed are refused from now on. */
export function RevokeTrustKeyDialog({ trustKey, onClose }: { trustKey: TrustKey; onClose: () => void }) {
  const revoke = useRevokeTrustKey();
  return (
    <OperatorActionDialog
      title={`Revoke trust key ${trustKey.name}`}
      opened
      onClose={onClose}
      confirmLabel="Revoke key"
      color="red"
      onConfirm={(operator) => revoke.mutateAsync({ args: trustKey.kid, operator })}
    >
      <Text size="sm">Kits signed with {trustKey.kid} are refused from now on; the active kit stays active.</Text>
    </OperatorActionDialog>
  );
}
