// A run's timeline from its event log: one row per durable operation (step, sleep, hook), a bar from
// its creation to its end, split into attempts and retry waits; parallel steps overlap in time on
// rows of their own. Steps that await a child run link to it.
import { h, humanMillis } from './dom.js';

export function timeline(run, events) {
  const start = Date.parse(run.createdAt);
  const end = run.completedAt ? Date.parse(run.completedAt) : Date.now();
  const ops = operations(events, end);
  if (!ops.length) {
    return h('p', { class: 'muted', id: 'timeline' }, 'No steps, sleeps or hooks yet.');
  }
  const span = Math.max(1, end - start);
  const pct = t => `${(100 * (t - start) / span).toFixed(3)}%`;
  const width = (a, b) => `max(3px, ${(100 * (b - a) / span).toFixed(3)}%)`;
  return h('div', { class: 'timeline', id: 'timeline' },
    h('div', { class: 'axis' }, h('span', {}, '0'), h('span', {}, humanMillis(span))),
    ops.map(op => h('div', { class: 'lane', dataset: { kind: op.kind, name: op.name } },
      h('div', { class: 'label', title: op.name }, op.link
        ? h('a', { href: '#/runs/' + encodeURIComponent(op.link) }, op.name) : op.name,
      op.attempts > 1 ? h('span', { class: 'muted small' }, ` ×${op.attempts}`) : ''),
      h('div', { class: 'track' }, op.segments.map(s => h('div', {
        class: 'seg ' + s.cls, style: `left:${pct(s.from)};width:${width(s.from, s.to)}`,
        title: `${op.name}: ${s.title} (${humanMillis(s.to - s.from)})`,
      }))))),
    legend(ops));
}

const LEGEND = [['queued', 'waiting to start'], ['attempt ok', 'attempt'], ['attempt failed', 'failed attempt'],
  ['retry-wait', 'retry wait'], ['sleep', 'sleep'], ['hook', 'waiting for a hook']];

// only the kinds of segment this run's timeline shows
function legend(ops) {
  const shown = new Set(ops.flatMap(o => o.segments.map(s => s.cls)));
  return h('div', { class: 'legend' }, LEGEND.filter(([cls]) => shown.has(cls)).map(([cls, text]) =>
    h('span', {}, h('i', { class: 'seg ' + cls }), text)));
}

function operations(events, now) {
  const byId = new Map();
  const order = [];
  const op = (id, kind, name) => {
    if (!byId.has(id)) {
      const o = { id, kind, name, segments: [], attempts: 0, open: null, link: null };
      byId.set(id, o);
      order.push(o);
    }
    return byId.get(id);
  };
  for (const e of events) {
    const t = Date.parse(e.createdAt);
    const d = e.eventData || {};
    const type = e.eventType;
    if (type === 'step_created') {
      const o = op(e.correlationId, 'step', d.stepName || 'step');
      o.open = { from: t, cls: 'queued', title: 'waiting to start' };
      const child = /^await\((.*)\)$/.exec(o.name);
      if (child && Array.isArray(d.input)) {
        o.link = d.input[0];
      }
    } else if (type.startsWith('step_') && byId.has(e.correlationId)) {
      const o = byId.get(e.correlationId);
      close(o, t);
      if (type === 'step_started') {
        o.attempts = d.attempt || o.attempts + 1;
        o.open = { from: t, cls: 'attempt', title: `attempt ${o.attempts}` };
      } else if (type === 'step_retrying') {
        o.segments[o.segments.length - 1] && (o.segments[o.segments.length - 1].cls = 'attempt failed');
        o.open = { from: t, cls: 'retry-wait', title: 'waiting to retry' + (d.retryAfter ? ' until ' + d.retryAfter : '') };
      } else if (type === 'step_completed') {
        o.segments.length && (o.segments[o.segments.length - 1].cls = 'attempt ok');
      } else if (type === 'step_failed') {
        o.segments.length && (o.segments[o.segments.length - 1].cls = 'attempt failed');
      }
    } else if (type === 'wait_created') {
      const o = op(e.correlationId, 'sleep', 'sleep');
      o.open = { from: t, cls: 'sleep', title: 'sleeping' + (d.resumeAt ? ' until ' + d.resumeAt : '') };
    } else if (type === 'wait_completed' && byId.has(e.correlationId)) {
      close(byId.get(e.correlationId), t);
    } else if (type === 'hook_created' || type === 'hook_conflict') {
      const o = op(e.correlationId, 'hook', (d.kind || 'hook') + (d.token ? ' ' + d.token : ''));
      o.open = { from: t, cls: 'hook', title: 'waiting for a payload' };
    } else if ((type === 'hook_received' || type === 'hook_disposed') && byId.has(e.correlationId)) {
      const o = byId.get(e.correlationId);
      close(o, t);
      if (type === 'hook_received') {
        o.segments.push({ from: t, to: t, cls: 'tick', title: 'payload received' });
        o.open = { from: t, cls: 'hook', title: 'waiting for a payload' };
      }
    }
  }
  for (const o of order) {
    close(o, now);
  }
  return order;
}

function close(o, t) {
  if (o.open) {
    o.segments.push({ ...o.open, to: Math.max(t, o.open.from) });
    o.open = null;
  }
}
