import { DEAD_LETTER_NOTE_MAX, ResolveDeadLetterRequest } from '@execops/contract';

/** Why the note cannot be sent as it is, by the contract's own schema; undefined when it can. */
export function resolutionNoteProblem(note: string): string | undefined {
  if (ResolveDeadLetterRequest.safeParse({ note }).success) return undefined;
  return note.trim() === '' ? 'Write a resolution note.' : `The note is at most ${DEAD_LETTER_NOTE_MAX} characters.`;
}
