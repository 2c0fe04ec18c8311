// Unsaved text kept in the browser (localStorage), one entry per block, until the server has it.
import { TEXT_FIELDS } from './vocab.js';

const PREFIX = 'wengao.draft.';

function key(reportId, sectionId) {
  return `${PREFIX}${reportId}.${sectionId}`;
}

export function putDraft(reportId, sectionId, fields, version) {
  try {
    localStorage.setItem(key(reportId, sectionId), JSON.stringify({ ...fields, version, at: Date.now() }));
  } catch (error) {
    // Storage full or disabled: the page still autosaves; nothing else to do here.
  }
}

export function getDraft(reportId, sectionId) {
  try {
    const raw = localStorage.getItem(key(reportId, sectionId));
    return raw ? JSON.parse(raw) : null;
  } catch (error) {
    return null;
  }
}

export function dropDraft(reportId, sectionId) {
  try {
    localStorage.removeItem(key(reportId, sectionId));
  } catch (error) {
    // see putDraft
  }
}

export function sameText(a, b) {
  return TEXT_FIELDS.every((name) => (a[name] || '') === (b[name] || ''));
}
