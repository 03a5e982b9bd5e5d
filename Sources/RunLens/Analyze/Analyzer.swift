#if canImport(Glibc)
    import CMalloc
#endif

/// Runs one analysis: finds the inputs, reads every record in one pass, assembles the
/// run and its statistics.
///
/// The analyzer never prints; it returns an `AnalysisResult` or throws an
/// `AnalysisError` for the caller to word.
public final class Analyzer {
    /// The options this analysis runs with.
    public let options: AnalysisOptions
    let fields: FieldTable
    let assembler: RunAssembler
    let statistics: SeriesStatistics
    var summaries: [InputSummary] = []
    var skipped: [SkippedInput] = []
    var inputErrors: [InputError] = []
    var bytesRead = 0
    var explicitFiles: Set<String> = []
    /// Rank files in node folders that share rank numbers, read as other ranks.
    var renumberedRanks: [String: RankLayout.Renumbered] = [:]
    /// Where the local ranks of files in node folders are counted from.
    var localRanks = LocalRankBases(files: [])
    /// The number the local ranks of the file being read are counted from, if any.
    var localRankBase: Int?
    var lastLine = 0
    /// A chunk read ahead while gathering an input's head, handed out next.
    var pushedBack: LineChunk?
    /// Records of the input at hand whose time field could not be read, and the first's line.
    var unreadTimes = (count: 0, firstLine: 0)
    /// The line of the first CSV cell left out as written with another decimal mark than its
    /// column's, or 0.
    var unfitCellLine = 0
    /// The line of the first CSV cell that held a spreadsheet's error value, or 0.
    var errorCellLine = 0
    /// The line of the first CSV row that ended with a delimiter past the header, or 0.
    var trailingCellLine = 0
    /// The CSV reader's ``CSVReader/unitsRevision`` whose units the field table was told.
    var statedUnitsRevision = 0
    var totalBytes: Int64?
    var currentStream: ByteStream?

    /// Called after each chunk is read with the input bytes consumed so far (on-disk bytes,
    /// so compressed inputs count their compressed size) and the inputs' total size when
    /// every input is a regular file; set before `run`. Called on the reading thread, once
    /// per chunk (1 MiB by default): throttle in the callback.
    public var progress: ((_ bytesConsumed: Int64, _ totalBytes: Int64?) -> Void)?

    /// Creates an analyzer for `options`.
    public init(options: AnalysisOptions) {
        self.options = options
        fields = FieldTable(
            matcher: RoleMatcher(extraRoles: options.extraRoles), capacity: options.maxFields)
        assembler = RunAssembler(
            fields: fields, holdBack: options.holdBack, maxSeries: options.maxSeries)
        statistics = SeriesStatistics(
            windowSteps: options.windowSteps, windowSeconds: options.windowSeconds,
            heldRows: options.heldWindowRows, leastSpilled: options.leastSpilledWindowRows,
            spillDirectory: options.temporaryDirectory)
        assembler.addObserver(statistics)
    }

    /// Adds an observer of every final point (detectors); call before `run`. An observer
    /// that is also a `RequestObserver` receives every request record too.
    public func addObserver(_ observer: SeriesObserver) {
        assembler.addObserver(observer)
        if let requests = observer as? RequestObserver { assembler.addRequestObserver(requests) }
    }

    /// The inputs read so far, with their accounting and warnings; also when `run` threw.
    public var inputsRead: [InputSummary] { summaries }

    /// The inputs that could not be read so far; also when `run` threw.
    public var unreadableInputs: [InputError] { inputErrors }

