/// Builds one run out of the records of all its inputs.
///
/// Each file and rank is a stream. The assembler drops records written twice (but not a
/// replay that repeats the first pass exactly: ``ReplayWatch``), places evaluation records
/// stamped with a step before training began at the last training step, turns
/// per-epoch iteration counters into a global step, and recognises resumes: the points a
/// resume replays supersede the first pass. A record that goes back to a step not seen
/// lately, no later on the clock, was written late, not replayed: it is put in step order
/// among the held-back points. To allow both, each series holds back its
/// last `holdBack` points before they become final and reach the observers. Memory is
/// bounded by the number of series times `holdBack`; the number of series by `maxSeries`:
/// values of later new series, and records of ranks first seen after the cap was reached,
/// are dropped and counted in `droppedValues`, except series of metrics with a role: up to
/// ``reservePerRole`` of them per role are made past the cap, so that a loss that first
/// appears then still reaches the detectors.
///
/// A series is on steps or on time from the first record with a step or time that carries it:
/// one made by a record with neither, before its stream has steps (a warm-up request before
/// the first timed one), waits for such a record before its observers are told of it
/// (``AxisWait``), at most until one of its points would become final.
///
/// Failed requests whose latency, TTFT or inter-token latency is exactly `0` were
/// zero-filled by the client (LLMPerf writes `ttft_s: 0` for a request that never got
/// an answer): those values are dropped, not measured, and counted in
/// `RunOverview.zeroFilledLatencies`.
public final class RunAssembler {
    /// What each record turned out to be.
    public enum Disposition: Equatable, Sendable {
        case kept
        case duplicate
        case metadata
        case event
    }

    /// The shared field-name table.
    public let fields: FieldTable
    /// Every series created so far, by index.
    public private(set) var series: [SeriesDescriptor] = []
    /// Steps, times, ranks, resumes and events.
    public private(set) var overview = RunOverview()
    /// Metric values dropped because `maxSeries` series existed already.
    public private(set) var droppedValues = 0
    /// Series made past `maxSeries` because their metric has a role.
    public private(set) var seriesPastLimit: [SeriesKey] = []

    /// Series made past `maxSeries` per role (names that match a role by their last path
    /// component apart from those that match as a whole, as in ``FieldTable``).
    public static let reservePerRole = 256

    private let maxSeries: Int
    private var reserve = PastLimitReserve<FieldTable.ReserveClass>(perClass: reservePerRole)
    private let fanOut = ObserverFanOut()
    /// The observer calls not delivered yet, in batches of `batchPoints` points: on this
    /// thread, or on the observer thread once one is started. Points go in as they become
    /// final.
    private var outbox = ObserverBatch()
    private var observerThread: ObserverThread?
    private var batchPoints = 8192
    private var factTable: [FieldFacts] = []
    /// Whether some field interned so far makes its record a request.
    private var hasRequestFields = false
    private var hasRequestObservers = false
    private var seriesIndex: [SeriesKey: Int] = [:]
    /// Which series the observers were told of, and which wait for their axis.
    private var axisWait = AxisWait()
    private let pending: PendingQueues
    private var streamIndex: [StreamKey: Int] = [:]
    private var streams: [StreamState] = []
    /// The stream each rank's latest file opened, which a later file may resume.
    private var latestStreamOfRank: [Int32: Int] = [:]
    /// Streams found lately, by a few bits of their key, so that records of interleaved
    /// ranks find their stream without hashing.
    private var recentStreams = [RecentStream](repeating: RecentStream(), count: 64)
    /// The registered files, by index.
    public private(set) var fileNames: [String] = []
    /// The last file with a record whose rank within a node was counted from a base
    /// (``add(_:file:line:fileRank:localBase:)``), or -1.
    public private(set) var lastFileWithLocalRanks: Int32 = -1
    /// The last file with a record that named no rank and was read as its node's first rank
    /// (``add(_:file:line:fileRank:localBase:)``), or -1.
    public private(set) var lastFileWithNodeRank: Int32 = -1
    private var rankSet = SmallIntSet()
    private let rankReach = RankReach()
    private var deviceSet = SmallIntSet()

    /// Creates an assembler over `fields` that holds back `holdBack` points per series and
    /// makes at most `maxSeries` series.
    public init(fields: FieldTable, holdBack: Int = 512, maxSeries: Int = 10_000) {
        self.fields = fields
        self.maxSeries = maxSeries
        pending = PendingQueues(holdBack: holdBack)
    }

    /// Adds an observer of final points; call before the first record.
    public func addObserver(_ observer: SeriesObserver) {
        fanOut.add(observer)
    }

    /// Adds an observer of request records; call before the first record.
    public func addRequestObserver(_ observer: RequestObserver) {
        fanOut.add(requests: observer)
        hasRequestObservers = true
    }

    /// Registers an input file and returns its index for `add`.
    public func registerFile(_ name: String) -> Int32 {
        fileNames.append(name)
        return Int32(fileNames.count - 1)
    }

