// The pipeline board: columns in stage order with count and totals per currency, cards that can be dragged to another
// stage (If-Match with the card's version; 412 and 422 explained), filters and search as the API offers them, the
// board as of any past instant, and the changes between two instants. Live: a move anyone makes shows at once.
import { h, replace, debounce } from './dom.js';
import { t, tn } from './i18n.js';
import * as format from './format.js';
import { read, command, ApiError } from './api.js';
import { subscribe } from './live.js';
import { notify, problemText, formDialog, field, canCommand, fieldName, loading } from './ui.js';
import { pipelineList, navigate } from './main.js';
import { user } from './auth.js';

const PAGE_SIZE = 50;
const DRAG_THRESHOLD_PX = 6;
const SORTS = ['-updatedAt', '-amount', 'amount', 'expectedCloseDate', '-daysInStage', 'title'];

// kept while the app is open, so that coming back to the board finds the same filters
const filters = { ownerId: '', sourceChannel: '', minAmount: '', maxAmount: '', closeFrom: '', closeTo: '',
  stalledOnly: false, withoutNextAction: false, q: '', sort: '-updatedAt' };
let mode = 'live';
let asOf = null;
let changesFrom = null;
let changesTo = null;

let prefetched = null;

/** Starts reading a pipeline's board before the view is drawn (while the app reads the pipelines), so that both wait once. */
export function prefetch(pipelineId) {
  prefetched = { pipelineId, board: read(`/pipelines/${encodeURIComponent(pipelineId)}/board`, boardQuery()).catch(() => null) };
}

export async function render(container, pipelineIdArgument) {
  const pipelines = pipelineList();
  if (!pipelines.length) {
    replace(container, h('p', { class: 'empty', 'data-test': 'no-pipelines' }, t('board.noPipelines')));
    return null;
  }
  const pipeline = pipelines.find((p) => p.pipelineId === pipelineIdArgument) || pipelines[0];
  const state = { pipeline, board: null, pending: new Map(), closed: false, retries: 0 };
  const toolbar = h('div', { class: 'toolbar' });
  const body = h('div', { class: 'board-body' }, loading());
  const liveState = h('span', { class: 'live-state', 'data-test': 'live-state' });
  replace(container, h('section', { class: 'board-view' }, toolbar, body));

  const reload = async () => {
    if (state.closed) {
      return;
    }
    if (state.dragging) {
      // drawn again when the card is dropped, not under the user's hand
      state.reloadAfterDrop = true;
      return;
    }
    try {
      if (mode === 'live') {
        const early = prefetched && prefetched.pipelineId === pipeline.pipelineId ? prefetched.board : null;
        prefetched = null;
        state.board = await (early || read(`/pipelines/${encodeURIComponent(pipeline.pipelineId)}/board`, boardQuery()));
        applyPending(state);
        renderBoard(body, state, reload);
        if (!performance.getEntriesByName('board-rendered').length) {
          performance.mark('board-rendered'); // the first board drawn since the page started
        }
      } else if (mode === 'asOf') {
        const board = await read(`/pipelines/${encodeURIComponent(pipeline.pipelineId)}/board/as-of`,
          { at: asOf.toISOString(), ownerId: filters.ownerId, size: PAGE_SIZE });
        renderBoard(body, { ...state, board, readOnly: true }, reload);
      } else {
        const report = await read(`/pipelines/${encodeURIComponent(pipeline.pipelineId)}/changes`,
          { from: changesFrom.toISOString(), to: changesTo.toISOString(), size: 200 });
        renderChanges(body, report);
      }
    } catch (e) {
      replace(body, h('p', { class: 'form-error', role: 'alert' }, problemText(e)));
    }
  };
  const reloadSoon = debounce(reload, 250);
  state.reloadPending = reload;
  renderToolbar(toolbar, state, reload, reloadSoon, liveState);
  await reload();

  const close = subscribe(`/live/pipelines/${encodeURIComponent(pipeline.pipelineId)}`, {
    onEvent(type, envelope) {
      if (mode !== 'live' || !envelope || typeof envelope !== 'object') {
        return;
      }
      if (type === 'DealMovedToStage' && envelope.payload?.toStageId) {
        // the notice can come a moment before the read model has the move: show it now, and keep showing it
        // until the board read back has caught up with this version
        state.pending.set(envelope.aggregateId, { version: envelope.aggregateSequence, stageId: envelope.payload.toStageId });
        relocate(body, envelope.aggregateId, envelope.payload.toStageId);
      }
      reloadSoon();
    },
    onReset: reload,
    onState(connected) {
      replace(liveState, connected ? t('board.live') : t('board.reconnecting'));
      liveState.classList.toggle('offline', !connected);
    },
  });
  return () => {
    state.closed = true;
    close();
  };
}

