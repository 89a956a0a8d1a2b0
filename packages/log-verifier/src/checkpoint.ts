import { VerificationError } from './verification-error.ts';

/** C2SP tlog-checkpoint: the note text a log signs. */
export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
}

export function formatCheckpoint({ origin, treeSize, rootHash }: Checkpoint): string {
  return `${origin}\n${treeSize}\n${rootHash.toString('base64')}\n`;
}

export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.length < 4 || lines.at(-1) !== '')
    throw new VerificationError('the checkpoint is not origin, size and root hash lines ending in newline');
  const [origin, size, root] = lines as [string, string, string];
  if (origin.length === 0) throw new VerificationError('the checkpoint has an empty origin line');
  if (!/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw new VerificationError(`the checkpoint's tree size "${size}" is not a decimal number`);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root)
    throw new VerificationError(`the checkpoint's root hash "${root}" is not base64 of 32 bytes`);
  return { origin, treeSize: Number(size), rootHash };
}
