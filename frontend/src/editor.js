// Entry of the report editor bundle (app/static/editor/editor.js): autosave, drafts, conflicts,
// number chips (ProseMirror), picker, warnings. Built by `npm run build` in frontend/.
import { showProofreading } from './proofread.js';
import { Block } from './block.js';
import { restoreCaret } from './caret.js';
import { ChipPopover } from './chippop.js';
import { Deletions } from './deletes.js';
import { fillBlockMenus } from './menus.js';
import * as msg from './messages.js';
import { Navigator } from './navigate.js';
import { PasteSplitter } from './paste.js';
import { setupOutline } from './outline.js';
import { rememberView, setupPicker } from './picker.js';
import { setupRender } from './render.js';
import { attachView, Chips, pasteLines, setMarks } from './richtext.js';
import { setupTrace } from './trace.js';
import { TEXT_FIELDS } from './vocab.js';
import { warningRefresher } from './warnings.js';

const ORDER = ['conflict', 'offline', 'error', 'saving', 'dirty', 'saved'];

class Editor {
  constructor(root, chips) {
    this.root = root;
    this.reportId = root.dataset.report;
    this.csrf = document.querySelector('meta[name=csrf-token]').content;
    this.status = document.getElementById('save-status');
    this.blocks = new Map();
    root.querySelectorAll('section.block[data-section]').forEach((node) => {
      this.blocks.set(node.dataset.section, new Block(node, this));
    });
    this.draftsFound = 0;
    this.savedOne = warningRefresher(root, () => showProofreading(root, window.wengaoEditor.setDecorations),
      (fresh) => chips.update(root, fresh));
  }

  start() {
    this.blocks.forEach((block) => {
      block.form.addEventListener('input', () => block.onInput());
      if (block.offerDraft()) this.draftsFound += 1;
    });
    this.showDraftsFound();
    this.refreshStatus();
  }

  state() {
    const states = [...this.blocks.values()].map((block) => block.state);
    return ORDER.find((state) => states.includes(state)) || 'saved';
  }

  unsaved() {
    return this.state() !== 'saved';
  }

  refreshStatus() {
    if (!this.status) return;
    const state = this.state();
    this.status.dataset.state = state;
    this.status.textContent = msg.STATES[state];
  }

  async flushAll(options = {}) {
    const results = await Promise.all([...this.blocks.values()].map((block) => block.save(options)));
    return results.every(Boolean);
  }

  showDraftsFound() {
    const banner = document.getElementById('drafts-found');
    if (!banner) return;
    banner.hidden = this.draftsFound === 0;
    if (this.draftsFound === 0) return;
    banner.textContent = msg.DRAFTS_FOUND(this.draftsFound);
    this.root.querySelectorAll('.draft-offer').forEach((offer) => {
      const link = document.createElement('a');
      const block = offer.closest('section.block');
      link.href = `#${block.id}`;
      link.textContent = ` ${block.querySelector('textarea').getAttribute('aria-label')} `;
      banner.append(link);
    });
  }

  forget(node) {
    this.blocks.delete(node.dataset.section);
    node.remove();
  }

  draftHandled() {
    this.draftsFound -= 1;
    if (this.draftsFound <= 0) document.getElementById('drafts-found').hidden = true;
  }
}

function resubmit(form, submitter) {
  if (submitter && submitter.name) {
    const carried = document.createElement('input');
    carried.type = 'hidden';
    carried.name = submitter.name;
    carried.value = submitter.value;
    form.append(carried);
  }
  form.submit();
}

function guardForms(editor, deletions) {
  // Any other form on the page (move, owner, review…) waits until every block is saved.
  document.addEventListener('submit', (event) => {
    if (event.defaultPrevented) return;
    const form = event.target;
    if (form.classList.contains('undoable-delete')) {
      event.preventDefault();
      deletions.schedule(form);
      return;
    }
    const own = form.closest('section.block');
    if (form.classList.contains('block-text') && own) {
      event.preventDefault();
      editor.blocks.get(own.dataset.section).save();
      return;
    }
    if (!editor.unsaved()) return;
    event.preventDefault();
    editor.flushAll().then((ok) => {
      if (ok) resubmit(form, event.submitter);
      else if (editor.status) editor.status.textContent = msg.FLUSH_FIRST;
    });
  });
}

function guardLeaving(editor) {
  window.addEventListener('beforeunload', (event) => {
    if (!editor.unsaved()) return undefined;
    event.preventDefault();
    event.returnValue = '';
    return '';
  });
  window.addEventListener('pagehide', () => {
    if (editor.unsaved()) editor.flushAll({ keepalive: true });
  });
  window.addEventListener('online', () => editor.flushAll());
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
      event.preventDefault();
      editor.flushAll();
    }
  });
}

