"""Values planchk computes from reported rows (Item.derived), e.g. per-pupil spending."""

from __future__ import annotations

from planchk.plan.contract import Derivation


def derived_rows(
    derivations: tuple[Derivation, ...], rows: dict[str, dict[str, object]]
) -> dict[str, dict[str, object]]:
    """Rows planchk computes (Item.derived); missing when any input is missing or the denominator is 0."""
    out: dict[str, dict[str, object]] = {}
    for rule in derivations:
        values = [rows[i].get("value") if i in rows else None for i in rule.numerator + rule.denominator]
        numbers = [v for v in values if isinstance(v, float)]
        if len(numbers) != len(values):
            continue
        numerator = sum(numbers[: len(rule.numerator)])
        denominator = sum(numbers[len(rule.numerator) :]) if rule.denominator else 1.0
        if denominator == 0:
            continue
        expr = "+".join(rule.numerator) + (f" / ({'+'.join(rule.denominator)})" if rule.denominator else "")
        out[rule.item_id] = {
            "line": 0,
            "id": rule.item_id,
            "raw": "",
            "decimals": 6,
            "note": f"= {expr}",
            "value": round(numerator / denominator * rule.factor, 6),
        }
    return out
