// Every Chinese text the editor script shows, in one place.
export const STATES = {
  saved: '已保存',
  dirty: '未保存',
  saving: '保存中…',
  offline: '未保存（离线）',
  error: '未保存（请查看提示）',
  conflict: '保存冲突：请对照两个版本',
};
export const OFFLINE = '网络连接中断，修改已保存在本机浏览器中，恢复连接后自动保存。';
export const SERVER_TROUBLE = '服务器暂时无法保存，修改已保存在本机浏览器中，稍后自动重试。';
export const DRAFT_FOUND = (when) => `此处有您 ${when} 未保存的修改。`;
export const DRAFTS_FOUND = (n) => `发现 ${n} 处上次未保存的修改，已在对应位置列出，请选择恢复或丢弃：`;
export const RESTORE = '恢复我的修改';
export const DISCARD = '丢弃';
export const THEIRS = (version, who) => `已保存的版本（第${version}版，${who || '其他用户'}）`;
export const MINE = '您的版本（仍在编辑框中，可直接在编辑框内合并）';
export const KEEP_MINE = '以编辑框内容保存';
export const TAKE_THEIRS = '改用已保存的版本';
export const FLUSH_FIRST = '还有未保存的修改，请先处理提示后再进行此操作。';
export const SAVED_WITH_PROBLEM = (problem) => problem;
