"""Excel in and out (openpyxl): blank templates, exports, and all-or-nothing imports.

A workbook has one sheet per category, named by the category's Chinese name, with the Chinese
headers of BASE_FIELDS and the category's own fields in the first row. openpyxl is imported where a
workbook is built or read, so that starting the app or a worker does not load it.
"""
import io
import re
import zipfile

from sqlalchemy import Select
from sqlalchemy.orm import Session

from core.cleaning import clean_text
from core.times import beijing_today

from .records import (CategoryInfo, LedgerError, existing_external_ids, load_categories, validate_row,
                      write_rows)

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what Excel (or a CSV reader) may take for a formula
FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")  # a <f> element in a worksheet's XML
PROGRESS_EVERY = 5000
MAX_ERRORS = 200  # listed to the user; the import is refused either way


def template_workbook(info: CategoryInfo) -> bytes:
    """A blank workbook for one category, with an explanation sheet listing types and choices."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = info.name
    _header(sheet, info)
    _dropdowns(sheet, info)
    help_sheet = book.create_sheet("填写说明")
    help_sheet.append(["列", "说明"])
    help_sheet.append(["类型", "可选：" + "、".join(info.type_names.values())])
    help_sheet.append(["日期", "写作 2023-03-01"])
    for _, label, kind in info.columns()[8:]:
        help_sheet.append([label, _kind_help(kind)])
    return _save(book)


def _dropdowns(sheet, info: CategoryInfo) -> None:
    """In-cell lists for 类型, 是/否 and choice columns, so staff pick rather than type."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    for index, (_, _, kind) in enumerate(info.columns(), start=1):
        options = {"type": list(info.type_names.values()), "bool": ["是", "否"]}.get(kind)
        if kind.startswith("choice:"):
            options = kind[len("choice:"):].split("|")
        formula = '"' + ",".join(options) + '"' if options else ""
        if options and len(formula) <= 255:  # Excel's limit for an inline list
            column = get_column_letter(index)
            validation = DataValidation(type="list", formula1=formula, allow_blank=True,
                                        error="请从下拉列表中选择", errorTitle="输入有误", showErrorMessage=True)
            validation.add(f"{column}2:{column}5000")
            sheet.add_data_validation(validation)


def _kind_help(kind: str) -> str:
    if kind.startswith("choice:"):
        return "可选：" + "、".join(kind[len("choice:"):].split("|"))
    return {"bool": "填写“是”或“否”", "int": "整数", "date": "日期，写作 2023-03-01"}.get(kind, "文字")


def _header(sheet, info: CategoryInfo) -> None:
    from openpyxl.styles import Font

    sheet.append([label for _, label, _ in info.columns()])
    for cell in sheet[1]:
        cell.font = Font(bold=True)


def export_workbook(session: Session, committee_id: int, stmt: Select) -> bytes:
    """The records of a (filtered) list, one sheet per category, in the template's layout."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    categories = {info.id: info for info in load_categories(session, committee_id).values()}
    sheets: dict = {}
    for record in session.scalars(stmt.execution_options(yield_per=2000)):
        info = categories[record.category_id]
        if info.id not in sheets:
            sheets[info.id] = book.create_sheet(info.name)
            sheets[info.id].append([label for _, label, _ in info.columns()])
        sheet = sheets[info.id]
        sheet.append([_text_cell(sheet, value) for value in _export_row(info, record)])
    if not sheets:
        book.create_sheet("台账").append(["没有符合条件的记录"])
    return _save(book)


def _export_row(info: CategoryInfo, record) -> list:
    base = [info.type_names.get(record.type_id, ""), record.date, record.title, record.count, record.persons,
            float(record.amount or 0), record.note, record.external_id or ""]
    attrs = record.attrs or {}
    return base + [_cell(attrs.get(key)) for key, _, _ in info.columns()[len(base):]]


def _cell(value):
    if isinstance(value, bool):
        return "是" if value else "否"
    return "" if value is None else value


def _text_cell(sheet, value):
    """Text is always written as text: `=HYPERLINK(…)` typed as a title must never become a live
    formula. The cell is a string with Excel's quote prefix (editing it keeps it text), and the
    importer reads back exactly the stored title."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)  # rows stored before the door cleaned input must still export
    if not value.startswith(FORMULA_STARTS):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type, cell.quotePrefix = "s", True
    return cell


