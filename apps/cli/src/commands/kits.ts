import { chmod, readFile, writeFile } from 'node:fs/promises';
import { Option, type Command } from '@commander-js/extra-typings';
import { Ed25519PrivateJwk, Ed25519PublicJwk, KitStatus, KitList, KitSummary, KitVersion, SiteKey, TrustKey, TrustKeyList } from '@execops/contract';
import type { z } from 'zod';
import { CliError } from '../api-client.ts';
import type { ClientFactory } from '../main.ts';
import { jsonOption, operatorHeaders, reasonOption, ticketOption } from '../operator.ts';
import { formatTable, printJson } from '../output.ts';

async function readJsonFile<T extends z.ZodType>(schema: T, path: string, what: string): Promise<z.infer<T>> {
  const text = await readFile(path, 'utf8').catch((error: Error) => {
    throw new CliError(`${path}: ${error.message}`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`${path} is not JSON (expected ${what})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CliError(`${path} is not ${what}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

const kitLine = (kit: KitSummary) =>
  `kit ${kit.version ?? '?'} (${kit.id}) ${kit.status}${kit.reason ? `: ${kit.reason.code}: ${kit.reason.message}` : `, ${kit.advisories} advisories, signed by ${kit.keyName}`}`;

/** `execops kit build|keygen|import|list|rollback|export|site-key`. */
export function addKitCommands(program: Command, client: ClientFactory): void {
  const kit = program.command('kit').description('offline kits: signed vulnerability feeds (OSV) to build, import, list, roll back and export');

  kit
    .command('build')
    .description('build a signed kit from OSV JSON files (no server needed)')
    .requiredOption('--osv <paths...>', 'OSV JSON files or folders of them')
    .option('--analyzer <paths...>', 'declarative analyzer definitions (JSON) the kit carries, or folders of them')
    .requiredOption('--key <file>', 'private Ed25519 JWK to sign with (execops kit keygen makes one)')
    .requiredOption('--version <version>', 'dotted numbers, above the active kit of the sites that import it (e.g. 2026.12.02.1)')
    .requiredOption('--out <file>', 'the .tar.gz to write')
    .option('--created-at <iso>', 'creation time (default now)')
    .action(async (options) => {
      const version = KitVersion.safeParse(options.version);
      if (!version.success) throw new CliError(version.error.issues[0]?.message ?? 'invalid --version');
      const createdAt = options.createdAt === undefined ? new Date() : new Date(options.createdAt);
      if (Number.isNaN(createdAt.getTime())) throw new CliError(`--created-at ${options.createdAt} is not a date`);
      const signingKey = await readJsonFile(Ed25519PrivateJwk, options.key, 'a private Ed25519 JWK');
      const asCliError = (error: Error) => {
        throw new CliError(error.message);
      };
      const { buildKit, readAnalyzerDefinitions, readOsvInputs } = await import('@execops/scanner');
      const records = await readOsvInputs(options.osv).catch(asCliError);
      const analyzers = options.analyzer ? await readAnalyzerDefinitions(options.analyzer).catch(asCliError) : [];
      const built = buildKit({ records, analyzers, version: version.data, createdAt, signingKey });
      await writeFile(options.out, built.bytes);
      const feeds = built.manifest.feeds.map((feed) => `${feed.ecosystem} ${feed.advisories}`).join(', ');
      const carried = analyzers.length > 0 ? `; analyzers: ${analyzers.map((a) => `${a.id} ${a.version} (${a.ecosystem})`).join(', ')}` : '';
      process.stdout.write(`${options.out}: kit ${version.data} signed by ${signingKey.kid}, ${built.bytes.length} bytes; feeds: ${feeds}${carried}\n`);
    });

  kit
    .command('keygen')
    .description('make an Ed25519 signing key: the private JWK goes to --out (mode 600), the public JWK to stdout')
    .requiredOption('--out <file>', 'file for the private JWK (not overwritten)')
    .option('--kid <kid>', 'key id (default: the key thumbprint)')
    .action(async (options) => {
      const { generateSigningKey, publicJwk } = await import('@execops/scanner');
      const key = generateSigningKey(options.kid);
      const kid = Ed25519PublicJwk.shape.kid.safeParse(key.kid);
      if (!kid.success) throw new CliError(`--kid: ${kid.error.issues[0]?.message ?? 'invalid'}`);
      await writeFile(options.out, `${JSON.stringify(key, null, 2)}\n`, { flag: 'wx', mode: 0o600 }).catch((error: NodeJS.ErrnoException) => {
        throw new CliError(error.code === 'EEXIST' ? `${options.out} exists; keygen never overwrites a key` : `${options.out}: ${error.message}`);
      });
      await chmod(options.out, 0o600);
      printJson(publicJwk(key));
    });

  kit
    .command('import')
    .description('upload a kit: verified, then activated; a refused kit is quarantined with the reason')
    .argument('<file>', 'the kit (.tar.gz)')
    .addOption(reasonOption())
    .addOption(ticketOption())
    .addOption(jsonOption())
    .action(async (file, options) => {
      const data = await readFile(file).catch((error: Error) => {
        throw new CliError(`${file}: ${error.message}`);
      });
      const imported = await client().request(KitSummary, 'POST', '/scanner/kits/import', {
        raw: { data, contentType: 'application/gzip' },
        headers: operatorHeaders(options),
      });
      if (options.json) return printJson(imported);
      process.stdout.write(`${kitLine(imported)}; generation ${imported.generation}\n`);
    });

  kit
    .command('list')
    .description('kits with their status (active, previous, superseded, quarantined) and the reason of a refusal')
    .addOption(new Option('--status <status>', 'only this status').choices(KitStatus.options))
    .addOption(jsonOption())
    .action(async (options) => {
      const { items } = await client().request(KitList, 'GET', `/scanner/kits${options.status ? `?status=${options.status}` : ''}`);
      if (options.json) return printJson(items);
      const rows = items.map((k) => [k.id, k.version ?? '-', k.status, k.createdAt ?? '-', k.receivedAt, k.keyName ?? k.kid ?? '-', k.reason ? `${k.reason.code}: ${k.reason.message}` : `${k.advisories} advisories`]);
      process.stdout.write(`${formatTable(['ID', 'VERSION', 'STATUS', 'CREATED', 'RECEIVED', 'KEY', 'ADVISORIES / REASON'], rows)}\n`);
    });

  kit
    .command('rollback')
    .description('activate again the kit that was active before the current one')
    .addOption(reasonOption())
    .addOption(ticketOption())
    .addOption(jsonOption())
    .action(async (options) => {
      const active = await client().request(KitSummary, 'POST', '/scanner/kits/rollback', { headers: operatorHeaders(options) });
      if (options.json) return printJson(active);
      process.stdout.write(`${kitLine(active)}; generation ${active.generation}\n`);
    });

  kit
    .command('export')
    .description("build and sign (site key) a kit of the active feed for another site; it trusts `execops kit site-key`")
    .requiredOption('--out <file>', 'the .tar.gz to write')
    .option('--version <version>', 'default: the active version + 1 in its last part')
    .addOption(reasonOption())
    .addOption(ticketOption())
    .action(async (options) => {
      const query = options.version ? `?version=${encodeURIComponent(options.version)}` : '';
      const bytes = await client().download(`/scanner/kits/export${query}`, options.out, { method: 'POST', headers: operatorHeaders(options) });
      process.stdout.write(`${options.out}: ${bytes} bytes\n`);
    });

  kit
    .command('site-key')
    .description("this site's public signing key (JWK) for another site to add as a trust key")
    .action(async () => printJson((await client().request(SiteKey, 'GET', '/scanner/site-key')).jwk));

  addTrustKeyCommands(program, client);
}

const keyState = (key: TrustKey) => (key.revokedAt ? `revoked ${key.revokedAt} by ${key.revokedBy}` : 'trusted');

/** `execops trust-keys list|add|revoke`. */
function addTrustKeyCommands(program: Command, client: ClientFactory): void {
  const keys = program.command('trust-keys').description('the Ed25519 public keys kits must be signed with');

  keys
    .command('list')
    .description('trust keys, revoked ones too')
    .addOption(jsonOption())
    .action(async (options) => {
      const { items } = await client().request(TrustKeyList, 'GET', '/scanner/trust-keys');
      if (options.json) return printJson(items);
      process.stdout.write(`${formatTable(['KID', 'NAME', 'ADDED', 'BY', 'STATE'], items.map((k) => [k.kid, k.name, k.addedAt, k.addedBy, keyState(k)]))}\n`);
    });

  keys
    .command('add')
    .description('trust a public Ed25519 JWK (a private one is refused: only its public half is sent)')
    .requiredOption('--name <name>', 'whose key it is')
    .requiredOption('--jwk <file>', 'the public JWK (kty OKP, crv Ed25519, x, kid)')
    .addOption(reasonOption())
    .addOption(ticketOption())
    .addOption(jsonOption())
    .action(async (options) => {
      const jwk = await readJsonFile(Ed25519PublicJwk.strict(), options.jwk, 'a public Ed25519 JWK');
      const key = await client().request(TrustKey, 'POST', '/scanner/trust-keys', { body: { name: options.name, jwk }, headers: operatorHeaders(options) });
      if (options.json) return printJson(key);
      process.stdout.write(`trust key ${key.kid} "${key.name}" added\n`);
    });

  keys
    .command('revoke')
    .description('revoke a trust key: kits signed with it are refused from now on')
    .argument('<kid>', 'key id')
    .addOption(reasonOption())
    .addOption(ticketOption())
    .addOption(jsonOption())
    .action(async (kid, options) => {
      const key = await client().request(TrustKey, 'POST', `/scanner/trust-keys/${encodeURIComponent(kid)}/revoke`, { headers: operatorHeaders(options) });
      if (options.json) return printJson(key);
      process.stdout.write(`trust key ${key.kid} "${key.name}" revoked\n`);
    });
}
