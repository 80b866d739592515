import { Autocomplete } from '@mantine/core';

/** Every IANA zone this browser knows, UTC first (some browsers list it only as an alias). */
const TIME_ZONES = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];

interface TimeZoneInputProps {
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

/** A searchable IANA zone; free text is allowed so the server's check (and its message) decides, not the browser's list. */
export function TimeZoneInput({ value, error, onChange }: TimeZoneInputProps) {
  return (
    <Autocomplete
      label="Time zone"
      description="IANA name; the cron runs on this wall clock"
      data={TIME_ZONES}
      limit={50}
      value={value}
      error={error}
      onChange={onChange}
      withAsterisk
    />
  );
}
