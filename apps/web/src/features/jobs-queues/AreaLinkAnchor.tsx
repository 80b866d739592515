import type { AreaLink } from '@execops/contract';
import { Anchor, type AnchorProps } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { ConsolePath } from '../../shell/navigation.ts';

/**
 * A deep link of the overview: the page the server named, opened with its filter (the tenant is kept by the root
 * route). The server builds `to` from the contract's canonical routes.
 */
export function AreaLinkAnchor({ link, children, ...props }: AnchorProps & { link: AreaLink; children: ReactNode }) {
  return (
    <Anchor {...props} renderRoot={(rootProps) => <Link to={link.to as ConsolePath} search={link.search} {...rootProps} />}>
      {children}
    </Anchor>
  );
}
