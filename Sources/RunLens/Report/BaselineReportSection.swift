/// The "Compared with baseline" section of `report.md`: a line naming the baseline and the
/// count of regressions, the table of figures both runs have, and what was not compared.
public enum BaselineReportSection {
    /// The section for `comparison`, starting with its `##` heading.
    public static func render(_ comparison: BaselineComparison) -> String {
        var text = "## Compared with baseline\n\n" + intro(comparison) + "\n"
        if !comparison.rows.isEmpty {
            var table = MarkdownTable(
                ["metric", "baseline", "this run", "change", "verdict"], alignRight: [1, 2])
            for row in comparison.rows {
                table.add([
                    BaselineWords.metricCell(row), BaselineWords.value(row.baseline, row),
                    BaselineWords.value(row.value, row), BaselineWords.change(row),
                    BaselineWords.verdict(row),
                ])
            }
            text += "\n" + table.text
        }
        if !comparison.notes.isEmpty {
            text += "\n" + comparison.notes.map { "- " + $0 }.joined(separator: "\n") + "\n"
        }
        return text
    }

    private static func intro(_ comparison: BaselineComparison) -> String {
        var text = "Baseline: \(MarkdownCode.span(comparison.source))"
        if let run = comparison.baselineRun { text += " (run \(MarkdownCode.span(run)))" }
        guard !comparison.rows.isEmpty else { return text + "." }
        let regressions = comparison.rows.filter { $0.verdict == .regression }.count
        let better = comparison.rows.filter { $0.verdict == .better }.count
        let worse = comparison.rows.filter { $0.verdict == .worse }.count
        var counts = [
            regressions == 1 ? "1 regression" : "\(regressions) regressions",
            "\(worse) worse without breaking a rule", "\(better) better",
        ]
        let others = comparison.rows.count - regressions - better - worse
        if others > 0 { counts.append("\(others) unchanged or not comparable") }
        return text + ": " + counts.joined(separator: ", ") + "."
    }
}
