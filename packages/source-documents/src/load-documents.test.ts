import { describe, it, expect } from '@jest/globals';
import { cp, mkdtemp, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDocumentDirectory, loadDocumentFile } from './index.ts';

const seeds = join(import.meta.dirname, '../../../seeds');

describe('loadDocumentDirectory', () => {
  it('loads the five seeds with their metadata', async () => {
    const docs = await loadDocumentDirectory(seeds);
    expect(docs.map((d) => d.metadata.documentId)).toEqual([
      '000_27789e9840a68402',
      '001_08fd8d89df814088',
      '002_8eba80bee466347d',
      '003_b3f4c63950b13c0f',
      '004_b0a61f995f212086',
    ]);
    const report2023 = docs[1]!;
    expect(report2023.metadata.published).toBe('2023-01-07');
    expect(report2023.raw).toContain('完成一般公共预算收入 126 亿元');
  });

  it('refuses a file whose bytes no longer match the manifest sha256', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'seeds-'));
    await cp(seeds, dir, { recursive: true });
    await appendFile(join(dir, '002_8eba80bee466347d.txt'), ' ');
    await expect(loadDocumentDirectory(dir)).rejects.toThrow(
      /002_8eba80bee466347d.txt: sha256 is [0-9a-f]{64}, the manifest says 53be39/,
    );
  });

  it('loads a single file through the manifest beside it', async () => {
    const doc = await loadDocumentFile(join(seeds, '004_b0a61f995f212086.txt'));
    expect(doc.metadata.regionCode).toBe('370113');
    await expect(loadDocumentFile(join(seeds, 'missing.txt'))).rejects.toThrow(/not listed/);
  });
});
