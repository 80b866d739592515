import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { CopyableValue } from '../../components/CopyableValue.tsx';

interface JobIdLinkProps {
  jobId: string;
  /** What the id is, for the copy button: "original job id". */
  label: string;
  testId?: string;
}

/** A job id that opens the job's page, with a button that copies it. */
export function JobIdLink({ jobId, label, testId }: JobIdLinkProps) {
  return (
    <CopyableValue value={jobId} label={label}>
      <Anchor
        ff="monospace"
        fz="xs"
        data-testid={testId}
        renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId" params={{ jobId }} {...props} />}
      >
        {jobId}
      </Anchor>
    </CopyableValue>
  );
}