function boardQuery() {
  return { ...filters, size: PAGE_SIZE };
}

function renderToolbar(toolbar, state, reload, reloadSoon, liveState) {
  const pipelines = pipelineList();
  const pipelineSelect = h('select', { 'aria-label': t('board.pipeline'), 'data-test': 'pipeline-select',
    onchange: (e) => navigate(`#/board/${encodeURIComponent(e.target.value)}`) },
  pipelines.map((p) => h('option', { value: p.pipelineId, selected: p.pipelineId === state.pipeline.pipelineId }, p.name)));

  const modes = h('div', { class: 'tabs', role: 'tablist' },
    [['live', t('board.mode.live')], ['asOf', t('board.mode.asOf')], ['changes', t('board.mode.changes')]].map(([value, label]) =>
      h('button', { type: 'button', role: 'tab', 'aria-selected': String(mode === value), class: mode === value ? 'active' : null,
        'data-test': `mode-${value}`,
        onclick: () => { mode = value; ensureInstants(); renderToolbar(toolbar, state, reload, reloadSoon, liveState); reload(); } },
      label)));

  const text = (name, label, type = 'text') => h('label', { class: 'filter' }, h('span', {}, label),
    h('input', { type, name, value: filters[name], 'data-test': `filter-${name}`, maxlength: type === 'text' ? 200 : null,
      min: type === 'number' ? 0 : null, step: type === 'number' ? '0.01' : null,
      oninput: (e) => { filters[name] = e.target.value; reloadSoon(); } }));
  const check = (name, label) => h('label', { class: 'filter checkbox' },
    h('input', { type: 'checkbox', checked: filters[name], 'data-test': `filter-${name}`,
      onchange: (e) => { filters[name] = e.target.checked; reload(); } }), h('span', {}, label));
  const sort = h('label', { class: 'filter' }, h('span', {}, t('board.sort')),
    h('select', { 'data-test': 'filter-sort', onchange: (e) => { filters.sort = e.target.value; reload(); } },
      SORTS.map((value) => h('option', { value, selected: filters.sort === value }, t(`board.sort.${value}`)))));

  const liveFilters = h('div', { class: 'filters' },
    text('q', t('board.search'), 'search'), text('ownerId', t('board.owner')), text('sourceChannel', t('board.channel')),
    text('minAmount', t('board.minAmount'), 'number'), text('maxAmount', t('board.maxAmount'), 'number'),
    text('closeFrom', t('board.closeFrom'), 'date'), text('closeTo', t('board.closeTo'), 'date'),
    check('stalledOnly', t('board.stalledOnly')), check('withoutNextAction', t('board.withoutNextAction')), sort);

  let controls;
  if (mode === 'live') {
    controls = liveFilters;
  } else if (mode === 'asOf') {
    controls = asOfControls(reload, reloadSoon);
  } else {
    controls = changesControls(reload);
  }
  const openDeal = mode === 'live' && canCommand()
    ? h('button', { type: 'button', class: 'primary', 'data-test': 'open-deal', onclick: () => openDealDialog(state.pipeline, reload) },
      t('board.openDeal'))
    : null;
  replace(toolbar, h('div', { class: 'toolbar-row' }, pipelineSelect, modes, openDeal, mode === 'live' ? liveState : null), controls);
}

function ensureInstants() {
  const now = Date.now();
  asOf = asOf || new Date(now - 24 * 3600 * 1000);
  changesTo = changesTo || new Date(now);
  changesFrom = changesFrom || new Date(now - 7 * 24 * 3600 * 1000);
}

const SLIDER_DAYS = 90;