    /// Takes one record of file `file` at `line`; `fileRank` is the rank the file name gives,
    /// and `localBase` the number a rank within a node (`local_rank`) is counted from when
    /// the file's folder is one node of several (``LocalRankBases``): a record that names no
    /// rank there is read as that rank, the node's first, so that nodes stay apart.
    @discardableResult
    public func add(
        _ record: Record, file: Int32, line: Int, fileRank: Int?, localBase: Int? = nil
    ) -> Disposition {
        let rank =
            record.rankIsLocal
            ? fileRank ?? localRank(of: record, file: file, base: localBase)
            : record.rank ?? fileRank ?? nodeRank(file: file, base: localBase)
        let streamKey = StreamKey(file: file, rank: Int32(rank ?? -1))
        if series.count >= maxSeries, let rank, !rankSet.contains(rank),
            streamIndex[streamKey] == nil, !mayTakePastLimit(record)
        {
            // Only new series could hold this record's values: keep no state for its rank.
            droppedValues += record.values.count
            return record.hasMetrics ? .kept : .metadata
        }
        var slot = streamSlot(streamKey, first: record)
        if streams[slot].mayResume >= 0 { slot = settle(slot, key: streamKey, at: record) }
        let disposition = withStream(slot) { stream in
            addRecord(record, stream: &stream, slot: slot, file: file, line: line, rank: rank)
        }
        if isOutboxFull { flush(force: true) }
        return disposition
    }

    /// From now on, delivers the observer calls on a second thread, in batches of
    /// `batchPoints` points with at most `depth` batches waiting; call after the observers
    /// were added and before the first record. ``finish()`` waits for the thread; on any
    /// other way out call ``stopObserverThread()``.
    func startObserverThread(batchPoints: Int = 8192, depth: Int = 3) {
        guard observerThread == nil else { return }

        self.batchPoints = max(1, batchPoints)
        observerThread = ObserverThread(fanOut: fanOut, depth: depth)
    }

    /// Stops the observer thread, if one runs, without delivering what is pending, and
    /// waits for it to end: for a run that ends by an error.
    func stopObserverThread() {
        observerThread?.cancel()
        observerThread = nil
    }

    /// The index of the stream for `key`, created when new; recent ones are remembered
    /// because consecutive records nearly always come from a few streams.
    ///
    /// `first` is the record at hand, which decides whether a new stream goes on with an
    /// earlier file's (see ``createStream(_:first:)``).
    @inline(__always)
    private func streamSlot(_ key: StreamKey, first: Record) -> Int {
        let slot = recentSlot(of: key)
        let recent = recentStreams[slot]
        if recent.index >= 0, recent.key == key { return recent.index }
        return rememberStream(key, slot: slot, first: first)
    }

    @inline(__always)
    private func recentSlot(of key: StreamKey) -> Int {
        Int(truncatingIfNeeded: key.rank &+ key.file &* 31) & (recentStreams.count - 1)
    }

    /// Drops `key` from the recent streams, after its stream changed.
    private func forgetRecentStream(_ key: StreamKey) {
        recentStreams[recentSlot(of: key)] = RecentStream()
    }

    /// The index of the stream for `key`, which `slot` of the recent ones does not hold; now
    /// it does. Out of line, so that the common case inlines small.
    @inline(never)
    private func rememberStream(_ key: StreamKey, slot: Int, first: Record) -> Int {
        let index = streamIndex[key] ?? createStream(key, first: first)
        recentStreams[slot] = RecentStream(key: key, index: index)
        return index
    }

    /// A new stream for `key`, or the stream of the rank's latest earlier file when this
    /// file resumes it: a run resumed from a checkpoint into a new log file (a new launch
    /// folder, a restarted job's own file). The file then reads on as if appended to the
    /// earlier one, so its first step is a resume and its replayed steps supersede the
    /// earlier pass. A file that is not known to resume keeps a stream of its own, and
    /// overlapping steps are warned of (``overlappingFiles()``); when its first record is not
    /// a training record, its first training record decides again (``settle(_:key:at:)``).
    private func createStream(_ key: StreamKey, first: Record) -> Int {
        let earlier = latestStreamOfRank[key.rank]
        if let earlier, resumes(streams[earlier], first) {
            streamIndex[key] = earlier
            return earlier
        }
        var stream = StreamState()
        if let earlier, !placesFile(first) { stream.mayResume = earlier }
        streams.append(stream)
        streamIndex[key] = streams.count - 1
        latestStreamOfRank[key.rank] = streams.count - 1
        return streams.count - 1
    }

    /// The stream for `record`, the first of its file's training records when the file's
    /// stream at `index` began with other records (a header, an event, a system line, an
    /// evaluation) and the rank had an earlier file. If `record` resumes that file's stream,
    /// the file reads on in it from here; the records before keep their places.
    @inline(never)
    private func settle(_ index: Int, key: StreamKey, at record: Record) -> Int {
        guard placesFile(record) else { return index }
        let earlier = streams[index].mayResume
        streams[index].mayResume = -1
        guard resumes(streams[earlier], record) else { return index }
        streamIndex[key] = earlier
        latestStreamOfRank[key.rank] = earlier
        forgetRecentStream(key)
        return earlier
    }

