// 生成 Word / 生成 PDF: the .docx comes back from one request; a PDF is polled until it exists.
import * as msg from './messages.js';
import { PDF_STATE } from './vocab.js';

const POLL_MS = 1000;

function link(href, text) {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = text;
  return a;
}

async function postJson(url, body, csrf) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRFToken': csrf },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error || msg.RENDER_FAILED);
  return data;
}

async function pollPdf(url, show) {
  for (;;) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.error || msg.RENDER_FAILED);
    if (data.pdf_state !== PDF_STATE.PENDING) return data;
    show(data);
    await new Promise((resolve) => { setTimeout(resolve, POLL_MS); });
  }
}

export function setupRender(bar, beforeRender) {
  const csrf = document.querySelector('meta[name=csrf-token]').content;
  const progress = bar.querySelector('progress');
  const state = bar.querySelector('.render-state');
  const say = (text, ...nodes) => { state.replaceChildren(text, ...nodes); };
  bar.querySelectorAll('button[data-format]').forEach((button) => {
    button.addEventListener('click', async () => {
      const pdf = button.dataset.format === 'pdf';
      bar.querySelectorAll('button').forEach((b) => { b.disabled = true; });
      progress.hidden = false;
      progress.value = 10;
      say(msg.RENDERING);
      try {
        if (beforeRender && !(await beforeRender())) throw new Error(msg.FLUSH_FIRST);
        progress.value = 40;
        let data = await postJson(bar.dataset.renderUrl, { pdf }, csrf);
        progress.value = pdf ? 60 : 100;
        const word = link(data.docx_url, msg.DOWNLOAD_WORD(data.version));
        if (pdf) {
          say(msg.PDF_WAIT, word);
          data = await pollPdf(data.status_url, () => { progress.value = Math.min(95, progress.value + 5); });
          progress.value = 100;
          if (data.pdf_url) say('', word, ' ', link(data.pdf_url, msg.DOWNLOAD_PDF(data.version)));
          else say(msg.PDF_FAILED(data.pdf_error), word);
        } else {
          say('', word);
        }
      } catch (error) {
        say(error.message || msg.RENDER_FAILED);
      } finally {
        bar.querySelectorAll('button').forEach((b) => { b.disabled = false; });
        setTimeout(() => { progress.hidden = true; }, 600);
      }
    });
  });
}
