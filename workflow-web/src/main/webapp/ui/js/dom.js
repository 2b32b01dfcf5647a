// A tiny element builder: h('td', {class: 'x'}, 'text', child). Text is always set as text, never as HTML.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (k.startsWith('on')) {
      el.addEventListener(k.slice(2), v);
    } else if (k === 'dataset') {
      Object.assign(el.dataset, v);
    } else if (v === true) {
      el.setAttribute(k, '');
    } else {
      el.setAttribute(k, v);
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(el, c);
    } else {
      el.append(c instanceof Node ? c : String(c));
    }
  }
}

export function badge(status) {
  return h('span', { class: `badge ${status}` }, status);
}

export function time(iso) {
  if (!iso) {
    return h('span', { class: 'muted' }, '—');
  }
  const d = new Date(iso);
  return h('time', { datetime: iso, title: iso }, d.toLocaleString(undefined, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }));
}

/** A duration between two instants (to now if the second is missing), as people read it. */
export function duration(fromIso, toIso) {
  if (!fromIso) {
    return '—';
  }
  return humanMillis((toIso ? new Date(toIso) : new Date()) - new Date(fromIso));
}

export function humanMillis(ms) {
  if (ms < 1000) {
    return `${Math.max(0, Math.round(ms))} ms`;
  }
  if (ms < 60_000) {
    return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  }
  if (ms < 3_600_000) {
    return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  }
  return `${Math.floor(ms / 3_600_000)} h ${Math.round((ms % 3_600_000) / 60_000)} min`;
}

export function json(value) {
  return h('pre', { class: 'json' }, value === undefined ? '' : JSON.stringify(value, null, 2));
}

/** Shows a problem (an error from api()) in the page's notice bar, or clears it. */
export function notice(error) {
  const bar = document.getElementById('notice');
  if (!error) {
    bar.hidden = true;
    bar.textContent = '';
    return;
  }
  const problem = error.problem || {};
  bar.replaceChildren(h('strong', {}, problem.title || 'Error'), ' ', problem.detail || error.message,
    h('button', { class: 'link', onclick: () => notice(null), 'aria-label': 'Dismiss' }, '×'));
  bar.hidden = false;
}
