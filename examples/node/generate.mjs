#!/usr/bin/env node
// Submit a generation request, follow its live events, and download the result.
//
//   node generate.mjs text2music '{"caption": "dreamy synth pop", "lyrics": "[verse]\nCity lights"}' --out song.flac
//   node generate.mjs simple '{"query": "a sad waltz about rain"}' --format mp3 --out waltz.mp3
//
// Routes: text2music, prompt2instrumental, text2rap, lyric2vocals, text2samples, simple.
import { parseArgs } from 'node:util';
import { ApiError, Client, ROUTES } from './audiomusic.mjs';

const { positionals: [route, body], values: options } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, format: { type: 'string' } },
});
if (!ROUTES.includes(route) || !body) {
  console.error(`usage: node generate.mjs <${ROUTES.join('|')}> '<json>' [--out FILE] [--format FORMAT]`);
  process.exit(2);
}

const client = new Client();
let job;
try {
  job = await client.submit(route, JSON.parse(body));
} catch (error) {
  if (!(error instanceof ApiError)) throw error;
  console.error(`refused: ${error.message}`);
  for (const [field, messages] of Object.entries(error.problem.errors ?? {})) console.error(`  ${field}: ${messages.join(' ')}`);
  process.exit(1);
}
console.log(`job ${job.id} ${job.status} queue position ${job.queue_position}`);
for await (const event of client.events(job.id)) {
  console.log(`${event.type} ${event.status} ${Math.round(event.progress)}% ${event.stage}${event.reason ? ` (${event.reason})` : ''}`);
}
job = await client.status(job.id);
if (job.status !== 'COMPLETED') {
  console.error(`job ${job.status}: ${job.error_message}`);
  process.exit(1);
}
const format = options.format ?? job.parameters.format;
const path = options.out ?? `${job.id}.${format}`;
const size = await client.download(job.id, path, { format: options.format });
console.log(`saved ${path} (${size} bytes, ${job.audio_duration.toFixed(1)} s)`);
