// The Create panel: one form for every generation route, the simple mode's editable plan, and the API's field errors
// shown on the fields they name.
import { call, ROUTES, ApiError } from './api.js';
import { showFieldErrors, clearFieldErrors } from './fields.js';

const form = document.getElementById('generate');
const planSection = document.getElementById('plan');
const formError = document.getElementById('form-error');
let plannedTask = null; // the route the plan was written for, once "Plan" answered

/** Which fields each mode sends, beyond the advanced panel's base fields. `caption` goes out as `prompt` where that is
 *  the route's own name for it. */
const MODE_FIELDS = {
  song: ['caption', 'lyrics', 'instrumental', 'genre_preset'],
  instrumental: ['prompt', 'genre_preset'],
  rap: ['caption', 'lyrics', 'genre_preset'],
  vocals: ['caption', 'lyrics'],
  samples: ['prompt', 'sample_type', 'tempo'],
  simple: ['query', 'instrumental'],
};
const BASE_FIELDS = ['display_name', 'duration', 'bpm', 'keyscale', 'timesignature', 'vocal_language', 'seed', 'batch_size',
  'format', 'model', 'inference_steps', 'guidance_scale', 'shift', 'stems', 'callback_url', 'webhook_events_filter'];
const NUMBERS = new Set(['duration', 'bpm', 'tempo', 'seed', 'batch_size', 'inference_steps', 'guidance_scale', 'shift']);

export const currentMode = () => form.ownerDocument.querySelector('input[name=mode]:checked').value;

/** Shows the fields of the chosen mode (elements with data-modes) and the duration limits of its route. */
export function applyMode() {
  const mode = currentMode();
  for (const element of document.querySelectorAll('#create [data-modes]')) {
    element.hidden = !element.dataset.modes.split(' ').includes(mode);
  }
  const duration = document.getElementById('f-duration');
  [duration.min, duration.max] = mode === 'samples' ? ['0.5', '120'] : ['10', '600'];
  document.querySelector('label[for=f-duration]').textContent = mode === 'samples' ? 'Duration (s, 0.5–120)' : 'Duration (s, 10–600)';
  if (mode !== 'simple') hidePlan();
  clearFieldErrors(form);
  formError.hidden = true;
}

/** A value as the API wants it: numbers as numbers, but text that is not a number goes as typed, so the API's own
 *  message about it is what the user sees. Empty means "not sent". */
function read(name, scope = form) {
  const input = scope.querySelector(`[name="${name === 'prompt' ? 'caption' : name}"]`);
  if (!input || input.closest('[hidden]')) return undefined;
  if (input.type === 'checkbox' && input.value !== 'on') {
    // A group of checkboxes is a list: the checked values, or not sent when none is checked.
    const checked = [...scope.querySelectorAll(`[name="${name}"]:checked`)].map((box) => box.value);
    return checked.length > 0 ? checked : undefined;
  }
  if (input.type === 'checkbox') return input.checked ? true : undefined;
  const text = input.value.trim();
  if (text === '') return undefined;
  if (NUMBERS.has(name) && Number.isFinite(Number(text))) return Number(text);
  return text;
}

function collect(names, scope) {
  const body = {};
  for (const name of names) {
    const value = read(name, scope);
    if (value !== undefined) body[name] = value;
  }
  return body;
}

/** The request the form describes: the route and its body. After "Plan", the edited plan goes to the route the planner
 *  chose (simple mode's own route refuses a caption or lyrics: the planner writes them). */
export function request() {
  const mode = currentMode();
  if (mode === 'simple' && plannedTask) {
    const body = { ...collect(BASE_FIELDS), ...collect(['caption', 'lyrics', 'bpm', 'keyscale', 'timesignature', 'duration'], planSection) };
    if (plannedTask === 'prompt2instrumental') {
      body.prompt = body.caption;
      delete body.caption;
      delete body.lyrics;
    } else if (document.getElementById('f-instrumental').checked) {
      body.instrumental = true;
    }
    if (!body.display_name) body.display_name = read('query').slice(0, 200);
    // What the planner chose and the form does not show goes along as planned.
    delete body.vocal_language;
    const { language, preset } = planSection.dataset;
    if (language && plannedTask !== 'prompt2instrumental') body.vocal_language = language;
    if (preset) body.genre_preset = preset;
    return { route: plannedTask, body };
  }
  return { route: ROUTES[mode], body: { ...collect(MODE_FIELDS[mode]), ...collect(BASE_FIELDS) } };
}

