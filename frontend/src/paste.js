// Pasting a passage into a block: the text goes in as pasted (nothing is lost), and when the server —
// reading it as the importer does — finds headings or items in it (一、 （一） 1. 一是), a bar offers to
// split it into blocks. The split is saved with the block's version check, the page reloads with the
// new blocks, and one 撤销 puts the block's text back and removes them.
import { reloadKeepingCaret } from './caret.js';
import * as msg from './messages.js';

const UNDO_KEY = 'wengao.split';
const UNDO_MS = 30000;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach((child) => node.append(child));
  return node;
}

function post(url, csrf, data) {
  return fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf },
    body: JSON.stringify(data),
  }).then(async (response) => ({ status: response.status, data: await response.json().catch(() => ({})) }));
}

function paragraphs(text) {
  return (text || '').split(/\r\n|\r|\n/).filter((line) => line.trim()).length;
}

export class PasteSplitter {
  constructor(editor) {
    this.editor = editor;
    this.toast = el('div', { class: 'split-toast', role: 'status' });
    this.toast.hidden = true;
    document.body.append(this.toast);
  }

  splitUrl(block) {
    return block.url.replace(/\/text$/, '/split');
  }

  // Called after a paste into a block's body has been applied.
  async pasted(view, text) {
    if (paragraphs(text) < 2) return;
    const node = view.dom.closest('section.block');
    const block = node && this.editor.blocks.get(node.dataset.section);
    if (!block) return;
    let answer;
    try {
      answer = await post(this.splitUrl(block), this.editor.csrf, { dry_run: true, body: block.fields().body });
    } catch (error) {
      return; // offline: the pasted text stays in the block and is saved as usual
    }
    if (answer.status !== 200 || !answer.data.blocks) return;
    this.offer(block, answer.data);
  }

  offer(block, plan) {
    block.node.querySelector('.paste-offer')?.remove();
    const split = el('button', { type: 'button' }, msg.SPLIT_DO(plan.blocks));
    const keep = el('button', { type: 'button', class: 'secondary' }, msg.SPLIT_KEEP);
    const names = plan.labels.slice(0, 4).map((label) => `“${label}”`).join('、');
    const bar = el('div', { class: 'paste-offer', role: 'status' },
      msg.SPLIT_FOUND(plan.blocks, names + (plan.labels.length > 4 ? '……' : '')), ' ', split, keep);
    split.addEventListener('click', () => this.split(block, bar));
    keep.addEventListener('click', () => bar.remove());
    block.form.after(bar);
  }

  async split(block, bar) {
    bar.querySelectorAll('button').forEach((button) => { button.disabled = true; });
    const fail = (text) => {
      bar.replaceChildren(text);
      bar.classList.add('is-error');
    };
    if (!(await block.save())) {
      fail(msg.SPLIT_SAVE_FIRST);
      return;
    }
    let answer;
    try {
      answer = await post(this.splitUrl(block), this.editor.csrf, { version: block.version });
    } catch (error) {
      fail(msg.OFFLINE);
      return;
    }
    if (answer.status !== 200) {
      fail(answer.data.error || `HTTP ${answer.status}`);
      return;
    }
    const { version, previous, created } = answer.data;
    sessionStorage.setItem(UNDO_KEY, JSON.stringify({
      report: this.editor.reportId, section: block.id, url: this.splitUrl(block), version, previous, created, at: Date.now(),
    }));
    block.setVersion(version);
    if (await this.editor.flushAll()) window.location.reload(); // the new blocks, numbered by the server
  }

  // After the reload: the new blocks in view, and 撤销 for a while.
  offerUndo() {
    const saved = JSON.parse(sessionStorage.getItem(UNDO_KEY) || 'null');
    sessionStorage.removeItem(UNDO_KEY);
    if (!saved || saved.report !== this.editor.reportId || Date.now() - saved.at > UNDO_MS) return;
    const first = document.getElementById(`s-${saved.created[0]?.id}`);
    if (first) first.scrollIntoView({ block: 'start' });
    const undo = el('button', { type: 'button' }, msg.UNDO);
    this.toast.replaceChildren(msg.SPLIT_DONE(saved.created.length), ' ', undo);
    this.toast.hidden = false;
    const timer = setTimeout(() => { this.toast.hidden = true; }, UNDO_MS);
    undo.addEventListener('click', async () => {
      clearTimeout(timer);
      undo.disabled = true;
      await this.editor.flushAll();
      let answer;
      try {
        answer = await post(`${saved.url}/undo`, this.editor.csrf, saved);
      } catch (error) {
        answer = { status: 0, data: { error: msg.OFFLINE } };
      }
      if (answer.status === 200) {
        reloadKeepingCaret();
        return;
      }
      this.toast.replaceChildren(answer.data.error || `HTTP ${answer.status}`);
    });
  }
}
