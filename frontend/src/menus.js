import { NODE_TYPES } from './vocab.js';

// Block menus: the page lists the menu's forms once (<template id="block-menu">); every block gets its
// own copy here, with its section id in the forms' actions and its type and owner selected.
export function fillBlockMenus(root) {
  const template = document.getElementById('block-menu');
  if (!template) return;
  const marker = template.dataset.marker;
  root.querySelectorAll('section.block[data-section]').forEach((node) => {
    const body = node.querySelector('.block-menu .menu-body');
    if (!body || body.querySelector('form')) return;
    const id = node.dataset.section;
    const copy = template.content.cloneNode(true);
    copy.querySelectorAll('form').forEach((form) => {
      form.setAttribute('action', form.getAttribute('action').replace(marker, id));
    });
    copy.querySelectorAll(`button[value="${marker}"]`).forEach((button) => { button.value = id; });
    if (NODE_TYPES.includes(node.dataset.kind)) {  // an unknown type keeps the list's first choice, never a blank one
      copy.querySelectorAll('select[name=node_type]').forEach((select) => { select.value = node.dataset.kind; });
    }
    copy.querySelectorAll('select[name=owner_id]').forEach((select) => { select.value = node.dataset.owner || ''; });
    body.append(copy);
  });
}