/** Simple mode's "Plan": asks the planner and shows what it wrote, ready to edit. */
async function plan() {
  clearFieldErrors(form);
  formError.hidden = true;
  const body = { ...collect(MODE_FIELDS.simple), ...collect(BASE_FIELDS) };
  try {
    const answer = await call('POST', 'simple/plan', body);
    const planned = answer.request;
    plannedTask = planned.task;
    planSection.hidden = false;
    planSection.dataset.language = planned.vocal_language || '';
    planSection.dataset.preset = planned.genre_preset || '';
    document.getElementById('p-caption').value = planned.caption ?? '';
    document.getElementById('p-lyrics').value = planned.lyrics ?? '';
    document.getElementById('p-lyrics').closest('.field').hidden = planned.task === 'prompt2instrumental';
    document.getElementById('p-bpm').value = planned.bpm ?? '';
    document.getElementById('p-key').value = planned.keyscale ?? '';
    document.getElementById('p-meter').value = planned.timesignature ?? '';
    document.getElementById('p-duration').value = planned.duration ?? '';
    document.getElementById('plan-notes').textContent = `Route: ${planned.task}; seed ${answer.seed}.`;
    document.getElementById('f-seed').value = answer.seed;
    document.getElementById('p-caption').focus();
  } catch (e) {
    showError(e);
  }
}

function hidePlan() {
  plannedTask = null;
  planSection.hidden = true;
}

export function showError(error) {
  const named = error instanceof ApiError ? showFieldErrors(form, error.errors, planSection.hidden ? null : planSection) : [];
  const unplaced = error instanceof ApiError ? Object.keys(error.errors).filter((f) => !named.includes(f)) : [];
  if (named.length === 0 || unplaced.length > 0) {
    formError.textContent = error.message;
    formError.hidden = false;
  }
}

/** Wires the panel; `onSubmitted(job)` gets each job the API accepted. */
export function setUpCreate(onSubmitted) {
  for (const radio of document.querySelectorAll('input[name=mode]')) radio.addEventListener('change', applyMode);
  for (const button of document.querySelectorAll('#create [data-tag]')) {
    button.addEventListener('click', () => insertTag(button.dataset.tag));
  }
  document.getElementById('plan-button').addEventListener('click', plan);
  document.getElementById('f-query').addEventListener('input', hidePlan);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearFieldErrors(form);
    formError.hidden = true;
    const { route, body } = request();
    const button = document.getElementById('generate-button');
    button.disabled = true;
    try {
      const answer = await call('POST', route, body);
      onSubmitted(answer.job);
    } catch (e) {
      showError(e);
    } finally {
      button.disabled = false;
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  applyMode();
}

/** Puts "[tag]" on a line of its own at the caret. */
function insertTag(tag) {
  const lyrics = document.getElementById('f-lyrics');
  const { selectionStart: start, selectionEnd: end, value } = lyrics;
  const before = value.slice(0, start);
  const text = `${before && !before.endsWith('\n') ? '\n' : ''}[${tag}]\n`;
  lyrics.setRangeText(text, start, end, 'end');
  lyrics.focus();
}

/** Fills the engine and preset lists from the catalogue routes. */
export async function loadCatalogue() {
  const [presets, status] = await Promise.all([call('GET', 'presets'), call('GET', 'model/status')]);
  const presetSelect = document.getElementById('f-preset');
  const modelSelect = document.getElementById('f-model');
  presetSelect.length = modelSelect.length = 1; // keep "None" / "default"; a second load (a new key) starts afresh
  for (const preset of presets.presets) presetSelect.add(new Option(preset.name, preset.slug));
  for (const engine of status.engines) {
    const option = new Option(engine.name, engine.name);
    option.disabled = engine.available_on.length === 0;
    if (option.disabled) option.text += ' (unavailable)';
    modelSelect.add(option);
  }
}
