import type { Run, Schedule } from '@execops/contract';
import { Text } from '@mantine/core';
import type { ScheduleAction } from '../../api/scheduler-api.ts';
import { useScheduleAction } from '../../api/scheduler-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

const COPY: Record<ScheduleAction, { verb: string; color: string; effect: (schedule: Schedule) => string }> = {
  enable: { verb: 'Enable', color: 'green', effect: () => 'The schedule fires again from its next slot after now; slots passed while disabled are not fired.' },
  disable: { verb: 'Disable', color: 'gray', effect: () => 'The schedule stops firing and its next fire is cleared; enabling later starts from the next slot.' },
  pause: {
    verb: 'Pause',
    color: 'orange',
    effect: (schedule) => `No fires until resumed. The next fire is kept, so on resume the slots missed meanwhile follow the misfire policy (${schedule.misfirePolicy}).`,
  },
  resume: { verb: 'Resume', color: 'blue', effect: (schedule) => `The schedule fires again; slots missed while paused follow its misfire policy (${schedule.misfirePolicy}).` },
  trigger: { verb: 'Trigger', color: 'blue', effect: () => 'A manual run of the target starts now, whatever the overlap policy; the cron slots are not changed.' },
  delete: { verb: 'Delete', color: 'red', effect: () => 'The schedule is removed and fires no more; its runs stay, with the schedule name.' },
};

interface ScheduleActionDialogProps {
  action: ScheduleAction;
  schedule: Schedule;
  onClose: () => void;
  /** The schedule after the change, or the run a trigger started. */
  onDone: (result: Schedule | Run) => void;
}

/** One schedule change (or a manual trigger) with the operator's reason. */
export function ScheduleActionDialog({ action, schedule, onClose, onDone }: ScheduleActionDialogProps) {
  const act = useScheduleAction();
  const { verb, color, effect } = COPY[action];
  return (
    <OperatorActionDialog
      title={`${verb} schedule ${schedule.name}`}
      opened
      onClose={onClose}
      confirmLabel={action === 'trigger' ? 'Trigger now' : `${verb} schedule`}
      color={color}
      onConfirm={(operator) => act.mutateAsync({ args: { id: schedule.id, action }, operator })}
      onDone={onDone}
    >
      <Text size="sm">{effect(schedule)}</Text>
    </OperatorActionDialog>
  );
}
