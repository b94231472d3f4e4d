// Field errors from the API's problem details, shown next to the control they name (and read out by screen readers).

/** The control for a wire field name: its own name, or a control that lists it as an alias (prompt → caption). The
 *  plan's controls come first while the plan is shown, since that is what is sent. */
function controlFor(form, field, planScope) {
  const scopes = planScope ? [planScope, form] : [form];
  for (const scope of scopes) {
    for (const control of scope.querySelectorAll('[name]')) {
      if (control.closest('[hidden]')) continue;
      const aliases = (control.dataset.aliases || '').split(' ');
      if (control.name === field || aliases.includes(field)) return control;
    }
  }
  return null;
}

/** Marks each named field and returns the names it could place. */
export function showFieldErrors(form, errors, planScope) {
  const placed = [];
  let first = null;
  for (const [field, messages] of Object.entries(errors)) {
    const control = controlFor(form, field, planScope);
    if (!control) continue;
    const message = document.createElement('p');
    message.className = 'field-error';
    message.id = `error-${control.id}`;
    message.textContent = messages.join(' ');
    (control.closest('.field') ?? control.parentElement).append(message);
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', message.id);
    placed.push(field);
    first ??= control;
  }
  if (first) {
    first.closest('details')?.setAttribute('open', '');
    first.focus();
  }
  return placed;
}

export function clearFieldErrors(form) {
  for (const message of form.querySelectorAll('.field-error')) message.remove();
  for (const control of form.querySelectorAll('[aria-invalid]')) {
    control.removeAttribute('aria-invalid');
    control.removeAttribute('aria-describedby');
  }
}
