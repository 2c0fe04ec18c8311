// Delete with 撤销: the block (and everything below it) disappears at once, and the deletion is
// sent only when the undo window closes or the page is left.
import { reloadKeepingCaret } from './caret.js';
import * as msg from './messages.js';

const UNDO_MS = 8000;

function depth(block) {
  const match = block.className.match(/depth-(\d+)/);
  return match ? parseInt(match[1], 10) : 0;
}

export function withDescendants(block) {
  const blocks = [block];
  for (let next = block.nextElementSibling; next && next.matches('section.block') && depth(next) > depth(block);
    next = next.nextElementSibling) {
    blocks.push(next);
  }
  return blocks;
}

export class Deletions {
  constructor(editor) {
    this.editor = editor;
    this.pending = new Set();
    this.toast = document.createElement('div');
    this.toast.className = 'undo-toast';
    this.toast.setAttribute('role', 'status');
    this.toast.hidden = true;
    document.body.append(this.toast);
    document.querySelectorAll('section.block .block-menu form[action$="/delete"]').forEach((form) => {
      delete form.dataset.confirm; // 撤销 replaces the confirmation dialog
      form.classList.add('undoable-delete');
    });
    window.addEventListener('pagehide', () => this.pending.forEach((job) => job.send(true)));
  }

  schedule(form, { focusUndo = true } = {}) {
    const block = form.closest('section.block');
    const blocks = withDescendants(block);
    blocks.forEach((b) => { b.hidden = true; });
    const label = block.querySelector('textarea').getAttribute('aria-label').replace(/正文$/, '');
    const job = {
      send: (leaving) => {
        clearTimeout(job.timer);
        this.pending.delete(job);
        this.toast.hidden = true;
        return fetch(form.action, {
          method: 'POST', body: new FormData(form), credentials: 'same-origin', keepalive: leaving, redirect: 'manual',
        }).then((response) => {
          if (!leaving) this.done(response.ok || response.type === 'opaqueredirect', blocks);
        });
      },
      undo: () => {
        clearTimeout(job.timer);
        this.pending.delete(job);
        blocks.forEach((b) => { b.hidden = false; });
        this.toast.hidden = true;
      },
    };
    job.timer = setTimeout(() => job.send(false), UNDO_MS);
    this.pending.add(job);
    const undo = document.createElement('button');
    undo.type = 'button';
    undo.textContent = msg.UNDO;
    undo.addEventListener('click', job.undo);
    this.toast.replaceChildren(msg.DELETED(label), ' ', undo);
    this.toast.hidden = false;
    if (focusUndo) undo.focus();
  }

  async done(ok, blocks) {
    if (!ok) {
      blocks.forEach((b) => { b.hidden = false; });
      this.editor.status.textContent = msg.DELETE_FAILED;
      return;
    }
    blocks.forEach((b) => this.editor.forget(b));
    if (await this.editor.flushAll()) reloadKeepingCaret(); // numbers below the deleted block change
  }
}
