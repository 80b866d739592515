import { Badge, Tooltip } from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { IconPlayerStop, IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react';
import { useState } from 'react';
import type { StreamConnection } from './use-run-stream.ts';

function Countdown({ retryAt }: { retryAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), 1000, { autoInvoke: true });
  return <>{Math.max(0, Math.ceil((retryAt - now) / 1000))} s</>;
}

/** Live, Reconnecting in N s (attempt k), or Ended once the run has finished (the stream stays open for a retry). */
export function StreamConnectionBadge({ connection, ended }: { connection: StreamConnection; ended: boolean }) {
  if (connection.kind === 'reconnecting') {
    return (
      <Tooltip label="The run stream dropped; it resumes after the last event received, waiting longer after each failure (up to 30 s).">
        <Badge data-testid="stream-status" color="orange" variant="light" leftSection={<IconPlugConnectedX size={12} />}>
          Reconnecting in <Countdown retryAt={connection.retryAt} /> (attempt {connection.attempt})
        </Badge>
      </Tooltip>
    );
  }
  if (connection.kind === 'connecting') {
    return (
      <Badge data-testid="stream-status" color="yellow" variant="light" leftSection={<IconPlugConnectedX size={12} />}>
        Connecting
      </Badge>
    );
  }
  if (ended) {
    return (
      <Tooltip label="The run has finished; a retry of its failed jobs would show here too.">
        <Badge data-testid="stream-status" color="gray" variant="light" leftSection={<IconPlayerStop size={12} />}>
          Ended
        </Badge>
      </Tooltip>
    );
  }
  return (
    <Badge data-testid="stream-status" color="green" variant="light" leftSection={<IconPlugConnected size={12} />}>
      Live
    </Badge>
  );
}
