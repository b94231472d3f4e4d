// The selected job: its outputs side by side (players, downloads, lyrics, stems), rename and delete. The page's URL
// carries the job (?job=…), so a link to it can be shared.
import { call, TERMINAL } from './api.js';
import { jobTitle, when } from './format.js';
import { outputCard } from './player.js';

const panel = document.getElementById('detail');
const outputs = document.getElementById('outputs');
const facts = document.getElementById('detail-facts');
const errorText = document.getElementById('detail-error');
const renameInput = document.getElementById('rename');
let shown = null; // { job, releases }
let changed = () => {};

export const shownJobId = () => shown?.job.id ?? null;

/** Opens job `id` (or closes the panel for null) and writes it into the URL; resolves to the job, or null. */
export async function show(id, { focus = true } = {}) {
  const url = new URL(location.href);
  if (id) url.searchParams.set('job', id);
  else url.searchParams.delete('job');
  history.replaceState(null, '', url);
  shown?.releases.forEach((release) => release());
  shown = null;
  outputs.replaceChildren();
  errorText.hidden = true;
  if (!id) {
    panel.hidden = true;
    return null;
  }
  panel.hidden = false;
  try {
    const { job } = await call('GET', `jobs/${id}/status`);
    shown = { job, releases: [] };
    render(job);
    if (job.status === 'COMPLETED' && !job.audio_expired_at) {
      const cards = await Promise.all(job.outputs.map((output) => outputCard(job, output)));
      if (shown?.job.id !== id) {
        cards.forEach((c) => c.release());
        return job;
      }
      shown.releases = cards.map((c) => c.release);
      outputs.replaceChildren(...cards.map((c) => c.card));
    }
    if (focus) document.getElementById('detail-title').focus();
    return job;
  } catch (e) {
    showError(e.message);
    return null;
  }
}

function render(job) {
  document.getElementById('detail-title').textContent = jobTitle(job);
  renameInput.value = job.display_name ?? '';
  const parts = [job.task, job.status, `made ${when(job.created_at)}`];
  if (job.resolved) parts.push(`${job.resolved.bpm} bpm`, job.resolved.keyscale, job.resolved.timesignature);
  if (job.audio_expired_at) parts.push(`audio deleted (${job.audio_expired_reason})`);
  if (job.error_message) parts.push(job.error_message);
  if (!TERMINAL.has(job.status)) parts.push('not finished yet');
  facts.textContent = parts.filter(Boolean).join(' · ');
}

function showError(message) {
  errorText.textContent = message;
  errorText.hidden = false;
}

/** `onChanged()` runs after a rename or delete, so the library reloads. */
export function setUpDetail(onChanged) {
  changed = onChanged;
  document.getElementById('detail-title').tabIndex = -1;
  document.getElementById('rename-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!shown) return;
    try {
      const name = renameInput.value.trim();
      const { job } = await call('PATCH', `jobs/${shown.job.id}`, { display_name: name === '' ? null : name });
      shown.job = job;
      render(job);
      changed();
    } catch (e) {
      showError(e.message);
    }
  });
  document.getElementById('delete-button').addEventListener('click', async () => {
    if (!shown || !confirm(`Delete "${jobTitle(shown.job)}" and its audio?`)) return;
    try {
      await call('DELETE', `jobs/${shown.job.id}`);
      await show(null);
      changed();
    } catch (e) {
      showError(e.message);
    }
  });
}
