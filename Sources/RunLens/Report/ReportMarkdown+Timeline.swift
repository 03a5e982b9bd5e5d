/// The run in order: start, resumes, events, incidents, end.
extension ReportMarkdown {
    /// Rows of the timeline at most; incidents and resumes are kept before events.
    static let timelineRows = 60

    /// One row of the timeline.
    struct TimelineItem {
        var step: Double?
        var time: Double?
        /// Ties at one position keep the order items were added in.
        var order: Int
        var text: String
    }

    func timeline() -> String {
        let (items, left) = timelineItems()
        guard !items.isEmpty else { return "" }
        let run = result.overview
        var framed = items
        if let first = run.firstStep ?? run.firstTime {
            let step = run.firstStep
            framed.append(
                TimelineItem(
                    step: step, time: step == nil ? first : nil, order: -1, text: "run starts"))
        }
        if let last = run.lastStep ?? run.lastTime {
            let step = run.lastStep
            framed.append(
                TimelineItem(
                    step: step, time: step == nil ? last : nil, order: Int.max, text: "run ends"))
        }
        framed.sort(by: Self.timelineOrder)

        let hasStep = framed.contains { $0.step != nil }
        let hasTime = framed.contains { $0.time != nil }
        var header: [String] = []
        if hasStep { header.append("step") }
        if hasTime { header.append("time") }
        var table = MarkdownTable(header + ["what"], alignRight: hasStep ? [0] : [])
        for item in framed {
            var cells: [String] = []
            if hasStep { cells.append(item.step.map(NumberFormat.short) ?? "") }
            if hasTime { cells.append(item.time.map(timeText) ?? "") }
            table.add(cells + [item.text])
        }
        var text = "## Timeline\n\n" + table.text
        if left > 0 { text += "\n\(left) more events in summary.json.\n" }
        return text
    }

    /// Incidents, resumes, then events up to the row budget, and how many events were left.
    func timelineItems() -> ([TimelineItem], Int) {
        var items: [TimelineItem] = []
        for incident in verdict.ranked {
            var text = "**\(incident.severity.name)** \(detectorLink(incident.detector))"
            if let metric = incident.metric { text += " on \(MarkdownCode.span(metric))" }
            items.append(
                TimelineItem(
                    step: incident.startStep, time: incident.startTime, order: items.count,
                    text: text + ": " + MarkdownCode.plain(incident.message)))
        }
        for resume in result.overview.resumes {
            items.append(
                TimelineItem(
                    step: resume.toStep, time: nil, order: items.count, text: resumeText(resume)))
        }
        let events = result.overview.events
        let room = max(0, Self.timelineRows - items.count)
        for event in events.prefix(room) {
            items.append(
                TimelineItem(
                    step: event.step, time: event.time, order: items.count,
                    text:
                        "event: \(event.text) (\(MarkdownCode.span("\(event.file):\(event.line)")))"
                ))
        }
        let shown = Array(items.prefix(Self.timelineRows))
        return (shown, events.count - min(events.count, room))
    }

    private func resumeText(_ resume: ResumeEvent) -> String {
        var text =
            resume.fromScratch == true
            ? "restarted from scratch: step went back from \(NumberFormat.short(resume.fromStep)) "
                + "to \(NumberFormat.short(resume.toStep)), the first step logged: a new run in "
                + "the same file (analyze the sessions separately)"
            : "resumed from a checkpoint: step went back from "
                + "\(NumberFormat.short(resume.fromStep)) to \(NumberFormat.short(resume.toStep)), "
                + "\(NumberFormat.short(resume.stepsRedone)) steps redone"
        if let through = resume.replayedThrough {
            let pass = resume.fromScratch == true ? "that run" : "the replay"
            text += " (\(pass) stopped at step \(NumberFormat.short(through)))"
        }
        if let rank = resume.rank { text += " on rank \(rank)" }
        if let gap = resume.gapSeconds { text += " after a \(TimeFormat.duration(gap)) gap" }
        if let replaced = resume.replacedNonFinite { text += "; " + replacedText(replaced) }
        return text + " (\(MarkdownCode.span("\(resume.file):\(resume.line)")))"
    }

    /// `the replaced pass had non-finite loss from step 900 (101 values)`: at most three
    /// metrics, then how many more.
    private func replacedText(_ replaced: [ReplacedNonFinite]) -> String {
        let shown = replaced.prefix(3).map { item in
            let values = item.count == 1 ? "1 value" : "\(item.count) values"
            return MarkdownCode.span(item.metric)
                + " from step \(NumberFormat.short(item.firstStep)) (\(values))"
        }
        let rest = replaced.count - 3
        let more = rest > 0 ? " and \(rest) more metric\(rest == 1 ? "" : "s")" : ""
        return "the replaced pass had non-finite " + shown.joined(separator: ", ") + more
    }

    /// An ISO time, or an offset such as `+1m 05s` when the log's times are relative.
    private func timeText(_ time: Double) -> String {
        result.overview.timeIsRelative ? "+" + TimeFormat.duration(time) : TimeFormat.iso(time)
    }

    /// The start first and the end last; between them by step, then time (items without
    /// either last), then the order they were added.
    static func timelineOrder(_ lhs: TimelineItem, _ rhs: TimelineItem) -> Bool {
        if lhs.order == -1 || rhs.order == Int.max { return lhs.order != rhs.order }
        if rhs.order == -1 || lhs.order == Int.max { return false }
        let left = (lhs.step ?? .infinity, lhs.time ?? .infinity)
        let right = (rhs.step ?? .infinity, rhs.time ?? .infinity)
        if left != right { return left < right }
        return lhs.order < rhs.order
    }
}
