// Each text field of a block shown as a small ProseMirror view: paragraphs, and numbers as atom
// chips ({{ 指标 | 格式 }} → "60余场次"). The hidden field stays the value the autosave reads.
import { baseKeymap } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import { Schema, Slice } from 'prosemirror-model';
import { EditorState, NodeSelection, Plugin, PluginKey } from 'prosemirror-state';
import { Decoration, DecorationSet, EditorView } from 'prosemirror-view';
import { REVIEW_BADGE, REVIEW_NOTE } from './messages.js';

const CODE = /\{\{[^{}]*?\}\}/g;
const NAME = /^\{\{\s*([^|}\s]+)/;
// A number the importer bound on its value alone carries `| 待核对` until confirmed (prints the same).
const REVIEW = /\s*\|\s*待核对(?=\s*(?:\||\}\}))/;

export function needsReview(code) {
  return REVIEW.test(code);
}

export const schema = new Schema({
  nodes: {
    doc: { content: 'paragraph+' },
    paragraph: { content: 'inline*', toDOM: () => ['p', 0], parseDOM: [{ tag: 'p' }] },
    text: { group: 'inline' },
    number: {
      group: 'inline',
      inline: true,
      atom: true,
      attrs: { code: {} },
      toDOM: (node) => ['span', { class: 'chip', 'data-code': node.attrs.code }, node.attrs.code],
      parseDOM: [{ tag: 'span.chip', getAttrs: (dom) => ({ code: dom.dataset.code }) }],
    },
  },
});

function lineNodes(line) {
  const nodes = [];
  let last = 0;
  for (const match of line.matchAll(CODE)) {
    if (match.index > last) nodes.push(schema.text(line.slice(last, match.index)));
    nodes.push(schema.nodes.number.create({ code: match[0] }));
    last = match.index + match[0].length;
  }
  if (last < line.length) nodes.push(schema.text(line.slice(last)));
  return nodes;
}

export function parseText(text) {
  const lines = (text || '').split('\n');
  return schema.node('doc', null, lines.map((line) => schema.node('paragraph', null, lineNodes(line))));
}

export function serialize(doc) {
  const lines = [];
  doc.forEach((paragraph) => {
    let line = '';
    paragraph.forEach((node) => { line += node.isText ? node.text : node.attrs.code; });
    lines.push(line);
  });
  return lines.join('\n');
}

// How a chip reads: the merged value from the server, else the metric's current value.
export class Chips {
  constructor(data) {
    this.chips = data.chips || {};
    this.metrics = data.metrics || {};
    this.variables = data.variables || {};
  }

  describe(code) {
    const known = this.chips[code];
    if (known) return { ...known, review: needsReview(code) };
    const name = (code.match(NAME) || [])[1] || code;
    const review = needsReview(code);
    if (name in this.metrics) return { name, shown: this.metrics[name], warning: '', review };
    if (name in this.variables) return { name, shown: String(this.variables[name]), warning: '', review };
    return { name, shown: `【未知：${name}】`, warning: '未知指标：请从“插入数字”中选择。', review };
  }

  // The placeholder without its `| 待核对`; it reads as the marked one did until the server merges it again.
  confirmed(code) {
    const plainCode = code.replace(REVIEW, '').replace(/\s*\}\}$/, ' }}');
    if (this.chips[code] && !this.chips[plainCode]) this.chips[plainCode] = { ...this.chips[code] };
    return plainCode;
  }

  // Chips merged again by the server after a save (a number just typed gains its warning in place).
  update(root, fresh) {
    Object.assign(this.chips, fresh);
    root.querySelectorAll('span.chip[data-code]').forEach((dom) => paintChip(dom, this.describe(dom.dataset.code)));
  }
}

