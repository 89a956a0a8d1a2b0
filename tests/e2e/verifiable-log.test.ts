import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  auditLog,
  chainHashOf,
  formatCheckpoint,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  type ChainedEvent,
  type TrustedState,
} from '@ledger/log-verifier';
import { generatePrivateKey, signerFromPrivateKey } from '@ledger/merkle-log';
import { bootFreshLedger, eventually, handReport, WRITE_TOKEN } from '@ledger/ledger-api/testing';
import { runAudit } from '@ledger/ledger-cli/audit';

type Ledger = Awaited<ReturnType<typeof bootFreshLedger>>;
let ledger: Ledger;
let base: string;
let verifierKey: string;
let figureId: string;
let figureEventPosition: number;

const get = async (path: string) => fetch(new URL(path, base));
const head = async () => ((await (await get('/v1/events?limit=1')).json()) as { head: number }).head;
const latestCheckpoint = async () =>
  parseCheckpoint(openNote(await (await get('/v1/log/checkpoint')).text(), parseVerifierKey(verifierKey)));
/** The server's own key: a lying operator holds it and can sign whatever it likes. */
const operatorKey = () => signerFromPrivateKey(readFileSync(join(ledger.dataDir, 'log-signing.key'), 'utf8'));

/** A fetch that answers like the ledger except where `lie` rewrites the body of one path. */
function lyingFetch(path: RegExp, lie: (body: string) => string): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    const url = new URL(String(input));
    if (!path.test(url.pathname + url.search)) return response;
    return new Response(lie(await response.text()), { status: response.status, headers: response.headers });
  };
}

