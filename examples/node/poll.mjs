#!/usr/bin/env node
// Submit a request and poll its status until it finishes (for clients that cannot hold a stream open).
//
//   node poll.mjs prompt2instrumental '{"prompt": "calm piano", "duration": 30}'
import { Client } from './audiomusic.mjs';

const [route, body] = process.argv.slice(2);
if (!route || !body) {
  console.error("usage: node poll.mjs <route> '<json>'");
  process.exit(2);
}
const client = new Client();
let job = await client.submit(route, JSON.parse(body));
console.log(`job ${job.id} ${job.status}`);
job = await client.waitByPolling(job.id, { interval: 500 });
console.log(`${job.status} ${job.audio_duration} s ${job.output_url}`);
process.exit(job.status === 'COMPLETED' ? 0 : 1);
