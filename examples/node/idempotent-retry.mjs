#!/usr/bin/env node
// Retrying a submit safely: the same Idempotency-Key returns the job already made (the first answer may have been lost
// on the way), and the same key with a different request is refused with 409.
//
//   node idempotent-retry.mjs
import crypto from 'node:crypto';
import { ApiError, Client } from './audiomusic.mjs';

const client = new Client();
const idempotencyKey = crypto.randomUUID();
const body = { prompt: 'a retried request', duration: 10, seed: 7 };
const first = await client.submit('prompt2instrumental', body, { idempotencyKey });
const again = await client.submit('prompt2instrumental', body, { idempotencyKey });
console.log(`first ${first.id} again ${again.id}`);
if (first.id !== again.id) {
  console.error('the retry made a second job');
  process.exit(1);
}
try {
  await client.submit('prompt2instrumental', { ...body, seed: 8 }, { idempotencyKey });
  console.error('a different request with the same key was accepted');
  process.exit(1);
} catch (error) {
  if (!(error instanceof ApiError)) throw error;
  console.log(`a different request with the same key: ${error.status} ${error.problem.type}`);
  process.exit(error.status === 409 ? 0 : 1);
}
