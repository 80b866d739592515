import type { AnalyzerEntry } from '@execops/contract';
import { Badge } from '@mantine/core';

/** Built in, or carried by the active kit: then with the kit's version (an import or rollback changes it). */
export function AnalyzerSourceBadge({ analyzer }: { analyzer: AnalyzerEntry }) {
  const fromKit = analyzer.source === 'kit';
  return (
    <Badge
      color={fromKit ? 'violet' : 'gray'}
      variant="light"
      tt="none"
      title={fromKit ? 'a declarative analyzer the active kit carries' : 'part of this installation'}
      data-testid="analyzer-source"
    >
      {fromKit ? `kit ${analyzer.kitVersion ?? ''}`.trim() : 'built-in'}
    </Badge>
  );
}
