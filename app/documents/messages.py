"""User-facing text of the documents area."""
RENDER_STARTED = "已开始生成公文格式文件，完成后将出现在下方版本列表中。"
PDF_STARTED = "已重新开始转换 PDF。"
BATCH_STARTED = "已开始批量生成，本页显示进度和失败原因。"
PDF_NOT_READY = "该版本的 PDF 尚未生成。"
OFD_NOT_READY = "该版本的 OFD 尚未生成。"
OFD_STARTED = "已开始生成 OFD（GB/T 33190 版式文件），完成后可在版本列表中下载。"
KIND_UNKNOWN = "请选择文稿类型。"
OFD_STATES = {"pending": "生成中", "done": "已生成", "failed": "生成失败"}
PDF_STATES = {"pending": "生成中", "done": "已生成", "failed": "转换失败", "unavailable": "无法生成"}
CHECK_PASSED = "格式检查通过：符合 GB/T 9704-2012 的各项要求。"
CHECK_FAILED = "格式检查发现 {n} 个问题："
REPORT_NOT_FOUND = "找不到编号为 {id} 的报告。"
WROTE = "已写入 {path}（第{version}版）"
