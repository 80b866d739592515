import { Button, Group } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconChevronsLeft } from '@tabler/icons-react';

interface CursorPagerProps {
  isFirstPage: boolean;
  canGoBack: boolean;
  nextCursor: string | null;
  onFirst: () => void;
  onPrevious: () => void;
  onNext: (cursor: string) => void;
}

export function CursorPager({ isFirstPage, canGoBack, nextCursor, onFirst, onPrevious, onNext }: CursorPagerProps) {
  return (
    <Group justify="flex-end" gap="xs" aria-label="Pages">
      <Button variant="default" size="xs" leftSection={<IconChevronsLeft size={14} />} disabled={isFirstPage} onClick={onFirst}>
        First page
      </Button>
      <Button variant="default" size="xs" leftSection={<IconChevronLeft size={14} />} disabled={!canGoBack} onClick={onPrevious}>
        Previous
      </Button>
      <Button
        variant="default"
        size="xs"
        rightSection={<IconChevronRight size={14} />}
        disabled={nextCursor === null}
        onClick={() => nextCursor !== null && onNext(nextCursor)}
      >
        Next
      </Button>
    </Group>
  );
}
