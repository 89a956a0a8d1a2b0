export { answerFromEvents } from './answer-from-events.ts';
