import Foundation

/// Turns the parts a digest read into its runs: parts that carry the same given run name
/// (`analyze --run-name`) are merged into one run with ``SummaryMerge``; every other part is
/// a run of its own. Runs are ordered by start time (runs without wall-clock times follow, in
/// input order, then unreadable ones), and names that collide are told apart by the paths
/// they were read from (``RunNameCollisions``).
public enum DigestRuns {
    /// The runs of `parts`; runs made of several parts are merged on up to `jobs` threads.
    public static func assemble(_ parts: [LoadedPart], jobs: Int = 1) -> [DigestRun] {
        var groups: [[LoadedPart]] = []
        var groupOfName: [String: Int] = [:]
        for part in parts {
            guard let name = part.figures?.name, name.given else {
                groups.append([part])
                continue
            }
            if let index = groupOfName[name.name] {
                groups[index].append(part)
            } else {
                groupOfName[name.name] = groups.count
                groups.append([part])
            }
        }
        let runs = ParallelMap.map(count: groups.count, jobs: jobs) { run(groups[$0]) }
        return RunNameCollisions.resolve(ordered(runs))
    }

    /// The row of one run, with the inputs its analyses could not read and the detectors they
    /// turned off.
    private static func run(_ group: [LoadedPart]) -> DigestRun {
        var row = read(group)
        let unread = group.flatMap(\.unreadInputs)
        if row.status != .unreadable, !unread.isEmpty { row.unreadInputs = unread }
        let off = Set(group.flatMap(\.disabled))
        if row.status != .unreadable, !off.isEmpty { row.disabled = off.sorted() }
        return row
    }

    private static func read(_ group: [LoadedPart]) -> DigestRun {
        let sources = group.map(\.source.path)
        let fallback = label(group[0].source)
        let name = group[0].figures?.name.name ?? fallback
        if let failed = group.first(where: { !$0.isRead }) {
            return DigestRun(
                unreadable: name, source: failed.source.path, error: failed.error ?? "unreadable")
        }
        guard group.count > 1 else { return single(group[0], fallback: fallback) }
        if let partial = group.first(where: { $0.document == nil }) {
            let reason =
                "cannot merge run '\(name)': '\(partial.source.path)' "
                + "was read without its metrics"
            return DigestRun(unreadable: name, source: partial.source.path, error: reason)
        }

        do {
            let merged = try SummaryMerge.merge(group.compactMap(\.document))
            let figures = merged.run ?? RunFigures(name: RunName(name: name, given: true))
            return DigestRun(
                figures: figures, incidents: merged.incidents, sources: sources,
                parts: group.count, nodes: merged.overview.nodes ?? [])
        } catch {
            return DigestRun(unreadable: name, source: sources[0], error: error.description)
        }
    }

    private static func single(_ part: LoadedPart, fallback: String) -> DigestRun {
        var figures = part.figures
        if figures == nil, let document = part.document {
            figures = RunFigures(
                name: RunName(name: fallback, given: false), metrics: document.metrics,
                overview: document.overview)
        }
        return DigestRun(
            figures: figures ?? RunFigures(name: RunName(name: fallback, given: false)),
            incidents: part.incidents, sources: [part.source.path], parts: 1, nodes: part.nodes)
    }

    /// The name a source stands for when its summary names none: an `analyze` folder's
    /// name, a `NAME.summary.json` file's `NAME`, a log's name without extensions, the
    /// folder of a failed analysis's `junit.xml`.
    static func label(_ source: DigestSource) -> String {
        let url = URL(fileURLWithPath: source.path)
        switch source {
        case .logs(let path), .outputFolder(let path):
            return RunName.label(path)
        case .logsBeside(_, let inputs):
            return RunName.derive(inputs)
        case .failedAnalysis:
            return RunName.label(url.deletingLastPathComponent().path)
        case .summary:
            let name = url.lastPathComponent
            if name == "summary.json" { return RunName.label(url.deletingLastPathComponent().path) }
            return String(name.dropLast(".summary.json".count))
        }
    }

    private static func ordered(_ runs: [DigestRun]) -> [DigestRun] {
        let keyed = runs.enumerated().map { offset, run in
            let group = run.status == .unreadable ? 2 : (run.figures.firstTime == nil ? 1 : 0)
            return (group: group, start: run.figures.firstTime ?? 0, offset: offset)
        }
        let order = keyed.sorted {
            ($0.group, $0.start, $0.offset) < ($1.group, $1.start, $1.offset)
        }
        return order.map { runs[$0.offset] }
    }
}
