/**
 * Whether the projector's thread must be woken by a message, shared by both threads in one Int32Array: a message
 * (a structured clone and a wake-up of the other event loop) is sent only to a thread that waits. While it catches up,
 * appends only mark that there is more, which it looks at before it waits.
 */
export type ProjectorWake = Int32Array;

/** Catching up; nothing appended since it began. */
const BUSY = 0;
/** Appended since the thread began catching up: it catches up again before it waits. */
const PENDING = 1;
/** Waiting for a message (or its next look). */
const WAITING = 2;

export function createProjectorWake(): ProjectorWake {
  return new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
}

/** The API appended: true when the thread waits and must be sent a message. */
export function markAppended(wake: ProjectorWake): boolean {
  return Atomics.exchange(wake, 0, PENDING) === WAITING;
}

/** The thread begins catching up: what is appended from now on is marked again. */
export function beginCatchUp(wake: ProjectorWake): void {
  Atomics.store(wake, 0, BUSY);
}

/** The thread caught up: true (and it now counts as waiting) unless something was appended meanwhile. */
export function mayWait(wake: ProjectorWake): boolean {
  return Atomics.compareExchange(wake, 0, BUSY, WAITING) === BUSY;
}