def read_workbook(session: Session, committee_id: int, data: bytes) -> tuple[list[tuple[CategoryInfo, int, dict]], list[tuple]]:
    """Every data row as (category, Excel row number, {header: value}) and the structural errors."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        return [], [(None, "", "无法读取文件，请上传由本系统模板填写的 .xlsx 文件")]
    categories = load_categories(session, committee_id)
    rows, errors = [], []
    for sheet in book.worksheets:
        if sheet.title == "填写说明":
            continue
        info = categories.get(sheet.title)
        if info is None:
            errors.append((f"工作表“{sheet.title}”", "", "不是台账类别的名称，请使用下载的模板"))
            continue
        rows.extend(_sheet_rows(sheet, info, errors))
    book.close()
    if not rows and not errors:
        errors.append((None, "", "文件中没有数据行"))
    if _has_formulas(data):
        errors.extend(_formulas_without_values(data, rows, categories))
    return rows, errors


def _has_formulas(data: bytes) -> bool:
    """Whether any worksheet holds a formula (cheap: only then is the workbook read a second time)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return any(FORMULA_TAG.search(archive.read(name)) for name in archive.namelist()
                   if name.startswith("xl/worksheets/") and name.endswith(".xml"))


def _formulas_without_values(data: bytes, rows: list, categories: dict) -> list[tuple]:
    """Formula cells with no computed result (as openpyxl and some tools save them): imported,
    they would silently become the default 1 or 0, so each is refused by its place."""
    from openpyxl import load_workbook

    cached = {(info.id, number): values for info, number, values in rows}
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    errors = []
    for sheet in book.worksheets:
        info = categories.get(sheet.title)
        if info is None:
            continue
        sheet.reset_dimensions()
        iterator = sheet.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(iterator, [])]
        for number, formulas in enumerate(iterator, start=2):
            values = cached.get((info.id, number), {})
            errors.extend((f"工作表“{sheet.title}”第{number}行", column, FORMULA_WITHOUT_VALUE)
                          for column, formula in zip(header, formulas)
                          if column and isinstance(formula, str) and formula.startswith("=")
                          and values.get(column) is None)
    book.close()
    return errors


FORMULA_WITHOUT_VALUE = "是没有计算结果的公式，请在 Excel 中打开、保存后再导入，或直接填写数值"


def _sheet_rows(sheet, info: CategoryInfo, errors: list) -> list:
    sheet.reset_dimensions()  # stored dimensions may be wrong, and computing them reads the sheet twice
    iterator = sheet.iter_rows(values_only=True)
    header = [str(h).strip() if h is not None else "" for h in next(iterator, [])]
    known = {label for _, label, _ in info.columns()}
    for column in header:
        if column and column not in known:
            errors.append((f"工作表“{info.name}”", column, "不是该类别的列，请使用下载的模板"))
    for required in ("类型", "日期", "标题"):
        if required not in header:
            errors.append((f"工作表“{info.name}”", required, "缺少此列"))
    out = []
    for number, values in enumerate(iterator, start=2):
        if values is None or all(v in (None, "") for v in values):
            continue
        out.append((info, number, {h: v for h, v in zip(header, values) if h}))
    return out


def import_workbook(session: Session, committee_id: int, data: bytes, *, user_id=None, progress=None) -> int:
    """Check every row, then write all of them or none; raises LedgerError listing each bad cell.

    progress(phase, done, total) is called while checking ("check") and writing ("write").
    """
    rows, errors = read_workbook(session, committee_id, data)
    clean_rows = []
    for index, (info, number, values) in enumerate(rows, start=1):
        if progress and index % PROGRESS_EVERY == 0:
            progress("check", index, len(rows))
        clean, row_errors = validate_row(info, values)
        where = f"工作表“{info.name}”第{number}行"
        errors.extend((where, column, message) for column, message in row_errors)
        clean_rows.append((where, clean))
    errors.extend(_external_id_errors(session, committee_id, clean_rows))
    if errors:
        raise LedgerError(errors[:MAX_ERRORS])
    total = len(clean_rows)
    return write_rows(session, committee_id, [c for _, c in clean_rows], source="excel", user_id=user_id,
                      progress=(lambda done: progress("write", done, total)) if progress else None)


def _external_id_errors(session, committee_id, clean_rows) -> list[tuple]:
    seen, errors = {}, []
    for where, clean in clean_rows:
        external = clean.get("external_id")
        if external:
            if external in seen:
                errors.append((where, "外部编号", f"与{seen[external]}重复"))
            seen.setdefault(external, where)
    for external in existing_external_ids(session, committee_id, list(seen)):
        errors.append((seen[external], "外部编号", f"“{external}”已存在于台账中"))
    return errors


def _save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def today_name(prefix: str) -> str:
    return f"{prefix}-{beijing_today().isoformat()}.xlsx"
