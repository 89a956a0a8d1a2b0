export { handReport } from './hand-report.ts';
export { bootFreshLedger, eventually, WRITE_TOKEN, READ_TOKEN, SEEDS_DIR } from './boot.ts';
