export { answerFromEvents } from './answer-from-events.ts';
export { figure } from './figure-fixture.ts';
