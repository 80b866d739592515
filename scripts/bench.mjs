// npm run bench [-- options]: installs bench/'s own dependencies (peers never enter the product's install) on first
// use, then runs the side-by-side benchmark in quick mode. Options go to bench/run.ts (see its header).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (args) => {
  const { status } = spawnSync('npm', args, { stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
};

if (!existsSync(new URL('../bench/node_modules/', import.meta.url))) run(['--prefix', 'bench', 'ci']);
run(['--prefix', 'bench', 'run', 'bench', '--', ...process.argv.slice(2)]);
