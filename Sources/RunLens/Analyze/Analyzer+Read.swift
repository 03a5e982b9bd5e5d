/// Reading one input: open, recognise the format by content, hand each record on.
extension Analyzer {
    /// The files to read. An input that cannot be reached is recorded as an input error and
    /// the others are still found; it fails only when nothing is left to read.
    func discover() throws(AnalysisError) -> [String] {
        var arguments = options.inputs
        var found = InputDiscovery.Result(files: [], notes: [])
        while !arguments.isEmpty {
            do {
                found = try InputDiscovery.discover(arguments)
                break
            } catch {
                let count = arguments.count
                arguments.removeAll { $0 == error.path }
                inputErrors.append(error)
                if arguments.count == count { throw .input(error) }
            }
        }
        skipped += found.notes
        inputErrors += found.unreadable
        if let config = options.configFile {
            let isConfig = InputDiscovery.sameFile(as: config)
            for path in found.files where isConfig(path) {
                skipped.append(SkippedInput(path: path, reason: "the config file of this run"))
            }
            found.files.removeAll(where: isConfig)
        }
        explicitFiles = Set(options.inputs)
        guard !found.files.isEmpty else {
            if let first = inputErrors.first { throw .input(first) }
            throw .noInputs(options.inputs)
        }
        // Parts of one log in the order they were written: a resume must come after its run.
        let matcher = fields.matcher
        found.files = ContinuationOrder.ordered(found.files) { path in
            FirstRecordTime.peek(path, matcher: matcher)
        }
        renumberedRanks = RankLayout.renumbered(found.files)
        localRanks = LocalRankBases(files: found.files)
        return found.files
    }

    func read(path: String) throws(AnalysisError) {
        if MLflowMetricReader.isMLflowRunFile(path: path),
            MLflowMetricReader.metricName(forPath: path) == nil
        {
            skipped.append(SkippedInput(path: path, reason: "MLflow run metadata, not a metric"))
            return
        }
        pushedBack = nil
        unreadTimes = (0, 0)
        let opened: OpenedInput
        do {
            opened = try InputOpener.openDetecting(path: path)
        } catch {
            throw .input(error)
        }
        let stream = readingStream(opened)
        currentStream = stream
        defer {
            currentStream = nil
            (stream as? ReadAheadByteStream)?.stop()
        }
        let chunker = LineChunker(
            stream: stream, chunkSize: options.chunkSize, maxLineBytes: options.maxLineBytes)
        let first = try head(chunker)
        if try isBlankAside(first, chunker: chunker, path: path) {
            return skipped.append(SkippedInput(path: path, reason: "empty, not a log"))
        }

        let format = sniff(first, path: path)
        var summary = InputSummary(
            path: path, format: format.label, compression: opened.compression.label)
        readRank(of: path, into: &summary)
        if case .text = format { return try refuse(path: path, format: format, head: first) }
        if case .binary = format { return try refuse(path: path, format: format, head: first) }
        if try passesOverLoneLine(format, first?.bytes, chunker: chunker, path: path) { return }
        do {
            // The first chunk goes with its ownership, so that the reader can let it go.
            let refusal = try readRecords(
                format, first: consume first, chunker: chunker, summary: &summary)
            if let refusal { return skipped.append(SkippedInput(path: path, reason: refusal)) }
        } catch {
            // Lines read before a read error were handed to the run: keep their accounting.
            if summary.accounting.lines > 0 { keep(summary, stream) }
            throw error
        }
        keep(summary, stream)
        if options.strict, let damage = stream.damage.first {
            throw .damaged(DamagedInput(path: path, reason: damage, read: summary.accounting))
        }
    }

    /// The rank of the file at `path` from its name, numbered after other node folders' ranks
    /// when they share its number (``RankLayout``, ``LocalRankBases``), with a warning then;
    /// or else where its records' local ranks are counted from.
    private func readRank(of path: String, into summary: inout InputSummary) {
        summary.rank = RankFromFileName.rank(ofFileAt: path)
        if let renumbered = localRanks.renumbered(path) {
            summary.rank = renumbered.rank
            summary.warnings.append(LocalRankBases.warning(renumbered))
        } else if !localRanks.numbersRank(of: path), let renumbered = renumberedRanks[path] {
            summary.rank = renumbered.rank
            summary.warnings.append(RankLayout.warning(renumbered))
        }
        localRankBase = summary.rank == nil ? localRanks.base(for: path) : nil
    }

