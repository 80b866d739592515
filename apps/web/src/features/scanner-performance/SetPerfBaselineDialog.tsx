import { SetPerfBaselineRequest } from '@execops/contract';
import { Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useSetPerfBaseline } from '../../api/scanner-scans-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

interface SetPerfBaselineDialogProps {
  /** The window shown on the page, proposed as the baseline window. */
  since: string;
  until: string;
  onClose: () => void;
}

/** Every series takes the slowest run of the chosen window as its performance baseline. */
export function SetPerfBaselineDialog({ since, until, onClose }: SetPerfBaselineDialogProps) {
  const [from, setFrom] = useState(since);
  const [to, setTo] = useState(until);
  const setBaseline = useSetPerfBaseline();
  const parsed = SetPerfBaselineRequest.safeParse({ from, to });
  const problem = parsed.success ? undefined : (parsed.error.issues[0]?.message ?? 'Enter two instants, from before to.');
  return (
    <OperatorActionDialog
      title="Set performance baseline"
      opened
      onClose={onClose}
      confirmLabel="Set baseline"
      blocked={problem}
      onConfirm={(operator) => (parsed.success ? setBaseline.mutateAsync({ args: parsed.data, operator }) : Promise.reject(new Error(problem)))}
    >
      <Text size="sm">Each series (whole scan, each analyzer) takes the slowest of its runs in this window as its baseline maximum.</Text>
      <TextInput label="From (ISO 8601)" value={from} onChange={(event) => setFrom(event.currentTarget.value)} />
      <TextInput label="To (ISO 8601)" value={to} onChange={(event) => setTo(event.currentTarget.value)} />
    </OperatorActionDialog>
  );
}
