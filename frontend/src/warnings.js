import { REVIEW_COUNT } from './messages.js';

// Warnings (unknown metric, leftover */XX, zero values…) at their block and in one list, refreshed after saves.
const REFRESH_MS = 1500;

function item(warning, linked) {
  const li = document.createElement('li');
  li.className = `w-${warning.code}`;
  if (linked && warning.section_id) {
    const a = document.createElement('a');
    a.href = `#s-${warning.section_id}`;
    a.textContent = warning.message;
    li.append(a);
  } else {
    li.textContent = warning.message;
  }
  return li;
}

function showAtBlocks(root, warnings) {
  root.querySelectorAll('section.block').forEach((block) => {
    const mine = warnings.filter((w) => String(w.section_id) === block.dataset.section);
    let list = block.querySelector('ul.node-warnings');
    if (!mine.length) {
      if (list) list.remove();
      return;
    }
    if (!list) {
      list = document.createElement('ul');
      list.className = 'node-warnings';
      block.querySelector('form.block-text').after(list);
    }
    list.replaceChildren(...mine.map((w) => item(w, false)));
  });
}

function showList(warnings) {
  const panel = document.getElementById('warning-list');
  if (!panel) return;
  panel.hidden = warnings.length === 0;
  panel.querySelector('.count').textContent = String(warnings.length);
  const review = warnings.filter((w) => w.code === 'auto_number').length;
  const counted = panel.querySelector('.review-count');
  if (counted) {
    counted.hidden = review === 0;
    counted.textContent = review ? `，其中 ${REVIEW_COUNT(review)}` : '';
  }
  panel.querySelector('ul').replaceChildren(...warnings.map((w) => item(w, true)));
}

export function warningRefresher(root, after = () => {}, onChips = () => {}) {
  let timer = null;
  const refresh = async () => {
    after();
    try {
      const response = await fetch(root.dataset.warningsUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.ok) return;
      const { warnings, chips } = await response.json();
      if (chips) onChips(chips);
      showAtBlocks(root, warnings);
      showList(warnings);
    } catch (error) {
      // Offline: the warnings shown stay as they were until the next save.
    }
  };
  return () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, REFRESH_MS);
  };
}
