// The dashboard: signs in, then shows the board, a deal or the manager's view, chosen by the address's #fragment:
//   #/board/<pipelineId>    the pipeline board (live, as of an instant, or the changes between two)
//   #/deal/<dealId>         the deal card: fields, actions, timeline, audit history
//   #/manager/<pipelineId>  the manager's live view: funnel, forecast, coverage, the team's work, stalled deals
import { h, replace } from './dom.js';
import { setLanguage, preferredLanguage, t, onLanguageChange, currentLanguage } from './i18n.js';
import { setCompanyTimeZone } from './format.js';
import * as auth from './auth.js';
import { read, setCommandServiceUrl } from './api.js';
import { notify, problemText } from './ui.js';

const views = {
  board: () => import('./board.js'),
  deal: () => import('./deal.js'),
  manager: () => import('./manager.js'),
};

let cleanup = null;
let pipelines = [];
let rendering = 0;

export function pipelineList() {
  return pipelines;
}

export function navigate(hash) {
  if (location.hash === hash) {
    route();
  } else {
    location.hash = hash;
  }
}

function parseRoute() {
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  return { name: views[name] ? name : 'board', argument: rest.length ? decodeURIComponent(rest.join('/')) : null };
}

async function route() {
  const token = ++rendering;
  const { name, argument } = parseRoute();
  cleanup?.();
  cleanup = null;
  const container = document.getElementById('view');
  renderNav(name, argument);
  try {
    const module = await views[name]();
    if (token !== rendering) {
      return;
    }
    cleanup = await module.render(container, argument) || null;
  } catch (e) {
    replace(container, h('p', { class: 'form-error', role: 'alert' }, problemText(e)));
  }
}

function renderNav(active, argument) {
  const pipelineId = active === 'deal' ? (pipelines[0]?.pipelineId || '') : (argument || pipelines[0]?.pipelineId || '');
  const link = (name, label) => h('a', { href: `#/${name}/${encodeURIComponent(pipelineId)}`, class: active === name ? 'active' : null,
    'data-test': `nav-${name}` }, label);
  const nav = document.getElementById('nav');
  replace(nav, link('board', t('nav.board')), auth.hasRole('admin', 'manager', 'viewer', 'rep') ? link('manager', t('nav.manager')) : null);
}

function renderUser() {
  const me = auth.user();
  replace(document.getElementById('user'), me ? h('span', { 'data-test': 'user-name' },
    `${me.name} · ${me.roles.map((role) => t(`role.${role}`)).join(', ')}${me.team ? ` · ${me.team}` : ''}`) : '');
  const signOut = document.getElementById('sign-out');
  signOut.hidden = !me;
}

async function start() {
  const languageSelect = document.getElementById('language');
  await setLanguage(preferredLanguage());
  languageSelect.value = currentLanguage();
  languageSelect.addEventListener('change', () => setLanguage(languageSelect.value, true));
  onLanguageChange(() => {
    renderUser();
    route();
  });
  const config = JSON.parse(document.querySelector('meta[name=app-config]')?.content || 'null')
    || await (await fetch('config.json', { cache: 'no-store' })).json();
  setCompanyTimeZone(config.companyTimeZone || 'UTC');
  setCommandServiceUrl(config.commandServiceUrl);
  await auth.configure(config);
  performance.mark('configured');
  const returned = await auth.completeSignIn();
  if (!auth.accessToken()) {
    await auth.signIn(location.hash);
    return;
  }
  if (returned !== null && returned !== location.hash) {
    history.replaceState(null, '', `${location.pathname}${returned}`);
  }
  auth.onExpired(() => {
    notify(t('auth.expired'), 'error');
    auth.signIn(location.hash);
  });
  document.getElementById('sign-out').addEventListener('click', () => auth.signOut());
  renderUser();
  if (!auth.hasRole('admin', 'manager', 'rep', 'viewer')) {
    replace(document.getElementById('view'), h('p', { class: 'form-error' }, t('auth.noAccess')));
    return;
  }
  performance.mark('signed-in');
  const { name, argument } = parseRoute();
  if (name === 'board' && argument) {
    (await views.board()).prefetch(argument);
  }
  pipelines = await read('/pipelines');
  performance.mark('pipelines-read');
  window.addEventListener('hashchange', route);
  await route();
}

start().catch((e) => {
  replace(document.getElementById('view'), h('p', { class: 'form-error', role: 'alert' }, problemText(e)));
});
