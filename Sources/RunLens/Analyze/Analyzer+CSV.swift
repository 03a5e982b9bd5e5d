/// Reading CSV logs with a header row, and MLflow metric files.
extension Analyzer {
    func readCSV(
        first: LineChunk?, chunker: LineChunker, delimiter: UInt8, summary: inout InputSummary
    ) throws(AnalysisError) {
        var input = CSVInput(
            reader: CSVReader(delimiter: delimiter), builder: RecordBuilder(fields: fields),
            file: assembler.registerFile(summary.path))
        input.builder.nanIsMissing = true
        if let first {
            let head = first.bytes.prefix(Self.sniffedLength(first))
            head.withUnsafeBytes { input.reader.learnDecimalMarks(from: $0) }
        }
        unfitCellLine = 0
        errorCellLine = 0
        trailingCellLine = 0
        statedUnitsRevision = 0
        var chunk = first
        while let current = chunk {
            if let length = current.oversizedLineLength {
                try oversized(length, line: current.firstLineNumber, summary: &summary)
            } else {
                try readCSVLines(current, input: &input, summary: &summary)
            }
            chunk = try nextChunk(chunker)
        }
        while let result = input.reader.finish() {
            try take(result, of: &input, summary: &summary)
            try readGivenBack(&input, summary: &summary)
        }
        let reader = input.reader
        summary.stepField = Self.stepColumn(reader.columnNames)
        if let warning = unfitCellWarning(reader) { summary.warnings.append(warning) }
        if let warning = errorCellWarning(reader) { summary.warnings.append(warning) }
        if let warning = trailingCellWarning(reader) { summary.warnings.append(warning) }
    }

    /// The warning for cells left out as written with the other decimal mark than their
    /// column's, if there were any.
    private func unfitCellWarning(_ reader: CSVReader) -> String? {
        guard let first = reader.firstUnfitCell else { return nil }
        let marks = first.columnMark == .comma ? "decimal commas" : "decimal points"
        let example = "column '\(first.column)': '\(first.text)' among numbers with \(marks)"
        guard reader.unfitCells > 1 else {
            return "1 cell reads as a number only with another decimal mark than its column's "
                + "(line \(unfitCellLine), \(example)): its value is left out"
        }
        return "\(reader.unfitCells) cells read as numbers only with another decimal mark than "
            + "their column's (first at line \(unfitCellLine), \(example)): their values are "
            + "left out"
    }

    /// The warning for cells that held a spreadsheet's error value, if there were any.
    private func errorCellWarning(_ reader: CSVReader) -> String? {
        guard let first = reader.firstErrorCell else { return nil }
        let example = "\(first.text) at line \(errorCellLine), column '\(first.column)'"
        guard reader.errorCells > 1 else {
            return "1 cell holds a spreadsheet error (\(example)): left out"
        }
        return "\(reader.errorCells) cells hold spreadsheet errors (\(example)): left out"
    }

    /// The warning for rows that ended with a delimiter past the header, if there were any.
    private func trailingCellWarning(_ reader: CSVReader) -> String? {
        let rows = reader.trailingEmptyCells
        guard rows > 0 else { return nil }
        let past = "past the header's \(reader.columnNames.count) columns"
        guard rows > 1 else {
            return "1 row ends with a delimiter \(past) (line \(trailingCellLine)): "
                + "its empty last cell is ignored"
        }
        return "\(rows) rows end with a delimiter \(past) (first at line \(trailingCellLine)): "
            + "their empty last cells are ignored"
    }

    private func readCSVLines(
        _ chunk: LineChunk, input: inout CSVInput, summary: inout InputSummary
    ) throws(AnalysisError) {
        var failure: AnalysisError?
        let cutLine = chunk.cutOffLineNumber
        chunk.forEachLine { line, number in
            guard failure == nil else { return }
            lastLine = number
            if number == cutLine {
                summary.accounting.lines += 1
                failure = cutOff(line: number, summary: &summary)
                return
            }
            input.fedLines.note(number)
            if !input.reader.needsMoreLines { input.builder.begin() }
            let result = input.reader.read(line: line, visitor: &input.builder)
            do {
                try take(result, of: &input, summary: &summary)
                try readGivenBack(&input, summary: &summary)
            } catch {
                failure = error as? AnalysisError
            }
        }
        if let failure { throw failure }
    }

    /// Reads again the lines the reader gave back: those a quote left open had taken in.
    private func readGivenBack(_ input: inout CSVInput, summary: inout InputSummary)
        throws(AnalysisError)
    {
        while input.reader.linesGivenBack > 0 {
            if !input.reader.needsMoreLines { input.builder.begin() }
            guard let result = input.reader.readGivenBack(visitor: &input.builder) else { return }
            try take(result, of: &input, summary: &summary)
        }
    }

