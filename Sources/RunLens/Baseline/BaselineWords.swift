/// How a baseline comparison is worded in the report, the incidents and their evidence.
enum BaselineWords {
    /// `final train loss`, `eval score eval/mmlu`.
    static func label(_ row: BaselineRow) -> String {
        row.quantity == .evalScore ? "eval score \(row.metric)" : row.quantity.label
    }

    /// The table's first cell: the label, the unit, and the series when it names one.
    static func metricCell(_ row: BaselineRow) -> String {
        var text = row.quantity == .evalScore ? "eval score" : row.quantity.label
        if !row.quantity.unit.isEmpty { text += " (\(row.quantity.unit))" }
        if row.metric != row.quantity.rawValue { text += " \(MarkdownCode.span(row.metric))" }
        return text
    }

    /// `1.74`, `812.5 ms`, `0.25%`: about four digits, trailing zeros dropped, the unit.
    static func value(_ value: Double, _ row: BaselineRow) -> String {
        let number = trimmed(NumberFormat.short(value))
        switch row.quantity.unit {
        case "": return number
        case "%": return number + "%"
        case let unit: return number + " " + unit
        }
    }

    /// `10.0% higher, worse`, `3.2% lower, better`, `unchanged`, `from 0, worse`, `–`.
    static func change(_ row: BaselineRow) -> String {
        guard row.verdict != .notComparable else { return "–" }
        guard row.verdict != .unchanged else { return "unchanged" }
        let direction = row.value > row.baseline ? "higher" : "lower"
        let judgement = row.verdict == .better ? "better" : "worse"
        var text: String
        if let percent = row.changePercent {
            text = "\(NumberFormat.fixed(abs(percent), decimals: 1))% \(direction)"
        } else {
            text = "from 0"
        }
        if row.quantity == .errorRate {
            let points = NumberFormat.fixed(abs(row.value - row.baseline), decimals: 2)
            text += " (\(row.value > row.baseline ? "+" : "−")\(points) pt)"
        }
        return text + ", " + judgement
    }

    /// `**regression** (warning; limit 5%)`, `ok (limit 10%)`, `ok (limit 50% and 0.1
    /// point)`, `ok (rule off)`, `ok`, `–`. A rule with a least worsening names it: a move past
    /// the percentage but under that floor is `ok`, and the cell must say why.
    static func verdict(_ row: BaselineRow) -> String {
        let limit = row.maxWorsePercent.map { percent in
            "limit \(trimmed(NumberFormat.short(percent)))%"
                + (leastWorsening(row).map { " and \($0)" } ?? "")
        }
        switch row.verdict {
        case .regression:
            return "**regression** (\(row.severity?.name ?? "warning"); \(limit ?? "no limit"))"
        case .worse: return "ok (\(limit ?? "rule off"))"
        case .better, .unchanged: return "ok"
        case .notComparable: return "–"
        }
    }

    /// `worse by more than 50% and 0.1 point`.
    static func rule(_ row: BaselineRow) -> String {
        let text = "worse by more than \(trimmed(NumberFormat.short(row.maxWorsePercent)))%"
        return text + (leastWorsening(row).map { " and \($0)" } ?? "")
    }

    /// The rule's least worsening in the figure's unit (`0.1 point`, `50 ms`, `0.05`), or `nil`
    /// when it sets none.
    static func leastWorsening(_ row: BaselineRow) -> String? {
        guard let least = row.minWorseChange else { return nil }
        let unit = row.quantity.unit == "%" ? "point" : row.quantity.unit
        return trimmed(NumberFormat.short(least)) + (unit.isEmpty ? "" : " " + unit)
    }

    /// `final train loss 2.2 is 10.0% higher than the baseline's 2 (limit: worse by more
    /// than 5%)`.
    static func message(_ row: BaselineRow) -> String {
        let now = "\(label(row)) \(value(row.value, row))"
        let then = value(row.baseline, row)
        guard let percent = row.changePercent else {
            return "\(now) is up from \(then) in the baseline (\(rule(row)))"
        }
        let direction = row.value > row.baseline ? "higher" : "lower"
        let change = "\(NumberFormat.fixed(abs(percent), decimals: 1))% \(direction)"
        return "\(now) is \(change) than the baseline's \(then) (\(rule(row)))"
    }

    /// `2.5000` → `2.5`, `3.000` → `3`; other text as it is.
    static func trimmed(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var out = Substring(text)
        while out.last == "0" { out = out.dropLast() }
        if out.last == "." { out = out.dropLast() }
        return String(out)
    }
}
