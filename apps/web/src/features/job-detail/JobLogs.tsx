import { LOG_LEVELS, type JobLogLine, type LogLevel } from '@execops/contract';
import { Badge, Button, Code, Group, Paper, ScrollArea, SegmentedControl, Skeleton, Stack, Text, TextInput, type MantineColor } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconPlayerPause, IconPlayerPlay, IconSearch } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type Ref } from 'react';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { atLeastLevel } from './job-detail-search.ts';
import type { JobLogTail } from './use-job-log-tail.ts';

const SEARCH_DEBOUNCE_MS = 250;

const LEVEL_COLOR: Record<LogLevel, MantineColor> = { debug: 'gray', info: 'blue', warn: 'yellow', error: 'red' };

export interface LogFilter {
  level: LogLevel | undefined;
  q: string | undefined;
}

interface JobLogsProps {
  tail: JobLogTail;
  filter: LogFilter;
  /** Changes the given parts of the filter, keeping the rest. */
  onFilterChange: (change: Partial<LogFilter>) => void;
  filterInputRef: Ref<HTMLInputElement>;
}

/** A structured field as shown, and as the text search sees it: `table=orders`, `ids=[1,2]`. */
const fieldText = ([key, value]: [string, unknown]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`;

function matches(line: JobLogLine, { level, q }: LogFilter): boolean {
  if (!atLeastLevel(line.level, level)) return false;
  if (!q) return true;
  const needle = q.toLowerCase();
  const fields = Object.entries(line.fields ?? {}).map(fieldText);
  return [line.message, ...fields].some((text) => text.toLowerCase().includes(needle));
}

function LogFields({ fields }: { fields: JobLogLine['fields'] }) {
  if (fields === null) return null;
  const entries = Object.entries(fields);
  if (entries.length === 0) return null;
  return (
    <Group gap={4} data-testid="log-fields">
      {entries.map((entry) => (
        <Code key={entry[0]} fz="xs">
          {fieldText(entry)}
        </Code>
      ))}
    </Group>
  );
}

function LogLineRow({ line }: { line: JobLogLine }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" data-testid="log-line" data-level={line.level} py={2}>
      <Text fz="xs" ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        <Timestamp iso={line.ts} />
      </Text>
      <Badge size="xs" variant="light" color={LEVEL_COLOR[line.level]} w={52} style={{ flexShrink: 0 }}>
        {line.level}
      </Badge>
      <Text fz="xs" c="dimmed" ff="monospace" title="attempt" style={{ flexShrink: 0 }}>
        #{line.attempt}
      </Text>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text fz="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {line.message}
        </Text>
        <LogFields fields={line.fields} />
      </Stack>
    </Group>
  );
}

interface LogSearchInputProps {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  inputRef: Ref<HTMLInputElement>;
}

/**
 * Typing edits a draft that reaches the URL a moment later, trimmed; the URL's value would otherwise eat a space
 * typed between words. A value changed elsewhere (back, forward) replaces the draft.
 */
function LogSearchInput({ value, onChange, inputRef }: LogSearchInputProps) {
  const [draft, setDraft] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    if ((value ?? '') !== draft.trim()) setDraft(value ?? '');
  }
  const publish = useDebouncedCallback((text: string) => onChange(text.trim() || undefined), SEARCH_DEBOUNCE_MS);
  return (
    <TextInput
      ref={inputRef}
      label="Search the log"
      placeholder="message or field (f)"
      leftSection={<IconSearch size={14} />}
      value={draft}
      onChange={(event) => {
        setDraft(event.currentTarget.value);
        publish(event.currentTarget.value);
      }}
    />
  );
}

/** The job's log lines, live while the job runs, filtered by level and text (both in the URL). */
export function JobLogs({ tail, filter, onFilterChange, filterInputRef }: JobLogsProps) {
  const [autoScroll, setAutoScroll] = useState(true);
  const viewport = useRef<HTMLDivElement>(null);
  const shown = useMemo(() => tail.lines.filter((line) => matches(line, filter)), [tail.lines, filter]);

  useEffect(() => {
    if (autoScroll) viewport.current?.scrollTo({ top: viewport.current.scrollHeight });
  }, [autoScroll, shown]);

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <SegmentedControl
            aria-label="Least severe level shown"
            value={filter.level ?? 'debug'}
            data={LOG_LEVELS.map((level) => ({ value: level, label: level === 'debug' ? 'all levels' : `${level}+` }))}
            onChange={(value) => onFilterChange({ level: LOG_LEVELS.find((level) => level === value && level !== 'debug') })}
          />
          <LogSearchInput value={filter.q} onChange={(q) => onFilterChange({ q })} inputRef={filterInputRef} />
        </Group>
        <Group gap="sm">
          <Text size="sm" c="dimmed" data-testid="log-status">
            {tail.following ? 'Following live' : 'The job has finished; every line is loaded.'} · {shown.length} of {tail.lines.length} lines shown
          </Text>
          <Button
            size="xs"
            variant="default"
            leftSection={autoScroll ? <IconPlayerPause size={14} /> : <IconPlayerPlay size={14} />}
            onClick={() => setAutoScroll((on) => !on)}
          >
            {autoScroll ? 'Pause auto-scroll' : 'Resume auto-scroll'}
          </Button>
        </Group>
      </Group>
      {tail.error && <ErrorState title="Log lines could not be loaded" error={tail.error} onRetry={tail.pull} />}
      {tail.loading ? (
        <Skeleton height={160} data-testid="logs-loading" />
      ) : (
        <Paper withBorder p="xs">
          <ScrollArea.Autosize mah={520} viewportRef={viewport} data-testid="job-logs">
            {shown.length === 0 ? (
              <Text size="sm" c="dimmed" p="sm" data-testid="logs-empty">
                {tail.lines.length === 0
                  ? tail.following
                    ? 'No log lines yet; new lines appear here as the worker writes them.'
                    : 'The job wrote no log lines.'
                  : 'No line matches the filter.'}
              </Text>
            ) : (
              shown.map((line) => <LogLineRow key={line.id} line={line} />)
            )}
          </ScrollArea.Autosize>
        </Paper>
      )}
    </Stack>
  );
}
