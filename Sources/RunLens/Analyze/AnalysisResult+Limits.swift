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
                    + fieldsPastLimit.quotedList(quote: quote))
        }
        if !seriesPastLimit.isEmpty {
            lines.append(
                "series past the --max-series limit were kept for metrics detectors need: "
                    + seriesPastLimit.quotedList(quote: quote))
        }
        return lines
    }
}
