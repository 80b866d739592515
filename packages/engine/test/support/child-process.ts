import { spawn, type ChildProcess } from 'node:child_process';

export interface Child {
  process: ChildProcess;
  /** The first match of `ready` in the child's stdout. */
  ready: RegExpExecArray;
  /** Settles when the child exited, with its code or the signal that ended it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything the child wrote so far (stdout and stderr), for failure messages. */
  output(): string;
}

export interface SpawnOptions {
  env?: NodeJS.ProcessEnv;
  /** Matched against stdout; the spawn resolves on the first match. */
  ready: RegExp;
  /** Own process group, so `killGroup` also ends what the child started (an embedded PostgreSQL). */
  detached?: boolean;
}

/** A Node child process (TypeScript through tsx), resolved once its stdout matches `ready`; rejects if it exits first. */
export function spawnNode(args: readonly string[], options: SpawnOptions): Promise<Child> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let stdout = '';
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let resolved = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
      const match = resolved ? null : options.ready.exec(stdout);
      if (match) {
        resolved = true;
        resolve({ process: child, ready: match, exited, output: () => output });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(({ code, signal }) => {
      if (!resolved) reject(new Error(`${args.join(' ')} exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
}

/** How the child ended (`undefined` while it runs): for polling with `waitFor`. */
export function exitStatus(child: Child): { code: number | null; signal: NodeJS.Signals | null } | undefined {
  const { exitCode: code, signalCode: signal } = child.process;
  return code === null && signal === null ? undefined : { code, signal };
}

/** SIGKILL to the child's whole process group (spawned `detached`): nothing it started survives to clean up. */
export function killGroup(child: Child): void {
  const pid = child.process.pid;
  if (pid !== undefined && child.process.exitCode === null && child.process.signalCode === null) process.kill(-pid, 'SIGKILL');
}
