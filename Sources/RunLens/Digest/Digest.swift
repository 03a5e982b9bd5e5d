import Foundation

/// A digest of many runs: one row per run, incident kinds ranked by the runs they hit, flaky
/// nodes, and the change against an earlier digest. Written as `digest.json`.
public struct Digest: Codable, Sendable {
    /// The version of the `digest.json` layout.
    public static let schema = 1

    /// `digest.json` layout version.
    public var schema: Int
    /// Always `runlens`.
    public var tool: String
    /// The runlens version that wrote the digest.
    public var version: String
    /// The period runs were picked from (epoch seconds; `until` exclusive), when one was set.
    public var since: Double?
    public var until: Double?
    /// The runs, by start time.
    public var runs: [DigestRun]
    /// Runs read but left out because their span lies outside the period or has no
    /// wall-clock time.
    public var leftOut: [String]
    /// Incident kinds, most runs hit first.
    public var kinds: [KindTally]
    /// Ranks and devices that straggled or overheated in more than one run.
    public var nodes: [FlakyNode]
    /// Warnings about how runs were told apart, one line each (see
    /// ``LoadedPart/overlapNote``); `nil` when there are none.
    public var notes: [String]?
    /// The earlier digest compared with, and the change.
    public var previous: String?
    public var comparison: DigestComparison?

    /// The digest of `runs` picked by `window`, compared with `previous` (read from
    /// `previousPath`) when given; `notes` are warnings about how runs were told apart.
    public init(
        runs: [DigestRun], window: DateWindow = DateWindow(since: nil, until: nil),
        previous: [DigestRun]? = nil, previousPath: String? = nil,
        version: String = Version.current, notes: [String] = []
    ) {
        schema = Self.schema
        tool = "runlens"
        self.version = version
        since = window.since
        until = window.until
        let picked = runs.filter { run in
            run.status == .unreadable
                || window.contains(first: run.figures.firstTime, last: run.figures.lastTime)
        }
        let pickedNames = Set(picked.map(\.name))
        leftOut = runs.map(\.name).filter { !pickedNames.contains($0) }
        self.runs = picked
        kinds = KindTally.rank(picked)
        nodes = FlakyNode.find(picked)
        self.previous = previousPath
        self.notes = notes.isEmpty ? nil : notes
        comparison = previous.map { DigestComparison(runs: picked, previous: $0) }
    }

    /// Runs per status, worst first: `2 critical, 1 warning, 9 ok`.
    public var statusCounts: String {
        let parts = DigestRun.Status.allCases.reversed().compactMap { status -> String? in
            let count = runs.filter { $0.status == status }.count
            return count > 0 ? "\(count) \(status.rawValue)" : nil
        }
        return parts.isEmpty ? "no runs" : parts.joined(separator: ", ")
    }

    /// Encodes the digest as pretty-printed JSON with sorted keys.
    public func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads a `digest.json`.
    public static func decode(_ data: Data) throws -> Digest {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(Digest.self, from: data)
    }
}
