/// Reading CSV logs with a header row, and MLflow metric files.
extension Analyzer {
    func readCSV(
        first: LineChunk?, chunker: LineChunker, delimiter: UInt8, summary: inout InputSummary
    ) throws(AnalysisError) {
        let file = assembler.registerFile(summary.path)
        var builder = RecordBuilder(fields: fields)
        builder.nanIsMissing = true
        var reader = CSVReader(delimiter: delimiter)
        var chunk = first
        while let current = chunk {
            if let length = current.oversizedLineLength {
                try oversized(length, line: current.firstLineNumber, summary: &summary)
            } else {
                try readCSVLines(
                    current, file: file, reader: &reader, builder: &builder, summary: &summary)
            }
            chunk = try nextChunk(chunker)
        }
        if case .malformed(let reason)? = reader.finish() {
            summary.accounting.lines += 1
            try malformed(reason, line: lastLine, summary: &summary)
        }
        summary.stepField = reader.columnNames.first { Self.isStepColumn($0) }
    }

    private func readCSVLines(
        _ chunk: LineChunk, file: Int32, reader: inout CSVReader, builder: inout RecordBuilder,
        summary: inout InputSummary
    ) throws(AnalysisError) {
        var failure: AnalysisError?
        chunk.forEachLine { line, number in
            guard failure == nil else { return }
            lastLine = number
            if !reader.needsMoreLines { builder.begin() }
            let result = reader.read(line: line, visitor: &builder)
            if result != .incomplete { summary.accounting.lines += 1 }
            switch result {
            case .header: summary.accounting.metadata += 1
            case .record: deliver(builder.record, file: file, line: number, summary: &summary)
            case .empty: summary.accounting.empty += 1
            case .incomplete: break
            case .malformed(let reason):
                do { try malformed(reason, line: number, summary: &summary) } catch {
                    failure = error as? AnalysisError
                }
            }
        }
        if let failure { throw failure }
    }

    func readMLflow(
        first: LineChunk?, chunker: LineChunker, summary: inout InputSummary
    ) throws(AnalysisError) {
        let name = MLflowMetricReader.metricName(forPath: summary.path) ?? baseName(summary.path)
        let reader = MLflowMetricReader(metricName: name)
        let file = assembler.registerFile(summary.path)
        var builder = RecordBuilder(fields: fields)
        var chunk = first
        while let current = chunk {
            if let length = current.oversizedLineLength {
                try oversized(length, line: current.firstLineNumber, summary: &summary)
            } else {
                try readMLflowLines(
                    current, file: file, reader: reader, builder: &builder, summary: &summary)
            }
            chunk = try nextChunk(chunker)
        }
    }

    private func readMLflowLines(
        _ chunk: LineChunk, file: Int32, reader: MLflowMetricReader, builder: inout RecordBuilder,
        summary: inout InputSummary
    ) throws(AnalysisError) {
        var failure: AnalysisError?
        chunk.forEachLine { line, number in
            guard failure == nil else { return }
            summary.accounting.lines += 1
            builder.begin()
            switch reader.read(line: line, visitor: &builder) {
            case .record: deliver(builder.record, file: file, line: number, summary: &summary)
            case .empty: summary.accounting.empty += 1
            case .malformed(let reason):
                do { try malformed(reason, line: number, summary: &summary) } catch {
                    failure = error as? AnalysisError
                }
            }
        }
        if let failure { throw failure }
    }

    /// Counts a line that exceeded the length cap.
    func oversized(_ length: Int, line: Int, summary: inout InputSummary) throws(AnalysisError) {
        summary.accounting.lines += 1
        try malformed(
            "line of \(length) bytes exceeds the \(options.maxLineBytes)-byte limit (--max-line-bytes)",
            line: line, summary: &summary)
    }

    private static func isStepColumn(_ name: String) -> Bool {
        if case .step = RoleMatcher().kind(of: name) { return true }
        return name.lowercased() == "epoch"
    }

    private func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
