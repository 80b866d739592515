import type { Quota } from '@execops/contract';
import { Text } from '@mantine/core';
import { useDeleteQuota, useSetQuotaPaused } from '../../api/quota-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { quotaTypeLabel } from './quota-labels.ts';

export type QuotaStateAction = 'pause' | 'resume' | 'delete';

interface QuotaStateDialogProps {
  action: QuotaStateAction;
  quota: Quota;
  onClose: () => void;
  onDone: () => void;
}

const COPY: Record<QuotaStateAction, { verb: string; color: string; effect: string }> = {
  pause: { verb: 'Pause', color: 'orange', effect: 'Nothing governed by this quota is admitted until it is resumed; claimed jobs become throttled.' },
  resume: { verb: 'Resume', color: 'blue', effect: 'Jobs are admitted again within the limits; throttled jobs run as their wait ends.' },
  delete: { verb: 'Delete', color: 'red', effect: 'The limits stop applying at once; throttled jobs run once their current wait ends.' },
};

/** Pause, resume or delete one quota, with the operator's reason. */
export function QuotaStateDialog({ action, quota, onClose, onDone }: QuotaStateDialogProps) {
  const setPaused = useSetQuotaPaused();
  const remove = useDeleteQuota();
  const { verb, color, effect } = COPY[action];
  const title = `${verb} quota ${quotaTypeLabel(quota.jobType)}`;
  return (
    <OperatorActionDialog
      title={title}
      opened
      onClose={onClose}
      confirmLabel={`${verb} quota`}
      color={color}
      onConfirm={(operator) =>
        action === 'delete'
          ? remove.mutateAsync({ args: quota.jobType, operator })
          : setPaused.mutateAsync({ args: { jobType: quota.jobType, paused: action === 'pause' }, operator })
      }
      onDone={onDone}
    >
      <Text size="sm">{effect}</Text>
    </OperatorActionDialog>
  );
}
