/// The run overview and the per-metric summary.
extension ReportMarkdown {
    /// Series listed in the metric summary; the rest are in `summary.json`.
    static let metricRows = 200

    /// Which ranks ran on which node: `node0: rank 0; node1: ranks 2, 3`.
    private func nodesText(_ nodes: [NodeRanks]) -> String {
        nodes.map {
            "\($0.node): " + ($0.ranks.count == 1 ? "rank " : "ranks ") + compact($0.ranks)
        }
        .joined(separator: "; ")
    }

    func overview() -> String {
        let run = result.overview
        var table = MarkdownTable(["", ""])
        if let first = run.firstStep, let last = run.lastStep {
            table.add(["steps", "\(NumberFormat.short(first)) – \(NumberFormat.short(last))"])
        }
        if let first = run.firstTime, let last = run.lastTime {
            let span = TimeFormat.duration(last - first)
            let text =
                run.timeIsRelative
                ? "\(span) (times relative to the log's start)"
                : "\(TimeFormat.iso(first)) – \(TimeFormat.iso(last)) (\(span))"
            table.add(["time", text])
        }
        if !run.ranks.isEmpty { table.add(["ranks", compact(run.ranks)]) }
        if let ended = run.ranksEndedEarly {
            let sentences = ended.map { RankEndWords.sentence($0, in: run) }
            table.add(["ended early", sentences.joined(separator: "; ")])
        }
        if !run.devices.isEmpty { table.add(["devices", compact(run.devices)]) }
        if let nodes = run.nodes { table.add(["nodes", nodesText(nodes)]) }
        table.add(["resumes", String(run.resumes.count)])
        if !run.events.isEmpty { table.add(["events", String(run.events.count)]) }
        if run.evaluations > 0 { table.add(["evaluation records", String(run.evaluations)]) }
        if run.restampedEvaluations > 0 { table.add(["moved", moved(run.restampedEvaluations)]) }
        if run.requests > 0 {
            let failed = run.outcomesLogged ? "\(run.failedRequests) failed" : "outcomes not logged"
            table.add(["requests", "\(run.requests) (\(failed))"])
        }
        if run.duplicates > 0 {
            table.add([
                "duplicates",
                CountPhrase.of(run.duplicates, "record") + " written twice "
                    + CountPhrase.was(run.duplicates) + " dropped "
                    + "(the log looks written by more than one process)",
            ])
        }
        if let late = run.lateRecords { table.add(["out of order", outOfOrder(late)]) }
        if let off = run.valuesOffAxis {
            table.add([
                "off the axis",
                (off == 1 ? "1 value" : "\(off) values")
                    + " without a step or time that fits a window (none, or one too far from "
                    + "zero) left out of the statistics",
            ])
        }
        return "## Run overview\n\n" + table.text + resumes()
    }

    private func moved(_ count: Int) -> String {
        CountPhrase.of(count, "evaluation record") + " stamped with a step before training began "
            + CountPhrase.was(count) + " placed at the last training step before "
            + (count == 1 ? "it" : "each")
            + " (a validation loop that wrote step 0, as MMEngine's does and a resumed run's can)"
    }

    private func outOfOrder(_ late: Int) -> String {
        var text = "\(late) training records came after records with later steps and were put "
        text += "back in step order (not resumes: their steps had not been seen)"
        if let behind = result.overview.lateValuesBehind {
            text += "; \(behind) of their values came after later points were final and "
            text += "follow them out of order"
        }
        return text
    }

    private func resumes() -> String {
        guard !result.overview.resumes.isEmpty else { return "" }
        var table = MarkdownTable(
            ["where", "rank", "from step", "to step", "steps redone", "gap"], alignRight: [2, 3, 4])
        for resume in result.overview.resumes {
            table.add([
                MarkdownCode.span("\(resume.file):\(resume.line)"),
                resume.rank.map(String.init) ?? "",
                NumberFormat.short(resume.fromStep), NumberFormat.short(resume.toStep),
                resume.fromScratch == true
                    ? "restarted from scratch" : NumberFormat.short(resume.stepsRedone),
                resume.gapSeconds.map(TimeFormat.duration) ?? "",
            ])
        }
        return "\n### Resumes\n\nReplayed steps supersede the first pass." + scratchNote()
            + keptFinalNote()
            + "\n\n" + table.text
    }

    /// What a restart from scratch among the resumes means, if there is one.
    private func scratchNote() -> String {
        guard result.overview.resumes.contains(where: { $0.fromScratch == true }) else {
            return ""
        }
        return " A restart from scratch (the step went back to the first one logged) is a "
            + "new run in the same log, not a resume: its steps supersede the earlier run's "
            + "alike, so the statistics hold the latest run's values where the runs share "
            + "steps; analyze the sessions separately."
    }

    /// Which resumes went back further than the points held back, if any.
    private func keptFinalNote() -> String {
        let kept = result.overview.resumes.filter { $0.keptFinal != nil }
        guard !kept.isEmpty else { return "" }
        let places = kept.map { MarkdownCode.span("\($0.file):\($0.line)") }.joined(separator: ", ")
        return " The resume\(kept.count == 1 ? "" : "s") at \(places) went back further than "
            + "the points held back: the first pass's points from there on were "
            + "already final, so they stay in the statistics, the charts and what the detectors "
            + "saw: incidents at those steps may come from the pass the restart undid."
    }

    func metrics() -> String {
        guard !result.series.isEmpty else { return "" }
        var table = MarkdownTable(
            [
                "metric", "rank", "device", "role", "over the run", "count", "non-finite", "mean",
                "min", "p50", "p95", "max", "last",
            ],
            alignRight: Set(5...12))
        for series in result.series.prefix(Self.metricRows) {
            let stats = series.stats
            table.add([
                MarkdownCode.span(series.name), series.rank.map(String.init) ?? "",
                series.device.map(String.init) ?? "", series.role?.rawValue ?? "",
                Sparkline.render(series.windows.map(\.stats.mean)), String(stats.count),
                String(stats.nonfinite), NumberFormat.short(stats.mean),
                NumberFormat.short(stats.min), NumberFormat.short(stats.p50),
                NumberFormat.short(stats.p95), NumberFormat.short(stats.max),
                NumberFormat.short(stats.last),
            ])
        }
        var text = "## Metrics\n\n"
        text += "\"Over the run\" draws the window means from the lowest (▁) to the highest "
        text += "(█); "
        text += "· marks stretches without a finite value.\n\n" + table.text
        if result.series.count > Self.metricRows {
            text += "\n\(result.series.count - Self.metricRows) more series in summary.json.\n"
        }
        if result.series.contains(where: { !$0.stats.quantilesExact }) {
            text += "\nQuantiles of long series come from a sketch with relative error ≤ 0.5%.\n"
        }
        return text
    }
}
