import type { AreaFigure, AreaHealth } from '@execops/contract';
import { Box, Group, List, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { Duration } from '../../components/Duration.tsx';
import { AREA_STATUS_STYLE, AreaStatusBadge } from './AreaStatusBadge.tsx';
import { AreaLinkAnchor } from './AreaLinkAnchor.tsx';

function FigureValue({ figure }: { figure: AreaFigure }) {
  if (figure.unit === 'ms') return <Duration ms={figure.value} />;
  if (figure.unit === 'perMinute') return <>{figure.value.toLocaleString('en-US', { maximumFractionDigits: 1 })}/min</>;
  return <>{figure.value.toLocaleString('en-US')}</>;
}

/** One area: its status (icon + text), what it rests on, the numbers behind it, and links into the owning pages. */
export function AreaCard({ area }: { area: AreaHealth }) {
  return (
    <Paper withBorder p="md" data-testid={`area-${area.area}`} aria-label={`${area.title}: ${area.status}`} component="section">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <AreaLinkAnchor link={area.link} fw={600} fz="lg" data-testid="area-title">
            {area.title}
          </AreaLinkAnchor>
          <AreaStatusBadge status={area.status} />
        </Group>
        <Text size="sm" data-testid="area-summary">
          {area.summary}
        </Text>
        {area.figures.length > 0 && (
          // Each figure as wide as its value (a duration is longer than a count); they wrap onto a second line.
          <Group gap="lg" align="flex-start">
            {area.figures.map((figure) => (
              <Box key={figure.label} maw={120} data-testid="area-figure">
                <Text fz="xl" fw={600} ff="monospace" data-testid="area-figure-value">
                  <FigureValue figure={figure} />
                </Text>
                <Text size="xs" c="dimmed">
                  {figure.label}
                </Text>
              </Box>
            ))}
          </Group>
        )}
        {area.reasons.length > 0 && (
          <List spacing={6} size="sm" center data-testid="area-reasons">
            {area.reasons.map((reason) => {
              const { color, icon: StatusIcon } = AREA_STATUS_STYLE[reason.status];
              return (
                <List.Item
                  key={`${reason.code}:${reason.message}`}
                  data-testid="area-reason"
                  data-code={reason.code}
                  icon={
                    <ThemeIcon color={color} variant="light" size="sm" radius="xl" aria-label={reason.status}>
                      <StatusIcon size={14} />
                    </ThemeIcon>
                  }
                >
                  <Text span size="sm">
                    {reason.message}
                  </Text>
                  {reason.link && (
                    <>
                      {' · '}
                      <AreaLinkAnchor link={reason.link} size="sm" data-testid="reason-link">
                        {reason.link.label}
                      </AreaLinkAnchor>
                    </>
                  )}
                </List.Item>
              );
            })}
          </List>
        )}
        <Group justify="flex-end">
          <AreaLinkAnchor link={area.link} size="sm" data-testid="area-link">
            <Group gap={4} wrap="nowrap">
              Open {area.link.label}
              <IconArrowRight size={14} />
            </Group>
          </AreaLinkAnchor>
        </Group>
      </Stack>
    </Paper>
  );
}
