// The studio's only way to the service: the public REST API under /api/v1/music, exactly as any client uses it.

export const BASE = '/api/v1/music';
const KEY_SLOT = 'audiomusic.key';

/** A problem-details answer (RFC 7807) or a network failure, with the fields it names. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
    this.errors = problem?.errors ?? {};
  }
}

/** The API key lives in sessionStorage: it goes when the tab closes and is never written to disk by the page. */
export const key = {
  get: () => sessionStorage.getItem(KEY_SLOT) || '',
  set: (value) => value ? sessionStorage.setItem(KEY_SLOT, value) : sessionStorage.removeItem(KEY_SLOT),
};

const listeners = { unauthorized: [] };
export const onUnauthorized = (fn) => listeners.unauthorized.push(fn);

function headers(extra = {}) {
  const h = { ...extra };
  const k = key.get();
  if (k) h.Authorization = `Bearer ${k}`;
  return h;
}

async function fail(response) {
  let problem = null;
  try { problem = await response.json(); } catch { /* not JSON: the status says enough */ }
  const error = new ApiError(response.status, problem);
  if (response.status === 401) listeners.unauthorized.forEach((fn) => fn(error));
  return error;
}

/** JSON in, JSON out; throws ApiError for any answer that is not 2xx. 204 gives null. */
export async function call(method, path, body) {
  const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
  if (body !== undefined) init.body = JSON.stringify(body);
  let response;
  try {
    response = await fetch(path.startsWith('/') ? path : `${BASE}/${path}`, init);
  } catch (e) {
    throw new ApiError(0, { title: 'The service cannot be reached.', detail: String(e.message || e) });
  }
  if (!response.ok) throw await fail(response);
  return response.status === 204 ? null : response.json();
}

/** Bytes of a file route (audio, stems) with the key, plus the file name the service gives it. */
export async function download(url) {
  const response = await fetch(url, { headers: headers() });
  if (!response.ok) throw await fail(response);
  const disposition = response.headers.get('Content-Disposition') || '';
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = utf8 ? decodeURIComponent(utf8[1]) : plain ? plain[1] : 'audio';
  return { blob: await response.blob(), name, type: response.headers.get('Content-Type') };
}

/** A URL the page can hand to an <audio> element: the route itself when no key is needed (the browser streams it with
 *  range requests), otherwise the bytes fetched with the key, as a blob URL (an <audio> element cannot send headers). */
export async function playable(url) {
  if (!key.get()) return { src: url, release() {} };
  const { blob } = await download(url);
  const src = URL.createObjectURL(blob);
  return { src, release: () => URL.revokeObjectURL(src) };
}

/**
 * Follows a Server-Sent Events route with fetch (EventSource cannot send the key). Reconnects after a dropped
 * connection from the last id, as EventSource would, and stops on 204, on the stream's normal end after a terminal
 * event, or when `signal` aborts. Calls onEvent({id, type, data}) for each event.
 */
export async function follow(path, onEvent, signal, isTerminal = () => false) {
  let lastId = null;
  let delay = 1000;
  while (!signal.aborted) {
    let ended = false;
    try {
      const response = await fetch(`${BASE}/${path}`, {
        headers: headers({ Accept: 'text/event-stream', ...(lastId ? { 'Last-Event-ID': lastId } : {}) }),
        signal,
      });
      if (response.status === 204) return;
      if (!response.ok) throw await fail(response);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let split;
        while ((split = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split).replace(/^\r?\n\r?\n/, '');
          const event = parseBlock(block);
          if (event.retry) delay = event.retry;
          if (!event.data) continue;
          if (event.id) lastId = event.id;
          const parsed = { id: event.id, type: event.type, data: JSON.parse(event.data) };
          onEvent(parsed);
          if (isTerminal(parsed)) ended = true;
        }
      }
      if (ended) return;
    } catch (e) {
      if (signal.aborted) return;
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) throw e;
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function parseBlock(block) {
  const event = { type: 'message', data: '' };
  for (const line of block.split(/\r?\n/)) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') event.data += (event.data ? '\n' : '') + value;
    else if (field === 'event') event.type = value;
    else if (field === 'id') event.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) event.retry = Number(value);
  }
  return event;
}

/** The routes of each studio mode. */
export const ROUTES = {
  song: 'text2music', instrumental: 'prompt2instrumental', rap: 'text2rap',
  vocals: 'lyric2vocals', samples: 'text2samples', simple: 'simple',
};

export const TERMINAL = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);
