// The studio's entry point: wires the panels together, the key field and the colour theme.
import { key, onUnauthorized, TERMINAL } from './api.js';
import { setUpCreate, loadCatalogue } from './create.js';
import { setUpWatch, watch } from './watch.js';
import { setUpLibrary, startLibrary, refresh } from './library.js';
import { setUpDetail, show, shownJobId } from './detail.js';

const banner = document.getElementById('banner');
const keyForm = document.getElementById('key-form');
const keyInput = document.getElementById('api-key');
let feed = new AbortController();

function say(message) {
  banner.textContent = message;
  banner.hidden = !message;
}

onUnauthorized((error) => {
  keyForm.hidden = false;
  say(key.get()
    ? `The service refused this API key (${error.message}). Enter a valid key.`
    : 'This service requires an API key. Enter yours above.');
  keyInput.focus();
});

keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  key.set(keyInput.value.trim());
  keyInput.value = '';
  say('');
  start();
});

setUpCreate((job) => {
  watch(job);
  refresh();
});
setUpWatch((job) => {
  refresh();
  if (job.status === 'COMPLETED' || shownJobId() === job.id) show(job.id, { focus: false });
});
setUpDetail(refresh);
setUpLibrary(openJob);

/** Shows a job; one that is still queued or running is also followed in the "Now making" panel until it ends. */
async function openJob(id, options) {
  const job = await show(id, options);
  if (job && !TERMINAL.has(job.status)) watch(job);
}

/** Loads everything that needs the API; runs again after a key is entered. */
async function start() {
  feed.abort();
  feed = new AbortController();
  try {
    await loadCatalogue();
  } catch {
    return; // a 401 has already asked for the key
  }
  startLibrary(feed.signal);
  const selected = new URL(location.href).searchParams.get('job');
  if (selected) openJob(selected, { focus: false });
}

// Colour theme: the system's by default; the button cycles auto → light → dark and remembers the choice.
const THEMES = ['auto', 'light', 'dark'];
const themeButton = document.getElementById('theme');
function applyTheme(theme) {
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  themeButton.textContent = `Theme: ${theme}`;
  themeButton.setAttribute('aria-label', `Colour theme: ${theme === 'auto' ? 'automatic' : theme}`);
}
themeButton.addEventListener('click', () => {
  const next = THEMES[(THEMES.indexOf(localStorage.getItem('audiomusic.theme') ?? 'auto') + 1) % THEMES.length];
  localStorage.setItem('audiomusic.theme', next);
  applyTheme(next);
});
applyTheme(localStorage.getItem('audiomusic.theme') ?? 'auto');
if (key.get()) keyForm.hidden = false;
start();