    /// The stream to cut lines from: with more than one thread, a compressed input is
    /// decoded ahead on a thread of its own, so that decoding overlaps parsing.
    private func readingStream(_ opened: OpenedInput) -> ByteStream {
        guard options.threads > 1, opened.compression != .none else { return opened.stream }
        return ReadAheadByteStream(
            source: opened.stream, blockSize: max(options.chunkSize, 4), cutAtLines: true)
    }

    private func keep(_ summary: InputSummary, _ stream: ByteStream) {
        var summary = summary
        if localRanks.isSpread, let file = assembler.fileNames.lastIndex(of: summary.path),
            let ranks = assembler.ranks(ofFile: Int32(file))
        {
            localRanks.read(summary.path, upTo: ranks.upperBound)
            if let base = localRankBase, base > 0,
                assembler.lastFileWithLocalRanks == Int32(file)
            {
                summary.warnings.append(LocalRankBases.warning(ranks: ranks, base: base))
            } else if let base = localRankBase, assembler.lastFileWithNodeRank == Int32(file),
                assembler.lastFileWithLocalRanks != Int32(file)
            {
                summary.warnings.append(LocalRankBases.warning(nodeRank: base))
            }
        }
        summary.warnings.append(contentsOf: stream.warnings)
        summary.damage = stream.damage
        if let warning = unreadTimeWarning() { summary.warnings.append(warning) }
        bytesRead += stream.bytesConsumed
        summaries.append(summary)
    }

    /// Reads the records of an input; returns why it was passed over as no log instead, if
    /// it was (``LoneObjectProbe``).
    private func readRecords(
        _ format: LogFormat, first: consuming LineChunk?, chunker: LineChunker,
        summary: inout InputSummary
    ) throws(AnalysisError) -> String? {
        switch format {
        case .text, .binary:
            break
        case .jsonLines:
            try readJSONLines(first: consume first, chunker: chunker, summary: &summary)
        case .jsonDocument:
            return try readDocument(first: first, chunker: chunker, summary: &summary)
        case .csv(let delimiter):
            try readCSV(first: first, chunker: chunker, delimiter: delimiter, summary: &summary)
        case .mlflowMetric:
            try readMLflow(first: first, chunker: chunker, summary: &summary)
        }
        return nil
    }

    /// Whether a JSON Lines file found in a directory holds one line only, a JSON object that
    /// is no log's record (``LoneObjectProbe``); it is then listed as skipped.
    private func passesOverLoneLine(
        _ format: LogFormat, _ head: [UInt8]?, chunker: LineChunker, path: String
    ) throws(AnalysisError) -> Bool {
        guard case .jsonLines = format, !explicitFiles.contains(path), !isNamedAsLog(path),
            pushedBack == nil, let bytes = head, Self.isOneLine(bytes)
        else { return false }
        if let next = try nextChunk(chunker) {
            pushedBack = next
            return false
        }
        let finding = bytes.withUnsafeBytes {
            LoneObjectProbe.examine($0, matcher: fields.matcher, maxFields: options.maxFields)
        }
        guard case .notALog(let refusal) = finding else { return false }
        skipped.append(SkippedInput(path: path, reason: refusal))
        return true
    }

    /// Whether the name of `path` says it is a log: `.jsonl` or `.ndjson`, or a rank in it
    /// (a rank only its folder gives does not: `rank0/config.json` is no log).
    func isNamedAsLog(_ path: String) -> Bool {
        Self.namesLog(path, format: .jsonLines) || RankFromFileName.rank(in: path) != nil
    }

