// The manager's live view of a pipeline: the funnel for a period and cut, win rate, time in stage, sales cycle and
// velocity; the weighted pipeline by close period and the payment plan for tomorrow and this week; coverage against
// each target; the manager-control table per person and shift; stalled deals as they are raised and cleared. It
// reads /metrics and /alerts once, then keeps every figure current from /live/metrics and /live/alerts.
import { h, replace, debounce } from './dom.js';
import { t } from './i18n.js';
import * as format from './format.js';
import { read } from './api.js';
import { subscribe } from './live.js';
import { problemText, loading } from './ui.js';
import { pipelineList, navigate } from './main.js';
import { user } from './auth.js';
import { funnel, groupedBars } from './charts.js';

const PERIOD_TYPES = ['DAY', 'WEEK', 'MONTH', 'QUARTER'];
const FAMILIES = ['conversion', 'win-rate', 'time-in-stage', 'sales-cycle', 'sales-velocity', 'weighted-pipeline',
  'payment-plan', 'coverage', 'manager-activity', 'call-quality', 'owner-book'];
const ALL = '';
const TEAM = '\u0000team';

const selection = { periodType: 'MONTH', period: null, owner: ALL, channel: ALL };

export async function render(container, pipelineIdArgument) {
  const pipelines = pipelineList();
  if (!pipelines.length) {
    replace(container, h('p', { class: 'empty' }, t('board.noPipelines')));
    return null;
  }
  const pipeline = pipelines.find((p) => p.pipelineId === pipelineIdArgument) || pipelines[0];
  selection.period = selection.period || currentPeriod(selection.periodType);
  const rows = new Map(); // metric|key → value
  const alerts = new Map(); // dealId → alert
  const state = { closed: false, dealCards: new Map() };
  const view = h('section', { class: 'manager-view', 'data-test': 'manager' });
  replace(container, view, loading());

  const load = async () => {
    rows.clear();
    alerts.clear();
    // each family read for what the view shows of it, so that a large organisation's rows of other periods stay
    // on the server; live updates then keep what is shown current
    await Promise.all(FAMILIES.map(async (family) => {
      const values = await read(`/metrics/${family}`, { ...familyQuery(family, pipeline.pipelineId), size: 1000 });
      values.forEach((value) => rows.set(`${value.metric}|${value.key}`, value.value));
    }));
    const raised = await read('/alerts/stalled-deals', { pipelineId: pipeline.pipelineId, size: 500 });
    (raised.items || raised || []).forEach((alert) => alerts.set(alert.dealId, alert));
  };
  const draw = () => {
    if (!state.closed) {
      renderView(container, pipeline, rows, alerts, state, draw, reloadAndDraw);
    }
  };
  const reloadAndDraw = () => load().then(draw).catch((e) => replace(container, h('p', { class: 'form-error', role: 'alert' }, problemText(e))));
  const drawSoon = debounce(draw, 200);
  try {
    await load();
  } catch (e) {
    replace(container, h('p', { class: 'form-error', role: 'alert' }, problemText(e)));
    return null;
  }
  draw();

  const closeMetrics = subscribe('/live/metrics', {
    onEvent(type, message) {
      if (type === 'metric' && message?.metric && message.key) {
        if (message.value === null) {
          rows.delete(`${message.metric}|${message.key}`);
        } else {
          rows.set(`${message.metric}|${message.key}`, message.value);
        }
        drawSoon();
      }
    },
    onReset: () => load().then(draw),
  });
  const closeAlerts = subscribe(`/live/alerts/stalled-deals?pipelineId=${encodeURIComponent(pipeline.pipelineId)}`, {
    onEvent(type, alert) {
      if (alert?.dealId) {
        if (alert.status === 'CLEARED') {
          alerts.delete(alert.dealId);
        } else {
          alerts.set(alert.dealId, alert);
        }
        drawSoon();
      }
    },
    onReset: () => load().then(draw),
  });
  return () => {
    state.closed = true;
    closeMetrics();
    closeAlerts();
  };
}