    /// Whether `record` says where its file's run stands: a training record with a step or
    /// an epoch. A record without either (a config block whose `lr` reads as a training
    /// metric) does not.
    private func placesFile(_ record: Record) -> Bool {
        (record.step != nil || record.epoch != nil) && isTraining(record)
    }

    /// Whether `record` is a training record: not an evaluation, with a training metric.
    private func isTraining(_ record: Record) -> Bool {
        if factTable.count < fields.count { addFacts() }
        return !record.isEvalMode && record.values.contains { facts($0.field).marksTraining }
    }

    /// Whether a file whose first record is `first` resumes `stream`: a training record
    /// whose step goes back into the later half of the stream's steps, timed if the stream
    /// is, and no earlier on the clock than the stream's last record when both are timed on
    /// one clock. A file that starts near where the earlier one started (another run, or a
    /// rank that names none), after its last step (the log went on; but see
    /// ``goesOn(_:from:)`` for an `iter` that restarts each epoch), that ran meanwhile, or
    /// that is timed where the other is not keeps a stream of its own. A file that starts
    /// with other records (an evaluation, whose step would be taken for the earlier file's
    /// last one, a header, an event) is judged at its first training record with a step
    /// (``settle(_:key:at:)``).
    private func resumes(_ stream: StreamState, _ first: Record) -> Bool {
        guard Self.goesOn(stream, from: first), isTraining(first) else { return false }
        // One file timed and the other not: two writers, not one run.
        guard (first.time != nil) == stream.latestTime.isFinite else { return false }
        guard let time = first.time, !first.timeIsRelative else { return true }
        return time >= stream.latestTime
    }

    /// Whether a file's first record starts in the later half of `stream`'s steps, at most
    /// at its last: by its step, or its epoch when it has none. An `iter` that restarts each
    /// epoch gives a run's step only through the epochs before it, so such a record is
    /// placed by its epoch, which may also be the next one: a later launch's log that went
    /// on where the earlier one stopped would otherwise start again from step 0.
    private static func goesOn(_ stream: StreamState, from record: Record) -> Bool {
        if record.stepIsIter, let epoch = record.epoch {
            return stream.epochSteps.isContinued(by: epoch)
        }
        guard let step = record.step ?? record.epoch else { return false }
        return stream.lowestStep + (stream.topStep - stream.lowestStep) / 2 < step
            && step <= stream.topStep
    }

    /// Runs `body` on the stream in place, without copying its buffers.
    private func withStream<T>(_ slot: Int, _ body: (inout StreamState) -> T) -> T {
        body(&streams[slot])
    }

    /// Takes `record` of the stream at `slot`, `stream` itself.
    private func addRecord(
        _ record: Record, stream: inout StreamState, slot: Int, file: Int32, line: Int,
        rank: Int?
    ) -> Disposition {
        if factTable.count < fields.count { addFacts() }
        let hasPosition = record.step != nil || record.time != nil
        if !record.hasMetrics {
            return addBare(
                record, stream: &stream, file: file, line: line, hasPosition: hasPosition)
        }
        // A trace may hold two identical requests; they are two events, not one written twice.
        let request = isRequest(record)
        if hasPosition, !request {
            guard stream.recentHashes.insert(record.contentHash) else {
                overview.duplicates += 1
                noteDuplicate(record, stream: &stream, file: file, line: line, rank: rank)
                return .duplicate
            }
        }

        let placement = position(of: record, stream: &stream, file: file, line: line, rank: rank)
        stream.records += 1
        if let step = placement.step, step.isFinite {
            stream.lowestStep = min(stream.lowestStep, step)
            stream.topStep = max(stream.topStep, step)
        }
        // A record whose time could not be read is a timed record without its time: placed
        // by its count among records, it would put a time-indexed log's series on steps. (With
        // a step, `placement` has it.)
        let unplaced = record.time == nil && !record.hasUnreadTime
        let step = placement.step ?? (unplaced ? stream.unplacedStep : .nan)
        noteRecord(
            record, step: placement.step, rank: rank, request: request, file: file, line: line)
        let point = Point(
            step: step, time: record.time ?? .nan, value: 0, line: Int32(clamping: line),
            file: file)
        pending.openRecord(
            stream: slot, step: step, time: point.time, line: point.line, file: file)
        // The batch's points, held once for the record (read from the batch for each value,
        // they were retained and released each time); the batch is handed on only between
        // records.
        let finals = outbox.points
        // Each call inlines with `late` fixed, so an ordinary record tests it once, not
        // once a value.
        if placement.isLate {
            addValues(
                record, placement: placement, point: point, rank: rank, late: true,
                stream: &stream, to: finals)
        } else if isPlain(record, placement: placement) {
            addPlainValues(record, point: point, rank: rank, stream: &stream, to: finals)
        } else {
            addValues(
                record, placement: placement, point: point, rank: rank, late: false,
                stream: &stream, to: finals)
        }
        pending.closeRecord()
        if let time = record.time { stream.note(time: time) }
        return .kept
    }

