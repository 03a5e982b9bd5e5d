@testable import RunLens

/// Feeds hand-built series to detectors the way the run assembler does: a descriptor per
/// series, then final points, then `finish`, then `incidents`.
struct DetectorHarness {
    /// One series to feed.
    struct Series {
        var name: String
        var rank: Int?
        var points: [Point]

        /// A series of `(step, value)` pairs, one second apart from `start`.
        init(_ name: String, rank: Int? = nil, _ pairs: [(Double, Double)], start: Double = 1e9) {
            self.name = name
            self.rank = rank
            points = pairs.enumerated().map { offset, pair in
                Point(
                    step: pair.0, time: start + pair.0, value: pair.1, line: Int32(offset + 1),
                    file: 0)
            }
        }

        /// Values at steps `first`, `first + stride`, ...
        init(
            _ name: String, rank: Int? = nil, from first: Double = 1, stride: Double = 1,
            _ values: [Double]
        ) {
            self.init(
                name, rank: rank, values.enumerated().map { (first + Double($0) * stride, $1) })
        }
    }

    /// How points of different series are interleaved.
    enum Order {
        /// By step, series order breaking ties, as a stream of records gives them.
        case byStep
        /// One whole series after the other, as the assembler's final flush gives them.
        case seriesAfterSeries
    }

    /// Runs `detector` over `series` and returns its incidents.
    static func run(
        _ detector: Detector, _ series: [Series], order: Order = .byStep,
        files: [String] = ["run.jsonl"]
    ) -> [Incident] {
        let matcher = RoleMatcher()
        for (index, item) in series.enumerated() {
            let info = FieldInfo(rawName: item.name, matcher: matcher)
            let key = SeriesKey(field: Int32(index), rank: Int32(item.rank ?? -1), device: -1)
            detector.seriesCreated(SeriesDescriptor(key: key, info: info, axis: .step))
        }

        for (index, point) in ordered(series, order) {
            detector.observe(series: index, point: point)
        }
        detector.finish()
        let context = DetectionContext(series: [], overview: RunOverview(), files: files)
        return detector.incidents(in: context)
    }

    /// Merges the series by step, each kept in its own order (restarts included).
    private static func ordered(_ series: [Series], _ order: Order) -> [(Int, Point)] {
        guard order == .byStep else {
            return series.enumerated().flatMap { index, item in item.points.map { (index, $0) } }
        }
        var next = Array(repeating: 0, count: series.count)
        var merged: [(Int, Point)] = []
        while true {
            let candidates = series.indices.filter { next[$0] < series[$0].points.count }
            guard
                let pick = candidates.min(by: {
                    series[$0].points[next[$0]].step < series[$1].points[next[$1]].step
                })
            else { return merged }
            merged.append((pick, series[pick].points[next[pick]]))
            next[pick] += 1
        }
    }
}
