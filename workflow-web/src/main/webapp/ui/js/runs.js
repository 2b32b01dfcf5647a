// The runs table: newest first, filtered by workflow, status and creation time on the server, paged by
// cursor, refreshed in place every few seconds.
import { api, query } from './api.js';
import { badge, duration, h, notice, time } from './dom.js';

const STATUSES = ['pending', 'running', 'suspended', 'completed', 'failed', 'cancelled'];
const REFRESH_MS = 3000;

export async function runsPage(view, params) {
  const filter = {
    workflowName: params.get('workflowName') || '',
    status: params.get('status') || '',
    since: params.get('since') || '',
    until: params.get('until') || '',
  };
  const cursor = params.get('cursor') || '';
  const back = params.get('back') ? params.get('back').split(',') : [];
  const workflows = (await api('/workflows')).data.map(w => w.name);

  const body = h('tbody');
  const pager = h('nav', { class: 'pager' });
  const auto = h('input', { type: 'checkbox', id: 'auto-refresh', checked: true });
  const stamp = h('span', { class: 'muted', id: 'refreshed' });

  const select = (name, values, current) => h('select', { name, id: 'filter-' + name },
    h('option', { value: '' }, 'any'), values.map(v => h('option', { value: v, selected: v === current }, v)));
  const form = h('form', { class: 'filters', id: 'filters', onsubmit: e => {
    e.preventDefault();
    const data = new FormData(form);
    location.hash = '#/runs' + query({
      workflowName: data.get('workflowName'), status: data.get('status'),
      since: toIso(data.get('since')), until: toIso(data.get('until')),
    });
  } },
  h('label', {}, 'Workflow', select('workflowName', workflows, filter.workflowName)),
  h('label', {}, 'Status', select('status', STATUSES, filter.status)),
  h('label', {}, 'Created after', h('input', { type: 'datetime-local', name: 'since', step: 1, value: toLocal(filter.since) })),
  h('label', {}, 'Created before', h('input', { type: 'datetime-local', name: 'until', step: 1, value: toLocal(filter.until) })),
  h('button', { type: 'submit' }, 'Filter'),
  h('a', { href: '#/runs', class: 'button secondary' }, 'Clear'));

  view.replaceChildren(
    h('div', { class: 'title' }, h('h1', {}, 'Runs'),
      h('label', { class: 'inline' }, auto, ' Auto-refresh'), stamp,
      h('a', { href: '#/workflows', class: 'button' }, 'Start a run')),
    form,
    h('table', { class: 'runs', id: 'runs' },
      h('thead', {}, h('tr', {}, ['Run', 'Workflow', 'Status', 'Created', 'Started', 'Completed', 'Duration']
        .map(t => h('th', {}, t)))),
      body),
    pager);

  async function load() {
    const page = await api('/runs' + query({ ...filter, cursor, limit: 25 }));
    body.replaceChildren(...page.data.map(row));
    if (!page.data.length) {
      body.append(h('tr', {}, h('td', { colspan: 7, class: 'empty' }, 'No runs match.')));
    }
    const here = { ...filter };
    pager.replaceChildren(
      back.length || cursor ? h('a', { class: 'button secondary', id: 'newer',
        href: '#/runs' + query({ ...here, cursor: back[back.length - 1] || '', back: back.slice(0, -1).join(',') }) }, '← Newer') : '',
      page.hasMore ? h('a', { class: 'button secondary', id: 'older',
        href: '#/runs' + query({ ...here, cursor: page.cursor, back: [...back, cursor].join(',') }) }, 'Older →') : '');
    stamp.textContent = 'updated ' + new Date().toLocaleTimeString();
  }

  await load();
  const timer = setInterval(() => {
    if (auto.checked && document.visibilityState === 'visible') {
      load().then(() => notice(null), notice);
    }
  }, REFRESH_MS);
  return () => clearInterval(timer);
}

function row(run) {
  const open = '#/runs/' + encodeURIComponent(run.runId);
  return h('tr', { dataset: { runId: run.runId } },
    h('td', {}, h('a', { href: open, class: 'mono' }, run.runId)),
    h('td', {}, run.workflowName),
    h('td', {}, badge(run.status)),
    h('td', {}, time(run.createdAt)),
    h('td', {}, time(run.startedAt)),
    h('td', {}, time(run.completedAt)),
    h('td', { class: 'num' }, run.startedAt ? duration(run.startedAt, run.completedAt) : '—'));
}

/** A datetime-local value (local time) as an ISO instant, or ''. */
function toIso(local) {
  return local ? new Date(local).toISOString() : '';
}

function toLocal(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  const pad = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