/** What of a family the view shows: the selected period, the close months, today's books. */
function familyQuery(family, pipelineId) {
  switch (family) {
    case 'weighted-pipeline': return { pipelineId, periodType: 'MONTH' };
    case 'payment-plan': return { pipelineId };
    case 'coverage': return selection.periodType === 'MONTH' || selection.periodType === 'QUARTER'
      ? { pipelineId, periodType: selection.periodType, period: selection.period } : { pipelineId };
    case 'owner-book': return { pipelineId, periodType: 'DAY', period: format.companyDay() };
    case 'manager-activity': case 'call-quality':
      return { pipelineId: '*', periodType: selection.periodType, period: selection.period };
    default: return { pipelineId, periodType: selection.periodType, period: selection.period };
  }
}

/** The period label of now in the company's zone, as the metrics write it. */
export function currentPeriod(type, instant = new Date()) {
  const day = format.companyDay(instant);
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  if (type === 'DAY') {
    return day;
  }
  if (type === 'MONTH') {
    return day.slice(0, 7);
  }
  if (type === 'QUARTER') {
    return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
  }
  const date = new Date(Date.UTC(year, month - 1, dayOfMonth));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the week's Thursday decides its year
  const weekYear = date.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(weekYear, 0, 4));
  firstThursday.setUTCDate(firstThursday.getUTCDate() - ((firstThursday.getUTCDay() + 6) % 7) + 3);
  const week = 1 + Math.round((date - firstThursday) / (7 * 86400000));
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
}

/** The period before or after, by stepping the instant that defines it. */
function shiftPeriod(type, period, step) {
  let instant;
  if (type === 'DAY') {
    instant = new Date(`${period}T12:00:00Z`);
    instant.setUTCDate(instant.getUTCDate() + step);
  } else if (type === 'MONTH') {
    const [y, m] = period.split('-').map(Number);
    instant = new Date(Date.UTC(y, m - 1 + step, 15));
  } else if (type === 'QUARTER') {
    const [y, q] = period.split('-Q').map(Number);
    instant = new Date(Date.UTC(y, (q - 1 + step) * 3 + 1, 15));
  } else {
    const [y, w] = period.split('-W').map(Number);
    const jan4 = new Date(Date.UTC(y, 0, 4));
    instant = new Date(jan4.getTime() + ((w - 1 + step) * 7 - ((jan4.getUTCDay() + 6) % 7) + 3) * 86400000);
  }
  return currentPeriod(type, instant);
}

function rowsOf(rows, metric) {
  const found = [];
  for (const [key, value] of rows) {
    if (key.startsWith(`${metric}|`)) {
      found.push(value);
    }
  }
  return found;
}

/** The rows of a family for the selected period and cut: one row (all, an owner) or, for the team, its owners' rows. */
function cut(rows, metric, { period = true, channel = true } = {}) {
  return rowsOf(rows, metric).filter((row) => {
    if (period && (row.periodType !== selection.periodType || row.period !== selection.period)) {
      return false;
    }
    if (channel && (row.sourceChannel ?? ALL) !== selection.channel) {
      return false;
    }
    if (selection.owner === TEAM) {
      return row.ownerId !== null && row.ownerId !== undefined;
    }
    return (row.ownerId ?? ALL) === selection.owner;
  });
}

/** Adds up conversion rows (the owners of a team): counts add, ratios are worked out again as docs/metrics.md defines. */
function sumConversion(list) {
  if (list.length <= 1) {
    return list[0] || null;
  }
  const stages = new Map();
  let opened = 0;
  let won = 0;
  let lost = 0;
  for (const row of list) {
    opened += row.opened;
    won += row.won;
    lost += row.lost;
    for (const stage of row.stages || []) {
      const sum = stages.get(stage.stageId) || { ...stage, reached: 0, entered: 0 };
      sum.reached += stage.reached || 0;
      sum.entered += stage.entered || 0;
      stages.set(stage.stageId, sum);
    }
  }
  const ordered = [...stages.values()];
  const current = ordered.filter((s) => s.current);
  current.forEach((stage, i) => {
    const next = i + 1 < current.length ? current[i + 1].reached : won;
    stage.conversionToNext = stage.reached ? next / stage.reached : null;
  });
  return { opened, won, lost, stages: ordered, leadToWin: opened ? won / opened : null };
}

