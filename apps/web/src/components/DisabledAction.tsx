import { Button, Tooltip, type MantineSize } from '@mantine/core';

interface DisabledActionProps {
  label: string;
  /** Why the action cannot be used; shown as the tooltip. */
  reason: string;
  /** To sit among compact buttons (table rows). */
  size?: MantineSize | `compact-${MantineSize}`;
}

/**
 * A primary action that exists but cannot be used. `data-disabled` instead of `disabled` because a disabled
 * button fires no pointer events, so its tooltip would never show.
 */
export function DisabledAction({ label, reason, size }: DisabledActionProps) {
  return (
    <Tooltip label={reason} multiline maw={320}>
      <Button data-disabled aria-disabled="true" size={size} onClick={(event) => event.preventDefault()}>
        {label}
      </Button>
    </Tooltip>
  );
}