    /// Holds back the values `record` keeps in their series; `late` puts them in step order.
    @inline(__always)
    private func addValues(
        _ record: Record, placement: Placement, point: Point, rank: Int?, late: Bool,
        stream: inout StreamState, to finals: CommittedPoints
    ) {
        for value in record.values {
            // The facts are read once a value, for both questions.
            let facts = facts(value.field)
            guard keeps(facts, of: record, placement: placement) else {
                if isZeroFilled(value, of: record) { overview.zeroFilledLatencies += 1 }
                continue
            }
            append(
                value, facts: facts, point: point, record: record, rank: rank, late: late,
                stream: &stream, to: finals)
        }
    }

    /// The rank of a record that names its rank within a node, counted from `base`.
    private func localRank(of record: Record, file: Int32, base: Int?) -> Int? {
        guard let base, let rank = record.rank else { return record.rank }
        lastFileWithLocalRanks = file
        return base + rank
    }

    /// The rank of a record that names none in file `file` of a node among several: the
    /// node's first rank, `base`.
    private func nodeRank(file: Int32, base: Int?) -> Int? {
        guard let base else { return nil }
        lastFileWithNodeRank = file
        return base
    }

    /// The ranks the records of each file were read as, by file index; files whose records
    /// had no rank are left out.
    public func ranksByFile() -> [Int32: Set<Int>] {
        var ranks: [Int32: Set<Int>] = [:]
        for key in streamIndex.keys where key.rank >= 0 {
            ranks[key.file, default: []].insert(Int(key.rank))
        }
        return ranks
    }

    /// The lowest and highest rank of the records of file `file`, when they named one.
    public func ranks(ofFile file: Int32) -> ClosedRange<Int>? {
        let ranks = streamIndex.keys.filter { $0.file == file && $0.rank >= 0 }.map(\.rank)
        guard let low = ranks.min(), let high = ranks.max() else { return nil }
        return Int(low)...Int(high)
    }

    /// Whether every series keeps its value of `record` (see ``keeps(_:of:placement:)``: no
    /// failed request, no evaluation) and the record names no device.
    @inline(__always)
    private func isPlain(_ record: Record, placement: Placement) -> Bool {
        if case .error = record.outcome { return false }
        return !placement.isEvaluation && record.device == nil
    }

    /// `addValues` for a plain record (``isPlain(_:placement:)``) that is not late: a value
    /// whose series the stream's cache holds goes to it without its field's facts (a field
    /// cached has no device, as facts never change), and the open record's position, the
    /// count of pushes and the place of the next final point stay in locals for the whole
    /// loop (see ``PendingQueues/push(_:series:of:pushes:)`` and
    /// ``CommittedPoints/reserve(_:)``).
    @inline(__always)
    private func addPlainValues(
        _ record: Record, point: Point, rank: Int?, stream: inout StreamState,
        to finals: CommittedPoints
    ) {
        let open = pending.current
        var pushes = 0
        // Each value makes at most one point final.
        var next = finals.reserve(record.values.count)
        for value in record.values {
            let field = Int(value.field)
            guard value.index < 0, field < stream.seriesByField.count,
                case let index = stream.seriesByField[field], index >= 0
            else {
                finals.appended(upTo: next)
                appendUncached(
                    value, point: point, record: record, rank: rank, stream: &stream, to: finals)
                next = finals.reserve(record.values.count)
                continue
            }
            if let committed = pending.push(value.value, series: index, of: open, pushes: &pushes) {
                next.initialize(to: CommittedPoint(series: index, point: committed))
                next += 1
            }
        }
        finals.appended(upTo: next)
        pending.notePushes(pushes)
    }

    /// `append` for a value of a plain record whose series the stream's cache does not hold:
    /// out of line, so that the loop over values keeps its locals in registers.
    @inline(never)
    private func appendUncached(
        _ value: MetricValue, point: Point, record: Record, rank: Int?,
        stream: inout StreamState, to finals: CommittedPoints
    ) {
        append(
            value, facts: facts(value.field), point: point, record: record, rank: rank,
            late: false, stream: &stream, to: finals)
    }

    /// Pairs of files that write the same series over the same steps: two runs in one
    /// folder, one log twice, or a rank's two launches that started again, read as one run.
    /// A series is a metric of one rank, so files of different ranks never pair. Each later
    /// file is paired with the first earlier one it overlaps.
    public func overlappingFiles() -> [FileOverlap] {
        // A stream a later file resumed counts once, for the file that opened it.
        var opener: [Int: Int32] = [:]
        for (key, index) in streamIndex {
            opener[index] = min(opener[index] ?? key.file, key.file)
        }
        var files: [Int32: FileOverlap.Span] = [:]
        for (key, index) in streamIndex
        where opener[index] == key.file && streams[index].lowestStep <= streams[index].topStep {
            let stream = streams[index]
            files[key.file, default: FileOverlap.Span()].add(
                stream.lowestStep...stream.topStep, series: stream.series)
        }
        return FileOverlap.pairs(files, names: fileNames, ranked: !rankSet.isEmpty)
    }

