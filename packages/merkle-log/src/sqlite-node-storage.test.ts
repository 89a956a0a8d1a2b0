import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from '@jest/globals';
import { describeMerkleLogContract } from './contract/merkle-log-contract.ts';
import { openSqliteNodeStorage } from './sqlite-node-storage.ts';

const dir = mkdtempSync(join(tmpdir(), 'merkle-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
describeMerkleLogContract('sqlite', async () => openSqliteNodeStorage({ path: join(dir, `tree-${n++}.db`) }));
