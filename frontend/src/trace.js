// The preview's numbers: a click opens the records behind the number in a dialog, on the same page.
import * as msg from './messages.js';

function cell(tag, text) {
  const node = document.createElement(tag);
  node.textContent = text;
  return node;
}

function table(records) {
  const t = document.createElement('table');
  const head = document.createElement('tr');
  msg.TRACE_COLUMNS.forEach((name) => head.append(cell('th', name)));
  t.append(head);
  records.forEach((r) => {
    const row = document.createElement('tr');
    [r.date, r.title, r.type, r.counted].forEach((value) => row.append(cell('td', value)));
    t.append(row);
  });
  return t;
}

async function open(dialog, anchor) {
  dialog.querySelector('#trace-title').textContent = `${anchor.title.split('：')[0]}：${anchor.textContent}`;
  dialog.querySelector('.trace-why').textContent = msg.LOADING;
  dialog.querySelector('.trace-body').replaceChildren();
  dialog.querySelector('.trace-all').href = anchor.href;
  if (!dialog.open) dialog.showModal();
  try {
    const response = await fetch(anchor.dataset.trace, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error);
    dialog.querySelector('.trace-why').textContent = msg.TRACE_SUMMARY(data.total, data.why);
    dialog.querySelector('.trace-body').replaceChildren(data.records.length ? table(data.records) : msg.NO_RECORDS);
  } catch (error) {
    dialog.querySelector('.trace-why').textContent = error.message || msg.TRACE_FAILED;
  }
}

export function setupTrace() {
  const dialog = document.getElementById('trace-dialog');
  if (!dialog) return;
  document.addEventListener('click', (event) => {
    const anchor = event.target.closest && event.target.closest('a.num[data-trace]');
    if (!anchor || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    open(dialog, anchor);
  });
}
