extension AnalysisResult {
    /// One line each for the field names and series kept past `--max-fields` and
    /// `--max-series` because detectors or positions need them, naming the first few in
    /// `quote` marks; empty when nothing was kept past a limit.
    public func pastLimitNotes(quote: String) -> [String] {
        var lines: [String] = []
        if !fieldsPastLimit.isEmpty {
            lines.append(
                "\(fieldsPastLimit.count) field name(s) past the --max-fields limit were kept "
                    + "because detectors or positions need them: "
                    + Self.list(fieldsPastLimit, quote: quote))
        }
        if !seriesPastLimit.isEmpty {
            lines.append(
                "series past the --max-series limit were kept for metrics detectors need: "
                    + Self.list(seriesPastLimit, quote: quote))
        }
        return lines
    }

    /// The first three names in quotes, then how many more there are.
    private static func list(_ names: [String], quote: String) -> String {
        let shown = names.prefix(3).map { quote + $0 + quote }.joined(separator: ", ")
        return names.count > 3 ? "\(shown) and \(names.count - 3) more" : shown
    }
}
