import { Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { SHELL_SHORTCUTS, usePageShortcutList, type Shortcut } from './shortcuts.ts';

function ShortcutTable({ title, shortcuts, testId }: { title: string; shortcuts: readonly Shortcut[]; testId: string }) {
  return (
    <Stack gap={4}>
      <Title order={3} fz="sm">
        {title}
      </Title>
      <Table data-testid={testId} withRowBorders={false} verticalSpacing={4}>
        <Table.Tbody>
          {shortcuts.map(({ key, description }) => (
            <Table.Tr key={key}>
              <Table.Td w={48}>
                <Kbd>{key}</Kbd>
              </Table.Td>
              <Table.Td>{description}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** The `?` overlay: the shell's keys and those of the page on screen. */
export function ShortcutHelp({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const page = usePageShortcutList();
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts">
      <Stack gap="md">
        <ShortcutTable title="Everywhere" shortcuts={SHELL_SHORTCUTS} testId="shell-shortcuts" />
        {page.length > 0 ? (
          <ShortcutTable title="On this page" shortcuts={page} testId="page-shortcuts" />
        ) : (
          <Text size="sm" c="dimmed" data-testid="page-shortcuts">
            This page has no keys of its own.
          </Text>
        )}
        <Text size="xs" c="dimmed">
          Keys do nothing while you type in a field; Esc closes this help.
        </Text>
      </Stack>
    </Modal>
  );
}