    /// Counts what the reader made of its last line, and hands on a record.
    private func take(
        _ result: CSVLineResult, of input: inout CSVInput, summary: inout InputSummary
    ) throws(AnalysisError) {
        let number = input.lastLineRead
        if result != .incomplete { summary.accounting.lines += 1 }
        switch result {
        case .header: summary.accounting.metadata += 1
        case .record:
            noteFirstLeftOutCells(input.reader, endingOn: number)
            if input.reader.unitsRevision != statedUnitsRevision { stateUnits(of: input.reader) }
            deliver(input.builder.record, file: input.file, line: number, summary: &summary)
        case .empty: summary.accounting.empty += 1
        case .incomplete: break
        case .malformed(let reason):
            try malformedRecord(reason, endingOn: number, reader: input.reader, summary: &summary)
        }
    }

    /// Tells the field table the units the reader has learnt for its columns (`[MiB]`), before
    /// the series of a record that carried a new one are made.
    private func stateUnits(of reader: CSVReader) {
        statedUnitsRevision = reader.unitsRevision
        for (name, unit) in zip(reader.columnNames, reader.columnUnits) {
            if let unit { fields.stateUnit(unit, for: name) }
        }
    }

    /// Notes the line the record ending on `last` starts on, when it held the first cell left
    /// out of a kind.
    private func noteFirstLeftOutCells(_ reader: CSVReader, endingOn last: Int) {
        let first = last - reader.spannedLines + 1
        if unfitCellLine == 0, reader.unfitCells > 0 { unfitCellLine = first }
        if errorCellLine == 0, reader.errorCells > 0 { errorCellLine = first }
        if trailingCellLine == 0, reader.trailingEmptyCells > 0 { trailingCellLine = first }
    }

    /// Counts a malformed CSV record that ends on line `last`, named by the line it starts
    /// on: a quoted field left open takes the lines after it into its record.
    private func malformedRecord(
        _ reason: String, endingOn last: Int, reader: CSVReader, summary: inout InputSummary
    ) throws(AnalysisError) {
        let first = last - max(reader.spannedLines, 1) + 1
        let span = first < last ? " (lines \(first)–\(last))" : ""
        try malformed(reason + span, line: first, summary: &summary)
    }

    func readMLflow(
        first: LineChunk?, chunker: LineChunker, summary: inout InputSummary
    ) throws(AnalysisError) {
        let name = MLflowMetricReader.metricName(forPath: summary.path) ?? baseName(summary.path)
        let reader = MLflowMetricReader(
            metricName: Self.withoutCompressionSuffix(name, compression: summary.compression))
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
        let cutLine = chunk.cutOffLineNumber
        chunk.forEachLine { line, number in
            guard failure == nil else { return }
            summary.accounting.lines += 1
            if number == cutLine {
                failure = cutOff(line: number, summary: &summary)
                return
            }
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
    /// A row the end of a damaged compressed file cut short: its last value may be only the
    /// first digits of the number written, so it is counted as malformed, not read.
    private func cutOff(line: Int, summary: inout InputSummary) -> AnalysisError? {
        do {
            try malformed(
                "row cut off where the compressed data ends early", line: line,
                summary: &summary)
        } catch {
            return error
        }
        return nil
    }

    func oversized(_ length: Int, line: Int, summary: inout InputSummary) throws(AnalysisError) {
        summary.accounting.lines += 1
        try malformed(
            "line of \(length) bytes exceeds the \(options.maxLineBytes)-byte limit "
                + "(--max-line-bytes)",
            line: line, summary: &summary)
    }

    /// The column the records take their step from: the step column of highest priority,
    /// else `epoch` (Lightning writes `epoch` before `step`).
    private static func stepColumn(_ names: [String]) -> String? {
        let matcher = RoleMatcher()
        var best: (name: String, priority: Int)?
        for name in names {
            switch matcher.kind(of: name) {
            case .step(let priority) where priority < best?.priority ?? .max:
                best = (name, priority)
            case .epoch where best == nil:
                best = (name, .max)
            default:
                continue
            }
        }
        return best?.name
    }

    /// The metric a compressed copy of an MLflow metric file names: `loss.zst` is `loss`.
    private static func withoutCompressionSuffix(_ name: String, compression: String) -> String {
        let suffixes: [String]
        switch compression {
        case Compression.zstd.label: suffixes = [".zst", ".zstd"]
        case Compression.gzip.label: suffixes = [".gz", ".gzip"]
        default: return name
        }
        for suffix in suffixes where name.count > suffix.count && name.hasSuffix(suffix) {
            return String(name.dropLast(suffix.count))
        }
        return name
    }

    private func baseName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
