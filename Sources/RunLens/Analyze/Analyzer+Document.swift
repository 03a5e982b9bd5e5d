/// Reading a log written as one JSON document: a record array or a `trainer_state.json`.
extension Analyzer {
    /// Reads a document's records; returns why it was passed over as no log instead, when it
    /// was found in a directory and is a lone object with no place in a run.
    func readDocument(
        first: LineChunk?, chunker: LineChunker, summary: inout InputSummary
    ) throws(AnalysisError) -> String? {
        var document: [UInt8] = []
        var chunk = first
        while let current = chunk {
            if current.oversizedLineLength != nil
                || document.count + current.bytes.count > options.maxDocumentBytes
            {
                throw .input(
                    InputError(
                        path: summary.path,
                        kind: .unsupportedFormat(
                            "a single JSON document larger than \(options.maxDocumentBytes) bytes "
                                + "(--max-document-bytes)"))
                )
            }
            document.append(contentsOf: current.bytes)
            chunk = try nextChunk(chunker)
        }
        if Self.opensObject(document) {
            let finding = document.withUnsafeBytes {
                LoneObjectProbe.examine($0, matcher: fields.matcher, maxFields: options.maxFields)
            }
            if let refusal = try refusal(finding, path: summary.path) { return refusal }
        }

        var visitor = DocumentVisitor(
            analyzer: self, file: assembler.registerFile(summary.path), summary: summary)
        var reader = JSONDocumentReader(keptFailures: max(1, options.malformedSamples))
        let result = document.withUnsafeBytes { reader.read($0, visitor: &visitor) }
        summary = visitor.summary
        try account(for: result, metadata: visitor.documentMetadata, summary: &summary)
        return nil
    }

    /// Why a lone object is passed over: a configuration or summary found in a directory
    /// (named, or named as a log, it is read), or a runlens summary, which fails the run
    /// when it was named.
    private func refusal(
        _ finding: LoneObjectProbe.Finding, path: String
    ) throws(AnalysisError) -> String? {
        let named = explicitFiles.contains(path)
        switch finding {
        case .log: return nil
        case .notALog(let reason): return named || isNamedAsLog(path) ? nil : reason
        case .runlensSummary:
            guard named else { return Self.summaryRefusal }
            throw .input(InputError(path: path, kind: .unsupportedFormat(Self.summaryRefusal)))
        }
    }

    /// Why a runlens `summary.json` is not read as a log.
    static let summaryRefusal =
        "a runlens summary.json, the result of an analysis, not a log (runlens digest reads "
        + "summaries; analyze --baseline compares with one)"

    /// Whether `error` refuses an input as a runlens summary.
    public static func refusesSummary(_ error: InputError) -> Bool {
        error.kind == .unsupportedFormat(summaryRefusal)
    }

    /// Whether the first character of `document` past blanks and a byte order mark is `{`.
    private static func opensObject(_ document: [UInt8]) -> Bool {
        let start = document.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let first = document[start...].first { !blanks.contains($0) }
        return first == UInt8(ascii: "{")
    }

    /// Counts a document's entries: passed-over ones as malformed, and the place reading
    /// stopped, if it did, as one malformed entry more.
    private func account(
        for result: JSONDocumentResult, metadata: Int, summary: inout InputSummary
    ) throws(AnalysisError) {
        summary.accounting.lines = result.entries + metadata
        for failure in result.passedOver {
            try malformed(failure, summary: &summary)
        }
        summary.accounting.malformed += result.passedOverEntries - result.passedOver.count
        guard let failure = result.failure else { return }
        summary.accounting.lines += 1
        if result.restUnread {
            summary.warnings.append(
                "reading stopped at line \(failure.line), column \(failure.column): the rest "
                    + "of the document could not be split into entries and was not read")
        }
        try malformed(failure, summary: &summary)
    }

    private func malformed(_ failure: JSONDocumentFailure, summary: inout InputSummary)
        throws(AnalysisError)
    {
        try malformed(
            failure.reason + " (column \(failure.column))", line: failure.line, summary: &summary)
    }
}

/// Feeds each entry of a JSON document to a `RecordBuilder` and hands it to the run.
struct DocumentVisitor: JSONDocumentVisitor {
    unowned let analyzer: Analyzer
    let file: Int32
    var summary: InputSummary
    private var builder: RecordBuilder
    private var entry = JSONDocumentEntry.record
    private var line = 0
    private var isRunTotal = false
    /// Entries that describe the document rather than a record (trainer-state settings).
    private(set) var documentMetadata = 0

    init(analyzer: Analyzer, file: Int32, summary: InputSummary) {
        self.analyzer = analyzer
        self.file = file
        self.summary = summary
        builder = RecordBuilder(fields: analyzer.fields)
    }

    mutating func beginEntry(_ entry: JSONDocumentEntry, line: Int) {
        self.entry = entry
        self.line = line
        isRunTotal = false
        builder.begin()
    }

    mutating func endEntry() {
        guard entry == .record, !isRunTotal else {
            summary.accounting.metadata += 1
            if entry == .metadata { documentMetadata += 1 }
            return
        }
        analyzer.deliver(builder.record, file: file, line: line, summary: &summary)
    }

    mutating func visitNumber(key: UnsafeRawBufferPointer, index: Int?, value: Double) {
        guard entry == .record else { return }
        // Hugging Face closes `log_history` with run totals: an averaged `train_loss` that
        // is no loss sample. The entry is run metadata.
        if Self.equals(key, "train_runtime") { isRunTotal = true }
        builder.visitNumber(key: key, index: index, value: value)
    }

    mutating func visitString(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        guard entry == .record else { return }
        builder.visitString(key: key, value: value)
    }

    mutating func visitBool(key: UnsafeRawBufferPointer, value: Bool) {
        guard entry == .record else { return }
        builder.visitBool(key: key, value: value)
    }

    mutating func visitNull(key: UnsafeRawBufferPointer) {
        guard entry == .record else { return }
        builder.visitNull(key: key)
    }

    private static func equals(_ key: UnsafeRawBufferPointer, _ text: StaticString) -> Bool {
        guard key.count == text.utf8CodeUnitCount else { return false }
        let expected = UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        return key.elementsEqual(expected)
    }
}
