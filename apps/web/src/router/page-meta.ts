import { useMatches } from '@tanstack/react-router';
import type { SectionId } from '../shell/navigation.ts';

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    /** The page name shown as the last breadcrumb. */
    title?: string;
    /** The navbar section the page belongs to. */
    section?: SectionId;
  }
}

export interface PageMeta {
  title: string;
  section: SectionId | undefined;
}

/** Title and section of the deepest matched route that declares them, for the header breadcrumb. */
export function usePageMeta(): PageMeta | undefined {
  return useMatches({
    select: (matches) => {
      const match = matches.findLast((candidate) => candidate.staticData.title !== undefined);
      const title = match?.staticData.title;
      return title === undefined ? undefined : { title, section: match?.staticData.section };
    },
  });
}
