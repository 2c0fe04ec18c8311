// Entry of the report editor bundle (app/static/editor/editor.js): autosave, drafts, conflicts,
// number chips (ProseMirror), picker, warnings. Built by `npm run build` in frontend/.
import { Block } from './block.js';
import * as msg from './messages.js';
import { setupPicker } from './picker.js';

const ORDER = ['conflict', 'offline', 'error', 'saving', 'dirty', 'saved'];

class Editor {
  constructor(root) {
    this.root = root;
    this.reportId = root.dataset.report;
    this.csrf = document.querySelector('meta[name=csrf-token]').content;
    this.status = document.getElementById('save-status');
    this.blocks = new Map();
    root.querySelectorAll('section.block[data-section]').forEach((node) => {
      this.blocks.set(node.dataset.section, new Block(node, this));
    });
    this.draftsFound = 0;
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
      link.textContent = ` ${block.dataset.number || ''}${block.querySelector('textarea').getAttribute('aria-label')} `;
      banner.append(link);
    });
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

function guardForms(editor) {
  // Any other form on the page (move, owner, review…) waits until every block is saved.
  document.addEventListener('submit', (event) => {
    if (event.defaultPrevented) return;
    const form = event.target;
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

function autoGrow(root) {
  const grow = (area) => {
    area.style.height = 'auto';
    area.style.height = `${area.scrollHeight + 2}px`;
  };
  root.querySelectorAll('section.block textarea').forEach((area) => {
    grow(area);
    area.addEventListener('input', () => grow(area));
    area.addEventListener('wengao:set', () => grow(area));
  });
}

function main() {
  document.documentElement.classList.add('js');
  const root = document.getElementById('editor');
  if (!root) return;
  setupPicker(root);
  if (root.dataset.editable !== '1') return;
  const editor = new Editor(root);
  editor.start();
  guardForms(editor);
  guardLeaving(editor);
  autoGrow(root);
  window.wengaoEditor = editor;
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
