"""Safe evaluation of formula metrics (立案 - 并案, 办结 / 立案 * 100): names, numbers, + - * / ( )."""
import ast
import operator
from decimal import Decimal

_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


class FormulaError(ValueError):
    """A formula that cannot be read or evaluated; the message is Chinese."""


def formula_names(formula: str) -> list[str]:
    """The metric keys a formula refers to, in order of appearance."""
    tree = _parse(formula)
    return list(dict.fromkeys(node.id for node in ast.walk(tree) if isinstance(node, ast.Name)))


def evaluate(formula: str, values: dict):
    """Evaluate over `values` (key -> number or None); None propagates, x / 0 raises FormulaError."""
    return _eval(_parse(formula).body, values)


def _parse(formula: str) -> ast.Expression:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError as error:
        raise FormulaError(f"公式无法识别：{formula}") from error
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.USub, ast.Name, ast.Load,
                                 ast.Constant, *_OPS)):
            raise FormulaError(f"公式只能包含指标、数字和 + - * / ( )：{formula}")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise FormulaError(f"公式只能包含指标、数字和 + - * / ( )：{formula}")
    return tree


def _eval(node, values):
    if isinstance(node, ast.Constant):
        return node.value
    if isinstance(node, ast.Name):
        if node.id not in values:
            raise FormulaError(f"公式引用了不存在的指标：{node.id}")
        return values[node.id]
    if isinstance(node, ast.UnaryOp):
        inner = _eval(node.operand, values)
        return None if inner is None else -inner
    left, right = _eval(node.left, values), _eval(node.right, values)
    if left is None or right is None:
        return None
    if isinstance(node.op, ast.Div):
        if right == 0:
            raise FormulaError("除数为0，无法计算")
        return _decimal(left) / _decimal(right)  # Decimal: a rate prints exactly as rounded, never 194.34210526…
    if isinstance(left, Decimal) != isinstance(right, Decimal):
        left, right = _decimal(left), _decimal(right)
    return _OPS[type(node.op)](left, right)


def _decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))
