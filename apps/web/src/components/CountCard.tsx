import { Paper, Text } from '@mantine/core';
import { Link, type LinkProps } from '@tanstack/react-router';
import type { ReactNode } from 'react';

export interface CountCardProps {
  /** What is counted: a state badge, or a short label. */
  heading: ReactNode;
  value: number;
  /** The list the figure counts, with the filter that selects it. */
  to: LinkProps['to'];
  search?: LinkProps['search'];
  /** The card's accessible name: "3 running runs". */
  label: string;
  testId: string;
  /** A line under the figure. */
  children?: ReactNode;
}

/** A figure that opens the list it counts, filtered to what it counts. */
export function CountCard({ heading, value, to, search, label, testId, children }: CountCardProps) {
  return (
    <Paper
      withBorder
      p="sm"
      renderRoot={(props) => <Link to={to} search={search} {...props} />}
      aria-label={label}
      data-testid={testId}
      style={{ textDecoration: 'none', color: 'inherit', minWidth: 0 }}
    >
      {heading}
      <Text fz={28} fw={600} mt={4} ff="monospace" data-testid="count-value">
        {value.toLocaleString('en-US')}
      </Text>
      {children}
    </Paper>
  );
}
