import { mkdir, writeFile } from 'node:fs/promises';

/** Writes a reliability run's measured figures to `.test-output/<name>.json`, where docs/reliability.md takes them from. */
export async function recordFigures(name: string, figures: object): Promise<void> {
  await mkdir('.test-output', { recursive: true });
  await writeFile(`.test-output/${name}.json`, `${JSON.stringify(figures, null, 2)}\n`);
}
