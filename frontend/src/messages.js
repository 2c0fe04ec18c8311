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
export const DRAFT_FOUND = (when) => `此处有您 ${when}（北京时间）未保存的修改。`;
export const DRAFTS_FOUND = (n) => `发现 ${n} 处上次未保存的修改，已在对应位置列出，请选择恢复或丢弃：`;
export const RESTORE = '恢复我的修改';
export const DISCARD = '丢弃';
export const THEIRS = (version, who) => `已保存的版本（第${version}版，${who || '其他用户'}）`;
export const MINE = '您的版本（仍在编辑框中，可直接在编辑框内合并）';
export const KEEP_MINE = '以编辑框内容保存';
export const TAKE_THEIRS = '改用已保存的版本';
export const FLUSH_FIRST = '还有未保存的修改，请先处理提示后再进行此操作。';
export const SAVED_WITH_PROBLEM = (problem) => problem;
export const RENDERING = '正在生成…';
export const RENDER_FAILED = '生成失败，请稍后重试。';
export const PDF_WAIT = 'Word 已生成，PDF 转换中… ';
export const PDF_FAILED = (why) => `PDF 未能生成${why ? `（${why}）` : ''}；Word 文件可用：`;
export const DOWNLOAD_WORD = (version) => `下载 Word（第${version}版）`;
export const DOWNLOAD_PDF = (version) => `下载 PDF（第${version}版）`;
export const LOADING = '正在读取…';
export const TRACE_SUMMARY = (total, why) => `共 ${total} 条台账记录（${why}）${total > 50 ? '，下面列出前 50 条' : ''}。`;
export const TRACE_COLUMNS = ['日期', '标题', '类型', '计入依据'];
export const NO_RECORDS = '没有记录。';
export const TRACE_FAILED = '无法读取该数字的台账记录。';
export const UNDO = '撤销';
export const DELETED = (label) => `已删除“${label}”。`;
export const DELETE_FAILED = '删除未成功，该节已恢复显示。';
export const CHIP_POP_LABEL = '数字说明';
export const CHIP_PRINTS = '印为 ';
export const CHIP_FINE = '这个数字可以正常印出。';
export const CHIP_RECORDS = '查看该指标依据的台账记录';
export const SPLIT_FOUND = (n, names) => `粘贴的文字中有 ${n} 个标题或条目（${names}），可按序号拆为 ${n} 节（序号由系统生成）：`;
export const SPLIT_DO = (n) => `拆分为 ${n} 节`;
export const SPLIT_KEEP = '保留在本节';
export const SPLIT_SAVE_FIRST = '本节尚未保存（请先处理本节的提示），暂未拆分；粘贴的文字仍在本节中。';
export const SPLIT_DONE = (n) => `已按序号拆出 ${n} 节。`;
export const REVIEW_BADGE = '待核对';
export const REVIEW_NOTE = '导入时按数值自动识别，请核对';
export const REVIEW_CONFIRM = '确认';
export const REVIEW_CHANGE = '如不是这个指标：选中该数字后在“插入数字”中点选正确的指标，即可替换。';
export const REVIEW_COUNT = (n) => `${n} 个自动识别的数字待核对`;
