import { Code } from '@mantine/core';

interface JsonBlockProps {
  value: unknown;
  label: string;
}

export function JsonBlock({ value, label }: JsonBlockProps) {
  return (
    <Code block aria-label={label} mah={400} style={{ overflow: 'auto' }}>
      {JSON.stringify(value, null, 2)}
    </Code>
  );
}
