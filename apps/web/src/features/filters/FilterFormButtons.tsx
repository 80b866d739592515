import { Button, Group } from '@mantine/core';

/** Apply submits the form's draft into the URL; Clear drops every filter. */
export function FilterFormButtons({ onClear }: { onClear: () => void }) {
  return (
    <Group mt="sm" gap="xs">
      <Button type="submit">Apply filters</Button>
      <Button variant="default" onClick={onClear}>
        Clear filters
      </Button>
    </Group>
  );
}
