// Machine and versions, written into every run (RESULTS.md quotes them).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { PG_ADMIN_URL } from './environment.ts';

function command(file: string, args: string[]): string | null {
  try {
    return execFileSync(file, args, { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function installedVersion(name: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')) as { version: string };
    return manifest.version;
  } catch {
    return null;
  }
}

export async function environment() {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  const setting = async (name: string) => (await client.query<{ v: string }>(`SELECT current_setting($1) AS v`, [name])).rows[0]?.v;
  const postgres = {
    version: await setting('server_version'),
    shared_buffers: await setting('shared_buffers'),
    max_connections: await setting('max_connections'),
    max_wal_size: await setting('max_wal_size'),
  };
  await client.end();
  return {
    date: new Date().toISOString(),
    nproc: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    postgres,
    redis: command('redis-server', ['--version']),
    gitSha: command('git', ['rev-parse', '--short', 'HEAD']),
    loadAverageAtStart: os.loadavg(),
    packages: Object.fromEntries(['graphile-worker', 'pg-boss', 'bullmq', 'ioredis', 'pg'].map((name) => [name, installedVersion(name)])),
  };
}
