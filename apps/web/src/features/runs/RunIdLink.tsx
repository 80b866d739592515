import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { CopyableValue } from '../../components/CopyableValue.tsx';
import { shortJobId } from '../jobs/short-job-id.ts';

/** A run id that opens the run's stream page, with a button that copies the whole id. */
export function RunIdLink({ runId }: { runId: string }) {
  return (
    <CopyableValue value={runId} label="run id">
      <Anchor
        ff="monospace"
        fz="xs"
        title={runId}
        style={{ whiteSpace: 'nowrap' }}
        data-testid="run-link"
        renderRoot={(props) => <Link to="/ops/operations/scheduler/runs/$runId/stream" params={{ runId }} {...props} />}
      >
        {shortJobId(runId)}
      </Anchor>
    </CopyableValue>
  );
}
