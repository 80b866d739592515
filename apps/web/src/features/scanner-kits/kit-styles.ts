import type { KitStatus } from '@execops/contract';
import { IconArchive, IconCircleCheck, IconHistory, IconShieldX } from '@tabler/icons-react';
import type { StatusStyleTable } from '../../components/StatusBadge.tsx';

export const KIT_STATUS_STYLES: StatusStyleTable<KitStatus> = {
  active: { color: 'green', icon: IconCircleCheck, meaning: 'scans match against this kit' },
  previous: { color: 'blue', icon: IconHistory, meaning: 'a rollback activates this kit again' },
  superseded: { color: 'gray', icon: IconArchive },
  quarantined: { color: 'red', icon: IconShieldX, meaning: 'refused at import; nothing changed' },
};
