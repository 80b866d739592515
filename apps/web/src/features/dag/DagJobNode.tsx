import type { DagNode } from '@execops/contract';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo, type CSSProperties } from 'react';
import { Duration } from '../../components/Duration.tsx';
import { JOB_STATE_STYLE } from '../jobs/JobStateBadge.tsx';
import classes from './DagJobNode.module.css';

export interface DagJobNodeData extends Record<string, unknown> {
  job: DagNode;
  isRoot: boolean;
  /** On the critical path while the highlight is on. */
  isCritical: boolean;
}

export type DagJobFlowNode = Node<DagJobNodeData, 'job'>;

function DagJobNodeView({ data, selected }: NodeProps<DagJobFlowNode>) {
  const { job, isRoot, isCritical } = data;
  const { color, icon: StateIcon } = JOB_STATE_STYLE[job.state];
  const style = {
    '--dag-state-color': `var(--mantine-color-${color}-filled)`,
    '--dag-state-text': `var(--mantine-color-${color}-light-color)`,
  } as CSSProperties;
  return (
    <div
      className={classes.node}
      style={style}
      data-testid="dag-node"
      data-job-id={job.id}
      data-state={job.state}
      data-root={isRoot || undefined}
      data-critical={isCritical || undefined}
      data-selected={selected || undefined}
      title={job.id}
    >
      <Handle className={classes.handle} type="target" position={Position.Left} isConnectable={false} />
      <div className={classes.title}>
        <span className={classes.type}>{job.jobType}</span>
        {isRoot && <span className={classes.rootTag}>this job</span>}
      </div>
      <div className={classes.state}>
        <StateIcon size={13} aria-hidden />
        <span data-testid="dag-node-state">{job.state}</span>
      </div>
      <div className={classes.meta}>
        attempt {job.attempt}/{job.maxAttempts} · <Duration ms={job.durationMs} />
      </div>
      <Handle className={classes.handle} type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const sameJob = (a: DagNode, b: DagNode) =>
  a === b ||
  (a.state === b.state && a.attempt === b.attempt && a.maxAttempts === b.maxAttempts && a.durationMs === b.durationMs && a.jobType === b.jobType);

/** Re-renders only when what the node shows changes, so a refetch of a 1,000-job graph touches the changed nodes. */
export const DagJobNode = memo(
  DagJobNodeView,
  (prev, next) =>
    prev.selected === next.selected &&
    prev.data.isRoot === next.data.isRoot &&
    prev.data.isCritical === next.data.isCritical &&
    sameJob(prev.data.job, next.data.job),
);
