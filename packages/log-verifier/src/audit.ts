import { parseCheckpoint, type Checkpoint } from './checkpoint.ts';
import { chainHashOf, type ChainedEvent } from './event-hash.ts';
import { hashLeaf, verifyConsistency, verifyInclusion } from './rfc9162.ts';
import { openNote, parseVerifierKey, type VerifierKey } from './signed-note.ts';
import { VerificationError } from './verification-error.ts';

/** What an auditor keeps between runs: the key it trusts and the last checkpoint it verified. */
export interface TrustedState {
  verifierKey: string;
  /** The signed note of the last verified checkpoint. */
  checkpoint?: string;
}

export interface AuditOptions {
  /** The ledger's base URL, e.g. http://localhost:8080 */
  baseUrl: string;
  trusted: TrustedState;
  /** Also check that every event of this figure's audit trail is in the log. */
  figureId?: string;
  /** Extra request headers (an API token when reads need one). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export interface AuditReport {
  checkpoint: Checkpoint;
  /** The state to keep for the next run: the same key and the checkpoint just verified. */
  trusted: TrustedState;
  /** What was checked, one line each. */
  checks: string[];
}

interface ProofJson {
  hashes: string[];
}

/**
 * Verifies the latest checkpoint's signature, its consistency with the trusted checkpoint, and (with `figureId`) the
 * inclusion of every event behind the figure. Throws a VerificationError that says which check failed.
 */
export async function auditLog(options: AuditOptions): Promise<AuditReport> {
  const key = parseVerifierKey(options.trusted.verifierKey);
  const http = httpClient(options);
  const checks: string[] = [];

  const note = await http.text('/v1/log/checkpoint');
  const latest = openCheckpoint(note, key, 'the latest checkpoint');
  checks.push(
    `checkpoint signed by ${key.name}: tree size ${latest.treeSize}, root ${latest.rootHash.toString('hex')}`,
  );

  if (options.trusted.checkpoint) {
    const trusted = openCheckpoint(options.trusted.checkpoint, key, 'the trusted checkpoint');
    if (trusted.origin !== latest.origin)
      fail(`the latest checkpoint is for log "${latest.origin}", the trusted one for "${trusted.origin}"`);
    if (latest.treeSize < trusted.treeSize)
      fail(
        `truncated log: the latest checkpoint has tree size ${latest.treeSize}, smaller than the trusted ${trusted.treeSize}`,
      );
    await checkConsistent(http, trusted, latest, 'the trusted checkpoint', 'the latest checkpoint');
    checks.push(`consistent with the trusted checkpoint of tree size ${trusted.treeSize}`);
  }

  if (options.figureId !== undefined) checks.push(...(await checkFigure(http, key, latest, options.figureId)));
  return { checkpoint: latest, trusted: { verifierKey: options.trusted.verifierKey, checkpoint: note }, checks };
}

function fail(message: string): never {
  throw new VerificationError(message);
}

function openCheckpoint(note: string, key: VerifierKey, what: string): Checkpoint {
  try {
    return parseCheckpoint(openNote(note, key));
  } catch (error) {
    if (error instanceof VerificationError) fail(`${what}: ${error.message}`);
    throw error;
  }
}

/** `older` and `newer` are two views of one append-only log, whichever order they were fetched in. */
async function checkConsistent(
  http: HttpClient,
  a: Checkpoint,
  b: Checkpoint,
  aName: string,
  bName: string,
): Promise<void> {
  const [older, newer, olderName, newerName] = a.treeSize <= b.treeSize ? [a, b, aName, bName] : [b, a, bName, aName];
  if (older.treeSize === newer.treeSize) {
    if (!older.rootHash.equals(newer.rootHash))
      fail(
        `forked history: ${olderName} and ${newerName} both have tree size ${older.treeSize} but different roots (${older.rootHash.toString('hex')} and ${newer.rootHash.toString('hex')})`,
      );
    return;
  }
  if (older.treeSize === 0) return;
  const proof = await http.json<ProofJson & { first: number; second: number }>(
    `/v1/log/proof/consistency?first=${older.treeSize}&second=${newer.treeSize}`,
  );
  if (proof.first !== older.treeSize || proof.second !== newer.treeSize)
    fail(
      `asked for a consistency proof from ${older.treeSize} to ${newer.treeSize}, got one from ${proof.first} to ${proof.second}`,
    );
  try {
    verifyConsistency(older.treeSize, newer.treeSize, older.rootHash, newer.rootHash, hashesOf(proof));
  } catch (error) {
    if (error instanceof VerificationError)
      fail(`forked history: ${newerName} is not consistent with ${olderName}: ${error.message}`);
    throw error;
  }
}

