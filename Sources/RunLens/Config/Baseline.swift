import Foundation

/// Eval scores of an earlier run, read from its `summary.json`, to judge this run against.
public enum Baseline {
    /// The last value of each quality metric in the summary at `path` (a `summary.json`
    /// or the report folder holding one).
    public static func qualityScores(path: String) throws(ConfigError) -> [String: Double] {
        var file = path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            file = (path as NSString).appendingPathComponent("summary.json")
        }
        guard let data = FileManager.default.contents(atPath: file),
            let document = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            throw ConfigError(
                path: file, reason: "cannot read a runlens summary.json for --baseline")
        }
        guard document["tool"] as? String == "runlens", document["schema"] as? Int == 1 else {
            throw ConfigError(path: file, reason: "not a runlens summary.json (schema 1)")
        }
        return scores(in: document["metrics"] as? [[String: Any]] ?? [])
    }

    static func scores(in metrics: [[String: Any]]) -> [String: Double] {
        var scores: [String: Double] = [:]
        for metric in metrics where metric["role"] as? String == MetricRole.quality.rawValue {
            guard let name = metric["name"] as? String,
                let stats = metric["stats"] as? [String: Any],
                let last = stats["last"] as? Double, last.isFinite
            else { continue }
            scores[name] = last
        }
        return scores
    }
}
