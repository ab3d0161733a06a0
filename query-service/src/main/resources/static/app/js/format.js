// Numbers, money and dates per the chosen language; days and shifts in the company's time zone.
import { currentLanguage } from './i18n.js';

let zone = 'UTC';

export function setCompanyTimeZone(timeZone) {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    zone = timeZone;
  } catch (e) {
    zone = 'UTC';
  }
}

export function companyTimeZone() {
  return zone;
}

const cache = new Map();
function formatter(kind, options) {
  const key = `${currentLanguage()}|${kind}|${JSON.stringify(options)}`;
  let found = cache.get(key);
  if (!found) {
    found = kind === 'number' ? new Intl.NumberFormat(currentLanguage(), options)
      : new Intl.DateTimeFormat(currentLanguage(), options);
    cache.set(key, found);
  }
  return found;
}

/** A decimal string or number as money, e.g. "1500.00" EUR → "€1,500.00" (en) or "1500,00 €" (pl). */
export function money(amount, currency) {
  if (amount === null || amount === undefined || amount === '') {
    return '—';
  }
  const value = Number(amount);
  try {
    return formatter('number', { style: 'currency', currency, maximumFractionDigits: 2 }).format(value);
  } catch (e) {
    return `${formatter('number', { maximumFractionDigits: 2 }).format(value)} ${currency || ''}`.trim();
  }
}

/** A {amount, currency} object as money. */
export function moneyOf(money_) {
  return money_ ? money(money_.amount, money_.currency) : '—';
}

export function number(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) {
    return '—';
  }
  return formatter('number', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(Number(value));
}

/** A ratio 0..1 as a percentage. */
export function percent(ratio, digits = 0) {
  if (ratio === null || ratio === undefined) {
    return '—';
  }
  return formatter('number', { style: 'percent', maximumFractionDigits: digits }).format(Number(ratio));
}

/** An instant as date and time in the company's zone. */
export function dateTime(instant) {
  if (!instant) {
    return '—';
  }
  return formatter('date', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(instant));
}

/** A calendar date (yyyy-mm-dd) as the language writes it. */
export function date(isoDate) {
  if (!isoDate) {
    return '—';
  }
  const [year, month, day] = isoDate.split('-').map(Number);
  return formatter('date', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day)));
}

/** The company's calendar date of an instant, as yyyy-mm-dd. */
export function companyDay(instant = new Date()) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(instant));
  const part = (type) => parts.find((p) => p.type === type).value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Seconds as a duration: "3 d 4 h", "2 h 5 min", "45 s". */
export function duration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '—';
  }
  const s = Math.round(Number(seconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const unit = (value, name) => formatter('number', { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
  if (days > 0) {
    return `${unit(days, 'day')} ${unit(hours, 'hour')}`;
  }
  if (hours > 0) {
    return `${unit(hours, 'hour')} ${unit(minutes, 'minute')}`;
  }
  return minutes > 0 ? unit(minutes, 'minute') : unit(s, 'second');
}

/** A datetime-local input's value (company zone is not what the browser uses, so the browser's own zone) → ISO. */
export function fromLocalInput(value) {
  return value ? new Date(value).toISOString() : null;
}

/** An instant as a datetime-local input's value, in the browser's zone. */
export function toLocalInput(instant) {
  const d = new Date(instant);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
