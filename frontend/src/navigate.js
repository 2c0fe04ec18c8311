// The blocks read as one document: the arrow keys leave a block at its edges for the next or
// previous one, and Backspace at the start of an empty block deletes it (with 撤销) and goes back.
import { Selection } from 'prosemirror-state';
import { serialize } from './richtext.js';
import { withDescendants } from './deletes.js';

function atEdge(view, edge) {
  const { doc, selection } = view.state;
  if (!selection.empty) return false;
  if (edge === 'left' || edge === 'back') return selection.from === Selection.atStart(doc).from;
  if (edge === 'right') return selection.to === Selection.atEnd(doc).to;
  const { $head } = selection;
  if (edge === 'up') return $head.index(0) === 0 && view.endOfTextblock('up');
  return $head.index(0) === doc.childCount - 1 && view.endOfTextblock('down');
}

function isEmpty(view) {
  return serialize(view.state.doc) === '';
}

export function enterView(view, where) {
  view.focus();
  const { doc } = view.state;
  const selection = where === 'end' ? Selection.atEnd(doc) : Selection.atStart(doc);
  view.dispatch(view.state.tr.setSelection(selection).scrollIntoView());
}

export class Navigator {
  constructor(root) {
    this.root = root;
    this.deletions = null; // set once the editor is editable (the block menus' delete forms exist)
  }

  // Every text view in reading order, skipping blocks hidden while their deletion can be undone.
  views() {
    return [...this.root.querySelectorAll('section.block:not([hidden]) div.pm')].map((holder) => holder.pmView)
      .filter(Boolean);
  }

  neighbour(view, step) {
    const views = this.views();
    const index = views.indexOf(view);
    return index < 0 ? null : views[index + step] || null;
  }

  handle(edge, view) {
    // A caret just moved natively (Ctrl+End, a click) may not be read yet: read the DOM selection first
    // (prosemirror-view's own observer; without it a fast key press would judge the old caret).
    if (view.domObserver && typeof view.domObserver.flush === 'function') view.domObserver.flush();
    if (!view.editable || !atEdge(view, edge)) return false;
    if (edge === 'back') return this.backspace(view);
    const forward = edge === 'down' || edge === 'right';
    const next = this.neighbour(view, forward ? 1 : -1);
    if (!next) return false;
    enterView(next, forward ? 'start' : 'end');
    return true;
  }

  backspace(view) {
    if (!isEmpty(view)) return false; // a block is never merged into the one above: nothing happens
    const block = view.dom.closest('section.block');
    const own = this.views().filter((other) => other.dom.closest('section.block') === block);
    const previous = this.neighbour(own[0], -1);
    const form = block.querySelector('.block-menu form.undoable-delete');
    const whole = own.every(isEmpty) && withDescendants(block).length === 1 && block.querySelector('[name=heading]').value === ''
      && block.querySelector('[name=lead]').value === '';
    if (whole && form && this.deletions) {
      this.deletions.schedule(form, { focusUndo: false });
      if (previous) enterView(previous, 'end');
      return true;
    }
    const before = this.neighbour(view, -1);
    if (!before) return false;
    enterView(before, 'end'); // an empty body below its heading: back to the heading's end
    return true;
  }
}
