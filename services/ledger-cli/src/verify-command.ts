import { loadConfig } from '@ledger/config';
import { openLedgerEventStore } from '@ledger/ledger-commands';

/** `ledger verify`: walks the hash chain; exit 1 and the first broken position when it does not hold. */
export async function runVerify(_args: string[], out: NodeJS.WritableStream): Promise<number> {
  const store = await openLedgerEventStore(loadConfig());
  try {
    const result = await store.verify();
    out.write(`${JSON.stringify(result)}\n`);
    return result.ok ? 0 : 1;
  } finally {
    await store.close();
  }
}
