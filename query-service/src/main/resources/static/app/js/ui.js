// Pieces shared by the views: notices, dialogs, form fields, what the signed-in user may do.
import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { hasRole, user } from './auth.js';

/** A notice at the top of the page; errors stay until dismissed, the rest go after a while. */
export function notify(message, kind = 'info', testId = null) {
  const box = document.getElementById('notices');
  const notice = h('div', { class: ['notice', kind], role: kind === 'error' ? 'alert' : 'status', 'data-test': testId },
    h('span', {}, message),
    h('button', { type: 'button', class: 'link', 'aria-label': t('common.close'), onclick: () => notice.remove() }, '×'));
  box.appendChild(notice);
  if (kind !== 'error') {
    setTimeout(() => notice.remove(), 6000);
  }
  return notice;
}

/** What an ApiError means to the user, in their language. */
export function problemText(error) {
  const problem = error?.problem || {};
  if (error?.status === 412) {
    return t('problem.changedMeanwhile');
  }
  if (error?.status === 403) {
    return t('problem.forbidden', { detail: problem.detail || '' });
  }
  if (error?.status === 404) {
    return t('problem.notFound');
  }
  if (problem.rule) {
    return t('problem.rule', { rule: problem.rule, detail: problem.detail || '' });
  }
  if (Array.isArray(problem.errors) && problem.errors.length) {
    return problem.errors.map((e) => `${e.field || e.pointer || ''}: ${e.message || e.detail || ''}`).join('; ');
  }
  return problem.detail || problem.title || error?.message || String(error);
}

/**
 * A modal dialog with a form. fields: elements (use field()); onSubmit(formData) may throw ApiError, which is shown
 * in the dialog. Resolves true when submitted successfully, false when cancelled.
 */
export function formDialog(title, fields, onSubmit, { submitLabel = t('common.save'), testId = null, intro = null } = {}) {
  return new Promise((resolve) => {
    const error = h('p', { class: 'form-error', role: 'alert', 'data-test': 'dialog-error' });
    const form = h('form', { method: 'dialog', class: 'dialog-form' },
      h('h2', {}, title),
      intro,
      fields,
      error,
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'secondary', onclick: () => { dialog.close(); resolve(false); } }, t('common.cancel')),
        h('button', { type: 'submit', class: 'primary', 'data-test': 'dialog-submit' }, submitLabel)));
    const dialog = h('dialog', { 'data-test': testId }, form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      replace(error);
      const submit = form.querySelector('[type=submit]');
      submit.disabled = true;
      try {
        await onSubmit(new FormData(form));
        dialog.close();
        resolve(true);
      } catch (e) {
        replace(error, problemText(e));
      } finally {
        submit.disabled = false;
      }
    });
    dialog.addEventListener('close', () => dialog.remove());
    dialog.addEventListener('cancel', () => resolve(false));
    document.body.appendChild(dialog);
    dialog.showModal();
  });
}

/** A labelled input; options for a select: [[value, label], ...]. */
export function field(label, name, { type = 'text', value = '', required = false, options = null, step = null,
  min = null, max = null, maxlength = 500, placeholder = null } = {}) {
  let input;
  if (options) {
    input = h('select', { name, required }, options.map(([v, l]) => h('option', { value: v, selected: v === value }, l)));
  } else if (type === 'textarea') {
    input = h('textarea', { name, required, maxlength, rows: 4 }, value || '');
  } else if (type === 'checkbox') {
    input = h('input', { type, name, checked: !!value, value: 'true' });
  } else {
    input = h('input', { type, name, required, step, min, max, maxlength: type === 'text' ? maxlength : null,
      placeholder, value: value ?? '' });
  }
  return h('label', { class: ['field', type === 'checkbox' && 'checkbox'] }, h('span', {}, label), input);
}

/** Whether the signed-in user may send commands at all. */
export function canCommand() {
  return hasRole('admin', 'manager', 'rep');
}

/**
 * Whether the user may change this deal: admins every deal, a manager the deals of their team and those they own, a
 * rep those they own (command-service decides again; this only keeps buttons away that would be refused).
 */
export function canChangeDeal(deal) {
  const me = user();
  if (!me || !deal) {
    return false;
  }
  if (me.roles.includes('admin')) {
    return true;
  }
  if (me.roles.includes('manager') && (deal.teamId === me.team || deal.ownerId === me.id)) {
    return true;
  }
  return me.roles.includes('rep') && deal.ownerId === me.id;
}

/** The name of a deal field that a stage can require (DealField). */
export function fieldName(dealField) {
  return t(`dealField.${dealField}`);
}

/** A small "loading" placeholder. */
export function loading() {
  return h('p', { class: 'loading' }, t('common.loading'));
}
