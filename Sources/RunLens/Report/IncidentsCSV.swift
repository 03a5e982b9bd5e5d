/// Writes `incidents.csv`: one row per incident, most severe first.
public enum IncidentsCSV {
    // TODO(#3): a finding folded across ranks shows only the rank whose wording it keeps
    // here; a `ranks` column (after SPEC section 5 names one) would list them all.
    /// The columns, as SPEC section 5 names them.
    public static let header = [
        "severity", "detector", "metric", "rank", "device", "start_step", "end_step",
        "start_time", "end_time", "peak", "threshold", "count", "message",
    ]

    /// The whole file for incidents already ranked.
    public static func render(_ incidents: [Incident]) -> String {
        var csv = CSVWriter(header: header)
        for incident in incidents {
            csv.writeRow([
                incident.severity.name, incident.detector, incident.metric ?? "",
                incident.rank.map(String.init) ?? "", incident.device.map(String.init) ?? "",
                NumberFormat.exact(incident.startStep), NumberFormat.exact(incident.endStep),
                incident.startTime.map(TimeFormat.iso) ?? "",
                incident.endTime.map(TimeFormat.iso) ?? "", NumberFormat.exact(incident.peak),
                NumberFormat.exact(incident.threshold), String(incident.count), incident.message,
            ])
        }
        return csv.text
    }
}
