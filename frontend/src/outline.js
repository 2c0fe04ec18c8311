// Drag a heading in the outline: dropped on the upper half of another heading it goes before it
// (same parent); on the lower half it becomes that heading's last child. Saved text goes first.
function post(url, fields, csrf) {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = url;
  Object.entries({ csrf_token: csrf, ...fields }).forEach(([name, value]) => {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  });
  document.body.append(form);
  form.submit();
}

export function placement(target, upperHalf) {
  return upperHalf
    ? { parent_id: target.dataset.parent, before_id: target.dataset.section }
    : { parent_id: target.dataset.section, before_id: '' };
}

export function setupOutline(editor) {
  const outline = document.querySelector('nav.outline');
  if (!outline) return;
  let dragged = null;
  outline.addEventListener('dragstart', (event) => {
    dragged = event.target.closest('li[draggable]');
    if (dragged) event.dataTransfer.setData('text/plain', dragged.dataset.section);
  });
  outline.addEventListener('dragover', (event) => {
    const target = event.target.closest('li[data-section]');
    if (!dragged || !target || target === dragged) return;
    event.preventDefault();
    const box = target.getBoundingClientRect();
    outline.querySelectorAll('.drop-before, .drop-into').forEach((li) => li.classList.remove('drop-before', 'drop-into'));
    target.classList.add(event.clientY < box.top + box.height / 2 ? 'drop-before' : 'drop-into');
  });
  outline.addEventListener('drop', async (event) => {
    const target = event.target.closest('li[data-section]');
    if (!dragged || !target || target === dragged) return;
    event.preventDefault();
    const box = target.getBoundingClientRect();
    const fields = placement(target, event.clientY < box.top + box.height / 2);
    if (await editor.flushAll()) post(dragged.dataset.placeUrl, fields, editor.csrf);
  });
  outline.addEventListener('dragend', () => {
    dragged = null;
    outline.querySelectorAll('.drop-before, .drop-into').forEach((li) => li.classList.remove('drop-before', 'drop-into'));
  });
}
