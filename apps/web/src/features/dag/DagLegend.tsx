import { JOB_STATES } from '@execops/contract';
import { Group, Text } from '@mantine/core';
import { JOB_STATE_STYLE } from '../jobs/JobStateBadge.tsx';
import { EDGE_STYLE } from './dag-edge-style.ts';

function EdgeSample({ style }: { style: { stroke: string; strokeWidth: number; strokeDasharray?: string } }) {
  return (
    <svg width={28} height={10} aria-hidden>
      <line x1={0} y1={5} x2={28} y2={5} stroke={style.stroke} strokeWidth={style.strokeWidth} strokeDasharray={style.strokeDasharray} />
    </svg>
  );
}

/** What the colours, borders and line styles of the graph mean; every state is named, not only coloured. */
export function DagLegend({ showCritical }: { showCritical: boolean }) {
  return (
    <Group gap="md" data-testid="dag-legend" wrap="wrap">
      {JOB_STATES.map((state) => {
        const { color, icon: StateIcon } = JOB_STATE_STYLE[state];
        return (
          <Group key={state} gap={4} wrap="nowrap">
            <StateIcon size={14} color={`var(--mantine-color-${color}-filled)`} aria-hidden />
            <Text size="xs">{state}</Text>
          </Group>
        );
      })}
      <Group gap={4} wrap="nowrap">
        <EdgeSample style={EDGE_STYLE.skip} />
        <Text size="xs">child skipped if parent fails</Text>
      </Group>
      <Group gap={4} wrap="nowrap">
        <EdgeSample style={EDGE_STYLE.run} />
        <Text size="xs">child runs even if parent fails</Text>
      </Group>
      <Text size="xs" fw={700}>
        Thick border: this job
      </Text>
      {showCritical && (
        <Group gap={4} wrap="nowrap">
          <EdgeSample style={EDGE_STYLE.critical} />
          <Text size="xs">critical path</Text>
        </Group>
      )}
    </Group>
  );
}
