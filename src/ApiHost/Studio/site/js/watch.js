// The "Now making" panel: a job's live events (stage, progress, queue position, ETA), cancel while it runs, the error
// when it fails, retry.
import { call, follow, TERMINAL } from './api.js';
import { jobTitle } from './format.js';

const panel = document.getElementById('watch');
const progress = document.getElementById('watch-progress');
const detail = document.getElementById('watch-detail');
const statusText = document.getElementById('watch-status');
const errorText = document.getElementById('watch-error');
const cancelButton = document.getElementById('cancel-button');
const retryButton = document.getElementById('retry-button');

let watching = null; // { id, abort }
let finished = () => {};

/** Shows the job and follows its event stream until a terminal event, then hands the job to the callback. */
export function watch(job) {
  watching?.abort.abort();
  const abort = new AbortController();
  watching = { id: job.id, abort };
  panel.hidden = false;
  errorText.hidden = true;
  retryButton.hidden = true;
  cancelButton.hidden = false;
  document.getElementById('watch-name').textContent = jobTitle(job);
  render(job);
  follow(`jobs/${job.id}/events`, (event) => {
    if (event.data.job) render(event.data.job, event.data);
    else render({ ...job, status: event.data.status, progress: event.data.progress, stage: event.data.stage });
  }, abort.signal, (event) => TERMINAL.has(event.data.status))
    .catch((e) => showError(e.message))
    .then(() => abort.signal.aborted ? null : call('GET', `jobs/${job.id}/status`))
    .then((answer) => answer && settle(answer.job))
    .catch((e) => showError(e.message));
}

function render(job, event = {}) {
  const percent = Math.round(job.progress ?? 0);
  progress.value = percent;
  progress.textContent = `${percent} %`;
  statusText.textContent = job.status;
  statusText.dataset.status = job.status;
  const parts = [`${job.stage ?? ''}`, `${percent} %`];
  if (job.queue_position !== null && job.queue_position !== undefined) parts.push(`position ${job.queue_position} in the queue`);
  if (job.eta_seconds !== null && job.eta_seconds !== undefined) parts.push(`about ${Math.ceil(job.eta_seconds)} s left`);
  if (event.type === 'job.requeued' && event.reason) parts.push(`requeued: ${event.reason}`);
  detail.textContent = parts.join(' · ');
  cancelButton.hidden = TERMINAL.has(job.status);
}

function settle(job) {
  render(job);
  if (job.status === 'FAILED' || job.status === 'CANCELLED') {
    if (job.error_message) showError(job.error_message);
    retryButton.hidden = false;
  }
  finished(job);
}

function showError(message) {
  errorText.textContent = message;
  errorText.hidden = false;
}

/** `onFinished(job)` runs once per watched job when it reaches a terminal status. */
export function setUpWatch(onFinished) {
  finished = onFinished;
  cancelButton.addEventListener('click', async () => {
    if (!watching) return;
    try {
      await call('POST', `jobs/${watching.id}/cancel`);
    } catch (e) {
      showError(e.message);
    }
  });
  retryButton.addEventListener('click', async () => {
    if (!watching) return;
    try {
      const answer = await call('POST', `jobs/${watching.id}/retry`);
      watch(answer.job);
    } catch (e) {
      showError(e.message);
    }
  });
}
