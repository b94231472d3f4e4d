// The Library: the job list with status/task filters, search and pages, kept current by the global event stream.
import { call, follow } from './api.js';
import { jobTitle, seconds, when } from './format.js';

const list = document.getElementById('jobs');
const filters = document.getElementById('filters');
const newer = document.getElementById('newer');
const older = document.getElementById('older');
const pageInfo = document.getElementById('page-info');
const PAGE = 20;

let cursors = [null]; // the cursor of each page seen so far; the last is the current page's
let nextCursor = null;
let select = () => {};
let loading = null;

function query() {
  const data = new FormData(filters);
  const params = new URLSearchParams({ limit: String(PAGE) });
  for (const name of ['q', 'status', 'task']) {
    const value = String(data.get(name) ?? '').trim();
    if (value) params.set(name, value);
  }
  const cursor = cursors[cursors.length - 1];
  if (cursor) params.set('cursor', cursor);
  return params;
}

/** Reloads the current page (one load at a time; a reload asked for meanwhile runs after it). */
export async function refresh() {
  if (loading) {
    loading.again = true;
    return;
  }
  loading = { again: false };
  try {
    const page = await call('GET', `jobs?${query()}`);
    nextCursor = page.next_cursor;
    render(page.jobs);
  } catch (e) {
    pageInfo.textContent = e.message;
  } finally {
    const again = loading.again;
    loading = null;
    if (again) refresh();
  }
}

function render(jobs) {
  list.replaceChildren(...jobs.map(row));
  if (jobs.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'hint';
    empty.textContent = 'No songs here yet.';
    list.append(empty);
  }
  newer.disabled = cursors.length === 1;
  older.disabled = !nextCursor;
  pageInfo.textContent = `Page ${cursors.length}`;
}

function row(job) {
  const item = document.createElement('li');
  item.className = 'job';
  item.dataset.id = job.id;
  const open = document.createElement('button');
  open.type = 'button';
  open.className = 'link';
  open.textContent = jobTitle(job);
  open.addEventListener('click', () => select(job.id));
  const status = document.createElement('span');
  status.className = 'status';
  status.dataset.status = job.status;
  status.textContent = job.status === 'PROCESSING' ? `${job.status} ${Math.round(job.progress)} %` : job.status;
  const facts = document.createElement('span');
  facts.className = 'hint';
  facts.textContent = [job.task, seconds(job.audio_duration), when(job.created_at)].filter(Boolean).join(' · ');
  item.append(open, status, facts);
  return item;
}

/** Wires the filters and the pages. */
export function setUpLibrary(onSelect) {
  select = onSelect;
  let timer = null;
  const restart = () => {
    cursors = [null];
    refresh();
  };
  filters.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(restart, 250);
  });
  filters.addEventListener('submit', (event) => {
    event.preventDefault();
    restart();
  });
  older.addEventListener('click', () => {
    if (!nextCursor) return;
    cursors.push(nextCursor);
    refresh();
  });
  newer.addEventListener('click', () => {
    if (cursors.length === 1) return;
    cursors.pop();
    refresh();
  });
}

/** Loads the list and follows every job's events until `signal` aborts: a change of status reloads the page (at most
 *  once a second). */
export function startLibrary(signal) {
  let pending = false;
  follow('events', (event) => {
    if (event.type === 'job.progress') {
      // Progress changes no row's place: update it in place rather than reloading the page every second.
      const status = list.querySelector(`[data-id="${event.data.job_id}"] .status`);
      if (status) status.textContent = `${event.data.status} ${Math.round(event.data.progress)} %`;
      return;
    }
    if (pending) return;
    pending = true;
    setTimeout(() => {
      pending = false;
      refresh();
    }, 1000);
  }, signal).catch(() => { /* the list still works without live updates */ });
  refresh();
}