function sumWinRate(list) {
  if (list.length <= 1) {
    return list[0] || null;
  }
  const won = list.reduce((s, r) => s + r.won, 0);
  const lost = list.reduce((s, r) => s + r.lost, 0);
  return { won, lost, winRate: won + lost ? won / (won + lost) : null };
}

function renderView(container, pipeline, rows, alerts, state, draw, reload) {
  const me = user();
  const owners = [...new Set(rowsOf(rows, 'conversion').concat(rowsOf(rows, 'manager-activity'))
    .map((row) => row.ownerId).filter(Boolean))].sort();
  const channels = [...new Set(rowsOf(rows, 'conversion').map((row) => row.sourceChannel).filter((c) => c && c !== '-'))].sort();
  const select = (testId, label, options, value, onchange) => h('label', { class: 'filter' }, h('span', {}, label),
    h('select', { 'data-test': testId, onchange: (e) => { onchange(e.target.value); draw(); } },
      options.map(([v, l]) => h('option', { value: v, selected: v === value }, l))));
  const ownerOptions = [[ALL, t('manager.allOwners')]];
  if (me.roles.includes('manager')) {
    ownerOptions.push([TEAM, t('manager.myTeam', { team: me.team || '' })]);
  }
  owners.forEach((owner) => ownerOptions.push([owner, owner]));

  const controls = h('div', { class: 'toolbar' }, h('div', { class: 'toolbar-row' },
    h('select', { 'data-test': 'pipeline-select', onchange: (e) => navigate(`#/manager/${encodeURIComponent(e.target.value)}`) },
      pipelineList().map((p) => h('option', { value: p.pipelineId, selected: p.pipelineId === pipeline.pipelineId }, p.name))),
    select('period-type', t('manager.periodType'), PERIOD_TYPES.map((type) => [type, t(`period.${type}`)]), selection.periodType,
      (value) => { selection.periodType = value; selection.period = currentPeriod(value); reload(); }),
    h('div', { class: 'period' },
      h('button', { type: 'button', class: 'link', 'aria-label': t('manager.previous'), 'data-test': 'period-previous',
        onclick: () => { selection.period = shiftPeriod(selection.periodType, selection.period, -1); reload(); } }, '‹'),
      h('strong', { 'data-test': 'period' }, selection.period),
      h('button', { type: 'button', class: 'link', 'aria-label': t('manager.next'), 'data-test': 'period-next',
        onclick: () => { selection.period = shiftPeriod(selection.periodType, selection.period, 1); reload(); } }, '›')),
    select('owner-cut', t('manager.owner'), ownerOptions, selection.owner, (value) => { selection.owner = value; }),
    select('channel-cut', t('manager.channel'), [[ALL, t('manager.allChannels')], ...channels.map((c) => [c, c])], selection.channel,
      (value) => { selection.channel = value; })));

  const stageName = (stageId) => pipeline.stages.find((s) => s.stageId === stageId)?.name || stageId;
  const conversion = sumConversion(cut(rows, 'conversion'));
  const winRate = sumWinRate(cut(rows, 'win-rate'));
  const teamCut = selection.owner === TEAM;
  const timeInStage = teamCut ? null : cut(rows, 'time-in-stage')[0];
  const cycle = teamCut ? null : cut(rows, 'sales-cycle')[0];
  const velocity = teamCut ? [] : cut(rows, 'sales-velocity');

  const funnelPanel = h('section', { class: 'panel wide', 'data-test': 'funnel' },
    h('h2', {}, t('manager.funnel')),
    conversion ? [
      h('p', { class: 'figures' },
        h('span', {}, `${t('manager.opened')}: `, h('strong', { 'data-test': 'funnel-opened' }, format.number(conversion.opened))),
        h('span', {}, `${t('manager.won')}: `, h('strong', { 'data-test': 'funnel-won' }, format.number(conversion.won))),
        h('span', {}, `${t('manager.lost')}: `, h('strong', {}, format.number(conversion.lost))),
        h('span', {}, `${t('manager.leadToWin')}: `, h('strong', {}, format.percent(conversion.leadToWin, 1))),
        h('span', {}, `${t('manager.winRate')}: `, h('strong', { 'data-test': 'win-rate' }, format.percent(winRate?.winRate, 1)))),
      funnel(conversion.stages.filter((s) => s.current).map((s) => ({ label: s.name || stageName(s.stageId), value: s.reached,
        note: s.conversionToNext === null || s.conversionToNext === undefined ? '' : `→ ${format.percent(s.conversionToNext, 0)}`,
        testId: `funnel-${s.stageId}` })), format.number),
    ] : h('p', { class: 'empty' }, t('manager.noFigures')));

  const velocityPanel = h('section', { class: 'panel', 'data-test': 'velocity' },
    h('h2', {}, t('manager.velocity')),
    teamCut ? h('p', { class: 'empty' }, t('manager.notAdditive')) : [
      timeInStage ? groupedBars(timeInStage.stages.map((s) => ({ label: stageName(s.stageId),
        values: [s.meanSeconds, s.medianSeconds, s.p90Seconds] })),
      [t('manager.mean'), t('manager.median'), t('manager.p90')], format.duration)
        : h('p', { class: 'empty' }, t('manager.noTimeInStage')),
      h('p', { class: 'figures' },
        h('span', {}, `${t('manager.salesCycle')}: `, h('strong', {}, cycle ? `${format.number(cycle.meanDays, 1)} / ${format.number(cycle.medianDays, 1)} ${t('manager.days')}` : '—'))),
      velocity.length ? h('table', { class: 'data' },
        h('thead', {}, h('tr', {}, ['manager.currency', 'manager.openDeals', 'manager.winRate', 'manager.averageWon', 'manager.cycleDays', 'manager.perDay']
          .map((k) => h('th', {}, t(k))))),
        h('tbody', {}, velocity.map((v) => h('tr', {}, h('td', {}, v.currency), h('td', {}, format.number(v.openDeals)),
          h('td', {}, format.percent(v.winRate, 1)), h('td', {}, format.money(v.averageWonAmount, v.currency)),
          h('td', {}, format.number(v.averageCycleDays, 1)), h('td', {}, format.money(v.velocityPerDay, v.currency)))))) : null,
    ]);

  const weighted = teamCut ? [] : cut(rows, 'weighted-pipeline', { period: false })
    .filter((row) => row.periodType === 'MONTH') // close months, and the deals without a close date once
    .sort((a, b) => String(a.period).localeCompare(String(b.period)));
  const forecastPanel = h('section', { class: 'panel', 'data-test': 'weighted-pipeline' },
    h('h2', {}, t('manager.weightedPipeline')),
    weighted.length ? [
      groupedBars(weighted.map((row) => ({ label: row.period === 'none' ? t('manager.noCloseDate') : row.period,
        values: [Number(row.amount), Number(row.weightedAmount)] })), [t('manager.amount'), t('manager.weighted')],
      (v) => format.number(v, 0)),
      h('table', { class: 'data' }, h('thead', {}, h('tr', {}, ['manager.closePeriod', 'manager.currency', 'manager.openDeals', 'manager.amount', 'manager.weighted']
        .map((k) => h('th', {}, t(k))))),
      h('tbody', {}, weighted.map((row) => h('tr', {}, h('td', {}, row.period === 'none' ? t('manager.noCloseDate') : row.period),
        h('td', {}, row.currency), h('td', {}, format.number(row.openDeals)), h('td', {}, format.money(row.amount, row.currency)),
        h('td', {}, format.money(row.weightedAmount, row.currency)))))),
    ] : h('p', { class: 'empty' }, teamCut ? t('manager.notAdditive') : t('manager.noFigures')));

  const paymentPanel = paymentPlan(rows, pipeline, state, draw, stageName);
  const coveragePanel = coverage(rows);
  const controlPanel = managerControl(rows, pipeline, stageName);
  const alertsPanel = h('section', { class: 'panel wide', 'data-test': 'stalled-alerts' },
    h('h2', {}, `${t('manager.stalled')} (${alerts.size})`),
    alerts.size ? h('table', { class: 'data' }, h('thead', {}, h('tr', {}, ['manager.deal', 'manager.stage', 'manager.owner', 'manager.reason', 'manager.since']
      .map((k) => h('th', {}, t(k))))),
    h('tbody', {}, [...alerts.values()].sort((a, b) => String(a.since).localeCompare(String(b.since))).map((alert) => h('tr', { 'data-test': 'stalled-alert' },
      h('td', {}, h('a', { href: `#/deal/${encodeURIComponent(alert.dealId)}` }, alert.dealId)),
      h('td', {}, stageName(alert.stageId)), h('td', {}, alert.ownerId || ''),
      h('td', {}, t(`stall.${alert.reason}`)), h('td', {}, format.dateTime(alert.since)))))) : h('p', { class: 'empty' }, t('manager.noStalled')));

  replace(container, h('section', { class: 'manager-view', 'data-test': 'manager' }, controls,
    h('div', { class: 'panels' }, funnelPanel, velocityPanel, forecastPanel, paymentPanel, coveragePanel, controlPanel, alertsPanel)));
}