function asOfControls(reload, reloadSoon) {
  const now = Date.now();
  const hoursBack = Math.max(0, Math.min(SLIDER_DAYS * 24, Math.round((now - asOf.getTime()) / 3600_000)));
  const input = h('input', { type: 'datetime-local', value: format.toLocalInput(asOf), 'data-test': 'as-of-input',
    max: format.toLocalInput(now),
    onchange: (e) => { if (e.target.value) { asOf = new Date(e.target.value); slider.value = String(SLIDER_DAYS * 24 - hoursBack); reload(); } } });
  const shown = h('output', { 'data-test': 'as-of-shown' }, format.dateTime(asOf));
  const slider = h('input', { type: 'range', min: 0, max: SLIDER_DAYS * 24, step: 1, value: SLIDER_DAYS * 24 - hoursBack,
    'aria-label': t('board.asOfSlider'), 'data-test': 'as-of-slider',
    oninput: (e) => {
      asOf = new Date(Date.now() - (SLIDER_DAYS * 24 - Number(e.target.value)) * 3600_000);
      input.value = format.toLocalInput(asOf);
      replace(shown, format.dateTime(asOf));
      reloadSoon();
    } });
  return h('div', { class: 'filters' },
    h('label', { class: 'filter' }, h('span', {}, t('board.asOf')), input),
    h('label', { class: 'filter wide' }, h('span', {}, t('board.asOfSlider')), slider), shown,
    h('label', { class: 'filter' }, h('span', {}, t('board.owner')),
      h('input', { value: filters.ownerId, oninput: (e) => { filters.ownerId = e.target.value; reloadSoon(); } })));
}

function changesControls(reload) {
  const instant = (label, get, set, testId) => h('label', { class: 'filter' }, h('span', {}, label),
    h('input', { type: 'datetime-local', value: format.toLocalInput(get()), 'data-test': testId,
      onchange: (e) => { if (e.target.value) { set(new Date(e.target.value)); reload(); } } }));
  return h('div', { class: 'filters' },
    instant(t('board.changesFrom'), () => changesFrom, (v) => { changesFrom = v; }, 'changes-from'),
    instant(t('board.changesTo'), () => changesTo, (v) => { changesTo = v; }, 'changes-to'));
}

function orderedColumns(board) {
  return [...board.columns].sort((a, b) => (a.position ?? 1e9) - (b.position ?? 1e9));
}

function renderBoard(body, state, reload) {
  const { board } = state;
  const columns = orderedColumns(board);
  const heading = board.asOf
    ? h('p', { class: 'as-of-note', 'data-test': 'as-of-note' }, t('board.asOfNote', { at: format.dateTime(board.asOf) }))
    : null;
  const grid = h('div', { class: 'columns', 'data-test': 'board' }, columns.map((column) => renderColumn(column, state, reload)));
  replace(body, heading, grid);
}

function renderColumn(column, state, reload) {
  const cards = h('div', { class: 'cards', 'data-stage-id': column.stageId },
    column.cards.map((card) => renderCard(card, column, state, reload)));
  const more = column.next && !state.readOnly
    ? h('button', { type: 'button', class: 'link more', 'data-test': 'more',
      onclick: async (e) => {
        e.target.disabled = true;
        try {
          const page = await read(`/pipelines/${encodeURIComponent(state.pipeline.pipelineId)}/board`, { ...boardQuery(), after: column.next });
          const next = page.columns.find((c) => c.stageId === column.stageId);
          (next?.cards || []).forEach((card) => cards.appendChild(renderCard(card, column, state, reload)));
          column.next = next?.next || null;
          if (!column.next) {
            e.target.remove();
          }
        } catch (error) {
          notify(problemText(error), 'error');
        } finally {
          e.target.disabled = false;
        }
      } }, t('board.more'))
    : null;
  return h('section', { class: 'column', 'data-stage-id': column.stageId, 'data-test': 'column' },
    h('header', {},
      h('h2', {}, column.name || column.stageId),
      h('div', { class: 'column-figures' },
        h('span', { class: 'count', 'data-test': 'column-count' }, tn('board.deals', column.dealCount ?? 0)),
        column.probability !== null && column.probability !== undefined ? h('span', { class: 'probability' }, `${column.probability} %`) : null),
      h('ul', { class: 'totals', 'data-test': 'column-totals' }, (column.totals || []).map((total) => h('li', {},
        h('span', { class: 'total' }, format.money(total.amount, total.currency)),
        h('span', { class: 'weighted', title: t('board.weighted') }, `${t('board.weightedShort')} ${format.money(total.weightedAmount, total.currency)}`))))),
    cards, more);
}