function attachViews(root, editable, navigator, hooks) {
  const data = JSON.parse(document.getElementById('editor-data')?.textContent || '{}');
  const chips = new Chips(data);
  const popover = new ChipPopover(chips);
  const shared = { editable, onChip: (dom, view) => popover.onChip(dom, view) };
  if (editable) shared.onEdge = (edge, view) => navigator.handle(edge, view);
  root.querySelectorAll('section.block').forEach((node) => {
    const form = node.querySelector('form.block-text');
    const bodyField = form.elements.body;
    const bodyView = attachView(bodyField, chips, {
      ...shared, singleLine: false, onPaste: (view, text) => hooks.paste && hooks.paste(view, text) });
    rememberView(bodyView);
    ['heading', 'lead'].forEach((name) => {
      const field = form.elements[name];
      if (field.type === 'hidden') return;
      rememberView(attachView(field, chips, {
        ...shared,
        singleLine: true,
        onEnter: () => bodyView.focus(),
        onPasteLines: (view, text) => {
          const rest = pasteLines(view, bodyView, text);
          if (hooks.paste) hooks.paste(bodyView, rest);
        },
      }));
    });
  });
  return chips;
}

// Findings from outside (proofreading, warnings): [{section_id, start, end, severity, message, field?}],
// offsets into the field's text (body unless `field` says heading or lead). Replaces earlier marks.
function setDecorations(root, findings) {
  const bySection = new Map();
  findings.forEach((finding) => {
    const key = `${finding.section_id}:${finding.field || 'body'}`;
    if (!bySection.has(key)) bySection.set(key, []);
    bySection.get(key).push(finding);
  });
  root.querySelectorAll('section.block').forEach((node) => {
    TEXT_FIELDS.forEach((name) => {
      const field = node.querySelector(`form.block-text [name=${name}]`);
      if (field && field.pmView) setMarks(field.pmView, bySection.get(`${node.dataset.section}:${name}`) || []);
    });
  });
}

function structureKeys(root) {
  // Alt+↑/↓ move the block, Alt+←/→ raise/lower its level (the block menu's forms, saved first).
  const directions = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'out', ArrowRight: 'in' };
  root.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      const after = event.target.closest && event.target.closest('section.block')?.querySelector('button[data-key=after]');
      if (after) {
        event.preventDefault();
        after.form.requestSubmit(after);
      }
      return;
    }
    const direction = directions[event.key];
    const block = event.target.closest && event.target.closest('section.block');
    if (!event.altKey || !direction || !block) return;
    const input = block.querySelector(`.block-menu input[name=direction][value=${direction}]`);
    if (!input) return;
    event.preventDefault();
    input.form.requestSubmit();
  });
}

function fillMoveTargets(menu) {
  // The headings a block can move under, listed once in <template id="move-targets"> for the whole page.
  const select = menu.querySelector('select.move-targets');
  const targets = document.getElementById('move-targets');
  if (!select || !targets || select.options.length > 1) return;
  const own = menu.closest('section.block').dataset.section;
  select.append(...[...targets.content.querySelectorAll('option')]
    .filter((option) => option.value !== own).map((option) => option.cloneNode(true)));
}

function setupMenus(root) {
  // One block menu open at a time; a click elsewhere or Escape closes it.
  root.querySelectorAll('details.block-menu').forEach((menu) => {
    menu.addEventListener('toggle', () => { if (menu.open) fillMoveTargets(menu); });
  });
  const closeAll = (except) => root.querySelectorAll('details.block-menu[open]').forEach((menu) => {
    if (menu !== except) menu.open = false;
  });
  document.addEventListener('click', (event) => closeAll(event.target.closest && event.target.closest('details.block-menu')));
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const open = root.querySelector('details.block-menu[open]');
    if (!open) return;
    open.open = false;
    open.querySelector('summary').focus();
  });
}

function setupRawToggle(root) {
  const toggle = document.getElementById('show-codes');
  if (!toggle) return;
  const apply = () => root.classList.toggle('show-codes', toggle.checked);
  toggle.addEventListener('change', apply);
  apply();
}

function main() {
  document.documentElement.classList.add('js');
  setupTrace();
  const root = document.getElementById('editor');
  const bar = document.querySelector('.render-bar');
  if (!root) {
    if (bar) setupRender(bar, null);
    return;
  }
  const editable = root.dataset.editable === '1';
  fillBlockMenus(root);
  setupPicker(editable);
  const navigator = new Navigator(root);
  const hooks = {};
  const chips = attachViews(root, editable, navigator, hooks);
  setupRawToggle(root);
  setupMenus(root);
  window.wengaoEditor = { setDecorations: (findings) => setDecorations(root, findings) };
  showProofreading(root, window.wengaoEditor.setDecorations);
  if (!editable) {
    if (bar) setupRender(bar, null);
    return;
  }
  const editor = new Editor(root, chips);
  if (bar) setupRender(bar, () => editor.flushAll());
  editor.start();
  navigator.deletions = new Deletions(editor);
  const splitter = new PasteSplitter(editor);
  hooks.paste = (view, text) => splitter.pasted(view, text);
  splitter.offerUndo();
  restoreCaret();
  guardForms(editor, navigator.deletions);
  guardLeaving(editor);
  structureKeys(root);
  setupOutline(editor);
  window.wengaoEditor.editor = editor;
  window.wengaoEditor.flush = () => editor.flushAll();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