    /// The ranks whose logs stopped more than `intervals` logging intervals before the run's
    /// last step (or time): see ``RankReach``.
    func ranksEndedEarly(intervals: Double) -> [RankEnd] {
        rankReach.endedEarly(intervals: intervals)
    }

    /// Makes every held-back point final and tells the observers the run has ended; then
    /// gives back what only reading needed (the hold-back rings, the recent steps).
    public func finish() {
        axisWait.settleAll()
        announceReady()
        for index in 0..<pending.count { commitAll(index) }
        for index in streams.indices {
            endReplay(of: &streams[index])
            if let replay = streams[index].replay.takeEnded() {
                noteReplay(replay, stream: streams[index])
            }
        }
        overview.ranks = rankSet.sorted()
        overview.devices = deviceSet.sorted()
        outbox.mark(.finish)
        flush(force: true)
        observerThread?.finish()
        observerThread = nil
        pending.releaseEmptyRings()
        for index in streams.indices { streams[index].recentSteps.release() }
    }

    private func addBare(
        _ record: Record, stream: inout StreamState, file: Int32, line: Int, hasPosition: Bool
    ) -> Disposition {
        if let step = record.step, !record.stepIsIter { stream.reach(step) }
        guard let text = record.event else {
            if record.outcome != .unknown {
                if let time = record.time {
                    overview.noteTime(time, relative: record.timeIsRelative)
                }
                noteRequest(record, step: record.step, file: file, line: line)
            }
            return hasPosition || record.outcome != .unknown ? .kept : .metadata
        }
        stream.replay.noteEvent(text, records: stream.records)
        if overview.events.count < RunOverview.maxEvents {
            let step = record.step ?? (stream.lastTrainStep.isFinite ? stream.lastTrainStep : nil)
            overview.events.append(
                RunEvent(
                    file: fileNames[Int(file)], line: line, step: step, time: record.time,
                    text: text))
        }
        return .event
    }

    /// The record's step after epoch counters, evaluation re-stamping and resumes.
    private func position(
        of record: Record, stream: inout StreamState, file: Int32, line: Int, rank: Int?
    ) -> Placement {
        guard var step = record.step ?? record.epoch else { return Placement() }
        if record.stepIsIter { step = stream.globalStep(iter: step, epoch: record.epoch) }

        let evaluation = isEvaluation(record, stream: &stream)
        if evaluation { overview.evaluations += 1 }
        guard step < stream.lastTrainStep else {
            if !evaluation {
                stream.noteSpacing(to: step)
                stream.firstTrainStep = min(stream.firstTrainStep, step)
                stream.lastTrainStep = step
                stream.recentSteps.append(step)
            }
            stream.reach(step)
            if stream.replay.isWatching { noteNew(step: step, stream: &stream) }
            return Placement(step: step, isEvaluation: evaluation)
        }
        if evaluation {
            // Stamped before training began: a validation run before the step counter was
            // set (MMEngine, Lightning, after a resume). Any other goes where its step says.
            guard step < stream.firstTrainStep || step == 0 else {
                return Placement(step: step, isEvaluation: true, isLate: true)
            }
            overview.restampedEvaluations += 1
            return Placement(step: stream.lastTrainStep, isEvaluation: true)
        }
        if stream.isLate(step: step, time: record.time, relative: record.timeIsRelative) {
            overview.noteLateRecord()
            stream.recentSteps.append(step)
            return Placement(step: step, isLate: true)
        }
        resume(stream: &stream, to: step, time: record.time, file: file, line: line, rank: rank)
        return Placement(step: step)
    }

    /// An evaluation is a record that says so (`mode: val`), or one without training
    /// metrics in a stream that has training records; a log with no training records at
    /// all (rewards, system metrics) has no evaluations either.
    private func isEvaluation(_ record: Record, stream: inout StreamState) -> Bool {
        if record.isEvalMode { return true }
        for value in record.values where facts(value.field).marksTraining {
            stream.sawTraining = true
            return false
        }
        return stream.sawTraining
    }

    private func resume(
        stream: inout StreamState, to step: Double, time: Double?, file: Int32, line: Int,
        rank: Int?
    ) {
        if let replay = stream.replay.takeEnded() { noteReplay(replay, stream: stream) }
        // Records from the step it went back to may repeat the first pass exactly.
        let run = stream.replay.takeRun(resumingAt: step)
        let back = run?.start
        overview.duplicates -= run?.count ?? 0
        let toStep = back?.step ?? step
        let gap = time.map { $0 - stream.lastTime }.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
        var event = ResumeEvent(
            file: fileNames[Int(back?.file ?? file)], line: back?.line ?? line, rank: rank,
            fromStep: max(stream.lastTrainStep, stream.highestStep), toStep: toStep,
            checkpointStep: stream.checkpointStep(before: toStep), gapSeconds: gap)
        event.identicalRecords = run?.count
        var replaced: [ReplacedNonFinite] = []
        var keptFinal = 0
        for index in stream.series {
            let dropped = pending.supersede(series: index, from: step)
            if dropped.reachedFinal { keptFinal += 1 }
            // Training metrics only: an evaluation's NaN (detectron2's AP of a size with no
            // objects) says nothing of why a run restarted.
            guard dropped.nonFinite > 0, series[index].info.marksTraining else { continue }
            replaced.append(
                ReplacedNonFinite(
                    metric: series[index].name, count: dropped.nonFinite,
                    firstStep: dropped.firstNonFinite))
        }
        replaced.sort { ($0.firstStep, $0.metric) < ($1.firstStep, $1.metric) }
        event.replacedNonFinite = replaced.isEmpty ? nil : replaced
        event.keptFinal = keptFinal > 0 ? keptFinal : nil
        // Back to the first step ever logged: no checkpoint, the run started over.
        if toStep <= stream.firstTrainStep { event.fromScratch = true }
        stream.firstTrainStep = min(stream.firstTrainStep, step)
        overview.seriesNotSuperseded += keptFinal
        endReplay(of: &stream)
        overview.resumes.append(event)
        stream.openResume = overview.resumes.count - 1
        stream.lastTrainStep = step
        stream.highestStep = step
        // The first pass's steps from here on were replaced: a replayed step is new again.
        stream.recentSteps.removeAll(from: step)
        stream.recentSteps.append(step)
    }

