// The UI's router: #/runs, #/runs/{id}, #/workflows. Each page renders into <main id="view"> and may
// return a function that stops what it started (timers, live streams) when the page is left.
import { api, ProblemError } from './api.js';
import { notice } from './dom.js';
import { runsPage } from './runs.js';
import { runPage } from './run.js';
import { workflowsPage } from './workflows.js';

const view = document.getElementById('view');
let leave = null;

async function route() {
  if (leave) {
    leave();
    leave = null;
  }
  notice(null);
  const hash = location.hash.replace(/^#/, '') || '/runs';
  const [path, search] = hash.split('?');
  const params = new URLSearchParams(search || '');
  const parts = path.split('/').filter(Boolean);
  document.querySelectorAll('[data-nav]').forEach(a => a.classList.toggle('active', a.dataset.nav === parts[0]));
  try {
    if (parts[0] === 'runs' && parts[1]) {
      leave = await runPage(view, decodeURIComponent(parts[1]));
    } else if (parts[0] === 'workflows') {
      leave = await workflowsPage(view, params);
    } else {
      leave = await runsPage(view, params);
    }
  } catch (e) {
    view.replaceChildren();
    notice(e);
  }
}

// the search box: a run id opens the run; otherwise a hook token, then an idempotency key, is looked up
document.getElementById('search').addEventListener('submit', async event => {
  event.preventDefault();
  const q = document.getElementById('search-input').value.trim();
  if (!q) {
    return;
  }
  try {
    location.hash = '#/runs/' + encodeURIComponent(await findRun(q));
  } catch (e) {
    notice(e);
  }
});

async function findRun(q) {
  if (q.startsWith('wrun_')) {
    return q;
  }
  try {
    return (await api('/hooks/' + encodeURIComponent(q))).runId;
  } catch (e) {
    if (!(e instanceof ProblemError) || e.status !== 404) {
      throw e;
    }
  }
  const page = await api('/runs?idempotencyKey=' + encodeURIComponent(q) + '&limit=1');
  if (page.data.length) {
    return page.data[0].runId;
  }
  throw new ProblemError(404, { title: 'Not found', detail: `No run has the id, hook token or idempotency key '${q}'.` });
}

window.addEventListener('hashchange', route);
route();