function paymentPlan(rows, pipeline, state, draw, stageName) {
  const owner = selection.owner === TEAM ? ALL : selection.owner;
  const plan = rowsOf(rows, 'payment-plan').find((row) => (row.ownerId ?? ALL) === owner);
  const panel = h('section', { class: 'panel wide', 'data-test': 'payment-plan' }, h('h2', {}, t('manager.paymentPlan')));
  if (!plan) {
    panel.appendChild(h('p', { class: 'empty' }, t('manager.noFigures')));
    return panel;
  }
  const missing = (plan.deals || []).filter((deal) => !state.dealCards.has(deal.dealId)).slice(0, 50);
  if (missing.length) {
    missing.forEach((deal) => state.dealCards.set(deal.dealId, null));
    Promise.all(missing.map((deal) => read(`/deals/${encodeURIComponent(deal.dealId)}`).then((card) => state.dealCards.set(deal.dealId, card))
      .catch(() => {}))).then(draw);
  }
  const table = (title, deals, totals, testId) => h('div', { 'data-test': testId },
    h('h3', {}, `${title} (${(totals || []).map((total) => format.money(total.amount, total.currency)).join(', ') || '—'})`),
    deals.length ? h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['manager.client', 'manager.amount', 'manager.stage', 'manager.product', 'manager.owner', 'manager.probability', 'manager.closeDate']
        .map((k) => h('th', {}, t(k))))),
      h('tbody', {}, deals.map((deal) => {
        const card = state.dealCards.get(deal.dealId);
        return h('tr', {},
          h('td', {}, h('a', { href: `#/deal/${encodeURIComponent(deal.dealId)}` }, card?.client?.company || card?.title || deal.dealId)),
          h('td', {}, format.moneyOf(deal.amount)), h('td', {}, card ? stageName(card.stageId) : '…'),
          h('td', {}, card?.product || ''), h('td', {}, deal.ownerId || ''), h('td', {}, `${deal.probability} %`),
          h('td', {}, format.date(deal.expectedCloseDate)));
      }))) : h('p', { class: 'empty' }, '—'));
  const deals = plan.deals || [];
  panel.append(
    table(t('manager.tomorrow', { day: format.date(plan.tomorrow) }), deals.filter((d) => d.expectedCloseDate === plan.tomorrow), plan.tomorrowTotals, 'plan-tomorrow'),
    table(t('manager.thisWeek', { day: format.date(plan.weekEnd) }), deals, plan.thisWeekTotals, 'plan-week'));
  return panel;
}