    /// Notes a duplicate of the stream: it may begin or go on with a replay that repeats the
    /// first pass exactly (``ReplayWatch``).
    private func noteDuplicate(
        _ record: Record, stream: inout StreamState, file: Int32, line: Int, rank: Int?
    ) {
        guard let step = record.step ?? record.epoch, !record.stepIsIter else { return }
        let start = ReplayWatch.Start(
            step: step, line: line, file: file, rank: rank, fromStep: stream.lastTrainStep)
        stream.replay.noteDuplicate(
            step: step, training: isTraining(record), records: stream.records, position: start)
    }

    /// Notes a new record at `step` that did not go back, while a replay is watched.
    @inline(never)
    private func noteNew(step: Double, stream: inout StreamState) {
        if let replay = stream.replay.noteNew(step: step) { noteReplay(replay, stream: stream) }
    }

    /// Counts a run of duplicates found to be a replay as a resume, and no longer as records
    /// written twice.
    private func noteReplay(_ replay: ReplayWatch, stream: StreamState) {
        guard let start = replay.start else { return }
        var event = ResumeEvent(
            file: fileNames[Int(start.file)], line: start.line, rank: start.rank,
            fromStep: start.fromStep, toStep: start.step,
            checkpointStep: stream.checkpointStep(before: start.step), gapSeconds: nil)
        if start.step <= stream.firstTrainStep { event.fromScratch = true }
        event.identicalRecords = replay.count
        overview.duplicates -= replay.count
        overview.resumes.append(event)
    }

    /// Notes where the pass begun by the stream's latest resume stopped, if short of the
    /// step the run had gone back from.
    private func endReplay(of stream: inout StreamState) {
        guard stream.openResume >= 0 else { return }
        let top = stream.lastTrainStep
        if top < overview.resumes[stream.openResume].fromStep {
            overview.resumes[stream.openResume].replayedThrough = top
        }
        stream.openResume = -1
    }

    private func noteRecord(
        _ record: Record, step: Double?, rank: Int?, request: Bool, file: Int32, line: Int
    ) {
        if let step { overview.noteStep(step) }
        if let time = record.time { overview.noteTime(time, relative: record.timeIsRelative) }
        if let rank {
            rankSet.insert(rank)
            rankReach.note(rank: rank, step: step, time: record.time)
        }
        if let device = record.device { deviceSet.insert(device) }
        if request { noteRequest(record, step: step, file: file, line: line) }
    }

    private func noteRequest(_ record: Record, step: Double?, file: Int32, line: Int) {
        overview.requests += 1
        switch record.outcome {
        case .error: overview.failedRequests += 1
        case .unknown: overview.noteRequestWithoutOutcome()
        case .ok: break
        }
        guard hasRequestObservers else { return }

        outbox.mark(.request(requestSample(record, step: step, file: file, line: line)))
    }

    /// Whether `value` is a sample of its series. Latencies are those of successful
    /// requests: a failure's timings are zero-filled or cut short (LLMPerf), and it counts
    /// in the error rate instead. The durations of an evaluation record time the evaluation
    /// loop (MMEngine), not a training step.
    @inline(__always)
    private func keeps(_ facts: FieldFacts, of record: Record, placement: Placement) -> Bool {
        if facts.timesRequest {
            if case .error = record.outcome { return false }
            return true
        }
        return !(facts.timesStep && placement.isEvaluation)
    }

    private func isRequest(_ record: Record) -> Bool {
        if case .unknown = record.outcome {
            // A training log has no field that marks a request: no scan of its values.
            return hasRequestFields && record.values.contains { facts($0.field).marksRequest }
        }
        return true
    }

    /// True for a latency of a failed request that the client filled with `0`.
    private func isZeroFilled(_ value: MetricValue, of record: Record) -> Bool {
        guard value.value == 0, case .error = record.outcome else { return false }
        switch facts(value.field).role {
        case .latency, .ttft, .interTokenLatency: return true
        default: return false
        }
    }

