import { Progress, Stack, Text, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';

interface QuotaUsageBarProps {
  /** Names the bar for assistive technology and tests ("active", "hour", "tokens"). */
  name: string;
  used: number;
  limit: number | null;
  /** For a token bucket a full bar is good news: colour by what is left, not by what is used. */
  fullIsGood?: boolean;
  /** A line under the bar (window end, refill rate). */
  detail?: ReactNode;
}

function colorOf(share: number, fullIsGood: boolean): MantineColor {
  const pressure = fullIsGood ? 1 - share : share;
  if (pressure >= 1) return 'red';
  if (pressure >= 0.8) return 'yellow';
  return fullIsGood ? 'teal' : 'blue';
}

const formatCount = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/** `used / limit` as text and a bar; without a limit only the count, since there is nothing to fill. */
export function QuotaUsageBar({ name, used, limit, fullIsGood = false, detail }: QuotaUsageBarProps) {
  const label = limit === null ? `${formatCount(used)} · no limit` : `${formatCount(used)} / ${limit}`;
  const share = limit === null ? 0 : limit === 0 ? 1 : Math.min(1, used / limit);
  return (
    <Stack gap={2} miw={130} data-testid={`usage-${name}`}>
      <Text size="sm" data-testid={`usage-${name}-value`}>
        {label}
      </Text>
      {limit !== null && (
        <Progress
          value={share * 100}
          color={colorOf(share, fullIsGood)}
          size="sm"
          aria-label={`${name}: ${label}`}
        />
      )}
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Stack>
  );
}
