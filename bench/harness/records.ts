// Execution records written by worker processes, one line each:
//   S,i,attempt,tStart                                   — a handler started (crash workloads only)
//   E,i,attempt,tEnq,tStart,tEnd,ok                      — a handler returned (ok = 1) or threw (ok = 0)
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

export interface Execution {
  i: number;
  attempt: number;
  tEnq: number;
  tStart: number;
  tEnd: number;
  ok: boolean;
}

export interface Start {
  i: number;
  attempt: number;
  tStart: number;
}

export interface RecordFile {
  executions: Execution[];
  /** Handlers that started; only written in crash mode. */
  starts: Start[];
}

/** Appends records; in crash mode every line is written at once (the process may be killed), otherwise at close. */
export class RecordWriter {
  private readonly fd: number;
  private buffer: string[] = [];

  constructor(
    path: string,
    private readonly crashSafe: boolean,
  ) {
    this.fd = openSync(path, 'a');
  }

  started(i: number, attempt: number, tStart: number): void {
    if (this.crashSafe) writeSync(this.fd, `S,${i},${attempt},${tStart.toFixed(3)}\n`);
  }

  ended(execution: Execution): void {
    const line = `E,${execution.i},${execution.attempt},${execution.tEnq.toFixed(3)},${execution.tStart.toFixed(3)},${execution.tEnd.toFixed(3)},${execution.ok ? 1 : 0}\n`;
    if (this.crashSafe) writeSync(this.fd, line);
    else this.buffer.push(line);
  }

  close(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    closeSync(this.fd);
  }
}

export function readRecords(path: string): RecordFile {
  const file: RecordFile = { executions: [], starts: [] };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return file;
  }
  for (const line of text.split('\n')) {
    const f = line.split(',');
    if (f[0] === 'S' && f.length === 4) file.starts.push({ i: Number(f[1]), attempt: Number(f[2]), tStart: Number(f[3]) });
    if (f[0] === 'E' && f.length === 7) {
      file.executions.push({ i: Number(f[1]), attempt: Number(f[2]), tEnq: Number(f[3]), tStart: Number(f[4]), tEnd: Number(f[5]), ok: f[6] === '1' });
    }
  }
  return file;
}
