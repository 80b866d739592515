import { canonicalRoutes } from '@execops/contract';
import type { LinkProps } from '@tanstack/react-router';

export type ConsolePath = NonNullable<LinkProps['to']>;

export type SectionId = 'jobsQueues' | 'jobEngine' | 'deadLetter' | 'scheduler' | 'scannerOps';

export interface NavItem {
  label: string;
  to: ConsolePath;
}

export interface NavSection extends NavItem {
  id: SectionId;
  links: readonly NavItem[];
}

export const NAV_SECTIONS: readonly NavSection[] = [
  { id: 'jobsQueues', label: 'Jobs & Queues', to: canonicalRoutes.jobsQueues, links: [] },
  {
    id: 'jobEngine',
    label: 'JobEngine',
    to: canonicalRoutes.jobEngine,
    links: [
      { label: 'Jobs', to: canonicalRoutes.jobs },
      { label: 'Quotas', to: canonicalRoutes.quotas },
    ],
  },
  {
    id: 'deadLetter',
    label: 'Dead-Letter',
    to: canonicalRoutes.deadLetter,
    links: [{ label: 'Queue', to: canonicalRoutes.deadLetterQueue }],
  },
  {
    id: 'scheduler',
    label: 'Scheduler',
    to: canonicalRoutes.scheduler,
    links: [
      { label: 'Runs', to: canonicalRoutes.runs },
      { label: 'Schedules', to: canonicalRoutes.schedules },
      { label: 'Workers', to: canonicalRoutes.workers },
    ],
  },
  {
    id: 'scannerOps',
    label: 'Scanner Ops',
    to: canonicalRoutes.scannerOps,
    links: [
      { label: 'Offline kits', to: canonicalRoutes.offlineKits },
      { label: 'Baselines', to: canonicalRoutes.baselines },
      { label: 'Analyzers', to: canonicalRoutes.analyzers },
      { label: 'Performance', to: canonicalRoutes.performance },
      { label: 'Settings', to: canonicalRoutes.scannerSettings },
    ],
  },
];

export function findSection(id: SectionId | undefined): NavSection | undefined {
  return NAV_SECTIONS.find((section) => section.id === id);
}

/** A section link is active only on its overview page; a page link also on everything below it. */
export function isActive(pathname: string, to: string, exact: boolean): boolean {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  return exact ? path === to : path === to || path.startsWith(`${to}/`);
}
