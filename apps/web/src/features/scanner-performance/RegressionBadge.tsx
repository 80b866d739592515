import { PERF_REGRESSION_ALERT_RATIO, type PerfRegression } from '@execops/contract';
import { Badge } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';

/** max / baselineMax − 1 as a signed percentage; an alert from 20 %. */
export function RegressionBadge({ regression }: { regression: PerfRegression }) {
  if (regression.ratio === null) {
    return (
      <Badge color="gray" variant="light" tt="none" leftSection={<IconCircleDashed size={12} />} data-testid="regression" title="no baseline or no runs in the window">
        no baseline
      </Badge>
    );
  }
  const text = `${regression.ratio >= 0 ? '+' : ''}${Math.round(regression.ratio * 100)} % vs baseline`;
  return (
    <Badge
      color={regression.alert ? 'red' : 'green'}
      variant="light"
      tt="none"
      leftSection={regression.alert ? <IconAlertTriangle size={12} /> : <IconCircleCheck size={12} />}
      title={`alert at ≥ ${PERF_REGRESSION_ALERT_RATIO * 100} %`}
      data-testid={regression.alert ? 'regression-alert' : 'regression'}
    >
      {regression.alert ? `regression ${text}` : text}
    </Badge>
  );
}
