import { Text } from '@mantine/core';
import { useExportKit, useRollbackKit } from '../../api/scanner-kits-queries.ts';
import { saveFile } from '../../components/save-file.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

export type KitAction = 'rollback' | 'export';

const COPY: Record<KitAction, { title: string; confirm: string; color: string; effect: string }> = {
  rollback: {
    title: 'Roll back the active kit',
    confirm: 'Roll back',
    color: 'orange',
    effect: 'The kit that was active before the current one becomes active again; scans started from now on match against it.',
  },
  export: {
    title: 'Export a kit of the active feed',
    confirm: 'Build and download',
    color: 'blue',
    effect: "A kit of the active feed is built, signed with this site's key and downloaded; another site imports it after trusting the site key.",
  },
};

/** Rollback or export, with the operator's reason. */
export function KitActionDialog({ action, onClose }: { action: KitAction; onClose: () => void }) {
  const rollback = useRollbackKit();
  const exportKit = useExportKit();
  const { title, confirm, color, effect } = COPY[action];
  return (
    <OperatorActionDialog
      title={title}
      opened
      onClose={onClose}
      confirmLabel={confirm}
      color={color}
      onConfirm={(operator) =>
        action === 'rollback'
          ? rollback.mutateAsync({ args: undefined, operator }).then(() => undefined)
          : exportKit.mutateAsync({ args: undefined, operator }).then(saveFile)
      }
    >
      <Text size="sm">{effect}</Text>
    </OperatorActionDialog>
  );
}
