// A run's page: its facts, the actions on it, a timeline of its durable operations, its hooks, streams
// and event log. Refreshed every two seconds until the run has ended.
import { api, ProblemError, query, streamUrl } from './api.js';
import { badge, duration, h, json, notice, time } from './dom.js';
import { timeline } from './timeline.js';

const REFRESH_MS = 2000;
const TERMINAL = ['completed', 'failed', 'cancelled'];
const MAX_EVENTS = 5000;

export async function runPage(view, runId) {
  const parts = {
    head: h('div', { class: 'title' }),
    facts: h('section', { class: 'facts' }),
    timeline: h('section', {}),
    hooks: h('section', {}),
    streams: h('section', { id: 'streams' }),
    events: h('section', {}),
  };
  view.replaceChildren(...Object.values(parts));
  const live = new Map(); // stream name -> EventSource
  let timer = null;
  let stopped = false;

  async function load() {
    const run = await api('/runs/' + encodeURIComponent(runId));
    const [events, hooks, streams, reruns] = await Promise.all([
      allEvents(runId), api(`/runs/${encodeURIComponent(runId)}/hooks`),
      api(`/runs/${encodeURIComponent(runId)}/streams`), api('/runs' + query({ rerunOf: runId, limit: 10 }))]);
    if (stopped) {
      return run;
    }
    // a part is drawn again only when what it shows changed, so that a payload being typed, an event
    // opened or a button about to be clicked survive the refresh
    changed(parts.head, run) && renderHead(parts.head, run, load);
    changed(parts.facts, [run, reruns.data]) && renderFacts(parts.facts, run, reruns.data);
    parts.timeline.replaceChildren(h('h2', {}, 'Timeline'), timeline(run, events));
    changed(parts.hooks, hooks.data) && renderHooks(parts.hooks, hooks.data, load);
    renderStreams(parts.streams, runId, streams.data, live);
    changed(parts.events, events.length) && renderEvents(parts.events, events);
    return run;
  }

  async function tick() {
    try {
      const run = await load();
      if (!TERMINAL.includes(run.status) && !stopped) {
        timer = setTimeout(tick, REFRESH_MS);
      }
    } catch (e) {
      notice(e);
      timer = setTimeout(tick, REFRESH_MS * 2);
    }
  }

  const first = await load();
  if (!TERMINAL.includes(first.status)) {
    timer = setTimeout(tick, REFRESH_MS);
  }
  return () => {
    stopped = true;
    clearTimeout(timer);
    live.forEach(source => source.close());
  };
}

function changed(el, data) {
  const signature = JSON.stringify(data);
  if (el.dataset.signature === signature) {
    return false;
  }
  el.dataset.signature = signature;
  return true;
}

async function allEvents(runId) {
  const events = [];
  let cursor = '';
  do {
    const page = await api(`/runs/${encodeURIComponent(runId)}/events` + query({ limit: 1000, cursor }));
    events.push(...page.data);
    cursor = page.hasMore ? page.cursor : '';
  } while (cursor && events.length < MAX_EVENTS);
  return events;
}

function renderHead(el, run, reload) {
  const ended = TERMINAL.includes(run.status);
  const act = (label, id, question, call, disabled) => h('button', { id, disabled, class: id === 'cancel' ? 'danger' : '',
    onclick: async () => {
      if (!confirm(question)) {
        return;
      }
      try {
        const next = await call();
        notice(null);
        if (next) {
          location.hash = '#/runs/' + encodeURIComponent(next);
        } else {
          await reload();
        }
      } catch (e) {
        notice(e);
      }
    } }, label);
  const path = '/runs/' + encodeURIComponent(run.runId);
  el.replaceChildren(
    h('h1', {}, run.workflowName, ' ', badge(run.status)),
    h('div', { class: 'actions' },
      act('Cancel', 'cancel', `Cancel run ${run.runId}? Its pending steps will not run.`,
        () => api(path + '/cancel', { method: 'POST', body: { reason: 'Cancelled from the web UI' } }).then(() => null), ended),
      act('Wake up', 'wake-up', `End the pending sleeps of run ${run.runId} now?`,
        () => api(path + '/wake-up', { method: 'POST' }).then(() => null), ended),
      act('Re-run', 'rerun', `Start a new run of ${run.workflowName} with the same input?`,
        () => api(path + '/rerun', { method: 'POST' }).then(r => r.runId), false)));
}

