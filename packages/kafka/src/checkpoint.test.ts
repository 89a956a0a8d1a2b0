import { describe, it, expect } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteCheckpoint } from './checkpoint.ts';

describe('openSqliteCheckpoint', () => {
  it('starts at 0 and keeps the saved position across reopening', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'relay-checkpoint-'));
    try {
      const first = openSqliteCheckpoint(join(dir, 'cp.db'));
      expect(await first.read()).toBe(0);
      await first.save(17);
      await first.close();
      const again = openSqliteCheckpoint(join(dir, 'cp.db'));
      expect(await again.read()).toBe(17);
      expect(await openSqliteCheckpoint(join(dir, 'cp.db'), 'other').read()).toBe(0);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