    private func requestSample(_ record: Record, step: Double?, file: Int32, line: Int)
        -> RequestSample
    {
        var sample = RequestSample(
            time: record.time, timeIsRelative: record.timeIsRelative, step: step,
            outcome: record.outcome, version: record.version, file: file,
            line: Int32(clamping: line))
        for value in record.values where value.index < 0 && !isZeroFilled(value, of: record) {
            let info = fields.infos[Int(value.field)]
            switch info.role {
            case .latency: fill(&sample, \.latencyMs, .latency, value.value, info)
            case .ttft: fill(&sample, \.ttftMs, .ttft, value.value, info)
            case .interTokenLatency:
                fill(&sample, \.interTokenMs, .interToken, value.value, info)
            case .inputTokens: fill(&sample.inputTokens, value.value)
            case .outputTokens: fill(&sample.outputTokens, value.value)
            default: continue
            }
        }
        return sample
    }

    /// The first value of a role wins.
    private func fill(_ slot: inout Double, _ value: Double) {
        if slot.isNaN { slot = value }
    }

    /// The first latency of a kind wins, in milliseconds, noting a unit its name leaves out.
    private func fill(
        _ sample: inout RequestSample, _ slot: WritableKeyPath<RequestSample, Double>,
        _ kind: LatencyKinds, _ value: Double, _ info: FieldInfo
    ) {
        guard sample[keyPath: slot].isNaN else { return }
        sample[keyPath: slot] = value * info.scale
        if info.unitUnstated { sample.unstatedUnits.insert(kind) }
    }

    /// Holds back `value` in its series, and adds the point this makes final to `finals`.
    /// A value of a `late` record goes in step order, or, when its series has made a later
    /// point final already, after it out of order, and is counted.
    @inline(__always)
    private func append(
        _ value: MetricValue, facts: FieldFacts, point: Point, record: Record, rank: Int?,
        late: Bool, stream: inout StreamState, to finals: CommittedPoints
    ) {
        guard
            let index = seriesIndex(
                of: value, facts: facts, point: point, record: record, rank: rank,
                stream: &stream)
        else { return }
        guard late else {
            if let committed = pending.push(value.value, series: index) {
                finals.append(CommittedPoint(series: index, point: committed))
            }
            return
        }
        switch pending.pushLate(value.value, series: index) {
        case .held: break
        case .final(let committed): finals.append(CommittedPoint(series: index, point: committed))
        case .behind(let committed):
            overview.noteLateValueBehind()
            if let committed { finals.append(CommittedPoint(series: index, point: committed)) }
        }
    }

    /// The series of `value`: from the stream's per-field cache for values without a
    /// device (no hashing per value), else from the key table.
    @inline(__always)
    private func seriesIndex(
        of value: MetricValue, facts: FieldFacts, point: Point, record: Record, rank: Int?,
        stream: inout StreamState
    ) -> Int? {
        let field = Int(value.field)
        // No device from the array position, the field's name or the record: three plain
        // tests, where merging the optionals first cost twice as many instructions.
        if value.index < 0, facts.device == nil, record.device == nil,
            field < stream.seriesByField.count, stream.seriesByField[field] >= 0
        {
            return stream.seriesByField[field]
        }
        let device = value.index >= 0 ? Int(value.index) : (facts.device ?? record.device)
        return seriesIndex(
            of: value, device: device, point: point, record: record, rank: rank, stream: &stream)
    }

    /// The series of `value` with `device` from the key table, created when new.
    @inline(never)
    private func seriesIndex(
        of value: MetricValue, device: Int?, point: Point, record: Record, rank: Int?,
        stream: inout StreamState
    ) -> Int? {
        let field = Int(value.field)
        let info = fields.infos[field]

        if let device { deviceSet.insert(device) }
        let key = SeriesKey(
            field: value.field, rank: Int32(rank ?? -1), device: Int32(device ?? -1))
        guard
            let index = seriesIndex[key]
                ?? createSeries(
                    key, info: info, point: point, record: record,
                    waits: waitsForAxis(record, stream: stream))
        else {
            droppedValues += 1
            return nil
        }
        stream.series.insert(index)
        // A series not told of yet is not cached, so that each of its values comes here.
        if index >= axisWait.announced,
            !settleAxis(of: index, point: point, record: record, stream: stream)
        {
            return index
        }
        if device == nil { stream.cache(series: index, field: field) }
        return index
    }

    /// Whether a series `record` makes waits for its axis: the record has neither step nor
    /// time, and its stream no step to place it at (``AxisWait``).
    private func waitsForAxis(_ record: Record, stream: StreamState) -> Bool {
        record.step == nil && record.epoch == nil && record.time == nil
            && !record.hasUnreadTime && stream.placesByCount
    }