function paintChip(dom, info) {
  const code = dom.dataset.code;
  dom.classList.add('chip');
  dom.classList.toggle('chip-warn', Boolean(info.warning));
  dom.classList.toggle('chip-review', Boolean(info.review));
  const why = [info.warning, info.review ? REVIEW_NOTE : ''].filter(Boolean).join('；');
  dom.title = `${info.name}　${code}${why ? `\n${why}` : ''}`;
  if (why) dom.setAttribute('aria-label', `${info.shown}：${why}`);
  else dom.removeAttribute('aria-label');
  const shown = document.createElement('span');
  shown.className = 'chip-value';
  shown.textContent = info.shown;
  const raw = document.createElement('span');
  raw.className = 'chip-code';
  raw.textContent = code;
  dom.replaceChildren(shown, raw);
  if (info.review) {
    const badge = document.createElement('span');
    badge.className = 'chip-badge';
    badge.textContent = REVIEW_BADGE;
    dom.append(badge);
  }
}

// Confirm a 待核对 chip of `view` (its DOM `dom`): the same number without the mark, saved as any edit is.
export function confirmChip(view, dom, chips) {
  let at = null;
  view.state.doc.descendants((node, pos) => {
    if (at === null && node.type.name === 'number' && view.nodeDOM(pos) === dom) at = pos;
    return at === null;
  });
  if (at === null) return false;
  const code = chips.confirmed(view.state.doc.nodeAt(at).attrs.code);
  view.dispatch(view.state.tr.setNodeMarkup(at, null, { code }));
  return true;
}

class NumberView {
  constructor(node, chips) {
    this.dom = document.createElement('span');
    this.dom.dataset.code = node.attrs.code;
    paintChip(this.dom, chips.describe(node.attrs.code));
  }

  ignoreMutation() {
    return true;
  }
}

// Marks from outside (proofreading findings, warnings): [{start, end, severity, message}] in text offsets.
export const marksKey = new PluginKey('wengao-marks');

function offsetToPos(doc, offset) {
  let seen = 0;
  let found = doc.content.size;
  doc.descendants((node, pos) => {
    if (found !== doc.content.size) return false;
    if (node.type.name === 'paragraph') {
      if (pos > 0 && seen > 0) seen += 1; // the '\n' between paragraphs
      return true;
    }
    const length = node.isText ? node.text.length : node.attrs.code.length;
    if (offset <= seen + length) {
      found = pos + (node.isText ? offset - seen : (offset > seen ? 1 : 0));
      return false;
    }
    seen += length;
    return false;
  });
  return found;
}

function marksPlugin() {
  return new Plugin({
    key: marksKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set) {
        const marks = tr.getMeta(marksKey);
        if (!marks) return set.map(tr.mapping, tr.doc);
        return DecorationSet.create(tr.doc, marks.map((mark) => Decoration.inline(
          offsetToPos(tr.doc, mark.start), Math.max(offsetToPos(tr.doc, mark.end), offsetToPos(tr.doc, mark.start) + 1),
          { class: `mark mark-${mark.severity || 'warning'}`, title: mark.message || '' })));
      },
    },
    props: { decorations: (state) => marksKey.getState(state) },
  });
}

function addChipRule() {
  // Typing the closing }} of a placeholder turns it into a chip.
  return new Plugin({
    props: {
      handleTextInput(view, from, to, text) {
        if (text !== '}') return false;
        const $from = view.state.doc.resolve(from);
        const before = $from.parent.textBetween(0, $from.parentOffset, null, '\ufffc') + text;
        const match = before.match(/\{\{[^{}\ufffc]*\}\}$/);
        if (!match) return false;
        const start = from - (match[0].length - 1);
        const node = schema.nodes.number.create({ code: match[0] });
        view.dispatch(view.state.tr.replaceWith(start, to, node));
        return true;
      },
    },
  });
}

function chipSelectPlugin(onChip) {
  // A number chip selected by keyboard or click tells `onChip` (its popover explains it); anything else hides it.
  return new Plugin({
    view: () => ({
      update(view) {
        const { selection } = view.state;
        const chosen = selection instanceof NodeSelection && selection.node.type.name === 'number' && view.hasFocus();
        onChip(chosen ? view.nodeDOM(selection.from) : null, view);
      },
    }),
  });
}

const EDGE_KEYS = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right', Backspace: 'back' };