function nextActionClass(dueAt) {
  if (!dueAt) {
    return null;
  }
  const due = new Date(dueAt);
  if (due.getTime() < Date.now()) {
    return 'overdue';
  }
  return format.companyDay(due) === format.companyDay(new Date()) ? 'due-today' : null;
}

function renderCard(card, column, state, reload) {
  const next = card.nextAction;
  const element = h('article', { class: ['card', card.stalled && 'stalled'], 'data-deal-id': card.dealId, 'data-test': 'card',
    'data-version': card.version ?? '' },
  h('a', { class: 'title', href: `#/deal/${encodeURIComponent(card.dealId)}`, draggable: 'false' }, card.title),
  card.company ? h('div', { class: 'company' }, card.company) : null,
  h('div', { class: 'meta' },
    h('span', { class: 'owner' }, card.ownerId),
    h('span', { class: 'amount' }, format.moneyOf(card.amount)),
    h('span', { class: 'probability' }, `${card.probability} %`)),
  h('div', { class: 'meta' },
    card.daysInStage !== null && card.daysInStage !== undefined ? h('span', {}, tn('board.daysInStage', card.daysInStage)) : null,
    card.stalled ? h('span', { class: 'badge stalled', 'data-test': 'stalled' }, t('board.stalled')) : null),
  next ? h('div', { class: ['next-action', nextActionClass(next.dueAt)], 'data-test': 'next-action' },
    `${next.title} · ${format.dateTime(next.dueAt)}`) : h('div', { class: 'next-action none' }, t('board.noNextAction')));
  if (!state.readOnly && canCommand()) {
    makeDraggable(element, card, state, reload);
  }
  return element;
}

/** Moves a card's element to another column at once (a live notice or the user's own drop). */
function relocate(body, dealId, stageId) {
  const element = body.querySelector(`.card[data-deal-id="${CSS.escape(dealId)}"]`);
  const target = body.querySelector(`.cards[data-stage-id="${CSS.escape(stageId)}"]`);
  if (element && target && element.parentElement !== target) {
    target.prepend(element);
  }
}

/** Moves that the read board has not caught up with yet stay where the notices put them. */
function applyPending(state) {
  for (const [dealId, pending] of state.pending) {
    let found = null;
    let from = null;
    for (const column of state.board.columns) {
      const index = column.cards.findIndex((card) => card.dealId === dealId);
      if (index >= 0) {
        found = column.cards[index];
        from = column;
        if (found.version >= pending.version) {
          state.pending.delete(dealId);
        } else if (column.stageId !== pending.stageId) {
          column.cards.splice(index, 1);
          const to = state.board.columns.find((c) => c.stageId === pending.stageId);
          to?.cards.unshift(found);
        }
        break;
      }
    }
    if (!from) {
      state.pending.delete(dealId);
    }
  }
  if (state.pending.size && state.retries++ < 10) {
    setTimeout(() => state.reloadPending?.(), 500);
  } else {
    state.retries = 0;
  }
}