function coverage(rows) {
  const list = rowsOf(rows, 'coverage').filter((row) => selection.periodType !== 'MONTH' && selection.periodType !== 'QUARTER'
    || (row.periodType === selection.periodType && row.period === selection.period))
    .sort((a, b) => `${a.period}${a.subjectId}`.localeCompare(`${b.period}${b.subjectId}`));
  return h('section', { class: 'panel wide', 'data-test': 'coverage' }, h('h2', {}, t('manager.coverage')),
    list.length ? h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['manager.subject', 'manager.periodLabel', 'manager.target', 'manager.wonInPeriod', 'manager.remaining',
        'manager.openPipeline', 'manager.actualCoverage', 'manager.requiredCoverage'].map((k) => h('th', {}, t(k))))),
      h('tbody', {}, list.map((row) => h('tr', { class: row.actualCoverage !== null && row.requiredCoverage !== null
        && row.actualCoverage < row.requiredCoverage ? 'short' : null },
      h('td', {}, `${t(`subject.${row.subjectType}`)} ${row.subjectId}`), h('td', {}, row.period),
      h('td', {}, format.money(row.target, row.currency)), h('td', {}, format.money(row.wonInPeriod, row.currency)),
      h('td', {}, format.money(row.remaining, row.currency)), h('td', {}, format.money(row.openPipeline, row.currency)),
      h('td', {}, row.actualCoverage === null ? '—' : `${format.number(row.actualCoverage, 2)}×`),
      h('td', {}, row.requiredCoverage === null ? '—' : `${format.number(row.requiredCoverage, 2)}×`))))) : h('p', { class: 'empty' }, t('manager.noTargets')));
}

