// Languages: English, Polish, Ukrainian and Russian, chosen from the browser and switchable. The English messages are
// always loaded (they fill any gap); another language's are loaded when chosen.
import en from './messages/en.js';

export const LANGUAGES = ['en', 'pl', 'uk', 'ru'];
const STORAGE_KEY = 'sales-pipeline.language';

let language = 'en';
let messages = en;
const listeners = new Set();

/** The language asked for before (on this browser), else the first of the browser's that the app speaks. */
export function preferredLanguage() {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (LANGUAGES.includes(stored)) {
    return stored;
  }
  for (const tag of navigator.languages || [navigator.language]) {
    const base = String(tag).toLowerCase().split('-')[0];
    if (LANGUAGES.includes(base)) {
      return base;
    }
  }
  return 'en';
}

export async function setLanguage(next, remember = false) {
  if (!LANGUAGES.includes(next)) {
    next = 'en';
  }
  messages = next === 'en' ? en : { ...en, ...(await import(`./messages/${next}.js`)).default };
  language = next;
  document.documentElement.lang = next;
  if (remember) {
    localStorage.setItem(STORAGE_KEY, next);
  }
  translateStatic(document);
  listeners.forEach((listener) => listener(next));
}

export function currentLanguage() {
  return language;
}

/** Called after every change of language. */
export function onLanguageChange(listener) {
  listeners.add(listener);
}

/** The message for a key, with {name} placeholders filled in; the key itself if there is no such message. */
export function t(key, parameters = {}) {
  const message = messages[key] ?? en[key];
  if (message === undefined) {
    return key;
  }
  return message.replace(/\{(\w+)\}/g, (whole, name) => (name in parameters ? String(parameters[name]) : whole));
}

/** Plural forms: a message per CLDR category, e.g. 'deals.one', 'deals.few', 'deals.many', 'deals.other'. */
export function tn(key, count, parameters = {}) {
  const category = new Intl.PluralRules(language).select(count);
  const specific = `${key}.${category}`;
  const chosen = (messages[specific] ?? en[specific]) !== undefined ? specific : `${key}.other`;
  return t(chosen, { count: new Intl.NumberFormat(language).format(count), ...parameters });
}

/** Elements of the page shell marked data-i18n get their text from the messages. */
export function translateStatic(root) {
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
}
