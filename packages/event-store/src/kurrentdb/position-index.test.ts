import { describe, it, expect } from '@jest/globals';
import { GENESIS_HASH } from '../hash-chain.ts';
import {
  decodePositionIndexEntry,
  EMPTY_INDEX,
  indexHeadFrom,
  positionIndexRecord,
  POSITION_ASSIGNED,
} from './position-index.ts';

const at = { commit: 18_446_744_073_709_551_000n, prepare: 18_446_744_073_709_550_999n }; // beyond Number's exact range

describe('position index entries', () => {
  it('round-trip the hash and the $all position a batch starts after, bigints as decimal strings', () => {
    const record = positionIndexRecord({ hash: 'h'.repeat(64), batchStartsAfter: at });
    expect(record).toMatchObject({ type: POSITION_ASSIGNED, contentType: 'application/json' });
    expect(JSON.parse(JSON.stringify(record.data))).toEqual({
      hash: 'h'.repeat(64),
      batchStartsAfter: { commit: at.commit.toString(), prepare: at.prepare.toString() },
    });
    expect(decodePositionIndexEntry(JSON.parse(JSON.stringify(record.data)))).toEqual({
      hash: 'h'.repeat(64),
      batchStartsAfter: at,
    });
  });

  it('say "from the start" for the first batch', () => {
    const record = positionIndexRecord({ hash: 'h', batchStartsAfter: undefined });
    expect(decodePositionIndexEntry(record.data)).toEqual({ hash: 'h', batchStartsAfter: undefined });
  });

  it('refuse a malformed entry', () => {
    expect(() => decodePositionIndexEntry({ hash: 'h', batchStartsAfter: { commit: '-1', prepare: '0' } })).toThrow(
      /malformed ledger position index entry/,
    );
    expect(() => decodePositionIndexEntry('h')).toThrow(/malformed/);
  });
});

describe('index head', () => {
  it("is position revision + 1, with the entry's hash and its own $all position", () => {
    const data = positionIndexRecord({ hash: 'h', batchStartsAfter: undefined }).data;
    expect(indexHeadFrom({ revision: 41n, data, position: at })).toEqual({
      position: 42,
      hash: 'h',
      nativePosition: at,
    });
  });

  it('starts from the genesis hash', () => {
    expect(EMPTY_INDEX).toEqual({ position: 0, hash: GENESIS_HASH, nativePosition: undefined });
  });

  it('needs the $all position the server reports', () => {
    const data = positionIndexRecord({ hash: 'h', batchStartsAfter: undefined }).data;
    expect(() => indexHeadFrom({ revision: 0n, data })).toThrow(/did not report the \$all position/);
  });
});
