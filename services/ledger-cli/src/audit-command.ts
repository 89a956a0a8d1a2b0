import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { auditLog, VerificationError, type TrustedState } from '@ledger/log-verifier';

export const AUDIT_USAGE =
  'audit --url <base> [--trusted FILE] [--key VERIFIER_KEY] [--figure ID]   verify the signed log as an outside auditor';

/**
 * `ledger audit`: checks the latest checkpoint's signature and its consistency with the one trusted before (kept in
 * --trusted, updated on success), and with --figure the inclusion of the figure's events. Exit 1 and the failed check
 * when the server lies. The key comes from --key or the trusted file; without either it is taken from the server once
 * (trust on first use) and said so.
 */
export async function runAudit(
  args: string[],
  out: NodeJS.WritableStream,
  options: { fetch?: typeof fetch } = {},
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      url: { type: 'string' },
      trusted: { type: 'string' },
      key: { type: 'string' },
      figure: { type: 'string' },
      token: { type: 'string' },
    },
    strict: true,
  });
  if (!values.url) {
    out.write(`usage: ledger ${AUDIT_USAGE}\n`);
    return 2;
  }
  const headers: Record<string, string> = values.token ? { authorization: `Bearer ${values.token}` } : {};
  const saved: Partial<TrustedState> =
    values.trusted && existsSync(values.trusted) ? JSON.parse(readFileSync(values.trusted, 'utf8')) : {};
  let verifierKey = values.key ?? saved.verifierKey;
  if (saved.verifierKey && values.key && saved.verifierKey !== values.key) {
    out.write(`audit failed: --key differs from the key kept in ${values.trusted}\n`);
    return 1;
  }
  if (!verifierKey) {
    const response = await (options.fetch ?? fetch)(new URL('/v1/log/public-key', values.url), { headers });
    verifierKey = (await response.text()).trim();
    out.write(`trusting the server's key on first use: ${verifierKey}\n`);
  }
  try {
    const report = await auditLog({
      baseUrl: values.url,
      trusted: { verifierKey, ...(saved.checkpoint && { checkpoint: saved.checkpoint }) },
      ...(values.figure !== undefined && { figureId: values.figure }),
      headers,
      ...(options.fetch && { fetch: options.fetch }),
    });
    for (const check of report.checks) out.write(`ok: ${check}\n`);
    if (values.trusted) {
      // Replace atomically: a crash must not leave a half-written trusted state.
      writeFileSync(`${values.trusted}.tmp`, `${JSON.stringify(report.trusted, null, 2)}\n`);
      renameSync(`${values.trusted}.tmp`, values.trusted);
      out.write(`trusted checkpoint updated to tree size ${report.checkpoint.treeSize} in ${values.trusted}\n`);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof VerificationError)) throw error;
    out.write(`audit failed: ${error.message}\n`);
    return 1;
  }
}
