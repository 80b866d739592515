import { ApiToken, ApiTokenList, CreatedToken, Scope, type CreateTokenRequest } from '@execops/contract';
import { Option, type Command } from '@commander-js/extra-typings';
import type { ClientFactory } from '../main.ts';
import { jsonOption, operatorHeaders, reasonOption, ticketOption } from '../operator.ts';
import { parseIntegerOption } from '../options.ts';
import { formatTable, printJson } from '../output.ts';


function tokenState(token: ApiToken): string {
  if (token.revokedAt) return `revoked ${token.revokedAt}`;
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) return `expired ${token.expiresAt}`;
  return 'live';
}

/** `execops tokens create|list|revoke` (scope admin for every tenant). */
export function addTokensCommands(program: Command, client: ClientFactory): void {
  const tokens = program.command('tokens').description('API tokens: scopes and tenants; the secret is shown once, at creation');

  tokens
    .command('create')
    .description('create a token and print its secret (shown this once)')
    .requiredOption('--name <name>', 'who acts with it (shown in the audit log)')
    .addOption(new Option('--scopes <scope...>', 'scopes it grants').choices(Scope.options).makeOptionMandatory())
    .option('--tenants <tenant...>', 'tenants it may act for ("*" for all)', ['default'])
    .option('--expires-in-days <n>', 'expire after this many days (default never)', parseIntegerOption)
    .addOption(reasonOption())
    .addOption(ticketOption())
    .addOption(jsonOption())
    .action(async (options) => {
      const body: CreateTokenRequest = {
        name: options.name,
        scopes: options.scopes,
        tenants: options.tenants,
        ...(options.expiresInDays !== undefined ? { expiresInDays: options.expiresInDays } : {}),
      };
      const created = await client().request(CreatedToken, 'POST', '/tokens', { body, headers: operatorHeaders(options) });
      if (options.json) return printJson(created);
      const { token, secret } = created;
      process.stdout.write(
        `token ${token.id} "${token.name}": ${token.scopes.join(' ')} for ${token.tenants.join(', ')}\n` +
          `${secret}\n(shown this once; only its hash is stored)\n`,
      );
    });

  tokens
    .command('list')
    .description('every token, newest first (never a secret)')
    .addOption(jsonOption())
    .action(async (options) => {
      const { items } = await client().request(ApiTokenList, 'GET', '/tokens');
      if (options.json) return printJson(items);
      const rows = items.map((t) => [t.id, t.name, t.scopes.join(' '), t.tenants.join(','), tokenState(t), t.lastUsedAt ?? '-']);
      process.stdout.write(`${formatTable(['ID', 'NAME', 'SCOPES', 'TENANTS', 'STATE', 'LAST USED'], rows)}\n`);
    });

  tokens
    .command('revoke')
    .description('revoke a token at once (its console sessions end too)')
    .argument('<id>', 'token id (the 16 hex digits after eo_)')
    .addOption(reasonOption())
    .addOption(ticketOption())
    .addOption(jsonOption())
    .action(async (id, options) => {
      const token = await client().request(ApiToken, 'POST', `/tokens/${encodeURIComponent(id)}/revoke`, { headers: operatorHeaders(options) });
      if (options.json) return printJson(token);
      process.stdout.write(`token ${token.id} "${token.name}" revoked\n`);
    });
}
