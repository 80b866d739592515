import { useLocalStorage } from '@mantine/hooks';
import type { TimeZoneMode } from './format-timestamp.ts';

const STORAGE_KEY = 'execops.timeZoneMode';

/** UTC by default (the spec's rule); every component using this hook re-renders when the toggle changes. */
export function useTimeZoneMode(): [TimeZoneMode, (mode: TimeZoneMode) => void] {
  const [mode, setMode] = useLocalStorage<TimeZoneMode>({
    key: STORAGE_KEY,
    defaultValue: 'utc',
    getInitialValueInEffect: false,
    deserialize: (raw) => (raw === 'local' ? 'local' : 'utc'),
    serialize: (value) => value,
  });
  return [mode, setMode];
}
