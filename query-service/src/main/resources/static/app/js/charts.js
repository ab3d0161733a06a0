// Small SVG charts: a funnel and grouped bars. Drawn from the figures as they are, scaled to the largest.
import { svg, h } from './dom.js';

const WIDTH = 640;

/** items: [{label, value, note, testId}]; each bar centred, as wide as its value against the first. */
export function funnel(items, formatValue) {
  const rowHeight = 34;
  const largest = Math.max(1, ...items.map((item) => item.value || 0));
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${items.length * rowHeight + 4}`, class: 'chart funnel', role: 'img' },
    items.map((item, i) => {
      const width = Math.max(2, ((item.value || 0) / largest) * (WIDTH * 0.55));
      const y = i * rowHeight + 2;
      return svg('g', { 'data-test': item.testId },
        svg('rect', { x: (WIDTH * 0.55 - width) / 2 + 150, y, width, height: rowHeight - 6, rx: 4, class: `bar bar-${i % 6}` }),
        svg('text', { x: 140, y: y + rowHeight / 2, 'text-anchor': 'end', class: 'label' }, item.label),
        svg('text', { x: 150 + WIDTH * 0.275, y: y + rowHeight / 2, 'text-anchor': 'middle', class: 'value', 'data-value': item.value },
          formatValue(item.value)),
        svg('text', { x: WIDTH - 4, y: y + rowHeight / 2, 'text-anchor': 'end', class: 'note' }, item.note || ''));
    }));
  return h('figure', { class: 'chart-box' }, chart);
}

/** groups: [{label, values: [..]}], series: names of the values; a legend under the chart. */
export function groupedBars(groups, series, formatValue) {
  const rowHeight = 16 * series.length + 10;
  const largest = Math.max(1e-9, ...groups.flatMap((group) => group.values.map((v) => Number(v) || 0)));
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${groups.length * rowHeight + 4}`, class: 'chart bars', role: 'img' },
    groups.map((group, i) => svg('g', {},
      svg('text', { x: 140, y: i * rowHeight + rowHeight / 2, 'text-anchor': 'end', class: 'label' }, group.label),
      group.values.map((value, j) => {
        const width = Math.max(1, ((Number(value) || 0) / largest) * (WIDTH - 300));
        const y = i * rowHeight + 4 + j * 16;
        return svg('g', {},
          svg('rect', { x: 150, y, width, height: 13, rx: 2, class: `bar bar-${j}` }),
          svg('text', { x: 156 + width, y: y + 11, class: 'value' }, formatValue(Number(value) || 0)));
      }))));
  const legend = h('figcaption', { class: 'legend' }, series.map((name, j) => h('span', { class: `key bar-${j}` }, name)));
  return h('figure', { class: 'chart-box' }, chart, legend);
}
