/** How an edge is drawn: by what its child does when the parent fails, and when it is on the critical path. */
export const EDGE_STYLE = {
  skip: { stroke: 'var(--mantine-color-gray-6)', strokeWidth: 1.5 },
  run: { stroke: 'var(--mantine-color-teal-6)', strokeWidth: 1.5, strokeDasharray: '6 4' },
  critical: { stroke: 'var(--mantine-color-grape-6)', strokeWidth: 3.5 },
} as const;
