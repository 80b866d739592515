import type { ScanDetail } from '@execops/contract';
import { Anchor, Code, DataList, Group, Paper, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { ByteSize } from '../../components/ByteSize.tsx';
import { CopyableValue } from '../../components/CopyableValue.tsx';
import { DataField } from '../../components/DataField.tsx';
import { Duration } from '../../components/Duration.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { isScanActive } from '../../api/scanner-scans-queries.ts';
import { LiveBadge } from '../../components/LiveBadge.tsx';
import { ScanStateBadge, SeverityCountBadges } from './ScanBadges.tsx';
import { ScanProgress } from './ScanProgress.tsx';

function targetText(scan: ScanDetail): string {
  return scan.target.kind === 'path' ? scan.target.path : `upload ${scan.target.uploadId}`;
}

/** What was scanned, how it goes (followed live) and which feed it was matched against. */
export function ScanHeader({ scan }: { scan: ScanDetail }) {
  return (
    <Paper withBorder p="md">
      <Group gap="sm" mb="sm">
        <ScanStateBadge state={scan.state} />
        {isScanActive(scan.state) ? <ScanProgress scan={scan} /> : <SeverityCountBadges counts={scan.severities} />}
        <LiveBadge />
        {scan.isBaseline && (
          <Text size="sm" c="dimmed" data-testid="scan-is-baseline">
            baseline of its target
          </Text>
        )}
      </Group>
      <DataList labelWidth={120}>
        <DataField label="Target">
          <Code>{targetText(scan)}</Code>
        </DataField>
        <DataField label="Scan id">
          <CopyableValue value={scan.id} label="scan id" />
        </DataField>
        <DataField label="Pipeline run">
          <Anchor renderRoot={(props) => <Link to="/ops/operations/scheduler/runs/$runId/stream" params={{ runId: scan.runId }} {...props} />} size="sm">
            {scan.runId}
          </Anchor>
        </DataField>
        <DataField label="Started">
          <Timestamp iso={scan.createdAt} />
        </DataField>
        <DataField label="Duration">
          <Duration ms={scan.durationMs} />
        </DataField>
        <DataField label="Components">{scan.components ?? '—'}</DataField>
        <DataField label="Target size">{scan.targetBytes === null ? '—' : <ByteSize bytes={scan.targetBytes} />}</DataField>
        <DataField label="Feed">{scan.feed ? `kit ${scan.feed.version} (generation ${scan.feed.generation})` : '—'}</DataField>
        {scan.error && (
          <DataField label="Error">
            <Text size="sm" c="red">
              {scan.error}
            </Text>
          </DataField>
        )}
      </DataList>
    </Paper>
  );
}