function makeDraggable(element, card, state, reload) {
  element.classList.add('draggable');
  element.addEventListener('pointerdown', (down) => {
    if (down.button !== 0 || down.target.closest('a, button, input, select')) {
      return;
    }
    down.preventDefault();
    let ghost = null;
    let over = null;
    const move = (event) => {
      if (!ghost && Math.hypot(event.clientX - down.clientX, event.clientY - down.clientY) < DRAG_THRESHOLD_PX) {
        return;
      }
      if (!ghost) {
        state.dragging = true;
        ghost = element.cloneNode(true);
        ghost.classList.add('ghost');
        ghost.style.width = `${element.offsetWidth}px`;
        document.body.appendChild(ghost);
        element.classList.add('dragging');
      }
      ghost.style.left = `${event.clientX - 20}px`;
      ghost.style.top = `${event.clientY - 12}px`;
      const column = document.elementFromPoint(event.clientX, event.clientY)?.closest('.column');
      if (over !== column) {
        over?.classList.remove('drop-target');
        over = column;
        over?.classList.add('drop-target');
      }
    };
    const up = (event) => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      if (!ghost) {
        return;
      }
      move(event);
      state.dragging = false;
      ghost.remove();
      element.classList.remove('dragging');
      over?.classList.remove('drop-target');
      const from = element.closest('.column')?.dataset.stageId;
      const to = over?.dataset.stageId;
      if (to && to !== from) {
        moveDeal(card, to, element, state, reload);
      } else if (state.reloadAfterDrop) {
        state.reloadAfterDrop = false;
        reload();
      }
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  });
}

async function moveDeal(card, stageId, element, state, reload) {
  const target = element.ownerDocument.querySelector(`.cards[data-stage-id="${CSS.escape(stageId)}"]`);
  const origin = element.parentElement;
  target?.prepend(element);
  element.classList.add('saving');
  try {
    const result = await command('PUT', `/deals/${encodeURIComponent(card.dealId)}/stage`, { stageId }, { version: card.version });
    card.version = result.version;
    element.dataset.version = result.version;
    state.pending.set(card.dealId, { version: result.version, stageId });
    state.reloadAfterDrop = false;
    reload();
  } catch (e) {
    origin?.appendChild(element);
    state.reloadAfterDrop = false;
    if (e instanceof ApiError && e.status === 412) {
      notify(t('board.changedMeanwhile', { title: card.title }), 'error', 'conflict');
      reload();
    } else if (e instanceof ApiError && e.status === 422 && e.problem.rule === 'StageExitRequirements') {
      await fillRequirements(card, stageId, e.problem, state, reload);
    } else {
      notify(problemText(e), 'error', e instanceof ApiError && e.problem.rule ? 'rule' : null);
    }
  } finally {
    element.classList.remove('saving');
  }
}

/**
 * A stage's exit requirements are missing: say which rule refused the move and ask for exactly those fields, then
 * fill them in and move the deal.
 */
async function fillRequirements(card, stageId, problem, state, reload) {
  const missing = Array.isArray(problem.missingFields) ? problem.missingFields : [];
  const deal = await read(`/deals/${encodeURIComponent(card.dealId)}`);
  const fields = [];
  for (const name of missing) {
    if (name === 'AMOUNT') {
      fields.push(field(fieldName('AMOUNT'), 'amount', { type: 'number', step: '0.01', min: 0, required: true,
        value: deal.amount?.amount || '' }));
      fields.push(field(t('deal.currency'), 'currency', { value: deal.amount?.currency || 'EUR', required: true, maxlength: 3 }));
    } else if (name === 'EXPECTED_CLOSE_DATE') {
      fields.push(field(fieldName(name), 'expectedCloseDate', { type: 'date', required: true }));
    } else if (name === 'NEXT_ACTION') {
      fields.push(field(t('deal.taskTitle'), 'taskTitle', { required: true }));
      fields.push(field(t('deal.dueAt'), 'taskDueAt', { type: 'datetime-local', required: true }));
    } else {
      fields.push(field(fieldName(name), name, { required: true }));
    }
  }
  const intro = h('div', { class: 'rule', 'data-test': 'rule-explained' },
    h('p', {}, h('strong', { 'data-test': 'rule-name' }, problem.rule), ' — ', t('board.requirementsIntro',
      { stage: stageName(state, problem.stageId) })),
    h('ul', { 'data-test': 'missing-fields' }, missing.map((name) => h('li', {}, fieldName(name)))));
  await formDialog(t('board.requirementsTitle'), fields, async (form) => {
    let version = deal.version;
    const dealPath = `/deals/${encodeURIComponent(deal.dealId)}`;
    if (form.has('amount')) {
      version = (await command('PUT', `${dealPath}/amount`, { amount: form.get('amount'), currency: form.get('currency') }, { version })).version;
    }
    if (form.has('expectedCloseDate')) {
      version = (await command('PUT', `${dealPath}/expected-close-date`, { expectedCloseDate: form.get('expectedCloseDate') }, { version })).version;
    }
    if (form.has('taskTitle')) {
      version = (await command('POST', `${dealPath}/tasks`, { title: form.get('taskTitle'),
        dueAt: format.fromLocalInput(form.get('taskDueAt')) }, { version })).version;
    }
    const clientFields = { CLIENT_COMPANY: 'company', CONTACT_PERSON: 'contactPerson', DECISION_MAKER: 'decisionMaker',
      PHONE: 'phone', EMAIL: 'email', INDUSTRY: 'industry' };
    if (missing.some((name) => name in clientFields || name === 'SOURCE_CHANNEL' || name === 'PRODUCT')) {
      const client = { ...(deal.client || {}) };
      Object.entries(clientFields).forEach(([name, key]) => { if (form.has(name)) client[key] = form.get(name); });
      version = (await command('PUT', `${dealPath}/details`, { title: deal.title, client,
        sourceChannel: form.get('SOURCE_CHANNEL') ?? deal.sourceChannel, product: form.get('PRODUCT') ?? deal.product }, { version })).version;
    }
    const moved = await command('PUT', `${dealPath}/stage`, { stageId }, { version });
    state.pending.set(deal.dealId, { version: moved.version, stageId });
    state.reloadPending = reload;
  }, { submitLabel: t('board.fillAndMove'), testId: 'requirements-dialog', intro });
  reload();
}

