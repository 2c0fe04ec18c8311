// A number chip explains itself without hover (phones have none): click, tap or select it with the
// keyboard and a small popover shows the metric, the value as printed, the warning if any, and a link
// to the records behind the metric (the picker's link for it).
import * as msg from './messages.js';
import { confirmChip } from './richtext.js';

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs).forEach(([name, value]) => node.setAttribute(name, value));
  children.forEach((child) => node.append(child));
  return node;
}

// The block's own warnings about this number, as the warning list words them (without “where”中的“name”：).
function listedWarnings(chip, name) {
  // (the 待核对 note is the popover's own, below)
  const items = chip.closest('section.block')?.querySelectorAll('ul.node-warnings li:not(.w-auto_number)') || [];
  return [...items].map((li) => li.textContent.trim()).filter((text) => text.includes(`“${name}”`))
    .map((text) => text.replace(/^“[^”]*”中的/, '').replace(`“${name}”：`, ''));
}

function metricLink(name) {
  const items = document.querySelectorAll('aside.picker li[data-search]');
  const item = [...items].find((li) => li.querySelector('button.insert')?.textContent.trim() === name);
  return item?.querySelector('a.value')?.getAttribute('href') || '';
}

export class ChipPopover {
  constructor(chips) {
    this.chips = chips;
    this.anchor = null;
    this.view = null;
    this.box = el('div', { class: 'chip-pop', role: 'status', 'aria-label': msg.CHIP_POP_LABEL }); // read out when it opens
    this.box.hidden = true;
    document.body.append(this.box);
    document.addEventListener('click', (event) => {
      const chip = event.target.closest && event.target.closest('#editor span.chip[data-code]');
      if (chip) this.show(chip, null);
      else if (!this.box.contains(event.target)) this.hide();
    });
    document.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape' || this.box.hidden) return;
      const { view } = this;
      this.hide();
      if (view) view.focus();
    });
    window.addEventListener('resize', () => this.place());
  }

  // From a view's selection: a chip chosen there, or null (hide if the popover belongs to that view).
  onChip(dom, view) {
    if (dom) this.show(dom, view);
    else if (this.anchor && view.dom.contains(this.anchor)) this.hide();
  }

  show(chip, view) {
    if (this.anchor === chip && !this.box.hidden) return;
    const info = this.chips.describe(chip.dataset.code);
    const link = metricLink(info.name);
    this.anchor = chip;
    this.view = view || this.view;
    this.box.classList.toggle('is-warn', Boolean(info.warning));
    const listed = listedWarnings(chip, info.name);
    const reasons = info.warning && !listed.some((text) => text.includes(info.warning)) ? [info.warning, ...listed] : listed;
    const why = reasons.length ? reasons : [info.warning || msg.CHIP_FINE];
    this.box.replaceChildren(
      el('p', { class: 'chip-pop-name' }, el('b', {}, info.name), `　${msg.CHIP_PRINTS}`, el('span', { class: 'chip-pop-value' }, info.shown)),
      ...why.map((text) => el('p', { class: 'chip-pop-why' }, text)),
      el('p', { class: 'chip-pop-code' }, el('code', {}, chip.dataset.code)),
    );
    if (info.review) this.box.append(...this.review(chip));
    if (link) {
      this.box.append(el('p', {}, el('a', { href: link, target: '_blank', rel: 'noopener' }, msg.CHIP_RECORDS)));
    }
    this.box.hidden = false;
    this.place();
  }

  // 自动识别: the note, and for those who may edit a 确认 button and the way to choose another metric.
  review(chip) {
    const note = el('p', { class: 'chip-pop-review' }, msg.REVIEW_NOTE);
    const view = chip.closest('.pm')?.pmView;
    if (!view || !view.editable) return [note];
    const button = el('button', { type: 'button', class: 'chip-confirm' }, msg.REVIEW_CONFIRM);
    button.addEventListener('click', () => {
      this.hide();
      if (confirmChip(view, chip, this.chips)) view.focus();
    });
    return [note, el('p', {}, button), el('p', { class: 'chip-pop-why' }, msg.REVIEW_CHANGE)];
  }

  place() {
    if (!this.anchor || this.box.hidden) return;
    if (!this.anchor.isConnected) return; // redrawn under new marks: the popover stays where it was
    const at = this.anchor.getBoundingClientRect();
    const width = Math.min(320, document.documentElement.clientWidth - 16);
    this.box.style.width = `${width}px`;
    const left = Math.max(8, Math.min(at.left, document.documentElement.clientWidth - width - 8));
    this.box.style.left = `${left + window.scrollX}px`;
    this.box.style.top = `${at.bottom + window.scrollY + 6}px`;
  }

  hide() {
    this.box.hidden = true;
    this.anchor = null;
    this.view = null;
  }
}