beforeAll(async () => {
  ledger = await bootFreshLedger();
  base = `http://127.0.0.1:${ledger.port}`;
  verifierKey = (await (await get('/v1/log/public-key')).text()).trim();
  const posted = await fetch(new URL('/v1/figures', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_TOKEN}` },
    body: JSON.stringify(handReport({ indicator: '可验证日志指标' })),
  });
  expect(posted.status).toBe(201);
  const body = (await posted.json()) as { figureId: string; position: number };
  figureId = body.figureId;
  figureEventPosition = body.position;
  const size = await head();
  await eventually(async () => expect((await latestCheckpoint()).treeSize).toBe(size));
  await eventually(async () => expect((await get(`/v1/figures/${figureId}`)).status).toBe(200));
  // Booting ingests the seeds: slow on a loaded machine.
}, 120_000);
afterAll(async () => {
  await ledger.close();
  rmSync(ledger.dataDir, { recursive: true, force: true });
});

describe('the verifiable log over HTTP', () => {
  it('serves a C2SP checkpoint over every event, signed by the key it publishes', async () => {
    const response = await get('/v1/log/checkpoint');
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const note = await response.text();
    expect(note).toMatch(
      /^indicator-ledger\/\S+\n\d+\n[A-Za-z0-9+/]{43}=\n\n\u2014 indicator-ledger\/\S+ [A-Za-z0-9+/=]+\n$/,
    );
    expect(verifierKey).toMatch(/^indicator-ledger\/\S+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    expect((await latestCheckpoint()).treeSize).toBe(await head());
  });

  it('proves an event, from the event read in /v1/events, against the checkpoint', async () => {
    const cp = await latestCheckpoint();
    const proof = (await (
      await get(`/v1/log/proof/inclusion?position=${figureEventPosition}&treeSize=${cp.treeSize}`)
    ).json()) as { leafHash: string };
    expect(proof).toMatchObject({
      leafIndex: figureEventPosition - 1,
      treeSize: cp.treeSize,
      rootHash: cp.rootHash.toString('hex'),
    });
    const entries = (await (
      await get(`/v1/log/entries?start=${figureEventPosition - 1}&end=${figureEventPosition}`)
    ).json()) as { entries: { leafIndex: number; leafHash: string; event: ChainedEvent }[] };
    expect(entries.entries[0]).toMatchObject({ leafIndex: figureEventPosition - 1, leafHash: proof.leafHash });
    expect(chainHashOf(entries.entries[0]!.event)).toBe(entries.entries[0]!.event.hash);
  });

  it('names the bad parameter in a 400 problem', async () => {
    const size = await head();
    const cases: [string, string][] = [
      ['/v1/log/proof/inclusion?position=0&treeSize=1', 'query.position'],
      ['/v1/log/proof/inclusion?position=x&treeSize=1', 'query.position'],
      [`/v1/log/proof/inclusion?position=1&treeSize=${size + 1}`, 'query.treeSize'],
      [`/v1/log/proof/inclusion?position=${size}&treeSize=1`, 'query.position'],
      ['/v1/log/proof/inclusion?position=1', 'query.treeSize'],
      ['/v1/log/proof/consistency?first=2&second=1', 'query.first'],
      [`/v1/log/proof/consistency?first=1&second=${size + 1}`, 'query.second'],
      ['/v1/log/proof/consistency?first=-1&second=1', 'query.first'],
      [`/v1/log/entries?start=0&end=${size + 1}`, 'query.end'],
      ['/v1/log/entries?start=3&end=2', 'query.start'],
    ];
    for (const [path, field] of cases) {
      const response = await get(path);
      expect([path, response.status, response.headers.get('content-type')]).toEqual([
        path,
        400,
        'application/problem+json; charset=utf-8',
      ]);
      const problem = (await response.json()) as { errors: { field: string }[] };
      expect(problem.errors.map((e) => e.field)).toContain(field);
    }
  });

  it('an auditor that starts from the public key verifies a figure, then the consistency of the next checkpoint', async () => {
    const first = await auditLog({ baseUrl: base, trusted: { verifierKey }, figureId });
    expect(first.checks.join('\n')).toMatch(
      new RegExp(`event at position ${figureEventPosition} \\(leaf ${figureEventPosition - 1}\\) is included`),
    );
    const posted = await fetch(new URL('/v1/figures', base), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${WRITE_TOKEN}` },
      body: JSON.stringify(handReport({ indicator: '可验证日志指标二' })),
    });
    const second = (await posted.json()) as { figureId: string };
    const size = await head();
    await eventually(async () => expect((await latestCheckpoint()).treeSize).toBe(size));
    await eventually(async () => expect((await get(`/v1/figures/${second.figureId}`)).status).toBe(200));
    const next = await auditLog({ baseUrl: base, trusted: first.trusted, figureId: second.figureId });
    expect(next.checkpoint.treeSize).toBeGreaterThan(first.checkpoint.treeSize);
    expect(next.checks).toContain(`consistent with the trusted checkpoint of tree size ${first.checkpoint.treeSize}`);
  });

  it('pnpm ledger audit keeps the trusted checkpoint in a file and says what it checked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    try {
      const file = join(dir, 'trusted.json');
      const out: string[] = [];
      const sink = { write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream;
      expect(await runAudit(['--url', base, '--trusted', file, '--figure', figureId], sink)).toBe(0);
      expect(out.join('')).toMatch(
        /trusting the server's key on first use[\s\S]*ok: checkpoint signed by[\s\S]*is included in tree size/,
      );
      const saved = JSON.parse(readFileSync(file, 'utf8')) as TrustedState;
      expect(saved.verifierKey).toBe(verifierKey);
      out.length = 0;
      expect(await runAudit(['--url', base, '--trusted', file], sink)).toBe(0);
      expect(out.join('')).toMatch(/ok: consistent with the trusted checkpoint/);
      out.length = 0;
      const liar = lyingFetch(/^\/v1\/log\/checkpoint$/, () =>
        operatorKey().signNote(
          formatCheckpoint({
            origin: parseCheckpoint(openNote(saved.checkpoint!, parseVerifierKey(verifierKey))).origin,
            treeSize: 1,
            rootHash: Buffer.alloc(32),
          }),
        ),
      );
      expect(await runAudit(['--url', base, '--trusted', file], sink, { fetch: liar })).toBe(1);
      expect(out.join('')).toMatch(
        /^audit failed: truncated log: the latest checkpoint has tree size 1, smaller than the trusted \d+\n$/,
      );
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a lying server is caught', () => {
  const audit = (lie: typeof fetch, trusted: TrustedState = { verifierKey }) =>
    auditLog({ baseUrl: base, trusted, figureId, fetch: lie });

  it('a changed leaf: an event whose content no longer matches its hash', async () => {
    const liar = lyingFetch(/^\/v1\/events\?/, (body) => body.replace(/"value":"21\.7"/, '"value":"31.7"'));
    await expect(audit(liar)).rejects.toThrow(
      new RegExp(
        `^figure ${figureId}: the event at position ${figureEventPosition} does not match its chain hash [0-9a-f]{64}: its content was changed$`,
      ),
    );
  });

  it('a changed leaf with its hashes rewritten to match: not in the signed tree', async () => {
    let forged = '';
    const liar: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const path = new URL(String(input)).pathname;
      if (path === '/v1/events') {
        const page = (await response.json()) as { events: ChainedEvent[] };
        const event = { ...page.events[0]!, data: { ...(page.events[0]!.data as object), value: '31.7' } };
        event.hash = chainHashOf(event);
        forged = event.hash;
        return Response.json({ ...page, events: [event] });
      }
      if (path.startsWith('/v1/figures/')) {
        const figure = (await response.json()) as { audit: { hash: string }[] };
        return Response.json({ ...figure, audit: figure.audit.map((e) => ({ ...e, hash: forged || e.hash })) });
      }
      return response;
    };
    // The figure is read before its events; fetch one event first so the forged hash is known.
    await liar(new URL(`/v1/events?from=${figureEventPosition}&limit=1`, base));
    await expect(audit(liar)).rejects.toThrow(
      new RegExp(
        `^figure ${figureId}: the event at position ${figureEventPosition} is not in the signed log: inclusion proof of leaf ${figureEventPosition - 1} in tree size \\d+ leads to root [0-9a-f]{64}, not the expected [0-9a-f]{64}$`,
      ),
    );
  });

  it('a changed proof node', async () => {
    const liar = lyingFetch(/^\/v1\/figures\//, (body) => {
      const figure = JSON.parse(body);
      const hashes: string[] = figure.audit[0].log.hashes;
      hashes[1] = hashes[1]!.replace(/^./, (c) => (c === '0' ? '1' : '0'));
      return JSON.stringify(figure);
    });
    await expect(audit(liar)).rejects.toThrow(
      /^figure .*: the event at position \d+ is not in the signed log: inclusion proof of leaf \d+ in tree size \d+ leads to root [0-9a-f]{64}, not the expected/,
    );
  });

  it('a forked history: two checkpoints of one size with different roots', async () => {
    const real = await latestCheckpoint();
    const fork = operatorKey().signNote(formatCheckpoint({ ...real, rootHash: Buffer.alloc(32, 7) }));
    await expect(audit(fetch, { verifierKey, checkpoint: fork })).rejects.toThrow(
      new RegExp(
        `^forked history: the trusted checkpoint and the latest checkpoint both have tree size ${real.treeSize} but different roots \\(0707`,
      ),
    );
  });

  it('a forked history: a new checkpoint inconsistent with the trusted one', async () => {
    const real = await latestCheckpoint();
    const trusted = operatorKey().signNote(
      formatCheckpoint({ ...real, treeSize: real.treeSize - 3, rootHash: Buffer.alloc(32, 9) }),
    );
    await expect(audit(fetch, { verifierKey, checkpoint: trusted })).rejects.toThrow(
      new RegExp(
        `^forked history: the latest checkpoint is not consistent with the trusted checkpoint: the consistency proof from ${real.treeSize - 3} to ${real.treeSize} rebuilds the first root as [0-9a-f]{64}, not the trusted 0909`,
      ),
    );
  });

  it('a truncated log: a checkpoint smaller than the trusted one, or an event gone from the feed', async () => {
    const real = await latestCheckpoint();
    const trusted = operatorKey().signNote(formatCheckpoint({ ...real, treeSize: real.treeSize + 5 }));
    await expect(audit(fetch, { verifierKey, checkpoint: trusted })).rejects.toThrow(
      `truncated log: the latest checkpoint has tree size ${real.treeSize}, smaller than the trusted ${real.treeSize + 5}`,
    );
    const liar = lyingFetch(/^\/v1\/events\?/, (body) => JSON.stringify({ ...JSON.parse(body), events: [] }));
    await expect(audit(liar)).rejects.toThrow(
      `figure ${figureId}: the event at position ${figureEventPosition} is missing from /v1/events: truncated log`,
    );
  });

  it('a wrong key: a checkpoint signed by another key under the same name', async () => {
    const real = await latestCheckpoint();
    const impostor = signerFromPrivateKey(generatePrivateKey(real.origin));
    const liar = lyingFetch(/^\/v1\/log\/checkpoint$/, () => impostor.signNote(formatCheckpoint(real)));
    await expect(audit(liar)).rejects.toThrow(
      new RegExp(
        `^the latest checkpoint: the note is not signed by the trusted key ${real.origin.replace('/', '\\/')}\\+[0-9a-f]{8} \\(signed by: `,
      ),
    );
  });
});
