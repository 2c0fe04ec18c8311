// 公文校对 marks at their exact characters: findings fetched from the server after load and after each save.
export async function showProofreading(root, setDecorations) {
  const url = root.dataset.proofreadUrl;
  if (!url) return;
  try {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const { findings } = await response.json();
    setDecorations(findings.filter((f) => f.section_id).map((f) => ({
      section_id: f.section_id, field: f.field, start: f.start, end: f.end, severity: f.severity,
      message: `${f.message}${f.suggestion ? `（建议：${f.suggestion}）` : ''}${f.source ? `〔${f.source}〕` : ''}`,
    })));
  } catch (error) {
    // Offline: the marks shown stay until the next save.
  }
}