function stageName(state, stageId) {
  return state.pipeline.stages.find((stage) => stage.stageId === stageId)?.name || stageId;
}

async function openDealDialog(pipeline, reload) {
  const me = user();
  const stages = pipeline.stages.map((stage) => [stage.stageId, stage.name]);
  await formDialog(t('board.openDeal'), [
    field(t('deal.title'), 'title', { required: true, maxlength: 200 }),
    field(t('deal.stage'), 'stageId', { options: stages, value: stages[0]?.[0] }),
    field(t('deal.owner'), 'ownerId', { value: me.id, required: true, maxlength: 100 }),
    field(t('deal.amount'), 'amount', { type: 'number', step: '0.01', min: 0 }),
    field(t('deal.currency'), 'currency', { value: 'EUR', maxlength: 3 }),
  ], async (form) => {
    const body = { pipelineId: pipeline.pipelineId, stageId: form.get('stageId'), title: form.get('title'),
      ownerId: form.get('ownerId') };
    if (form.get('amount')) {
      body.amount = form.get('amount');
      body.currency = form.get('currency');
    }
    await command('POST', '/deals', body);
  }, { submitLabel: t('board.openDeal'), testId: 'open-deal-dialog' });
  reload();
}

function renderChanges(body, report) {
  const sections = [
    ['opened', (d) => `${d.toStageName || d.toStageId || ''}`],
    ['advanced', (d) => `${d.fromStageName} → ${d.toStageName}`],
    ['movedBack', (d) => `${d.fromStageName} → ${d.toStageName}`],
    ['won', (d) => format.moneyOf(d.toAmount)],
    ['lost', (d) => d.fromStageName || ''],
    ['closeDatePushedOut', (d) => `${format.date(d.fromCloseDate)} → ${format.date(d.toCloseDate)}`],
    ['amountChanged', (d) => `${format.moneyOf(d.fromAmount)} → ${format.moneyOf(d.toAmount)}`],
  ];
  replace(body, h('div', { class: 'changes', 'data-test': 'changes' },
    h('p', { class: 'as-of-note' }, t('board.changesNote', { from: format.dateTime(report.from), to: format.dateTime(report.to),
      count: report.totalDeals })),
    sections.map(([key, describe]) => h('section', { class: 'change-section', 'data-test': `changes-${key}` },
      h('h3', {}, `${t(`changes.${key}`)} (${(report[key] || []).length})`),
      (report[key] || []).length === 0 ? h('p', { class: 'empty' }, '—') : h('ul', {}, report[key].map((deal) => h('li', {},
        h('a', { href: `#/deal/${encodeURIComponent(deal.dealId)}` }, deal.title || deal.dealId),
        h('span', { class: 'owner' }, ` · ${deal.ownerId || ''} · `), describe(deal))))))));
}