// Replace one <input>/<textarea> with a view; the field keeps the text for saving and forms.
// `onEdge(key, view)` may take the arrow keys and Backspace (moving between blocks); `onChip` hears chip
// selections, `onPaste(view, text)` pastes.
export function attachView(field, chips, { editable, singleLine, onEnter, onEdge, onChip, onPaste, onPasteLines }) {
  const holder = document.createElement('div');
  holder.className = `pm ${singleLine ? 'pm-line' : 'pm-body'}`;
  const keys = { 'Mod-z': undo, 'Mod-y': redo, 'Mod-Shift-z': redo };
  if (singleLine) keys.Enter = () => { if (onEnter) onEnter(); return true; };
  const edges = {};
  if (onEdge) {
    Object.entries(EDGE_KEYS).forEach(([key, edge]) => { edges[key] = (state, dispatch, view) => onEdge(edge, view); });
  }
  const plugins = [history(), keymap(keys), keymap(edges), keymap(baseKeymap), addChipRule(), marksPlugin()];
  if (onChip) plugins.push(chipSelectPlugin(onChip));
  const state = EditorState.create({ doc: parseText(field.value), plugins });
  const view = new EditorView(holder, {
    state,
    editable: () => editable,
    nodeViews: { number: (node) => new NumberView(node, chips) },
    handlePaste: (pmView, event) => {
      // The paste itself goes ahead as usual; `onPaste` hears of it once it is in the text. Several
      // lines pasted into a one-line field are `onPasteLines`'s (the first line here, the rest below).
      const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
      if (singleLine && onPasteLines && /\S\s*[\r\n]+\s*\S/.test(text)) {
        onPasteLines(pmView, text);
        return true;
      }
      if (onPaste && text) setTimeout(() => onPaste(pmView, text), 0);
      return false;
    },
    clipboardTextParser: (text) => {
      const clean = text.replace(/\r\n?/g, '\n');
      return new Slice(parseText(singleLine ? clean.replace(/\n/g, '') : clean).content, 1, 1);
    },
    attributes: {
      role: 'textbox',
      'aria-multiline': singleLine ? 'false' : 'true',
      'aria-label': field.getAttribute('aria-label') || '',
      'data-placeholder': field.getAttribute('placeholder') || '',
    },
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr));
      if (!tr.docChanged) return;
      let text = serialize(view.state.doc);
      if (singleLine) text = text.replace(/\n/g, '');
      field.value = text;
      field.dispatchEvent(new Event('input', { bubbles: true }));
    },
  });
  holder.classList.toggle('is-empty', !field.value);
  field.addEventListener('input', () => holder.classList.toggle('is-empty', !field.value));
  field.addEventListener('wengao:set', () => {
    // Text set from outside (restore a draft, take the saved version): rebuild without echoing input.
    view.updateState(EditorState.create({ doc: parseText(field.value), plugins: view.state.plugins }));
    holder.classList.toggle('is-empty', !field.value);
  });
  field.hidden = true;
  field.classList.add('pm-source');
  field.after(holder);
  field.pmView = view;
  holder.pmView = view;
  return view;
}

// Several lines pasted into a heading or lead: the first line goes there, the rest opens the body
// (each an undoable step of its own view). Returns the text that went into the body.
export function pasteLines(lineView, bodyView, text) {
  const lines = text.replace(/\r\n?/g, '\n').trim().split('\n');
  const first = lines.shift().trim();
  lineView.dispatch(lineView.state.tr.replaceSelection(new Slice(parseText(first).content, 1, 1)).scrollIntoView());
  const rest = lines.join('\n').replace(/^\n+/, '');
  const { doc } = bodyView.state;
  const old = serialize(doc);
  bodyView.dispatch(bodyView.state.tr.replaceWith(0, doc.content.size, parseText(old ? `${rest}\n${old}` : rest).content));
  return rest;
}

export function insertNumber(view, code) {
  const { from, to } = view.state.selection;
  view.dispatch(view.state.tr.replaceWith(from, to, schema.nodes.number.create({ code })).scrollIntoView());
  view.focus();
}

export function setMarks(view, marks) {
  view.dispatch(view.state.tr.setMeta(marksKey, marks));
}
