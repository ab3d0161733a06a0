// The deal card: every field, editable as the caller's role allows; actions (calls, emails, tasks, comments, meetings,
// win, lose, reopen, hand over, transfer); the timeline, newest first, with each field's old and new value; and the
// audit history straight from the event store, with actor, source and time.
import { h, replace, debounce } from './dom.js';
import { t } from './i18n.js';
import * as format from './format.js';
import { read, readCommandSide, command } from './api.js';
import { subscribe } from './live.js';
import { notify, problemText, formDialog, field, canChangeDeal, loading } from './ui.js';
import { pipelineList, navigate } from './main.js';

const CLIENT_FIELDS = ['company', 'contactPerson', 'decisionMaker', 'phone', 'email', 'industry'];
const READ_MODEL_WAIT_MS = 3000;

export async function render(container, dealId) {
  const state = { dealId, deal: null, closed: false };
  const path = `/deals/${encodeURIComponent(dealId)}`;
  replace(container, loading());

  const load = async () => {
    if (state.closed) {
      return;
    }
    try {
      const [deal, timeline, history] = await Promise.all([
        read(path),
        read(`${path}/timeline`, { page: 0, size: 100 }),
        readCommandSide(`${path}/history`, { limit: 200 }).catch(() => null),
      ]);
      state.deal = deal;
      renderDeal(container, state, deal, timeline, history, load, run);
    } catch (e) {
      if (e.status === 404 && state.deal) {
        // it was visible a moment ago: a hand-over took it out of the caller's sight
        notify(t('deal.noLongerVisible'), 'info');
        navigate(`#/board/${encodeURIComponent(state.deal.pipelineId)}`);
        return;
      }
      replace(container, h('p', { class: 'form-error', role: 'alert', 'data-test': 'deal-error' }, problemText(e)));
    }
  };

  /** Sends a command, then waits until the read model shows at least its version before showing the card again. */
  const run = async (method, suffix, body, options = {}) => {
    let result;
    try {
      result = await command(method, `${path}${suffix}`, body,
        options.ifMatch === false ? {} : { version: state.deal?.version });
    } catch (e) {
      if (e.status === 412) {
        await load(); // the card as it is now, so that the user decides again on what is there
      }
      throw e;
    }
    if (typeof result.version === 'number') {
      const until = Date.now() + READ_MODEL_WAIT_MS;
      while (Date.now() < until) {
        const deal = await read(path).catch((e) => (e.status === 404 ? 'gone' : null));
        if (deal === 'gone' || (deal && deal.version >= result.version)) {
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await load();
    return result;
  };

  await load();
  const reloadSoon = debounce(load, 300);
  const close = subscribe(`/live/deals/${encodeURIComponent(dealId)}`, {
    onEvent(type, envelope) {
      if (envelope?.aggregateSequence === undefined || envelope.aggregateSequence > (state.deal?.version ?? -1)) {
        reloadSoon();
      }
    },
    onReset: load,
  });
  return () => {
    state.closed = true;
    close();
  };
}

function pipelineOf(deal) {
  return pipelineList().find((p) => p.pipelineId === deal.pipelineId) || { stages: [], lostReasons: [] };
}

function renderDeal(container, state, deal, timeline, history, load, run) {
  const pipeline = pipelineOf(deal);
  const editable = canChangeDeal(deal);
  const open = deal.status === 'OPEN';
  const stage = pipeline.stages.find((s) => s.stageId === deal.stageId);
  const probability = deal.probabilityOverride ?? stage?.probability;

  const act = (label, testId, handler, kind = 'secondary') => h('button', { type: 'button', class: kind, 'data-test': testId,
    onclick: async () => {
      try {
        await handler();
      } catch (e) {
        notify(problemText(e), 'error', 'action-error');
      }
    } }, label);

  const stageBar = h('ol', { class: 'stage-bar', 'data-test': 'stage-bar' }, pipeline.stages.map((s) => h('li', {
    class: [s.stageId === deal.stageId && 'current'] },
  editable && open && s.stageId !== deal.stageId
    ? h('button', { type: 'button', class: 'link', 'data-test': `move-${s.stageId}`,
      onclick: () => run('PUT', '/stage', { stageId: s.stageId }).catch((e) => notify(problemText(e), 'error', 'action-error')) }, s.name)
    : h('span', {}, s.name))));

  const header = h('header', { class: 'deal-header' },
    h('h1', { 'data-test': 'deal-title' }, deal.title),
    h('div', { class: 'deal-summary' },
      h('span', { class: ['badge', deal.status.toLowerCase()], 'data-test': 'deal-status' }, t(`status.${deal.status}`)),
      h('span', { 'data-test': 'deal-stage' }, stage?.name || deal.stageId),
      h('span', {}, format.moneyOf(deal.amount)),
      h('span', {}, probability !== undefined && probability !== null ? `${probability} %` : ''),
      h('span', {}, `${t('deal.owner')}: ${deal.ownerId}${deal.teamId ? ` (${deal.teamId})` : ''}`),
      deal.lostReason ? h('span', {}, `${t('deal.lostReason')}: ${deal.lostReason}`) : null),
    stageBar);

  const actions = editable ? h('div', { class: 'actions', 'data-test': 'deal-actions' },
    open ? [
      act(t('deal.logCall'), 'log-call', () => callDialog(run)),
      act(t('deal.logEmail'), 'log-email', () => emailDialog(run)),
      act(t('deal.scheduleTask'), 'schedule-task', () => taskDialog(run)),
      act(t('deal.logMeeting'), 'log-meeting', () => meetingDialog(run)),
      act(t('deal.comment'), 'comment', () => commentDialog(run)),
      act(t('deal.handOver'), 'hand-over', () => handOverDialog(run, deal)),
      act(t('deal.transfer'), 'transfer', () => transferDialog(run, deal)),
      act(t('deal.win'), 'win', () => winDialog(run), 'primary'),
      act(t('deal.lose'), 'lose', () => loseDialog(run, pipeline), 'danger'),
    ] : [
      act(t('deal.reopen'), 'reopen', () => run('DELETE', '/outcome')),
      act(t('deal.comment'), 'comment', () => commentDialog(run)),
    ]) : h('p', { class: 'read-only', 'data-test': 'read-only' }, t('deal.readOnly'));

  const details = detailsForm(deal, editable && open, run);
  const tasks = tasksSection(deal, editable && open, run);

  replace(container, h('section', { class: 'deal-view', 'data-test': 'deal' },
    header, actions,
    h('div', { class: 'deal-columns' },
      h('div', {}, details, tasks),
      h('div', {}, timelineSection(timeline), historySection(history)))));
}

function detailsForm(deal, editable, run) {
  const client = deal.client || {};
  const input = (name, value, type = 'text', extra = {}) => h('input', { name, type, value: value ?? '', disabled: !editable,
    maxlength: type === 'text' ? 500 : null, 'data-test': `field-${name}`, ...extra });
  const row = (label, control) => h('label', { class: 'field' }, h('span', {}, label), control);
  const save = (label, testId, handler) => editable ? h('button', { type: 'submit', class: 'secondary', 'data-test': testId }, label) : null;
  const form = (testId, handler, ...children) => h('form', { class: 'details-form', 'data-test': testId,
    onsubmit: async (event) => {
      event.preventDefault();
      try {
        await handler(new FormData(event.target));
        notify(t('deal.saved'), 'info');
      } catch (e) {
        notify(problemText(e), 'error', 'action-error');
      }
    } }, children);

  return h('section', { class: 'panel' },
    h('h2', {}, t('deal.details')),
    form('details', (f) => run('PUT', '/details', {
      title: f.get('title'),
      client: Object.fromEntries(CLIENT_FIELDS.map((name) => [name, f.get(name) || null])),
      sourceChannel: f.get('sourceChannel') || null,
      product: f.get('product') || null,
    }),
    row(t('deal.title'), input('title', deal.title, 'text', { required: true })),
    CLIENT_FIELDS.map((name) => row(t(`client.${name}`), input(name, client[name], name === 'email' ? 'email' : 'text'))),
    row(t('deal.sourceChannel'), input('sourceChannel', deal.sourceChannel)),
    row(t('deal.product'), input('product', deal.product)),
    save(t('common.save'), 'save-details')),
    form('amount', (f) => run('PUT', '/amount', { amount: f.get('amount'), currency: f.get('currency') }),
      row(t('deal.amount'), input('amount', deal.amount?.amount, 'number', { step: '0.01', min: 0, required: true })),
      row(t('deal.currency'), input('currency', deal.amount?.currency || 'EUR', 'text', { maxlength: 3, required: true })),
      save(t('common.save'), 'save-amount')),
    form('close-date', (f) => run('PUT', '/expected-close-date', { expectedCloseDate: f.get('expectedCloseDate') || null }),
      row(t('dealField.EXPECTED_CLOSE_DATE'), input('expectedCloseDate', deal.expectedCloseDate, 'date')),
      save(t('common.save'), 'save-close-date')),
    form('probability', (f) => run('PUT', '/probability', { probability: Number(f.get('probability')) }),
      row(t('deal.probabilityOverride'), input('probability', deal.probabilityOverride, 'number', { min: 0, max: 100, step: 1, required: true })),
      save(t('common.save'), 'save-probability'),
      editable && deal.probabilityOverride !== null && deal.probabilityOverride !== undefined
        ? h('button', { type: 'button', class: 'link', 'data-test': 'clear-probability',
          onclick: () => run('DELETE', '/probability').catch((e) => notify(problemText(e), 'error')) }, t('deal.useStageProbability'))
        : null),
    h('dl', { class: 'facts' },
      h('dt', {}, t('deal.openedAt')), h('dd', {}, format.dateTime(deal.openedAt)),
      h('dt', {}, t('deal.stageEnteredAt')), h('dd', {}, format.dateTime(deal.stageEnteredAt)),
      h('dt', {}, t('deal.lastActivityAt')), h('dd', {}, format.dateTime(deal.lastActivityAt)),
      deal.closedAt ? [h('dt', {}, t('deal.closedAt')), h('dd', {}, format.dateTime(deal.closedAt))] : null,
      h('dt', {}, t('deal.version')), h('dd', { 'data-test': 'deal-version' }, String(deal.version))));
}

function tasksSection(deal, editable, run) {
  const tasks = deal.openTasks || [];
  return h('section', { class: 'panel' },
    h('h2', {}, t('deal.openTasks')),
    tasks.length === 0 ? h('p', { class: 'empty' }, t('deal.noOpenTasks')) : h('ul', { class: 'tasks', 'data-test': 'open-tasks' },
      tasks.map((task) => h('li', { class: ['task', taskClass(task.dueAt)] },
        h('span', {}, task.title), h('span', { class: 'due' }, format.dateTime(task.dueAt)),
        editable ? [
          h('button', { type: 'button', class: 'link', 'data-test': 'task-done',
            onclick: () => run('PUT', `/tasks/${encodeURIComponent(task.taskId)}/status`, { status: 'DONE' }).catch((e) => notify(problemText(e), 'error')) },
          t('deal.taskDone')),
          h('button', { type: 'button', class: 'link', 'data-test': 'task-reschedule',
            onclick: () => formDialog(t('deal.reschedule'), [field(t('deal.dueAt'), 'dueAt', { type: 'datetime-local', required: true,
              value: format.toLocalInput(task.dueAt) })],
            (f) => run('PUT', `/tasks/${encodeURIComponent(task.taskId)}/due-at`, { dueAt: format.fromLocalInput(f.get('dueAt')) })) },
          t('deal.reschedule')),
          h('button', { type: 'button', class: 'link', 'data-test': 'task-cancel',
            onclick: () => run('PUT', `/tasks/${encodeURIComponent(task.taskId)}/status`, { status: 'CANCELLED' }).catch((e) => notify(problemText(e), 'error')) },
          t('deal.taskCancel')),
        ] : null))));
}

function taskClass(dueAt) {
  if (new Date(dueAt).getTime() < Date.now()) {
    return 'overdue';
  }
  return format.companyDay(dueAt) === format.companyDay() ? 'due-today' : null;
}

function changeText(change) {
  const from = change.fromName ?? change.from;
  const to = change.toName ?? change.to;
  const name = t(`change.${change.field}`) === `change.${change.field}` ? change.field : t(`change.${change.field}`);
  if (from === undefined || from === null) {
    return `${name}: ${to ?? '—'}`;
  }
  return `${name}: ${from} → ${to ?? '—'}`;
}

function timelineSection(timeline) {
  const entries = timeline?.entries || [];
  return h('section', { class: 'panel' },
    h('h2', {}, t('deal.timeline')),
    h('ol', { class: 'timeline', 'data-test': 'timeline' }, entries.map((entry) => h('li', { 'data-type': entry.type },
      h('div', { class: 'when' }, format.dateTime(entry.occurredAt)),
      h('div', { class: 'what' }, h('strong', {}, entry.summary || entry.type),
        h('span', { class: 'who' }, ` · ${entry.actor || ''}${entry.source ? ` (${entry.source})` : ''}`)),
      (entry.changes || []).length ? h('ul', { class: 'changes' }, entry.changes.map((change) => h('li', {}, changeText(change)))) : null,
      transcriptMatches(entry.activity?.transcriptMatches)))));
}

// What the company's dictionaries found in a call's transcript when the call was logged: the list, the words as
// spoken and the dictionary's phrase.
function transcriptMatches(matches) {
  if (!matches?.length) {
    return null;
  }
  return h('ul', { class: 'changes', 'data-test': 'transcript-matches' }, matches.map((match) => h('li', {},
    `${t('deal.transcriptMatch')} · ${match.list}: «${match.text}» (${match.phrase})`)));
}

function historySection(history) {
  if (!history) {
    return null;
  }
  return h('section', { class: 'panel' },
    h('h2', {}, t('deal.history')),
    h('table', { class: 'history', 'data-test': 'history' },
      h('thead', {}, h('tr', {}, ['history.occurredAt', 'history.recordedAt', 'history.actor', 'history.source', 'history.type']
        .map((key) => h('th', {}, t(key))))),
      h('tbody', {}, [...(history.items || [])].reverse().map((item) => h('tr', {},
        h('td', {}, format.dateTime(item.occurredAt)), h('td', {}, format.dateTime(item.recordedAt)),
        h('td', {}, item.actor || ''), h('td', {}, item.source || ''), h('td', {}, item.type))))));
}

const now = () => format.toLocalInput(Date.now());

function callDialog(run) {
  return formDialog(t('deal.logCall'), [
    field(t('activity.direction'), 'direction', { options: [['OUTBOUND', t('activity.OUTBOUND')], ['INBOUND', t('activity.INBOUND')]], value: 'OUTBOUND' }),
    field(t('activity.startedAt'), 'startedAt', { type: 'datetime-local', value: now(), required: true }),
    field(t('activity.durationSeconds'), 'durationSeconds', { type: 'number', min: 0, step: 1, value: 0 }),
    field(t('activity.answered'), 'answered', { type: 'checkbox', value: true }),
    field(t('client.phone'), 'phoneNumber', { maxlength: 50 }),
    field(t('activity.transcript'), 'transcript', { type: 'textarea', maxlength: 20000 }),
  ], (f) => run('POST', '/calls', { direction: f.get('direction'), startedAt: format.fromLocalInput(f.get('startedAt')),
    durationSeconds: Number(f.get('durationSeconds') || 0), answered: f.get('answered') === 'true',
    phoneNumber: f.get('phoneNumber') || null, transcript: f.get('transcript') || null }, { ifMatch: false }),
  { testId: 'call-dialog' });
}

function emailDialog(run) {
  return formDialog(t('deal.logEmail'), [
    field(t('activity.direction'), 'direction', { options: [['OUTBOUND', t('activity.OUTBOUND')], ['INBOUND', t('activity.INBOUND')]], value: 'OUTBOUND' }),
    field(t('activity.sentAt'), 'sentAt', { type: 'datetime-local', value: now(), required: true }),
    field(t('activity.subject'), 'subject', { maxlength: 500 }),
    field(t('activity.from'), 'fromAddress', { type: 'email' }),
    field(t('activity.to'), 'toAddress', { type: 'email' }),
  ], (f) => run('POST', '/emails', { direction: f.get('direction'), sentAt: format.fromLocalInput(f.get('sentAt')),
    subject: f.get('subject') || null, fromAddress: f.get('fromAddress') || null, toAddress: f.get('toAddress') || null }, { ifMatch: false }),
  { testId: 'email-dialog' });
}

function taskDialog(run) {
  return formDialog(t('deal.scheduleTask'), [
    field(t('deal.taskTitle'), 'title', { required: true, maxlength: 200 }),
    field(t('deal.dueAt'), 'dueAt', { type: 'datetime-local', required: true }),
  ], (f) => run('POST', '/tasks', { title: f.get('title'), dueAt: format.fromLocalInput(f.get('dueAt')) }), { testId: 'task-dialog' });
}

function meetingDialog(run) {
  return formDialog(t('deal.logMeeting'), [
    field(t('deal.taskTitle'), 'title', { required: true, maxlength: 200 }),
    field(t('activity.startedAt'), 'startedAt', { type: 'datetime-local', value: now(), required: true }),
    field(t('activity.durationMinutes'), 'durationMinutes', { type: 'number', min: 0, step: 1, value: 30 }),
    field(t('activity.notes'), 'notes', { type: 'textarea', maxlength: 5000 }),
  ], (f) => run('POST', '/meetings', { title: f.get('title'), startedAt: format.fromLocalInput(f.get('startedAt')),
    durationMinutes: Number(f.get('durationMinutes') || 0), notes: f.get('notes') || null }, { ifMatch: false }), { testId: 'meeting-dialog' });
}

function commentDialog(run) {
  return formDialog(t('deal.comment'), [field(t('deal.comment'), 'text', { type: 'textarea', required: true, maxlength: 5000 })],
    (f) => run('POST', '/comments', { text: f.get('text') }, { ifMatch: false }), { testId: 'comment-dialog' });
}

function winDialog(run) {
  return formDialog(t('deal.win'), [field(t('deal.outcomeComment'), 'comment', { type: 'textarea', maxlength: 2000 })],
    (f) => run('PUT', '/outcome', { outcome: 'WON', comment: f.get('comment') || null }), { submitLabel: t('deal.win'), testId: 'win-dialog' });
}

function loseDialog(run, pipeline) {
  const reasons = (pipeline.lostReasons || []).map((reason) => [reason, reason]);
  return formDialog(t('deal.lose'), [
    field(t('deal.lostReason'), 'reason', { options: reasons, value: reasons[0]?.[0] }),
    field(t('deal.outcomeComment'), 'comment', { type: 'textarea', maxlength: 2000 }),
  ], (f) => run('PUT', '/outcome', { outcome: 'LOST', reason: f.get('reason'), comment: f.get('comment') || null }),
  { submitLabel: t('deal.lose'), testId: 'lose-dialog' });
}

function handOverDialog(run, deal) {
  return formDialog(t('deal.handOver'), [
    field(t('deal.newOwner'), 'ownerId', { required: true, maxlength: 100 }),
    field(t('deal.team'), 'teamId', { value: deal.teamId || '', maxlength: 100 }),
    field(t('deal.reason'), 'reason', { maxlength: 500 }),
  ], (f) => run('PUT', '/owner', { ownerId: f.get('ownerId'), teamId: f.get('teamId') || null, reason: f.get('reason') || null }),
  { testId: 'hand-over-dialog' });
}

function transferDialog(run, deal) {
  const others = pipelineList().filter((p) => p.pipelineId !== deal.pipelineId);
  if (!others.length) {
    notify(t('deal.noOtherPipeline'), 'info');
    return Promise.resolve(false);
  }
  const options = others.flatMap((p) => p.stages.map((s) => [`${p.pipelineId}\u0000${s.stageId}`, `${p.name} · ${s.name}`]));
  return formDialog(t('deal.transfer'), [field(t('deal.targetStage'), 'target', { options, value: options[0][0] })], (f) => {
    const [pipelineId, stageId] = f.get('target').split('\u0000');
    return run('PUT', '/pipeline', { pipelineId, stageId });
  }, { testId: 'transfer-dialog' });
}
