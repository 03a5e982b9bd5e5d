/// Builds one run out of the records of all its inputs.
///
/// Each file and rank is a stream. The assembler drops records written twice, places
/// evaluation records stamped with an earlier step at the last training step, turns
/// per-epoch iteration counters into a global step, and recognises resumes: the points a
/// resume replays supersede the first pass. To allow that, each series holds back its
/// last `holdBack` points before they become final and reach the observers. Memory is
/// bounded by the number of series times `holdBack`; the number of series by `maxSeries`:
/// values of later new series, and records of ranks first seen after the cap was reached,
/// are dropped and counted in `droppedValues`.
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

    private let holdBack: Int
    private let maxSeries: Int
    private var observers: [SeriesObserver] = []
    private var seriesIndex: [SeriesKey: Int] = [:]
    private var pending: [PendingPoints] = []
    private var streams: [StreamKey: StreamState] = [:]
    private var fileNames: [String] = []
    private var rankSet: Set<Int> = []
    private var deviceSet: Set<Int> = []

    /// Creates an assembler over `fields` that holds back `holdBack` points per series and
    /// makes at most `maxSeries` series.
    public init(fields: FieldTable, holdBack: Int = 512, maxSeries: Int = 10_000) {
        self.fields = fields
        self.holdBack = holdBack
        self.maxSeries = maxSeries
    }

    /// Adds an observer of final points; call before the first record.
    public func addObserver(_ observer: SeriesObserver) {
        observers.append(observer)
    }

    /// Registers an input file and returns its index for `add`.
    public func registerFile(_ name: String) -> Int32 {
        fileNames.append(name)
        return Int32(fileNames.count - 1)
    }

    /// Takes one record of file `file` at `line`; `fileRank` is the rank the file name gives.
    @discardableResult
    public func add(_ record: Record, file: Int32, line: Int, fileRank: Int?) -> Disposition {
        let rank = record.rank ?? fileRank
        let streamKey = StreamKey(file: file, rank: Int32(rank ?? -1))
        if series.count >= maxSeries, let rank, !rankSet.contains(rank), streams[streamKey] == nil {
            // Only new series could hold this record's values: keep no state for its rank.
            droppedValues += record.values.count
            return record.hasMetrics ? .kept : .metadata
        }
        var stream = streams[streamKey] ?? StreamState()
        defer { streams[streamKey] = stream }

        let hasPosition = record.step != nil || record.time != nil
        if !record.hasMetrics {
            return addBare(
                record, stream: &stream, file: file, line: line, hasPosition: hasPosition)
        }
        if hasPosition, stream.recentHashes.contains(record.contentHash) {
            overview.duplicates += 1
            return .duplicate
        }
        if hasPosition { stream.recentHashes.append(record.contentHash) }

        let step = position(of: record, stream: &stream, file: file, line: line)
        noteRecord(record, step: step, rank: rank)
        let point = Point(
            step: step ?? .nan, time: record.time ?? .nan, value: 0, line: Int32(clamping: line),
            file: file)
        for value in record.values {
            append(value, point: point, record: record, rank: rank, stream: &stream)
        }
        if let time = record.time { stream.lastTime = time }
        return .kept
    }

    /// Makes every held-back point final and tells the observers the run has ended.
    public func finish() {
        for index in pending.indices { commitAll(index) }
        overview.ranks = rankSet.sorted()
        overview.devices = deviceSet.sorted()
        for observer in observers { observer.finish() }
    }

    private func addBare(
        _ record: Record, stream: inout StreamState, file: Int32, line: Int, hasPosition: Bool
    ) -> Disposition {
        guard let text = record.event else {
            if record.outcome != .unknown { noteOutcome(record.outcome) }
            return hasPosition || record.outcome != .unknown ? .kept : .metadata
        }
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
        of record: Record, stream: inout StreamState, file: Int32, line: Int
    ) -> Double? {
        guard var step = record.step ?? record.epoch else { return nil }
        if record.stepIsIter { step = stream.globalStep(iter: step, epoch: record.epoch) }

        let evaluation = isEvaluation(record)
        if evaluation { overview.evaluations += 1 }
        guard step < stream.lastTrainStep else {
            if !evaluation {
                stream.lastTrainStep = step
                stream.recentSteps.append(step)
            }
            return step
        }
        if evaluation {
            overview.restampedEvaluations += 1
            return stream.lastTrainStep
        }
        resume(stream: &stream, to: step, time: record.time, file: file, line: line)
        return step
    }

    private func isEvaluation(_ record: Record) -> Bool {
        if record.isEvalMode { return true }
        for value in record.values {
            switch fields.infos[Int(value.field)].role {
            case .trainLoss, .gradNorm, .learningRate, .throughput, .lossScale: return false
            default: continue
            }
        }
        return true
    }

    private func resume(
        stream: inout StreamState, to step: Double, time: Double?, file: Int32, line: Int
    ) {
        let gap = time.map { $0 - stream.lastTime }.flatMap { $0.isFinite ? $0 : nil }
        let event = ResumeEvent(
            file: fileNames[Int(file)], line: line, rank: nil, fromStep: stream.lastTrainStep,
            toStep: step, checkpointStep: stream.checkpointStep(before: step), gapSeconds: gap)
        overview.resumes.append(event)
        for index in stream.series {
            overview.seriesNotSuperseded += pending[index].supersede(from: step)
        }
        stream.lastTrainStep = step
        stream.recentSteps.append(step)
    }

    private func noteRecord(_ record: Record, step: Double?, rank: Int?) {
        if let step { overview.noteStep(step) }
        if let time = record.time { overview.noteTime(time, relative: record.timeIsRelative) }
        if let rank { rankSet.insert(rank) }
        if let device = record.device { deviceSet.insert(device) }
        if isRequest(record) {
            overview.requests += 1
            noteOutcome(record.outcome)
        }
    }

    private func noteOutcome(_ outcome: Outcome) {
        if case .error = outcome { overview.failedRequests += 1 }
    }

    private func isRequest(_ record: Record) -> Bool {
        if record.outcome != .unknown { return true }
        for value in record.values {
            switch fields.infos[Int(value.field)].role {
            case .latency, .ttft, .inputTokens, .outputTokens: return true
            default: continue
            }
        }
        return false
    }

    private func append(
        _ value: MetricValue, point: Point, record: Record, rank: Int?, stream: inout StreamState
    ) {
        let info = fields.infos[Int(value.field)]
        let device = value.index >= 0 ? Int(value.index) : (info.device ?? record.device)
        if let device { deviceSet.insert(device) }
        let key = SeriesKey(
            field: value.field, rank: Int32(rank ?? -1), device: Int32(device ?? -1))
        guard let index = seriesIndex[key] ?? createSeries(key, info: info, point: point) else {
            droppedValues += 1
            return
        }
        stream.series.insert(index)

        var final = point
        final.value = value.value
        pending[index].points.append(final)
        if pending[index].count > holdBack { commitOldest(index) }
    }

    private func createSeries(_ key: SeriesKey, info: FieldInfo, point: Point) -> Int? {
        guard series.count < maxSeries else { return nil }
        let axis: Axis = point.step.isNaN && !point.time.isNaN ? .time : .step
        let descriptor = SeriesDescriptor(key: key, info: info, axis: axis)
        series.append(descriptor)
        pending.append(PendingPoints())
        seriesIndex[key] = series.count - 1
        for observer in observers { observer.seriesCreated(descriptor) }
        return series.count - 1
    }

    private func commitOldest(_ index: Int) {
        guard let point = pending[index].popFirst() else { return }
        for observer in observers { observer.observe(series: index, point: point) }
    }

    private func commitAll(_ index: Int) {
        while let point = pending[index].popFirst() {
            for observer in observers { observer.observe(series: index, point: point) }
        }
    }
}

/// One file and one rank.
struct StreamKey: Hashable {
    var file: Int32
    var rank: Int32
}

/// A series' held-back points: a queue with a moving head.
struct PendingPoints {
    var points: [Point] = []
    var head = 0
    var lastCommittedStep = -Double.infinity

    var count: Int { points.count - head }

    mutating func popFirst() -> Point? {
        guard head < points.count else { return nil }
        let point = points[head]
        head += 1
        if point.step > lastCommittedStep { lastCommittedStep = point.step }
        if head >= 4096 && head * 2 >= points.count {
            points.removeFirst(head)
            head = 0
        }
        return point
    }

    /// Drops held-back points at or after `step`; returns `1` when points at or after it
    /// had already been made final (the resume reached further back than the hold-back).
    mutating func supersede(from step: Double) -> Int {
        points = points[head...].filter { !($0.step >= step) }
        head = 0
        return lastCommittedStep >= step ? 1 : 0
    }
}
