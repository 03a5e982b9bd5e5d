import Foundation

@testable import RunLens

/// Feeds points straight to detectors, the way the run assembler would, so detectors can
/// be tested without the readers. Reads simple JSON Lines with Foundation's own parser.
final class FleetFeed {
    private let matcher = RoleMatcher()
    private var index: [String: Int] = [:]
    private(set) var descriptors: [SeriesDescriptor] = []
    let detectors: [Detector]
    private var files: [String] = []

    init(_ detectors: [Detector]) {
        self.detectors = detectors
    }

    /// One point of metric `name` on `rank`/`device`.
    func add(
        _ name: String, rank: Int? = nil, device: Int? = nil, step: Double = .nan,
        time: Double = .nan, value: Double, line: Int = 0, file: Int = 0
    ) {
        let key = "\(name)|\(rank ?? -1)|\(device ?? -1)"
        let series: Int
        if let known = index[key] {
            series = known
        } else {
            let info = FieldInfo(rawName: name, matcher: matcher)
            let seriesKey = SeriesKey(
                field: Int32(descriptors.count), rank: Int32(rank ?? -1),
                device: Int32(device ?? info.device ?? -1))
            let axis: Axis = step.isNaN && !time.isNaN ? .time : .step
            let descriptor = SeriesDescriptor(key: seriesKey, info: info, axis: axis)
            descriptors.append(descriptor)
            series = descriptors.count - 1
            index[key] = series
            for detector in detectors { detector.seriesCreated(descriptor) }
        }
        let point = Point(
            step: step, time: time, value: value, line: Int32(line), file: Int32(file))
        for detector in detectors { detector.observe(series: series, point: point) }
    }

    /// Every numeric field of every line of `text` as a point; `step`, `timestamp`,
    /// `_timestamp` and `rank` give the position.
    func addJSONLines(_ text: String, rank fileRank: Int? = nil, file: String = "log.jsonl") {
        files.append(file)
        let fileIndex = files.count - 1
        for (offset, line) in text.split(separator: "\n").enumerated() {
            guard let data = line.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { continue }
            let step = (object["step"] as? NSNumber)?.doubleValue ?? .nan
            let time =
                ((object["timestamp"] ?? object["_timestamp"]) as? NSNumber)?.doubleValue ?? .nan
            let rank = (object["rank"] as? NSNumber)?.intValue ?? fileRank
            for (key, value) in object.sorted(by: { $0.key < $1.key }) {
                guard !["step", "timestamp", "_timestamp", "rank", "_runtime"].contains(key),
                    let number = value as? NSNumber
                else { continue }
                add(
                    key, rank: rank, step: step, time: time, value: number.doubleValue,
                    line: offset + 1, file: fileIndex)
            }
        }
    }

    /// Reads a file of the shared cases or corpus.
    func addFile(_ path: String, rank: Int? = nil) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        addJSONLines(text, rank: rank, file: path)
    }

    /// Ends the run and collects every detector's incidents.
    func incidents() -> [Incident] {
        for detector in detectors { detector.finish() }
        let context = DetectionContext(series: [], overview: RunOverview(), files: files)
        return detectors.flatMap { $0.incidents(in: context) }
    }
}

/// Files under `fixtures/` at the package root, found from this source file's path.
enum FleetPaths {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("fixtures")

    static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }
}
