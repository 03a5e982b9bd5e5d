/// The incident table and one section per detector that fired.
extension ReportMarkdown {
    func incidentTable() -> String {
        guard !verdict.ranked.isEmpty else { return "" }
        var table = MarkdownTable(["severity", "detector", "metric", "rank", "where", "message"])
        for incident in verdict.ranked {
            table.add([
                incident.severity.name, detectorLink(incident.detector),
                MarkdownCode.plain(incident.metric ?? ""), IncidentWords.rank(incident),
                IncidentWords.span(incident), MarkdownCode.plain(incident.message),
            ])
        }
        return "## Incidents\n\n" + table.text
    }

    /// Sections in the order the table first names their detector (most severe first).
    func incidentDetails() -> String {
        var order: [String] = []
        for incident in verdict.ranked where !order.contains(incident.detector) {
            order.append(incident.detector)
        }
        var text = ""
        for detector in order {
            text += "### \(detector)\n\n"
            for incident in verdict.ranked where incident.detector == detector {
                text += section(incident)
            }
            text += "\n"
        }
        return text
    }

    private func section(_ incident: Incident) -> String {
        var head = "- **\(incident.severity.name)**"
        let place = [IncidentWords.subject(incident), IncidentWords.span(incident)]
            .filter { !$0.isEmpty }.joined(separator: ", ")
        if !place.isEmpty { head += " \(MarkdownTable.escape(MarkdownCode.plain(place)))" }
        var text = head + ": \(MarkdownTable.escape(MarkdownCode.plain(incident.message)))\n"
        text += "  - \(IncidentWords.figures(incident))\n"
        if let location = incident.location {
            text += "  - first seen at \(MarkdownCode.span(location))\n"
        }
        for line in incident.evidence {
            text += "  - \(MarkdownTable.escape(MarkdownCode.plain(line)))\n"
        }
        return text
    }
}
