export { acquireLeadership, type Leadership } from './leader-lock.ts';