    /// For series `index`, not told of yet, about to take a value of `record` at `point`:
    /// gives it the axis of the record when it waits for one and the record has one; settles
    /// every series that waits (on steps) when this value would make one of its points final;
    /// then tells the observers of the series that are ready. Returns whether series `index`
    /// has been told of.
    @inline(never)
    private func settleAxis(
        of index: Int, point: Point, record: Record, stream: StreamState
    ) -> Bool {
        if axisWait.isWaiting(index), !waitsForAxis(record, stream: stream) {
            axisWait.settle(index)
            if Self.axis(of: point, record: record) == .time { moveToTime(index) }
        }
        if pending.heldCount(series: index) >= pending.holdBack { axisWait.settleAll() }
        announceReady()
        return index < axisWait.announced
    }

    /// The axis a value of `record` at `point` gives its series: time for a record timed
    /// without a step, else steps.
    private static func axis(of point: Point, record: Record) -> Axis {
        let timed = !point.time.isNaN || record.hasUnreadTime
        return point.step.isNaN && timed ? .time : .step
    }

    /// Puts series `index`, made on steps while it waited, on time, its field read as it is
    /// (a `time` beside a data time is a step's duration only on steps).
    private func moveToTime(_ index: Int) {
        series[index].axis = .time
        series[index].info = fields.infos[Int(series[index].key.field)]
    }

    /// Tells the observers of the series that are ready (``AxisWait/ready(count:)``).
    private func announceReady() {
        for index in axisWait.ready(count: series.count) {
            outbox.mark(.seriesCreated(series[index]))
        }
    }

    /// The per-value facts of field `id`; `addRecord` has made them for every field
    /// interned before its record, so this is a plain load.
    @inline(__always)
    private func facts(_ id: Int32) -> FieldFacts {
        factTable[Int(id)]
    }

    /// Works out the facts of the fields interned since the last record.
    @inline(never)
    private func addFacts() {
        while factTable.count < fields.infos.count {
            let facts = FieldFacts(fields.infos[factTable.count])
            hasRequestFields = hasRequestFields || facts.marksRequest
            factTable.append(facts)
        }
    }

    /// A new series for `key`, on the axis `record` gives it; when it `waits` for one
    /// (``AxisWait``), it is made on steps and the observers are told of it once it has one.
    private func createSeries(
        _ key: SeriesKey, info: FieldInfo, point: Point, record: Record, waits: Bool
    ) -> Int? {
        let axis = Self.axis(of: point, record: record)
        var info = info
        if case .timeOrDuration = info.kind, axis == .step, carriesDataTime(record) {
            info.kind = .metric(.stepTime)
        }
        if series.count >= maxSeries {
            guard reserve.take(reserveClass(info)) else { return nil }
            seriesPastLimit.append(key)
        }
        series.append(SeriesDescriptor(key: key, info: info, axis: axis))
        pending.addSeries()
        seriesIndex[key] = series.count - 1
        if waits { axisWait.wait(series.count - 1) }
        announceReady()
        return series.count - 1
    }

    /// Whether a value of `record` may still make a series past `maxSeries`: its metric has a
    /// role whose room past the cap is not used up.
    private func mayTakePastLimit(_ record: Record) -> Bool {
        record.values.contains { value in
            reserveClass(fields.infos[Int(value.field)]).map(reserve.hasRoom) ?? false
        }
    }

    /// What a series of `info` would be made for past `maxSeries`: a role; `nil` without one.
    private func reserveClass(_ info: FieldInfo) -> FieldTable.ReserveClass? {
        info.role == nil ? nil : fields.reserveClass(info)
    }

    /// Whether `record` logs a data-loading time beside its `time`: then `time` is the
    /// step's duration (detectron2, MMEngine, MMCV), not a clock.
    private func carriesDataTime(_ record: Record) -> Bool {
        record.values.contains { fields.infos[Int($0.field)].role == .dataTime }
    }

    private func commitAll(_ index: Int) {
        while let point = pending.popFirst(series: index) {
            outbox.points.append(CommittedPoint(series: index, point: point))
            if outbox.points.count >= max(batchPoints, 4096) { flush(force: true) }
        }
    }

    /// Whether the outbox holds a batch's worth of points or marks; asked after every record,
    /// inline, so that an ordinary record makes no call.
    private var isOutboxFull: Bool {
        @inline(__always) get {
            outbox.points.count >= batchPoints || outbox.marks.count >= 1024
        }
    }

    /// Delivers the collected observer calls when a batch is full (or `force`): to the
    /// observer thread, or on this thread when none runs. Batches of one record each would
    /// cost the observers' per-batch work (grouping points by series) for every record.
    private func flush(force: Bool = false) {
        guard force || isOutboxFull, !outbox.isEmpty else { return }
        guard let observerThread else {
            fanOut.deliver(outbox)
            outbox.removeAll()
            return
        }
        if !observerThread.submit(&outbox) { outbox.removeAll() }
    }
}

/// Where a record sits: its step, if any, and whether it is an evaluation.
struct Placement {
    var step: Double?
    var isEvaluation = false
    /// A training record that came after records with later steps.
    var isLate = false
}

/// One file and one rank.
struct StreamKey: Hashable {
    var file: Int32
    var rank: Int32
}

/// An entry of the assembler's cache of recent streams; `index` is -1 when empty.
struct RecentStream {
    var key = StreamKey(file: -1, rank: -1)
    var index = -1
}
