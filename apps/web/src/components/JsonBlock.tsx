import { Box, Code } from '@mantine/core';
import { CopyIconButton } from './CopyableValue.tsx';

interface JsonBlockProps {
  value: unknown;
  label: string;
}

export function JsonBlock({ value, label }: JsonBlockProps) {
  const text = JSON.stringify(value, null, 2);
  return (
    <Box pos="relative">
      <Code block aria-label={label} mah={400} style={{ overflow: 'auto' }}>
        {text}
      </Code>
      <Box pos="absolute" top={6} right={6}>
        <CopyIconButton value={text} label={label.toLowerCase()} />
      </Box>
    </Box>
  );
}
