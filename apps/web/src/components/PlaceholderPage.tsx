import { Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { NavItem } from '../shell/navigation.ts';
import { DisabledAction } from './DisabledAction.tsx';
import { NotAvailableYet } from './NotAvailableYet.tsx';
import { PageFrame } from './PageFrame.tsx';

interface PlaceholderPageProps {
  title: string;
  summary: string;
  actionLabel: string;
  /** Shown in place of the page and as the primary action's tooltip. */
  notice: string;
  /** Working pages the operator can go to instead. */
  links?: readonly NavItem[];
}

/** A canonical page whose feature is not built yet: says so plainly and shows no data. */
export function PlaceholderPage({ title, summary, actionLabel, notice, links = [] }: PlaceholderPageProps) {
  return (
    <PageFrame title={title} summary={summary} action={<DisabledAction label={actionLabel} reason={notice} />}>
      <NotAvailableYet message={notice}>
        {links.map((link) => (
          <Button key={link.to} variant="light" renderRoot={(props) => <Link to={link.to} {...props} />}>
            {link.label}
          </Button>
        ))}
      </NotAvailableYet>
    </PageFrame>
  );
}
