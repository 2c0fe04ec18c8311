// Reloads after a structure change (a block deleted, a passage split) keep the caret where it was:
// the block, the field and the selection go to sessionStorage and come back once the page is loaded.
import { TextSelection } from 'prosemirror-state';

const CARET_KEY = 'wengao.caret';

export function reloadKeepingCaret() {
  const holder = document.activeElement && document.activeElement.closest && document.activeElement.closest('div.pm');
  const block = holder && holder.closest('section.block');
  const field = holder && holder.previousElementSibling;
  if (block && field && field.name && holder.pmView) {
    const { from, to } = holder.pmView.state.selection;
    sessionStorage.setItem(CARET_KEY, JSON.stringify({
      path: window.location.pathname, section: block.dataset.section, field: field.name, from, to,
    }));
  }
  window.location.reload();
}

export function restoreCaret() {
  const saved = JSON.parse(sessionStorage.getItem(CARET_KEY) || 'null');
  sessionStorage.removeItem(CARET_KEY);
  if (!saved || saved.path !== window.location.pathname) return;
  const field = document.querySelector(`#s-${saved.section} form.block-text [name=${saved.field}]`);
  const view = field && field.pmView;
  if (!view || !view.editable) return;
  const { doc } = view.state;
  const at = (pos) => doc.resolve(Math.max(0, Math.min(pos, doc.content.size)));
  view.focus();
  view.dispatch(view.state.tr.setSelection(TextSelection.between(at(saved.from), at(saved.to))).scrollIntoView());
}
