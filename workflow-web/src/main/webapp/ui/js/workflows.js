// The registered workflows, each with its parameters and a form that starts a run of it.
import { api } from './api.js';
import { h, notice } from './dom.js';

export async function workflowsPage(view) {
  const workflows = (await api('/workflows')).data;
  view.replaceChildren(h('div', { class: 'title' }, h('h1', {}, 'Workflows')),
    h('table', { class: 'workflows', id: 'workflows' },
      h('thead', {}, h('tr', {}, ['Workflow', 'Parameters', 'Returns', 'Start a run'].map(t => h('th', {}, t)))),
      h('tbody', {}, workflows.map(row))));
}

function row(w) {
  const args = h('input', { name: 'args', class: 'mono', value: example(w.parameterTypes), spellcheck: 'false',
    'aria-label': `Arguments of ${w.name} as a JSON array` });
  const deployment = h('input', { name: 'deploymentId', placeholder: 'deployment', 'aria-label': 'Deployment id' });
  const key = h('input', { name: 'idempotencyKey', placeholder: 'idempotency key', 'aria-label': 'Idempotency key' });
  const form = h('form', { class: 'start', dataset: { workflow: w.name }, onsubmit: async e => {
    e.preventDefault();
    let parsed;
    try {
      parsed = JSON.parse(args.value || '[]');
    } catch (err) {
      notice({ problem: { title: 'Not JSON', detail: 'The arguments are not a JSON array: ' + err.message } });
      return;
    }
    try {
      const run = await api('/runs', { method: 'POST', body: {
        workflowName: w.name, args: parsed,
        ...(deployment.value ? { deploymentId: deployment.value } : {}),
        ...(key.value ? { idempotencyKey: key.value } : {}),
      } });
      location.hash = '#/runs/' + encodeURIComponent(run.runId);
    } catch (err) {
      notice(err);
    }
  } }, args, deployment, key, h('button', { type: 'submit' }, 'Start'));
  return h('tr', {},
    h('td', {}, h('strong', {}, w.name), h('div', { class: 'muted small mono' }, w.className)),
    h('td', { class: 'mono small' }, w.parameterTypes.length ? w.parameterTypes.map(shortType).join(', ') : '—'),
    h('td', { class: 'mono small' }, shortType(w.returnType)),
    h('td', {}, form));
}

function shortType(t) {
  return String(t).replace(/\b(?:[a-z_][\w]*\.)+([A-Z])/g, '$1');
}

/** A JSON array of example arguments for the parameter types, for the form to start from. */
function example(types) {
  return JSON.stringify(types.map(t => {
    const s = shortType(t);
    if (/^(int|long|short|byte|Integer|Long|Short|Byte|double|float|Double|Float|BigDecimal|BigInteger)$/.test(s)) {
      return 0;
    }
    if (/^(boolean|Boolean)$/.test(s)) {
      return false;
    }
    if (/^(String|char|Character)$/.test(s)) {
      return '';
    }
    if (/^(List|Set|Collection)|\[\]$/.test(s)) {
      return [];
    }
    return {};
  }));
}
