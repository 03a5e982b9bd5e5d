/// Writes `digest.md`: the headline, the change against the earlier digest, one row per run,
/// incident kinds ranked by runs hit, flaky nodes, and the runs that could not be read.
public struct DigestMarkdown {
    /// The digest to write.
    public var digest: Digest

    /// Prepares to write `digest`.
    public init(digest: Digest) {
        self.digest = digest
    }

    /// The Markdown text.
    public func render() -> String {
        var sections = [headline()]
        if let comparison = digest.comparison { sections.append(changes(comparison)) }
        sections.append(runTable())
        if let notes = digest.notes { sections.append(warningList(notes)) }
        sections.append(kindTable())
        sections.append(nodeTable())
        let unreadable = digest.runs.filter { $0.status == .unreadable || $0.unreadInputs != nil }
        if !unreadable.isEmpty { sections.append(unreadableList(unreadable)) }
        return sections.joined(separator: "\n")
    }

    private func headline() -> String {
        var lines = ["# runlens digest", ""]
        let runs = digest.runs
        let starts = runs.compactMap(\.figures.firstTime)
        let ends = runs.compactMap(\.figures.lastTime)
        var line = "\(runs.count) run\(runs.count == 1 ? "" : "s")"
        if let first = starts.min(), let last = ends.max() {
            line += " from \(TimeFormat.iso(first)) to \(TimeFormat.iso(last))"
        }
        let partial = runs.filter { $0.unreadInputs != nil }.count
        let their = partial == 1 ? "its" : "their"
        let unread = partial == 0 ? "" : "; \(partial) read without some of \(their) inputs"
        lines.append(line + ": " + digest.statusCounts + unread + ".")
        if let period = period() {
            lines.append("")
            lines.append(
                "Runs picked by their own time span, \(period); \(digest.leftOut.count) left out.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `from 2024-05-13T00:00:00Z to 2024-05-20T00:00:00Z (end excluded)`, or `nil`.
    private func period() -> String? {
        switch (digest.since.map(TimeFormat.iso), digest.until.map(TimeFormat.iso)) {
        case (let since?, let until?): return "from \(since) to \(until) (end excluded)"
        case (let since?, nil): return "from \(since) on"
        case (nil, let until?): return "before \(until)"
        case (nil, nil): return nil
        }
    }

    private func changes(_ comparison: DigestComparison) -> String {
        var lines = ["## Changes since the previous digest", ""]
        lines.append(
            "- Failing runs (error or critical): \(comparison.failed), previously "
                + "\(comparison.previousFailed) of \(comparison.previousRuns).")
        lines.append("- New failures: " + names(comparison.newFailures, status: true))
        lines.append("- Fixed: " + names(comparison.fixed, status: false))
        if let unchecked = comparison.notChecked {
            lines.append("- Not checked: " + notChecked(unchecked))
        }
        lines.append("- New runs: " + names(comparison.newRuns ?? [], status: true))
        lines.append(
            "- Runs in the previous digest, not in this one: "
                + names(comparison.goneRuns ?? [], status: false))
        lines.append("- Worse:" + runChanges(comparison.worse))
        lines.append("- Better:" + runChanges(comparison.better))
        lines.append("- Incident kinds hitting more runs: " + kindChanges(comparison.worseKinds))
        lines.append("- Incident kinds hitting fewer runs: " + kindChanges(comparison.betterKinds))
        return lines.joined(separator: "\n") + "\n"
    }

    private func names(_ names: [String], status: Bool) -> String {
        guard !names.isEmpty else { return "none." }
        let items = names.map { name -> String in
            let state = digest.runs.first { $0.name == name }?.status.rawValue
            return status ? "\(MarkdownCode.span(name)) (\(state ?? "?"))" : MarkdownCode.span(name)
        }
        return items.joined(separator: ", ") + "."
    }

    /// `` `b` (failed before; `loss_spike` turned off now). ``
    private func notChecked(_ runs: [DigestComparison.NotChecked]) -> String {
        let items = runs.map { run in
            let off = run.detectors.map(MarkdownCode.span).joined(separator: ", ")
            return "\(MarkdownCode.span(run.name)) (failed before; \(off) turned off now)"
        }
        return items.joined(separator: ", ") + "."
    }

    private func runChanges(_ changes: [DigestComparison.RunChange]) -> String {
        guard !changes.isEmpty else { return " none." }
        let items = changes.map {
            "\n  - \(MarkdownCode.span($0.name)): " + $0.changes.joined(separator: "; ")
        }
        return items.joined()
    }

    private func kindChanges(_ changes: [DigestComparison.KindChange]) -> String {
        guard !changes.isEmpty else { return "none." }
        return changes.map { change in
            let off = change.turnedOff.map { " (turned off in \($0))" } ?? ""
            return "\(MarkdownCode.span(change.detector)) \(change.before) → \(change.now) runs"
                + off
        }.joined(separator: ", ") + "."
    }

    private func runTable() -> String {
        var table = MarkdownTable(
            [
                "run", "start", "end", "steps", "status", "critical", "error", "warning", "info",
                "train loss", "val loss", "throughput", "latency p95 ms", "latency p99 ms",
                "error rate",
            ], alignRight: Set(3...14).subtracting([4]))
        for run in digest.runs {
            let figures = run.figures
            table.add([
                MarkdownCode.plain(run.parts > 1 ? "\(run.name) (\(run.parts) parts)" : run.name),
                figures.firstTime.map(TimeFormat.iso) ?? "–",
                figures.lastTime.map(TimeFormat.iso) ?? "–", steps(figures),
                status(run),
                String(run.incidents.critical), String(run.incidents.error),
                String(run.incidents.warning), String(run.incidents.info),
                loss(figures.finalTrainLoss, figures.trainLossMetric, .trainLoss),
                loss(figures.finalValLoss, figures.valLossMetric, .valLoss),
                NumberFormat.short(figures.throughput), NumberFormat.short(figures.latencyP95),
                NumberFormat.short(figures.latencyP99),
                figures.errorRate.map(RunMoves.percent) ?? "–",
            ])
        }
        return "## Runs\n\n" + table.text + "\n" + Self.lossRule
    }

    /// `ok`, `error (inputs unread)`, `ok (loss_spike off)`.
    private func status(_ run: DigestRun) -> String {
        var notes: [String] = []
        if run.unreadInputs != nil { notes.append("inputs unread") }
        if let off = run.disabled { notes.append(off.joined(separator: ", ") + " off") }
        return run.status.rawValue + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))")
    }

    /// How the loss columns are chosen, said under the table.
    static let lossRule =
        "Train and val loss are each run's last value of the series with the first standard "
        + "name it logs (`loss`, `val_loss`, `eval_loss`, …), else of the series with most "
        + "values, then the first by name (a run with validation sets `val_loss_code` and "
        + "`val_loss_text` shows the one logged more often); a series without a standard name "
        + "is named in its cell.\n"

    /// A final loss, and the series it came from when that has no standard name for `role`.
    private func loss(_ value: Double?, _ metric: String?, _ role: MetricRole) -> String {
        let text = NumberFormat.short(value)
        guard value != nil, let metric else { return text }
        let standard = role.defaultNames.map(RoleMatcher.normalize)
        guard !standard.contains(RoleMatcher.normalize(metric)) else { return text }
        return text + " (" + MarkdownCode.span(metric) + ")"
    }

    private func steps(_ figures: RunFigures) -> String {
        guard let first = figures.firstStep, let last = figures.lastStep else { return "–" }
        return "\(NumberFormat.short(first))–\(NumberFormat.short(last))"
    }

    private func kindTable() -> String {
        let heading = "## Recurring incidents\n\n"
        let floor = DigestRun.hitFloor.name
        let notes = "\(floor) or above (info incidents are notes, counted in the runs table only)"
        guard !digest.kinds.isEmpty else {
            let any = digest.runs.contains { $0.incidents.worst != nil }
            return heading + (any ? "No incident at \(notes).\n" : "No incidents.\n")
        }
        var table = MarkdownTable(
            ["incident", "runs", "incidents", "worst", "runs hit"], alignRight: [1, 2])
        for kind in digest.kinds {
            table.add([
                kind.detector, String(kind.runs), String(kind.incidents), kind.worst.name,
                MarkdownCode.plain(kind.runNames.joined(separator: ", ")),
            ])
        }
        return heading + "Ranked by the number of runs each kind hit: runs with an incident of "
            + "that kind at \(notes).\n\n" + table.text
    }

    private func nodeTable() -> String {
        let heading = "## Flaky nodes\n\n"
        guard !digest.nodes.isEmpty else {
            return heading
                + "No host, rank or device straggled or overheated in more than one run.\n"
        }
        var table = MarkdownTable(
            ["host or rank", "runs", "detectors", "runs hit"], alignRight: [1])
        for node in digest.nodes {
            table.add([
                MarkdownCode.plain(node.label), String(node.runNames.count),
                node.detectors.joined(separator: ", "),
                MarkdownCode.plain(node.runNames.joined(separator: ", ")),
            ])
        }
        return heading
            + "Hosts, and ranks and devices, that straggled or overheated in more than one run. "
            + "A host is the folder named for a node or host that held a rank's logs "
            + "(`host-gpu11/rank1.jsonl`), whatever rank it was in each run; ranks of runs whose "
            + "logs lay in no such folder are matched by number, and are one machine only if "
            + "both jobs put it there.\n\n" + table.text
    }

    private func warningList(_ notes: [String]) -> String {
        "## Warnings\n\n"
            + notes.map { "- \(MarkdownTable.escape(MarkdownCode.plain($0)))\n" }.joined()
    }

    /// Runs that could not be read, and runs read without some of their inputs.
    private func unreadableList(_ runs: [DigestRun]) -> String {
        let lines = runs.map { run in
            guard let unread = run.unreadInputs else {
                return "- \(MarkdownCode.span(run.name)): "
                    + MarkdownTable.escape(MarkdownCode.plain(run.error ?? "unreadable"))
            }
            let count = CountPhrase.of(unread.count, "input")
            return "- \(MarkdownCode.span(run.name)): read without \(count): "
                + MarkdownTable.escape(MarkdownCode.plain(unread.joined(separator: "; ")))
        }
        return "## Could not read\n\n" + lines.joined(separator: "\n") + "\n"
    }
}