function renderFacts(el, run, reruns) {
  const link = id => id ? h('a', { href: '#/runs/' + encodeURIComponent(id), class: 'mono' }, id) : h('span', { class: 'muted' }, '—');
  const rows = [
    ['Run id', h('span', { class: 'mono', id: 'run-id' }, run.runId)],
    ['Status', badge(run.status)],
    ['Created', time(run.createdAt)],
    ['Started', time(run.startedAt)],
    ['Completed', time(run.completedAt)],
    ['Duration', run.startedAt ? duration(run.startedAt, run.completedAt) : '—'],
    ['Deployment', run.deploymentId || h('span', { class: 'muted' }, '—')],
  ];
  if (run.parentRunId) {
    rows.push(['Parent run', link(run.parentRunId)]);
  }
  if (run.rerunOf) {
    rows.push(['Re-run of', link(run.rerunOf)]);
  }
  if (reruns.length) {
    rows.push(['Re-run as', h('span', { class: 'list' }, reruns.map(r => link(r.runId)))]);
  }
  const io = [h('div', {}, h('h3', {}, 'Input'), json(run.input))];
  if (run.status === 'completed') {
    io.push(h('div', {}, h('h3', {}, 'Output'), json(run.output)));
  }
  if (run.error) {
    io.push(h('div', { class: 'error' }, h('h3', {}, 'Error'),
      h('p', {}, h('code', {}, run.error.code), ' ', run.error.message || '')));
  }
  el.replaceChildren(h('dl', {}, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])), h('div', { class: 'io' }, io));
}

function renderHooks(el, hooks, reload) {
  if (!hooks.length) {
    el.replaceChildren();
    return;
  }
  el.replaceChildren(h('h2', {}, 'Hooks'), h('table', { class: 'hooks' },
    h('thead', {}, h('tr', {}, ['Kind', 'Token', 'Status', 'Payloads', 'Created', 'Resume'].map(t => h('th', {}, t)))),
    h('tbody', {}, hooks.map(hook => h('tr', { dataset: { token: hook.token || '' } },
      h('td', {}, hook.kind),
      // a viewer is not shown tokens (a token resumes its hook): nor the form that needs one
      h('td', { class: 'mono' }, hook.token === null ? h('span', { class: 'muted' }, 'hidden') : hook.token,
        hook.url ? h('div', { class: 'muted small' }, hook.url) : ''),
      h('td', {}, badge(hook.status)),
      h('td', { class: 'num' }, hook.received),
      h('td', {}, time(hook.createdAt)),
      h('td', {}, hook.status === 'active' && hook.kind === 'hook' && hook.token ? resumeForm(hook, reload) : ''))))));
}

function resumeForm(hook, reload) {
  const payload = h('textarea', { name: 'payload', rows: 3, spellcheck: 'false', 'aria-label': 'JSON payload' }, '{}');
  return h('form', { class: 'resume', onsubmit: async e => {
    e.preventDefault();
    let body;
    try {
      body = JSON.parse(payload.value);
    } catch (err) {
      notice(new ProblemError(400, { title: 'Not JSON', detail: 'The payload is not valid JSON: ' + err.message }));
      return;
    }
    if (!confirm('Resume the hook with this payload?')) {
      return;
    }
    try {
      await api('/hooks/' + encodeURIComponent(hook.token), { method: 'POST', body: JSON.stringify(body) });
      notice(null);
      await reload();
    } catch (err) {
      notice(err);
    }
  } }, payload, h('button', { type: 'submit' }, 'Resume'));
}

function renderStreams(el, runId, all, live) {
  // a stream nobody has written to has nothing to show yet; the next refresh adds it once it has
  const streams = all.filter(s => s.chunks > 0);
  if (!streams.length) {
    return;
  }
  if (!el.firstChild) {
    el.append(h('h2', {}, 'Streams'));
  }
  for (const s of streams) {
    if (live.has(s.name)) {
      continue;
    }
    const out = h('pre', { class: 'stream', dataset: { stream: s.name } });
    const state = h('span', { class: 'muted' }, 'connecting…');
    el.append(h('div', { class: 'stream-box' }, h('h3', {}, s.name, ' ', state), out));
    const source = new EventSource(streamUrl(runId, s.name));
    live.set(s.name, source);
    source.onopen = () => { state.textContent = 'live'; };
    source.onmessage = m => {
      out.append(m.data + '\n');
      out.scrollTop = out.scrollHeight;
    };
    source.addEventListener('end', () => {
      state.textContent = 'closed';
      source.close();
    });
    source.onerror = () => {
      // the server ends the stream once it is closed: stop rather than reconnect
      state.textContent = 'ended';
      source.close();
    };
  }
}

function renderEvents(el, events) {
  el.replaceChildren(h('h2', {}, `Events (${events.length})`), h('ol', { class: 'events', start: 0 },
    events.map(e => h('li', {}, h('details', {},
      h('summary', {}, h('span', { class: 'etype ' + e.eventType.split('_')[0] }, e.eventType), ' ',
        e.correlationId ? h('span', { class: 'mono muted' }, e.correlationId) : '', ' ', time(e.createdAt)),
      json(e.eventData))))));
}
