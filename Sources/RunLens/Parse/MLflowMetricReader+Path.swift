extension MLflowMetricReader {
    /// The metric a file-store path holds: the path after its run's `metrics/` folder, joined
    /// with `/` (`mlruns/1/<run>/metrics/train/loss` gives `train/loss`).
    ///
    /// The run folder is found as `mlruns/<exp>/<run>/`, else as a 32-hex-digit run id
    /// holding `metrics/`, `params/`, `tags/`, `artifacts/` or `meta.yaml`. In a recognised
    /// run, files outside `metrics/` give `nil`. When no run is recognised, the first
    /// `metrics` folder is used. The path alone cannot prove a file is a metric file: callers
    /// should also sniff its content as `.mlflowMetric`.
    public static func metricName(forPath path: String) -> String? {
        let parts = components(of: path)
        if let run = runIndex(in: parts) {
            guard parts[run + 1] == "metrics", parts.count > run + 2 else {
                return nil
            }
            return parts[(run + 2)...].joined(separator: "/")
        }

        guard let metrics = parts.firstIndex(of: "metrics"), metrics + 1 < parts.count else {
            return nil
        }
        return parts[(metrics + 1)...].joined(separator: "/")
    }

    /// Tells whether a path is a bookkeeping file of a recognised MLflow run: a metric file,
    /// `meta.yaml` (of the run or of its experiment), or a file under `params/` or `tags/`.
    ///
    /// A run file that is not a metric (`metricName(forPath:)` is `nil`) must be skipped:
    /// neither read nor counted as malformed nor listed as an unknown format.
    public static func isMLflowRunFile(path: String) -> Bool {
        let parts = components(of: path)
        if isExperimentMeta(parts) {
            return true
        }

        guard let run = runIndex(in: parts) else {
            return false
        }

        let child = parts[run + 1]
        if child == "meta.yaml" {
            return parts.count == run + 2
        }
        return bookkeepingFolders.contains(child) && parts.count > run + 2
    }

    /// What a run folder holds; `artifacts/` is the user's own files, which may be logs.
    private static let runChildren: Set<String> = [
        "metrics", "params", "tags", "meta.yaml", "artifacts",
    ]
    private static let bookkeepingFolders: Set<String> = ["metrics", "params", "tags"]

    /// The path's folders and name, with `.` dropped and `..` applied.
    private static func components(of path: String) -> [String] {
        var parts: [String] = []
        for part in path.split(separator: "/") where part != "." {
            if part == ".." {
                _ = parts.popLast()
            } else {
                parts.append(String(part))
            }
        }
        return parts
    }

    /// The index of the run folder, when the path shows a run layout.
    private static func runIndex(in parts: [String]) -> Int? {
        for (index, part) in parts.enumerated() where part == "mlruns" {
            let run = index + 2
            if run + 1 < parts.count, runChildren.contains(parts[run + 1]) {
                return run
            }
        }

        for (index, part) in parts.enumerated() where isRunID(part) {
            if index + 1 < parts.count, runChildren.contains(parts[index + 1]) {
                return index
            }
        }
        return nil
    }

    /// `mlruns/<exp>/meta.yaml`.
    private static func isExperimentMeta(_ parts: [String]) -> Bool {
        parts.count >= 3 && parts[parts.count - 1] == "meta.yaml"
            && parts[parts.count - 3] == "mlruns"
    }

    private static func isRunID(_ part: String) -> Bool {
        part.utf8.count == 32
            && part.utf8.allSatisfy { byte in
                (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
            }
    }
}