    /// Reads every input and returns the assembled run.
    ///
    /// An input that cannot be read is recorded in the result's `inputErrors` and the others
    /// are still read; the analysis fails only when no record could be read at all.
    public func run() throws(AnalysisError) -> AnalysisResult {
        // TODO(#8): plain JSONL runs at about 0.6x DuckDB on 1 GB (target 2x) and zstd at
        // about 0.3x `zstd -dc` (target 0.9x). While records are read (20 MB, 1,000-step
        // windows), this thread (scan, numbers, records, assembly) spends about 4,100
        // instructions per 240-byte record and the observer thread (statistics, detectors)
        // about 3,200, which miss the cache more: in time the two are about equal, so both
        // must shrink for wall time to follow. Moving the assembler across was tried and does
        // not pay (the hand-off costs 300 a record and the other thread becomes the longer),
        // nor does reading plain files ahead on a third thread (2.6% off this thread, 13%
        // more wall time on two cores); cheaper numbers and members would shorten this
        // thread, a cheaper sketch count and detectors the other (docs/PERFORMANCE.md, "What
        // is still short").
        if options.threads > 1 { assembler.startObserverThread() }
        defer { assembler.stopObserverThread() }

        let discovery = try discover()
        if progress != nil { totalBytes = Self.totalSize(of: discovery) }
        for file in discovery {
            do {
                try read(path: file)
            } catch {
                guard case .input(let inputError) = error else { throw error }
                inputErrors.append(inputError)
            }
        }
        let total = summaries.reduce(into: Accounting()) { $0.add($1.accounting) }
        guard total.records > 0 else {
            if let first = inputErrors.first, summaries.isEmpty { throw .input(first) }
            let unreadable = Set(inputErrors.map(\.path))
            let read = options.inputs.filter { !unreadable.contains($0) }
            let first = summaries.lazy.compactMap(\.malformedSamples.first).first
            throw .noRecords(
                read.isEmpty ? options.inputs : read, total, first, skipped: skipped)
        }
        // An input among others that gave no record is an error too (SPEC: never a silent
        // pass); its lines stay in its accounting.
        for summary in summaries where summary.accounting.records == 0 {
            let first = summary.malformedSamples.first.map { "; first: \($0.description)" }
            let why = summary.accounting.breakdown + (first ?? "")
            inputErrors.append(InputError(path: summary.path, kind: .noRecords(why)))
        }
        assembler.finish()
        return try makeResult(total: total)
    }

    private func makeResult(total: Accounting) throws(AnalysisError) -> AnalysisResult {
        let overlaps = assembler.overlappingFiles()
        for overlap in overlaps {
            guard let index = summaries.firstIndex(where: { $0.path == overlap.later }) else {
                continue
            }
            summaries[index].warnings.append(overlap.warning)
        }
        var overview = assembler.overview
        for resume in overview.resumes {
            guard let warning = resume.restartWarning,
                let index = summaries.firstIndex(where: { $0.path == resume.file })
            else { continue }
            summaries[index].warnings.append(warning)
        }
        // A replay's records identical to the first pass's were counted as written twice.
        for resume in overview.resumes {
            guard let identical = resume.identicalRecords,
                let index = summaries.firstIndex(where: { $0.path == resume.file })
            else { continue }
            summaries[index].duplicates -= identical
        }
        // A resume names the rank of its records; else that of its file.
        for index in overview.resumes.indices where overview.resumes[index].rank == nil {
            let file = overview.resumes[index].file
            overview.resumes[index].rank = summaries.first { $0.path == file }?.rank
        }
        if let failure = statistics.spillFailure { throw .windowSpill(failure) }
        let series = statistics.summaries(descriptors: assembler.series)
        let offAxis = statistics.valuesOffAxis
        if offAxis > 0 { overview.valuesOffAxis = offAxis }
        let ranksByFile = assembler.ranksByFile()
        let ended = assembler.ranksEndedEarly(intervals: options.endedEarlyIntervals)
        if !ended.isEmpty { overview.ranksEndedEarly = withFiles(ended, ranksByFile) }
        let nodes = NodeRanks.find(files: assembler.fileNames, ranks: ranksByFile)
        if !nodes.isEmpty { overview.nodes = nodes }
        statistics.release()
        #if canImport(Glibc)
            // The hold-back rings, recent steps and accumulators just freed stay resident in
            // glibc's heaps, and the reports, made partly on other threads with heaps of their
            // own, would come on top of them: give the free pages back first.
            malloc_trim(0)
        #endif
        var result = AnalysisResult(
            inputs: summaries, skipped: skipped, inputErrors: inputErrors, accounting: total,
            overview: overview, series: series,
            fieldsDropped: fields.overflowed, seriesDropped: assembler.droppedValues,
            bytesRead: bytesRead, files: assembler.fileNames,
            runName: RunName(given: options.runName, inputs: options.inputs), overlaps: overlaps)
        result.fieldsPastLimit = fields.keptPastCapacity
        result.seriesPastLimit = seriesPastLimit()
        return result
    }

    /// `ended` with each rank's file: the last read of those whose records were of the rank.
    private func withFiles(_ ended: [RankEnd], _ ranksByFile: [Int32: Set<Int>]) -> [RankEnd] {
        let names = assembler.fileNames
        return ended.map { end in
            var end = end
            let files = ranksByFile.filter { $0.value.contains(end.rank) }.keys
            if let last = files.max(), Int(last) < names.count { end.file = names[Int(last)] }
            return end
        }
    }

    /// The names of the series the assembler made past `maxSeries`, each once, in order.
    private func seriesPastLimit() -> [String] {
        var seen: Set<Int32> = []
        return assembler.seriesPastLimit.compactMap { key in
            guard seen.insert(key.field).inserted else { return nil }
            return fields.infos[Int(key.field)].name
        }
    }
}