function managerControl(rows, pipeline, stageName) {
  // manager control is per shift: the selected day (or the other period types, summed by streams-analytics)
  const activity = rowsOf(rows, 'manager-activity').filter((row) => row.periodType === selection.periodType
    && row.period === selection.period);
  const today = format.companyDay();
  const books = new Map(rowsOf(rows, 'owner-book').filter((row) => row.ownerId && row.period === today
    && (row.sourceChannel === null || row.sourceChannel === undefined)).map((row) => [row.ownerId, row]));
  const people = [...new Set(activity.map((row) => row.ownerId).concat([...books.keys()]))].filter((person) =>
    selection.owner === ALL || selection.owner === TEAM || person === selection.owner).sort();
  const byPerson = new Map(activity.map((row) => [row.ownerId, row]));
  // what the speech dictionaries found in the same calls, from the call-quality family
  const quality = new Map(rowsOf(rows, 'call-quality').filter((row) => row.periodType === selection.periodType
    && row.period === selection.period).map((row) => [row.ownerId, row]));
  const columns = ['callsMade', 'callsReceived', 'talkSeconds', 'successfulContacts', 'missedCalls', 'emailsSent', 'emailsOpened',
    'emailOpenRate', 'cardsChanged', 'callsPerChangedCard', 'callsWithStopWords', 'callsWithComplaint', 'callsWithProfanity', 'overdueTasks', 'tasksRescheduledWithoutActivity', 'withoutNextAction', 'bottleneckStageId'];
  const cell = (person, column) => {
    const a = byPerson.get(person);
    const b = books.get(person);
    switch (column) {
      case 'talkSeconds': return a ? format.duration(a.talkSeconds) : '—';
      case 'callsPerChangedCard': return a ? format.number(a.callsPerChangedCard, 2) : '—';
      case 'emailOpenRate': return a ? format.percent(a.emailOpenRate) : '—';
      case 'overdueTasks': case 'withoutNextAction': return b ? format.number(b[column]) : '—';
      case 'callsWithStopWords': case 'callsWithComplaint': case 'callsWithProfanity': {
        const q = quality.get(person);
        return q ? format.number(q[column]) : '—';
      }
      case 'bottleneckStageId': return b?.bottleneckStageId ? `${stageName(b.bottleneckStageId)} (${b.bottleneckDeals})` : '—';
      default: return a ? format.number(a[column]) : '—';
    }
  };
  return h('section', { class: 'panel wide', 'data-test': 'manager-control' },
    h('h2', {}, t('manager.control', { period: selection.period })),
    people.length ? h('div', { class: 'scroll' }, h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', {}, t('manager.person')), columns.map((column) => h('th', {}, t(`control.${column}`))))),
      h('tbody', {}, people.map((person) => h('tr', { 'data-test': 'control-row', 'data-person': person },
        h('th', {}, person), columns.map((column) => h('td', { 'data-column': column }, cell(person, column)))))))) : h('p', { class: 'empty' }, t('manager.noFigures')));
}
