import { DEAD_LETTER_CSV_COLUMNS, type DeadLetterEntry, type DeadLetterExportQuery } from '@execops/contract';
import { csvLine } from './csv.ts';

type ExportFormat = DeadLetterExportQuery['format'];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

function csvValues(e: DeadLetterEntry): Record<(typeof DEAD_LETTER_CSV_COLUMNS)[number], string | number | boolean | null> {
  return {
    id: e.id,
    jobId: e.jobId,
    jobType: e.jobType,
    queue: e.queue,
    status: e.status,
    errorCode: e.error.code,
    errorClass: e.error.class,
    retryable: e.error.retryable,
    errorMessage: e.error.message,
    clusterKey: e.clusterKey,
    attempts: e.attempts,
    firstFailedAt: e.firstFailedAt,
    deadLetteredAt: e.deadLetteredAt,
    replayedJobIds: e.replayedJobIds.join(' '),
    resolutionNote: e.resolution?.note ?? null,
    resolutionTicket: e.resolution?.ticket ?? null,
    resolvedBy: e.resolution?.by ?? null,
    resolvedAt: e.resolution?.at ?? null,
  };
}

function csvRecord(entry: DeadLetterEntry): string {
  const values = csvValues(entry);
  return csvLine(DEAD_LETTER_CSV_COLUMNS.map((column) => values[column]));
}

/**
 * The export as text chunks, one per batch of entries, so the response streams while the database cursor is read:
 * CSV (header row, then `DEAD_LETTER_CSV_COLUMNS`), a JSON array, or one JSON entry per line.
 */
export async function* exportChunks(batches: AsyncIterable<DeadLetterEntry[]>, format: ExportFormat): AsyncGenerator<string> {
  if (format === 'csv') yield csvLine(DEAD_LETTER_CSV_COLUMNS);
  if (format === 'json') yield '[';
  let first = true;
  for await (const batch of batches) {
    if (format === 'csv') {
      yield batch.map(csvRecord).join('');
    } else if (format === 'ndjson') {
      yield batch.map((entry) => `${JSON.stringify(entry)}\n`).join('');
    } else {
      yield batch.map((entry, i) => `${first && i === 0 ? '\n' : ',\n'}${JSON.stringify(entry)}`).join('');
      first = false;
    }
  }
  if (format === 'json') yield '\n]\n';
}
