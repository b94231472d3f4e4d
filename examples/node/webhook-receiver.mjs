#!/usr/bin/env node
// A webhook receiver that accepts only deliveries signed by the service (Standard Webhooks), drops duplicates by
// webhook-id, and prints each event as one JSON line.
//
//   node webhook-receiver.mjs --port 8099                    # the tenant's secret is fetched with AUDIOMUSIC_API_KEY
//   node webhook-receiver.mjs --port 8099 --secret whsec_... # keyless services: their Webhooks:Secret
//
// Then submit with "callback_url": "http://<this host>:8099/hook". --exit-after-terminal stops after the first
// completed, failed or cancelled event.
import http from 'node:http';
import { parseArgs } from 'node:util';
import { Client, verifyWebhook } from './audiomusic.mjs';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: '8099' },
    bind: { type: 'string', default: '127.0.0.1' },
    secret: { type: 'string' },
    'exit-after-terminal': { type: 'boolean', default: false },
  },
});
const secret = options.secret ?? await new Client().webhookSecret();
const seen = new Set();
const terminal = new Set(['job.completed', 'job.failed', 'job.cancelled']);

const server = http.createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const body = Buffer.concat(chunks);
    if (request.method !== 'POST' || !verifyWebhook(secret, request.headers, body)) {
      response.writeHead(401).end();
      console.log(JSON.stringify({ rejected: request.headers['webhook-id'] ?? null }));
      return;
    }
    response.writeHead(204).end();
    const id = request.headers['webhook-id'];
    if (seen.has(id)) return; // at-least-once delivery: a retry of what was already taken
    seen.add(id);
    const delivery = JSON.parse(body);
    console.log(JSON.stringify({ id, type: delivery.type, job_id: delivery.data.job?.id ?? null, status: delivery.data.status }));
    if (options['exit-after-terminal'] && terminal.has(delivery.type)) server.close();
  });
});
server.listen(Number(options.port), options.bind, () => console.log(JSON.stringify({ listening: Number(options.port) })));