    /// Whether a file found in a directory, whose name does not say it is a log or data
    /// (`.jsonl`, `.json`, `.csv`, a rank in it), holds nothing but blanks, `head` being its
    /// first chunk: an empty `stderr.txt` or `config.yaml` beside a run's logs, passed over
    /// as files of other text are. A log named so fails the run when empty (SPEC: no record
    /// is never a silent pass).
    private func isBlankAside(
        _ head: LineChunk?, chunker: LineChunker, path: String
    ) throws(AnalysisError) -> Bool {
        guard !explicitFiles.contains(path), !isNamedAsLog(path),
            !Self.dataExtensions.contains(Self.extensionKind(path) ?? "")
        else { return false }
        guard let head else { return true }
        guard head.oversizedLineLength == nil, pushedBack == nil,
            head.bytes.allSatisfy(Self.blanks.contains)
        else { return false }
        if let next = try nextChunk(chunker) {
            pushedBack = next
            return false
        }
        return true
    }

    /// Spaces, tabs and line ends: what a file holds around, or instead of, its content.
    static let blanks: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]

    /// Whether `bytes` hold one line of text between blanks.
    private static func isOneLine(_ bytes: [UInt8]) -> Bool {
        guard let start = bytes.firstIndex(where: { !Self.blanks.contains($0) }),
            let end = bytes.lastIndex(where: { !Self.blanks.contains($0) })
        else { return false }
        return !bytes[start...end].contains(0x0A)
    }

    /// The first chunk, joined with the next ones until it holds the sniffer's head, so that
    /// the format found does not depend on the chunk size. An oversized line ends the head
    /// and is read next.
    private func head(_ chunker: LineChunker) throws(AnalysisError) -> LineChunk? {
        guard var first = try nextChunk(chunker) else { return nil }
        while first.oversizedLineLength == nil, first.bytes.count < Self.sniffedLength(first) {
            guard let next = try nextChunk(chunker) else { break }
            if next.oversizedLineLength != nil {
                pushedBack = next
                break
            }
            first.append(next)
        }
        return first
    }

    private func sniff(_ chunk: LineChunk?, path: String) -> LogFormat {
        guard let chunk else { return .jsonLines }
        if MLflowMetricReader.metricName(forPath: path) != nil,
            MLflowMetricReader.isMLflowRunFile(path: path)
        {
            return .mlflowMetric
        }
        let head = chunk.bytes.prefix(Self.sniffedLength(chunk))
        return head.withUnsafeBytes { FormatSniffer.sniff($0, fileName: path) }
    }

    /// How many leading bytes of `chunk`, the input's first, the sniffer judges.
    static func sniffedLength(_ chunk: LineChunk) -> Int {
        chunk.bytes.withUnsafeBytes { FormatSniffer.sniffedLength(of: $0) }
    }

    /// A file that is not a metric log: an error when named explicitly or when its name says
    /// it is one (``namesLog(_:format:)``), a note when found in a directory otherwise.
    private func refuse(path: String, format: LogFormat, head: LineChunk?) throws(AnalysisError) {
        let reason: String
        switch format {
        case .binary where Self.isUTF16(head?.bytes.prefix(2) ?? []):
            // Windows PowerShell writes redirected output as UTF-16.
            reason = "UTF-16 text; runlens reads UTF-8 (convert it with iconv -f UTF-16 -t UTF-8)"
        case .binary: reason = "binary data, not a metric log"
        default:
            let bytes = head.map { $0.bytes.prefix(Self.sniffedLength($0)) } ?? []
            reason =
                bytes.withUnsafeBytes(FormatSniffer.csvLookalike)?.reason
                ?? "plain-text log; runlens reads JSON Lines, JSON documents, CSV and MLflow "
                + "metric files"
        }
        guard explicitFiles.contains(path) || Self.namesLog(path, format: format) else {
            skipped.append(SkippedInput(path: path, reason: reason))
            return
        }
        throw .input(InputError(path: path, kind: .unsupportedFormat(reason)))
    }

    /// Whether a file found in a directory is named as a metric log that runlens reads, so
    /// that failing to read it fails the run rather than passing over one of its ranks: a
    /// `.jsonl` or `.ndjson` file that is not JSON Lines, or a `.json`, `.csv` or `.tsv` file
    /// that is binary or UTF-16 (a plain-text `.csv` may be a list that is not a log).
    private static func namesLog(_ path: String, format: LogFormat) -> Bool {
        guard let kind = extensionKind(path) else { return false }
        if kind == "jsonl" || kind == "ndjson" { return true }
        guard case .binary = format else { return false }
        return dataExtensions.contains(kind)
    }

    /// The extensions of the data formats runlens reads.
    private static let dataExtensions: Set<String> = ["jsonl", "ndjson", "json", "csv", "tsv"]

    /// The extension of the file at `path` in lower case, a compression's passed over
    /// (`jsonl` for `rank0.JSONL.gz`), or `nil` when it has none.
    private static func extensionKind(_ path: String) -> String? {
        var parts = path.lowercased().split(separator: "/").last?.split(separator: ".") ?? []
        if let last = parts.last, ["gz", "zst", "zstd"].contains(last) { parts.removeLast() }
        guard parts.count > 1, let kind = parts.last else { return nil }
        return String(kind)
    }

    /// Whether `prefix` is a UTF-16 byte order mark, either way round.
    private static func isUTF16(_ prefix: ArraySlice<UInt8>) -> Bool {
        prefix.elementsEqual([0xFF, 0xFE]) || prefix.elementsEqual([0xFE, 0xFF])
    }

    /// Counts a malformed line, keeps the first few, and stops in strict mode.
    func malformed(
        _ reason: String, line: Int, summary: inout InputSummary
    ) throws(AnalysisError) {
        summary.accounting.malformed += 1
        let entry = MalformedLine(file: summary.path, line: line, reason: reason)
        if summary.malformedSamples.count < options.malformedSamples {
            summary.malformedSamples.append(entry)
        }
        if options.strict { throw .malformed(entry) }
    }

    /// Hands the record `builder` built to the run and counts it; reading it in place from
    /// `builder` (not through a copy made by the caller) saves retaining its buffers.
    func deliver(
        from builder: inout RecordBuilder, file: Int32, line: Int, summary: inout InputSummary
    ) {
        deliver(builder.record, file: file, line: line, summary: &summary)
    }

    /// Hands a built record to the run and counts it.
    func deliver(_ record: Record, file: Int32, line: Int, summary: inout InputSummary) {
        if record.hasUnreadTime, record.time == nil, record.step == nil, record.epoch == nil {
            noteUnreadTime(line: line)
        }
        let disposition = assembler.add(
            record, file: file, line: line, fileRank: summary.rank, localBase: localRankBase)
        switch disposition {
        case .metadata:
            summary.accounting.metadata += 1
        case .duplicate:
            summary.accounting.records += 1
            summary.duplicates += 1
        case .kept, .event:
            summary.accounting.records += 1
        }
    }

    @inline(never)
    private func noteUnreadTime(line: Int) {
        if unreadTimes.count == 0 { unreadTimes.firstLine = line }
        unreadTimes.count += 1
    }

    /// The warning for records whose time could not be read, if there were any.
    private func unreadTimeWarning() -> String? {
        let (count, line) = unreadTimes
        guard count > 0 else { return nil }
        guard count > 1 else {
            return "1 record has a time runlens cannot read (line \(line)): metrics indexed by "
                + "time leave out its values"
        }
        return "\(count) records have a time runlens cannot read (first at line \(line)): "
            + "metrics indexed by time leave out their values"
    }

    func nextChunk(_ chunker: LineChunker) throws(AnalysisError) -> LineChunk? {
        reportProgress()
        if let chunk = pushedBack {
            pushedBack = nil
            return chunk
        }
        do {
            return try chunker.next()
        } catch {
            throw .input(error)
        }
    }
}

extension LogFormat {
    /// The short name shown in reports.
    var label: String {
        switch self {
        case .jsonLines: return "jsonl"
        case .jsonDocument: return "json"
        case .csv: return "csv"
        case .mlflowMetric: return "mlflow"
        case .text: return "text"
        case .binary: return "binary"
        }
    }
}

extension Compression {
    /// The short name shown in reports.
    var label: String {
        switch self {
        case .none: return "none"
        case .zstd: return "zstd"
        case .gzip: return "gzip"
        }
    }
}
