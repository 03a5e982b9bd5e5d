/// The inputs with their line accounting, notes, and the first malformed lines, last.
extension ReportMarkdown {
    func inputs() -> String {
        var table = MarkdownTable(
            [
                "input", "format", "compression", "lines", "records", "metadata", "empty",
                "malformed", "duplicates",
            ],
            alignRight: Set(3...8))
        for input in result.inputs {
            let counts = input.accounting
            table.add([
                MarkdownCode.span(input.path), input.format, input.compression,
                String(counts.lines),
                String(counts.records), String(counts.metadata), String(counts.empty),
                String(counts.malformed), String(input.duplicates),
            ])
        }
        if result.inputs.count > 1 {
            let total = result.accounting
            let duplicates = result.inputs.reduce(0) { $0 + $1.duplicates }
            table.add([
                "**total**", "", "", String(total.lines), String(total.records),
                String(total.metadata), String(total.empty), String(total.malformed),
                String(duplicates),
            ])
        }
        var text = "## Inputs and line accounting\n\n"
        text += "Every line is counted once: lines = records + metadata + empty + malformed.\n\n"
        let settings = result.settings.map { "\n" + SettingsWords.paragraph($0) } ?? ""
        return text + table.text + notes() + settings + malformedLines()
    }

    private func notes() -> String {
        var lines: [String] = []
        for input in result.inputs {
            if let step = input.stepField {
                lines.append(
                    "\(MarkdownCode.span(input.path)): step from \(MarkdownCode.span(step))")
            }
            for warning in input.warnings {
                lines.append("\(MarkdownCode.span(input.path)): \(MarkdownCode.plain(warning))")
            }
        }
        for error in result.inputErrors {
            lines.append("error: \(MarkdownCode.plain(error.description))")
        }
        for skip in result.skipped {
            // Summaries written before discovery notes had paths keep the path in the reason.
            lines.append(
                skip.path.isEmpty
                    ? MarkdownCode.plain(skip.reason)
                    : "skipped \(MarkdownCode.span(skip.path)): \(MarkdownCode.plain(skip.reason))")
        }
        if result.fieldsDropped > 0 {
            lines.append(
                CountPhrase.of(result.fieldsDropped, "value") + " of new field names "
                    + CountPhrase.was(result.fieldsDropped) + " dropped: "
                    + "the field table is full (--max-fields)")
        }
        if result.seriesDropped > 0 {
            lines.append(
                CountPhrase.of(result.seriesDropped, "value") + " of new series "
                    + CountPhrase.was(result.seriesDropped) + " dropped: "
                    + "the series limit was reached (--max-series)")
        }
        lines += result.pastLimitNotes(quote: "`")
        return lines.isEmpty ? "" : "\n" + lines.map { "- \(MarkdownTable.escape($0))\n" }.joined()
    }

    private func malformedLines() -> String {
        let malformed = result.inputs.flatMap(\.malformedSamples)
        guard !malformed.isEmpty else { return "" }
        var text = "\n### First malformed lines\n\n"
        text += malformed.map {
            "- \(MarkdownCode.span("\($0.file):\($0.line)")): \(MarkdownTable.escape($0.reason))\n"
        }
        .joined()
        let total = result.accounting.malformed
        if total > malformed.count {
            text += "\n\(total - malformed.count) more malformed lines are counted above.\n"
        }
        return text
    }
}
