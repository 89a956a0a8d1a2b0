import { Router } from 'express';
import { z } from 'zod';
import type { EventStore } from '@ledger/event-store';
import { parseCheckpoint, parseNote } from '@ledger/log-verifier';
import { leafHashOf, ProofRequestError, type VerifiableLog } from '@ledger/merkle-log';
import { HttpProblem } from '../problem.ts';
import { input } from '../validate.ts';

type LogDeps = Pick<VerifiableLog, 'tree' | 'checkpointer' | 'signer'>;

const Count = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must not be negative')
  .max(Number.MAX_SAFE_INTEGER);
const Position = Count.min(1, 'must be at least 1 (positions start at 1)');
export const InclusionQuery = z.strictObject({ position: Position, treeSize: Count.min(1, 'must be at least 1') });
export const ConsistencyQuery = z.strictObject({ first: Count, second: Count });
const MAX_ENTRIES = 1000;
export const EntriesQuery = z.strictObject({ start: Count, end: Count });

const hex = (b: Buffer) => b.toString('hex');

/** A proof request the tree refuses (size not built, leaf outside it): a 400 naming the query parameter. */
async function proving<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ProofRequestError)
      throw new HttpProblem({
        status: 400,
        title: 'Invalid request',
        detail: error.message,
        errors: [{ field: `query.${error.parameter}`, problem: error.message }],
      });
    throw error;
  }
}

async function latestNote(log: LogDeps): Promise<string> {
  const note = await log.checkpointer.latest();
  if (!note)
    throw new HttpProblem({ status: 503, title: 'Service Unavailable', detail: 'no checkpoint has been signed yet' });
  return note;
}

/** The verifiable log: C2SP checkpoints and verifier key, RFC 9162 proofs in hex, the leaves' events. */
export function logRoutes(log: LogDeps, store: EventStore): Router {
  const router = Router();
  router.get('/v1/log/public-key', (_req, res) => {
    res.type('text/plain; charset=utf-8').send(`${log.signer.verifierKey}\n`);
  });

  router.get('/v1/log/checkpoint', async (_req, res) => {
    res.type('text/plain; charset=utf-8').send(await latestNote(log));
  });

  router.get('/v1/log/proof/inclusion', async (req, res) => {
    const { position, treeSize } = input(InclusionQuery, req, 'query');
    const proof = await proving(log.tree.inclusionProof(position - 1, treeSize));
    res.json({
      leafIndex: proof.leafIndex,
      treeSize: proof.treeSize,
      leafHash: hex(proof.leafHash),
      rootHash: hex(proof.rootHash),
      hashes: proof.hashes.map(hex),
    });
  });

  router.get('/v1/log/proof/consistency', async (req, res) => {
    const { first, second } = input(ConsistencyQuery, req, 'query');
    const proof = await proving(log.tree.consistencyProof(first, second));
    res.json({
      first: proof.first,
      second: proof.second,
      firstRootHash: hex(proof.firstRootHash),
      secondRootHash: hex(proof.secondRootHash),
      hashes: proof.hashes.map(hex),
    });
  });

  router.get('/v1/log/entries', async (req, res) => {
    const { start, end } = input(EntriesQuery, req, 'query');
    const size = await log.tree.size();
    const bad = (field: string, problem: string) =>
      new HttpProblem({
        status: 400,
        title: 'Invalid request',
        detail: `${field} ${problem}`,
        errors: [{ field, problem }],
      });
    if (end > size) throw bad('query.end', `must be at most the built tree size ${size}`);
    if (start > end) throw bad('query.start', 'must not be greater than end');
    if (end - start > MAX_ENTRIES) throw bad('query.end', `must be at most start + ${MAX_ENTRIES}`);
    const events = end > start ? await store.readAll({ fromPosition: start + 1, maxCount: end - start }) : [];
    res.json({
      start,
      end,
      entries: events.map((event) => ({ leafIndex: event.position - 1, leafHash: hex(leafHashOf(event)), event })),
    });
  });
  return router;
}

/**
 * A figure's answer with the log's evidence: the latest checkpoint and, for each audit event the checkpoint covers,
 * its leaf index and inclusion proof against that checkpoint (null for an event the tree has not reached yet).
 */
export async function withInclusionProofs<T extends { audit: { position: number }[] }>(found: T, log: LogDeps) {
  const note = await log.checkpointer.latest();
  if (!note) return { ...found, audit: found.audit.map((e) => ({ ...e, log: null })), logCheckpoint: null };
  const { treeSize } = parseCheckpoint(parseNote(note).text);
  const audit = await Promise.all(
    found.audit.map(async (entry) => {
      if (entry.position > treeSize) return { ...entry, log: null };
      const proof = await log.tree.inclusionProof(entry.position - 1, treeSize);
      return { ...entry, log: { leafIndex: proof.leafIndex, treeSize, hashes: proof.hashes.map(hex) } };
    }),
  );
  return { ...found, audit, logCheckpoint: note };
}
