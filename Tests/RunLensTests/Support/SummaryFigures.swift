import Foundation

/// The figures of a run's `summary.json`, read with Foundation's JSON parser.
struct SummaryFigures {
    let document: [String: Any]

    init(_ run: BinaryRunner.Outcome) throws {
        document = try run.summary()
    }

    var accounting: [String: Int] { document["accounting"] as? [String: Int] ?? [:] }
    var overview: [String: Any] { document["overview"] as? [String: Any] ?? [:] }
    var roles: [String: String] { document["roles"] as? [String: String] ?? [:] }
    var inputs: [[String: Any]] { document["inputs"] as? [[String: Any]] ?? [] }

    /// `[first, last]` of an overview pair such as `firstStep`/`lastStep`, or `nil`.
    func range(_ first: String, _ last: String) -> [Double]? {
        guard let low = overview[first] as? Double, let high = overview[last] as? Double else {
            return nil
        }
        return [low, high]
    }

    var steps: [Double]? { range("firstStep", "lastStep") }
    var times: [Double]? { range("firstTime", "lastTime") }

    func count(_ key: String) -> Int? { overview[key] as? Int }

    /// `[line, fromStep, toStep]` of every resume.
    var resumes: [[Double]] {
        (overview["resumes"] as? [[String: Any]] ?? []).map {
            [
                Double($0["line"] as? Int ?? -1), $0["fromStep"] as? Double ?? .nan,
                $0["toStep"] as? Double ?? .nan,
            ]
        }
    }

    var ranks: [Int] { overview["ranks"] as? [Int] ?? [] }
    var devices: [Int] { overview["devices"] as? [Int] ?? [] }

    /// The whole-run statistics of the series `name` (on `device`, when given).
    func stats(_ name: String, device: Int? = nil) -> [String: Any]? {
        let metrics = document["metrics"] as? [[String: Any]] ?? []
        let metric = metrics.first {
            $0["name"] as? String == name && (device == nil || $0["device"] as? Int == device)
        }
        return metric?["stats"] as? [String: Any]
    }

    /// One figure of the whole-run statistics of `name`.
    func stat(_ name: String, _ key: String, device: Int? = nil) -> Double? {
        stats(name, device: device)?[key] as? Double
    }

    /// The axis of the series `name`.
    func axis(_ name: String) -> String? {
        let metrics = document["metrics"] as? [[String: Any]] ?? []
        return metrics.first { $0["name"] as? String == name }?["axis"] as? String
    }
}

/// True when `a` and `b` agree to a relative `tolerance`.
func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance * max(1, abs(b))
}

/// True when both are `nil` or agree element by element to `tolerance`.
func close(_ a: [Double]?, _ b: [Double]?, tolerance: Double = 1e-9) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance: tolerance) }
}
