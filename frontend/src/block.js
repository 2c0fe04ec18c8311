// One block of the report (a section): its text fields, autosave with the version check, drafts, conflicts.
import { dropDraft, getDraft, putDraft, sameText } from './drafts.js';
import * as msg from './messages.js';
import { beijingMinute } from './times.js';
import { TEXT_FIELDS } from './vocab.js';

const PAUSE_MS = 2000; // save this long after typing pauses
const RETRY_MS = 5000; // retry an offline save

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach((child) => node.append(child));
  return node;
}

function textView(fields) {
  const head = fields.heading || fields.lead;
  return el('div', {}, head ? el('b', {}, head) : '', el('pre', {}, fields.body || ''));
}

export class Block {
  constructor(node, editor) {
    this.node = node;
    this.editor = editor;
    this.id = node.dataset.section;
    this.url = node.dataset.saveUrl;
    this.version = parseInt(node.dataset.version, 10);
    this.form = node.querySelector('form.block-text');
    this.stateLine = node.querySelector('.block-state');
    this.saved = this.fields();
    this.state = 'saved';
    this.timer = null;
    this.inflight = null;
  }

  fields() {
    const f = this.form.elements;
    return { heading: f.heading.value, lead: f.lead.value, body: f.body.value };
  }

  setFields(values) {
    TEXT_FIELDS.forEach((name) => {
      const field = this.form.elements[name];
      field.value = values[name] || '';
      field.dispatchEvent(new CustomEvent('wengao:set'));
    });
  }

  setVersion(version) {
    this.version = version;
    this.node.dataset.version = String(version);
    this.form.elements.version.value = String(version);
  }

  setState(state, note = '') {
    this.state = state;
    this.node.classList.toggle('is-dirty', state !== 'saved' && state !== 'conflict');
    this.node.classList.toggle('is-conflict', state === 'conflict');
    this.stateLine.textContent = note;
    this.editor.refreshStatus();
  }

  changed() {
    return !sameText(this.fields(), this.saved);
  }

  onInput() {
    putDraft(this.editor.reportId, this.id, this.fields(), this.version);
    if (this.state === 'conflict') return; // resolved by the conflict panel's buttons
    this.setState(this.changed() ? 'dirty' : 'saved');
    this.schedule(PAUSE_MS);
  }

  schedule(ms) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.save(), ms);
  }

  // Resolves true when the server holds the current text of this block.
  async save(options = {}) {
    clearTimeout(this.timer);
    if (this.state === 'conflict') return false;
    if (this.inflight) {
      await this.inflight;
      return this.save(options);
    }
    if (!this.changed()) {
      dropDraft(this.editor.reportId, this.id);
      if (this.state !== 'error') this.setState('saved');
      return this.state === 'saved';
    }
    this.inflight = this.send(this.fields(), options);
    try {
      return await this.inflight;
    } finally {
      this.inflight = null;
    }
  }

  async send(sent, options) {
    this.setState('saving');
    let response;
    let data = {};
    try {
      response = await fetch(this.url, {
        method: 'POST',
        credentials: 'same-origin',
        keepalive: Boolean(options.keepalive),
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': this.editor.csrf },
        body: JSON.stringify({ version: this.version, ...sent }),
      });
      data = await response.json().catch(() => ({}));
    } catch (error) {
      this.setState('offline', msg.OFFLINE);
      this.schedule(RETRY_MS);
      return false;
    }
    return this.received(response.status, data, sent);
  }

  received(status, data, sent) {
    if (status === 200) {
      this.setVersion(data.version);
      this.saved = sent;
      const current = this.changed();
      if (!current) dropDraft(this.editor.reportId, this.id);
      else putDraft(this.editor.reportId, this.id, this.fields(), this.version);
      this.setState(current ? 'dirty' : 'saved', data.problem || '');
      this.editor.savedOne();
      if (current) this.schedule(PAUSE_MS);
      return !current;
    }
    if (status === 409) {
      this.showConflict(data);
      return false;
    }
    if (status >= 500 || status === 0) {
      this.setState('offline', msg.SERVER_TROUBLE);
      this.schedule(RETRY_MS);
      return false;
    }
    this.setState('error', data.error || `HTTP ${status}`);
    return false;
  }

  showConflict(data) {
    this.node.querySelector('.conflict-panel')?.remove();
    const theirs = data.theirs;
    const keep = el('button', { type: 'button', 'data-act': 'mine' }, msg.KEEP_MINE);
    const take = el('button', { type: 'button', 'data-act': 'theirs' }, msg.TAKE_THEIRS);
    const panel = el('div', { class: 'conflict-panel', role: 'alert' },
      el('p', {}, data.error || ''),
      el('div', { class: 'sides' },
        el('div', { class: 'side theirs' }, el('h4', {}, msg.THEIRS(theirs.version, theirs.saved_by)), textView(theirs), take),
        el('div', { class: 'side mine' }, el('h4', {}, msg.MINE), textView(data.mine), keep)));
    keep.addEventListener('click', () => this.resolve(panel, theirs.version, null));
    take.addEventListener('click', () => this.resolve(panel, theirs.version, theirs));
    this.form.before(panel);
    this.setState('conflict');
  }

  resolve(panel, version, theirs) {
    panel.remove();
    this.setVersion(version);
    if (theirs) {
      this.setFields(theirs);
      this.saved = this.fields();
      dropDraft(this.editor.reportId, this.id);
      this.setState('saved');
      return;
    }
    this.setState('dirty');
    this.save();
  }

  offerDraft() {
    const draft = getDraft(this.editor.reportId, this.id);
    if (!draft) return false;
    if (sameText(draft, this.saved)) {
      dropDraft(this.editor.reportId, this.id);
      return false;
    }
    const when = beijingMinute(draft.at);
    const restore = el('button', { type: 'button' }, msg.RESTORE);
    const discard = el('button', { type: 'button' }, msg.DISCARD);
    const offer = el('div', { class: 'draft-offer', role: 'alert' }, msg.DRAFT_FOUND(when), ' ', restore, discard,
      textView(draft));
    restore.addEventListener('click', () => {
      offer.remove();
      this.setFields(draft);
      this.setVersion(draft.version); // the version the draft was typed on: a save since then is a conflict
      this.onInput();
      this.save();
      this.editor.draftHandled();
    });
    discard.addEventListener('click', () => {
      offer.remove();
      dropDraft(this.editor.reportId, this.id);
      this.editor.draftHandled();
    });
    this.form.before(offer);
    return true;
  }
}
