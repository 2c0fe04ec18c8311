// The insert-number picker: search by metric name, group or value; insert a chip at the last caret.
import { insertNumber } from './richtext.js';

let lastView = null;

export function rememberView(view) {
  view.dom.addEventListener('focus', () => { lastView = view; });
}

function filter(picker, query) {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  picker.querySelectorAll('.picker-group').forEach((group) => {
    let shown = 0;
    group.querySelectorAll('li[data-search]').forEach((item) => {
      const hay = item.dataset.search.toLowerCase();
      item.hidden = !words.every((word) => hay.includes(word));
      if (!item.hidden) shown += 1;
    });
    group.hidden = shown === 0;
    group.open = words.length > 0 && shown > 0;
  });
}

export function setupPicker(editable) {
  const picker = document.querySelector('aside.picker');
  if (!picker) return;
  picker.querySelectorAll('button.insert').forEach((button) => {
    button.hidden = !editable;
    button.addEventListener('click', () => { if (lastView) insertNumber(lastView, button.dataset.placeholder); });
  });
  const search = picker.querySelector('#picker-search');
  if (search) search.addEventListener('input', () => filter(picker, search.value));
}
