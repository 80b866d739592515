import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface CopyIconButtonProps {
  value: string;
  /** What the value is, for the button's accessible name: "Copy job id". */
  label: string;
}

export function CopyIconButton({ value, label }: CopyIconButtonProps) {
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : `Copy ${label}`} withArrow>
          <ActionIcon variant="subtle" size="sm" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={`Copy ${label}`}>
            {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          </ActionIcon>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** An identifier with a button that copies it; `children` replaces the plain value (e.g. a link to it). */
export function CopyableValue({ value, label, children }: CopyIconButtonProps & { children?: ReactNode }) {
  return (
    <Group gap={4} wrap="nowrap" align="center">
      {children ?? (
        <Code fz="xs" style={{ wordBreak: 'break-all' }}>
          {value}
        </Code>
      )}
      <CopyIconButton value={value} label={label} />
    </Group>
  );
}
