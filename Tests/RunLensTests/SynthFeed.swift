@testable import RunLens

/// Feeds a synthetic training run held in memory straight to detectors: the points each
/// series would have once the run assembler superseded replayed steps.
enum SynthFeed {
    /// One series of final points.
    struct Series {
        var name: String
        var rank: Int
    }

    /// The series of a run and their points in stream order.
    struct Feed {
        var series: [Series] = []
        var stream: [(series: Int, point: Point)] = []
    }

    /// The final points of `run`: replayed steps supersede the first pass, then the ranks'
    /// records are merged by step as a stream of all files would give them.
    static func feed(_ run: TrainingRun) -> Feed {
        let kept = run.ranks.map(superseded)
        var next = Array(repeating: 0, count: kept.count)
        var feed = Feed()
        var index: [String: Int] = [:]
        var recent = Array(repeating: [(name: String, series: Int)](), count: kept.count)
        while true {
            var pick: Int?
            for rank in kept.indices where next[rank] < kept[rank].count {
                let step = kept[rank][next[rank]].record.step
                if pick.map({ step < kept[$0][next[$0]].record.step }) ?? true { pick = rank }
            }
            guard let rank = pick else { return feed }
            let (line, record) = kept[rank][next[rank]]
            next[rank] += 1
            for (position, (name, value)) in record.values.enumerated() {
                let series = seriesIndex(rank, position, name, &feed, &index, &recent)
                let point = Point(
                    step: Double(record.step), time: record.time, value: value, line: Int32(line),
                    file: Int32(rank))
                feed.stream.append((series, point))
            }
        }
    }

    /// The series of value `position` named `name` on `rank`, remembering the last one
    /// seen at each position so the string key is built only when the layout changes.
    private static func seriesIndex(
        _ rank: Int, _ position: Int, _ name: String, _ feed: inout Feed,
        _ index: inout [String: Int], _ recent: inout [[(name: String, series: Int)]]
    ) -> Int {
        if position < recent[rank].count, recent[rank][position].name == name {
            return recent[rank][position].series
        }
        let key = "\(rank)/\(name)"
        let series = index[key] ?? feed.series.count
        if index[key] == nil {
            index[key] = series
            feed.series.append(Series(name: name, rank: rank))
        }
        while recent[rank].count <= position { recent[rank].append((name, series)) }
        recent[rank][position] = (name, series)
        return series
    }

    /// A rank's records with replayed steps superseding the first pass, with their lines.
    private static func superseded(_ records: [TrainingRecord]) -> [(
        line: Int, record: TrainingRecord
    )] {
        var kept: [(line: Int, record: TrainingRecord)] = []
        var lastTrain = Int.min
        for (offset, record) in records.enumerated() {
            let isTrain = record.values.contains { $0.name == "loss" }
            if isTrain && record.step < lastTrain {
                kept.removeAll { $0.record.step >= record.step }
            }
            if isTrain { lastTrain = record.step }
            kept.append((offset + 1, record))
        }
        return kept
    }

    /// Runs `detectors` over `feed` and returns the incidents after the incident builder.
    static func incidents(
        _ feed: Feed, detectors: [Detector], rules: IncidentBuilder.Rules
    ) -> [Incident] {
        let matcher = RoleMatcher()
        for (index, item) in feed.series.enumerated() {
            let info = FieldInfo(rawName: item.name, matcher: matcher)
            let key = SeriesKey(field: Int32(index), rank: Int32(item.rank), device: -1)
            for detector in detectors {
                detector.seriesCreated(SeriesDescriptor(key: key, info: info, axis: .step))
            }
        }

        for (index, point) in feed.stream {
            for detector in detectors { detector.observe(series: index, point: point) }
        }
        for detector in detectors { detector.finish() }

        let files = (0..<64).map { TrainingRun.fileName(rank: $0) }
        let context = DetectionContext(series: [], overview: RunOverview(), files: files)
        return IncidentBuilder(rules: rules).build(detectors.flatMap { $0.incidents(in: context) })
    }
}

/// How a run's incidents compare with what its scenario injected.
struct SweepVerdict {
    var found = 0
    var injected = 0
    var missed: [ExpectedIncident] = []
    /// For each found incident, how far its start was from the injection (steps).
    var lags: [Double] = []
    /// Expected incidents reported more than once: one cause must give one incident.
    var duplicated: [ExpectedIncident] = []
    var falseAlarms: [Incident] = []

    /// Judges `incidents` against `expected` and `forbidden`.
    init(incidents: [Incident], expected: [ExpectedIncident], forbidden: [String]) {
        injected = expected.count
        for item in expected {
            let matching = incidents.filter { Self.matches($0, item) }
            let sameSeries = incidents.filter { Self.sameSeries($0, item) }
            if sameSeries.count > 1 { duplicated.append(item) }
            if let lag = matching.compactMap({ Self.lag($0, item) }).min() {
                found += 1
                lags.append(lag)
            } else {
                missed.append(item)
            }
        }
        falseAlarms = incidents.filter {
            $0.severity >= SynthOutput.forbiddenFrom && forbidden.contains($0.detector)
        }
    }

    /// Same detector, rank (its own, or one of the ranks a finding was folded from) and
    /// (when named) metric, anywhere in the run.
    static func sameSeries(_ incident: Incident, _ expected: ExpectedIncident) -> Bool {
        incident.detector == expected.detector && onRank(incident, expected)
            && (expected.metric == nil || incident.metric == expected.metric)
    }

    /// True when the incident is on the expected rank: its rank, or for a finding folded
    /// across ranks, one of its `ranks`.
    static func onRank(_ incident: Incident, _ expected: ExpectedIncident) -> Bool {
        if incident.rank == expected.rank { return true }
        guard let rank = expected.rank, let ranks = incident.ranks else { return false }
        return ranks.contains(rank)
    }

    /// How far the incident's start is from the injection.
    static func lag(_ incident: Incident, _ expected: ExpectedIncident) -> Double? {
        guard let start = incident.startStep, let injected = expected.startStep else { return nil }
        return abs(start - injected)
    }

    /// Same detector, rank (see `onRank`) and (when named) metric, severity at least the
    /// expected one, start within `maxLag` steps of the injection.
    static func matches(_ incident: Incident, _ expected: ExpectedIncident) -> Bool {
        guard incident.detector == expected.detector, onRank(incident, expected),
            incident.severity >= expected.severity,
            expected.metric == nil || incident.metric == expected.metric,
            let start = incident.startStep, let injected = expected.startStep
        else { return false }
        return abs(start - injected) <= expected.maxLag
    }
}
