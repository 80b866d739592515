import { CONSOLE_HOME } from '@execops/contract';
import { Anchor, Breadcrumbs, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { usePageMeta } from '../router/page-meta.ts';
import { findSection } from './navigation.ts';

export function ConsoleBreadcrumbs() {
  const page = usePageMeta();
  const section = findSection(page?.section);
  const showSection = section && section.label !== page?.title;
  return (
    <Breadcrumbs aria-label="Breadcrumb" data-testid="breadcrumb" fz="sm">
      <Text span fz="sm" c="dimmed">
        Ops
      </Text>
      <Anchor component={Link} to={CONSOLE_HOME} fz="sm">
        Operations
      </Anchor>
      {showSection && (
        <Anchor component={Link} to={section.to} fz="sm">
          {section.label}
        </Anchor>
      )}
      {page && (
        <Text span fz="sm" fw={500} aria-current="page">
          {page.title}
        </Text>
      )}
    </Breadcrumbs>
  );
}
