import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { Baseline, CancelScanResponse, CompareResult, describeNotCompared, ScanDetail, ScanFindingList, ScanList, ScanUpload, StartScanResponse, type ScanSummary } from '@execops/contract';
import type { Command } from '@commander-js/extra-typings';
import { CliError } from '../api-client.ts';
import type { ClientFactory } from '../main.ts';
import { operatorHeaders, jsonOption, reasonOption, ticketOption } from '../operator.ts';
import { formatDuration, formatTable, printJson } from '../output.ts';

const WAIT_POLL_MS = 1_000;
const FINAL = ['succeeded', 'partial', 'failed', 'canceled'];

const scanRow = (s: ScanSummary) => [s.id, s.targetName, s.state, String(s.components ?? '-'), String(s.findings ?? '-'), formatDuration(s.durationMs), s.createdAt];
const SCAN_HEADERS = ['ID', 'TARGET', 'STATE', 'COMPONENTS', 'FINDINGS', 'DURATION', 'CREATED'];

export function addScanCommands(program: Command, client: ClientFactory): void {
  program
    .command('scan')
    .description('scan a path on the server host (directory, tar/tar.gz, docker save, OCI layout) or upload an archive')
    .argument('[path]', 'path on the server host (made absolute here)')
    .option('--upload <file>', 'upload this archive and scan it')
    .option('--name <name>', 'target name baselines are kept for (default the path or file name)')
    .option('--wait', 'wait until the scan finished; exit 1 unless it succeeded')
    .addOption(jsonOption())
    .action(async (path, options) => {
      if (!path === !options.upload) throw new CliError('give a path or --upload <file> (one of them)');
      const api = client();
      let target: { kind: 'path'; path: string } | { kind: 'upload'; uploadId: string };
      if (options.upload) {
        const data = await readFile(options.upload).catch((error: Error) => {
          throw new CliError(`cannot read ${options.upload}: ${error.message}`);
        });
        const name = encodeURIComponent(basename(options.upload));
        const upload = await api.request(ScanUpload, 'POST', `/scanner/uploads?fileName=${name}`, { raw: { data, contentType: 'application/octet-stream' } });
        target = { kind: 'upload', uploadId: upload.id };
      } else target = { kind: 'path', path: resolve(path as string) };
      const started = await api.request(StartScanResponse, 'POST', '/scanner/scans', { body: { target, ...(options.name ? { targetName: options.name } : {}) } });
      let scan: ScanSummary = started.scan;
      if (options.wait) {
        while (!FINAL.includes(scan.state)) {
          await new Promise((r) => setTimeout(r, WAIT_POLL_MS));
          scan = await api.request(ScanDetail, 'GET', `/scanner/scans/${scan.id}`);
        }
      }
      if (options.json) printJson(scan);
      else process.stdout.write(`scan ${scan.id} of ${scan.targetName}: ${scan.state}` + (scan.findings === null ? '' : `, ${scan.components} components, ${scan.findings} findings`) + `\n`);
      if (options.wait && scan.state !== 'succeeded') process.exitCode = 1;
    });

  const scans = program.command('scans').description('scans and their results');
  scans
    .command('list')
    .option('--target <name>', 'only this target')
    .option('--state <states>', 'comma-separated states')
    .addOption(jsonOption())
    .action(async (options) => {
      const query = new URLSearchParams();
      if (options.target) query.set('targetName', options.target);
      if (options.state) query.set('state', options.state);
      const list = await client().request(ScanList, 'GET', `/scanner/scans?${query}`);
      if (options.json) return printJson(list);
      process.stdout.write(`${formatTable(SCAN_HEADERS, list.items.map(scanRow))}\n`);
    });
  scans
    .command('get')
    .argument('<id>')
    .addOption(jsonOption())
    .action(async (id, options) => {
      const scan = await client().request(ScanDetail, 'GET', `/scanner/scans/${id}`);
      if (options.json) return printJson(scan);
      process.stdout.write(`${formatTable(SCAN_HEADERS, [scanRow(scan)])}\n\n`);
      const rows = scan.analyzers.map((a) => [a.analyzer, a.analyzerVersion, a.outcome ?? 'pending', formatDuration(a.durationMs), a.cacheHit ? 'yes' : 'no', a.error ?? '']);
      process.stdout.write(`${formatTable(['ANALYZER', 'VERSION', 'OUTCOME', 'DURATION', 'CACHED', 'ERROR'], rows)}\n`);
    });
  scans
    .command('cancel')
    .description("cancel a queued or running scan: its unfinished pipeline jobs are canceled (running ones asked to stop)")
    .argument('<id>')
    .addOption(reasonOption())
    .addOption(ticketOption())
    .addOption(jsonOption())
    .action(async (id, options) => {
      const canceled = await client().request(CancelScanResponse, 'POST', `/scanner/scans/${id}/cancel`, { headers: operatorHeaders(options) });
      if (options.json) return printJson(canceled);
      process.stdout.write(`scan ${canceled.scan.id} of ${canceled.scan.targetName}: ${canceled.scan.state}, ${canceled.jobIds.length} jobs canceled\n`);
    });
  scans
    .command('findings')
    .argument('<id>')
    .addOption(jsonOption())
    .action(async (id, options) => {
      const list = await client().request(ScanFindingList, 'GET', `/scanner/scans/${id}/findings`);
      if (options.json) return printJson(list);
      const rows = list.items.map((f) => [f.advisoryId, f.severity, `${f.name}@${f.version}`, f.fixedVersions.join(' ') || '-', f.summary]);
      process.stdout.write(`${formatTable(['ADVISORY', 'SEVERITY', 'PACKAGE', 'FIXED IN', 'SUMMARY'], rows)}\n`);
    });
  scans
    .command('sbom')
    .argument('<id>')
    .requiredOption('--out <file>', 'where to write the CycloneDX JSON')
    .action(async (id, options) => {
      const bytes = await client().download(`/scanner/scans/${id}/sbom`, options.out);
      process.stdout.write(`wrote ${bytes} bytes to ${options.out}\n`);
    });
  scans
    .command('compare')
    .argument('<id>')
    .option('--against <scanId>', "another scan (default the target's baseline)")
    .addOption(jsonOption())
    .action(async (id, options) => {
      const query = options.against ? `?against=${encodeURIComponent(options.against)}` : '';
      const result = await client().request(CompareResult, 'GET', `/scanner/scans/${id}/compare${query}`);
      if (options.json) return printJson(result);
      process.stdout.write(`against ${result.baselineScanId ?? 'no baseline'}: ${result.counts.new} new, ${result.counts.fixed} fixed, ${result.counts.unchanged} unchanged\n`);
      for (const skipped of result.notCompared) process.stdout.write(`${describeNotCompared(skipped)}\n`);
      const rows = (['new', 'fixed', 'unchanged'] as const).flatMap((kind) => result[kind].map((f) => [kind, f.advisoryId, f.severity, `${f.name}@${f.version}`]));
      if (rows.length > 0) process.stdout.write(`${formatTable(['CHANGE', 'ADVISORY', 'SEVERITY', 'PACKAGE'], rows)}\n`);
    });

  const baselines = program.command('baselines').description("targets' baseline scans");
  baselines
    .command('promote')
    .argument('<scanId>')
    .addOption(reasonOption())
    .addOption(ticketOption())
    .addOption(jsonOption())
    .action(async (scanId, options) => {
      const baseline = await client().request(Baseline, 'POST', '/scanner/baselines', { body: { scanId }, headers: operatorHeaders(options) });
      if (options.json) return printJson(baseline);
      process.stdout.write(`scan ${baseline.scanId} is the baseline of ${baseline.targetName}\n`);
    });
}