interface FigureLogEntry {
  position: number;
  hash: string;
  log: { leafIndex: number; treeSize: number; hashes: string[] } | null;
}

async function checkFigure(http: HttpClient, key: VerifierKey, latest: Checkpoint, figureId: string) {
  const figure = await http.json<{ audit?: FigureLogEntry[]; logCheckpoint?: string | null }>(
    `/v1/figures/${encodeURIComponent(figureId)}`,
  );
  if (!figure.logCheckpoint || !Array.isArray(figure.audit))
    fail(`figure ${figureId}: the answer carries no log checkpoint or no audit trail`);
  const embedded = openCheckpoint(figure.logCheckpoint, key, `figure ${figureId}'s checkpoint`);
  await checkConsistent(http, embedded, latest, `figure ${figureId}'s checkpoint`, 'the latest checkpoint');
  const checks: string[] = [];
  for (const entry of figure.audit) {
    const where = `figure ${figureId}: the event at position ${entry.position}`;
    if (!entry.log) fail(`${where} has no inclusion proof`);
    const page = await http.json<{ events: ChainedEvent[] }>(`/v1/events?from=${entry.position}&limit=1`);
    const event = page.events[0];
    if (!event || event.position !== entry.position) fail(`${where} is missing from /v1/events: truncated log`);
    if (event.hash !== entry.hash)
      fail(`${where} has hash ${event.hash} in /v1/events but ${entry.hash} in the figure`);
    if (chainHashOf(event) !== event.hash)
      fail(`${where} does not match its chain hash ${event.hash}: its content was changed`);
    if (entry.log.leafIndex !== entry.position - 1 || entry.log.treeSize !== embedded.treeSize)
      fail(
        `${where} claims leaf ${entry.log.leafIndex} of tree size ${entry.log.treeSize}, not leaf ${entry.position - 1} of ${embedded.treeSize}`,
      );
    try {
      const leaf = hashLeaf(Buffer.from(event.hash, 'hex'));
      verifyInclusion(entry.log.leafIndex, embedded.treeSize, leaf, hashesOf(entry.log), embedded.rootHash);
    } catch (error) {
      if (error instanceof VerificationError) fail(`${where} is not in the signed log: ${error.message}`);
      throw error;
    }
    checks.push(`${where} (leaf ${entry.log.leafIndex}) is included in tree size ${embedded.treeSize}`);
  }
  return checks;
}

function hashesOf(proof: ProofJson): Buffer[] {
  if (!Array.isArray(proof.hashes)) fail('a proof carries no hashes array');
  return proof.hashes.map((h, i) => {
    if (typeof h !== 'string' || !/^([0-9a-f]{2})*$/.test(h)) fail(`proof hash ${i} is not lower-case hex`);
    return Buffer.from(h, 'hex');
  });
}

interface HttpClient {
  text(path: string): Promise<string>;
  json<T>(path: string): Promise<T>;
}

function httpClient(options: AuditOptions): HttpClient {
  const doFetch = options.fetch ?? fetch;
  async function get(path: string): Promise<Response> {
    const url = new URL(path, options.baseUrl).toString();
    const response = await doFetch(url, { headers: options.headers ?? {} });
    if (!response.ok) fail(`GET ${url} answered ${response.status} ${(await response.text()).slice(0, 300)}`);
    return response;
  }
  return {
    text: async (path) => (await get(path)).text(),
    json: async <T>(path: string) => (await (await get(path)).json()) as T,
  };
}
