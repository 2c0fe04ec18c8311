// The insert-number picker: search by metric name, group or value; insert at the last caret.
let lastField = null;

export function insertAtCaret(text) {
  if (!lastField) return false;
  const start = lastField.selectionStart;
  const end = lastField.selectionEnd;
  lastField.value = lastField.value.slice(0, start) + text + lastField.value.slice(end);
  lastField.focus();
  lastField.selectionStart = start + text.length;
  lastField.selectionEnd = start + text.length;
  lastField.dispatchEvent(new Event('input', { bubbles: true }));
  return true;
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

export function setupPicker(root) {
  root.querySelectorAll('section.block textarea, section.block input[name=lead], section.block input[name=heading]')
    .forEach((field) => field.addEventListener('focus', () => { lastField = field; }));
  const picker = document.querySelector('aside.picker');
  if (!picker) return;
  picker.querySelectorAll('button.insert').forEach((button) => {
    button.addEventListener('click', () => insertAtCaret(button.dataset.placeholder));
  });
  const search = picker.querySelector('#picker-search');
  if (search) search.addEventListener('input', () => filter(picker, search.value));
}
