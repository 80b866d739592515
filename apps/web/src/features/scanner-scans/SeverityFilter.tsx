import { SEVERITIES, type Severity } from '@execops/contract';
import { Chip, Group } from '@mantine/core';

interface SeverityFilterProps {
  selected: readonly Severity[];
  onChange: (next: Severity[]) => void;
}

const isSeverity = (value: string): value is Severity => (SEVERITIES as readonly string[]).includes(value);

/** Severity chips; none selected shows every finding. */
export function SeverityFilter({ selected, onChange }: SeverityFilterProps) {
  return (
    <Chip.Group multiple value={[...selected]} onChange={(values) => onChange(SEVERITIES.filter((s) => values.filter(isSeverity).includes(s)))}>
      <Group gap="xs" role="group" aria-label="Filter by severity">
        {SEVERITIES.map((severity) => (
          <Chip key={severity} value={severity} size="xs">
            {severity}
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
}
