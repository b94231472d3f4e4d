// A small AudioMusic V2 client for Node 20+ with no packages (built-in fetch and crypto): submit, follow the event
// stream, poll, download, and verify webhook signatures.
// Configure with AUDIOMUSIC_URL (default http://localhost:5080) and, when the service requires keys, AUDIOMUSIC_API_KEY.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export const ROUTES = ['text2music', 'prompt2instrumental', 'text2rap', 'lyric2vocals', 'text2samples', 'simple'];
export const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
const TERMINAL_EVENTS = new Set(['job.completed', 'job.failed', 'job.cancelled', 'job.deleted']);

/** An answer that is not 2xx, with its RFC 7807 problem details (`problem.errors` names each wrong field). */
export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(`${status} ${problem.title ?? ''}: ${problem.detail ?? ''}`.trim());
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

export class Client {
  constructor({ baseUrl = process.env.AUDIOMUSIC_URL ?? 'http://localhost:5080', apiKey = process.env.AUDIOMUSIC_API_KEY } = {}) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.apiKey = apiKey;
  }

  async request(method, path, { body, headers = {}, signal } = {}) {
    const url = /^https?:/.test(path) ? path : this.baseUrl + (path.startsWith('/') ? path : `/api/v1/music/${path}`);
    const all = { Accept: 'application/json', ...headers };
    if (this.apiKey) all.Authorization = `Bearer ${this.apiKey}`;
    if (body !== undefined) all['Content-Type'] = 'application/json';
    const response = await fetch(url, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body), signal });
    if (!response.ok) {
      const text = await response.text();
      let problem;
      try { problem = JSON.parse(text); } catch { problem = { title: text }; }
      throw new ApiError(response.status, problem, response.headers.get('Retry-After'));
    }
    return response;
  }

  async json(method, path, options) {
    const response = await this.request(method, path, options);
    return response.status === 204 ? null : response.json();
  }

  /** POSTs a generation request; resolves to the job (202). With an Idempotency-Key, sending it again (after a timeout,
   *  say) returns the same job instead of making a second one. */
  async submit(route, body, { idempotencyKey } = {}) {
    const headers = idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {};
    return (await this.json('POST', route, { body, headers })).job;
  }

  async status(id) { return (await this.json('GET', `jobs/${id}/status`)).job; }

  async cancel(id) { return (await this.json('POST', `jobs/${id}/cancel`)).job; }

  /** Reads the job's status every `interval` ms until it finishes. */
  async waitByPolling(id, { interval = 1000, timeout = 600_000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const job = await this.status(id);
      if (TERMINAL.has(job.status)) return job;
      if (Date.now() > deadline) throw new Error(`job ${id} is still ${job.status}`);
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }

  /** The job's events (Server-Sent Events) until the terminal one. A dropped connection resumes from the last event
   *  id, as a browser's EventSource would. */
  async *events(id) {
    let lastId = null;
    for (;;) {
      const headers = { Accept: 'text/event-stream', ...(lastId ? { 'Last-Event-ID': lastId } : {}) };
      try {
        const response = await this.request('GET', `jobs/${id}/events`, { headers });
        if (response.status === 204) return;
        for await (const event of parseSse(response.body)) {
          if (event.id) lastId = event.id;
          yield JSON.parse(event.data);
          if (TERMINAL_EVENTS.has(event.type)) return;
        }
      } catch (error) {
        if (error instanceof ApiError) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }

  /** Saves output `index` (in `format`: flac, wav, mp3, ogg or opus; default the submitted one) to `path`. */
  async download(id, path, { index = 0, format } = {}) {
    const query = new URLSearchParams({ index: String(index), ...(format ? { format } : {}) });
    const response = await this.request('GET', `jobs/${id}/audio?${query}`);
    await pipeline(Readable.fromWeb(response.body), fs.createWriteStream(path));
    return fs.statSync(path).size;
  }

  /** The signing secret of the caller's tenant (with API keys on). */
  async webhookSecret() { return (await this.json('GET', '/api/v1/webhooks/secret')).secret; }
}

/** {id, type, data} of each event in a text/event-stream body; comments (heartbeats) are skipped. */
async function* parseSse(body) {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = { type: 'message', data: [] };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (event.data.length) yield { id: event.id, type: event.type, data: event.data.join('\n') };
        event = { type: 'message', data: [] };
        continue;
      }
      if (line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') event.data.push(value);
      else if (field === 'event') event.type = value;
      else if (field === 'id') event.id = value;
    }
  }
}

/** Standard Webhooks: a v1 HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}", keyed with the secret's bytes,
 *  and a timestamp within `tolerance` seconds (against replays). Any one v1 entry may match (after a rotation the
 *  service signs with the old secret and the new). `body` is the raw Buffer as received. */
export function verifyWebhook(secret, headers, body, { tolerance = 300, now = Date.now() / 1000 } = {}) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !signatures || !/^\d+$/.test(timestamp ?? '')) return false;
  if (Math.abs(now - Number(timestamp)) > tolerance) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  return signatures.split(' ').filter((entry) => entry.startsWith('v1,')).some((entry) => {
    const given = Buffer.from(entry.slice(3), 'base64');
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}
