/// Writes `digest.csv`, one row per run, and reads it back for `--previous`.
///
/// Columns: `run,status,start,end,first_step,last_step,critical,error,warning,info,`
/// `final_train_loss,final_val_loss,throughput,latency_p95_ms,latency_p99_ms,error_rate,`
/// `requests,failed_requests,incident_kinds,parts,sources,read_error,disabled` (`read_error`:
/// why an unreadable run could not be read, or which inputs a run was read without;
/// `disabled`: the detectors its settings turned off). Times are ISO 8601 UTC, numbers read
/// back exactly, `incident_kinds` is `id:count` pairs joined by `;`, `sources` are paths and
/// `disabled` detector ids joined by `;`, and a cell is empty where the figure does not apply.
public enum DigestCSV {
    /// The header row.
    public static let header = [
        "run", "status", "start", "end", "first_step", "last_step", "critical", "error",
        "warning", "info", "final_train_loss", "final_val_loss", "throughput", "latency_p95_ms",
        "latency_p99_ms", "error_rate", "requests", "failed_requests", "incident_kinds", "parts",
        "sources", "read_error", "disabled",
    ]

    /// The CSV text for `runs`.
    public static func render(_ runs: [DigestRun]) -> String {
        var writer = CSVWriter(header: header)
        for run in runs { writer.writeRow(row(run)) }
        return writer.text
    }

    static func row(_ run: DigestRun) -> [String] {
        let figures = run.figures
        let kinds = run.kinds.keys.sorted().map { "\($0):\(run.kinds[$0] ?? 0)" }
        return [
            run.name, run.status.rawValue, figures.firstTime.map(TimeFormat.iso) ?? "",
            figures.lastTime.map(TimeFormat.iso) ?? "", NumberFormat.exact(figures.firstStep),
            NumberFormat.exact(figures.lastStep), String(run.incidents.critical),
            String(run.incidents.error), String(run.incidents.warning),
            String(run.incidents.info), NumberFormat.exact(figures.finalTrainLoss),
            NumberFormat.exact(figures.finalValLoss), NumberFormat.exact(figures.throughput),
            NumberFormat.exact(figures.latencyP95), NumberFormat.exact(figures.latencyP99),
            NumberFormat.exact(figures.errorRate), String(figures.requests),
            String(figures.failedRequests), kinds.joined(separator: ";"), String(run.parts),
            run.sources.joined(separator: ";"),
            run.error ?? run.unreadInputs?.joined(separator: "; ") ?? "",
            run.disabled?.joined(separator: ";") ?? "",
        ]
    }

    /// The runs of a `digest.csv` text, as far as the CSV holds them.
    ///
    /// - Throws: ``DigestCSVError`` when the header lacks `run` or `status`, or a row has an
    ///   unknown status or a number that does not read.
    public static func parse(_ text: String) throws(DigestCSVError) -> [DigestRun] {
        let rows = CSVRows.parse(text)
        guard let head = rows.first, head.contains("run"), head.contains("status") else {
            throw .header
        }
        var runs: [DigestRun] = []
        for (offset, cells) in rows.dropFirst().enumerated() where cells != [""] {
            let row = Row(header: head, cells: cells, line: offset + 2)
            runs.append(try row.run())
        }
        return runs
    }
}

/// Why a `digest.csv` could not be read.
public enum DigestCSVError: Error, Equatable, CustomStringConvertible {
    /// The first row is not a digest header.
    case header
    /// A cell does not read as its column's type.
    case cell(line: Int, column: String, value: String)

    /// One phrase for the user.
    public var description: String {
        switch self {
        case .header:
            return "digest.csv has no 'run' and 'status' columns"
        case .cell(let line, let column, let value):
            return "digest.csv line \(line): '\(value)' is not a valid \(column)"
        }
    }
}

/// One data row of `digest.csv`, cells looked up by column name.
private struct Row {
    var header: [String]
    var cells: [String]
    var line: Int

    func text(_ column: String) -> String {
        guard let index = header.firstIndex(of: column), index < cells.count else { return "" }
        return cells[index]
    }

    func number(_ column: String) throws(DigestCSVError) -> Double? {
        let cell = text(column)
        if cell.isEmpty { return nil }
        guard let value = Double(cell) else {
            throw .cell(line: line, column: column, value: cell)
        }
        return value
    }

    func count(_ column: String) throws(DigestCSVError) -> Int {
        let cell = text(column)
        if cell.isEmpty { return 0 }
        guard let value = Int(cell), value >= 0 else {
            throw .cell(line: line, column: column, value: cell)
        }
        return value
    }

    func time(_ column: String) throws(DigestCSVError) -> Double? {
        let cell = text(column)
        if cell.isEmpty { return nil }
        let seconds = Array(cell.utf8).withUnsafeBytes { TimestampParser.parse($0) }
        guard let seconds else { throw .cell(line: line, column: column, value: cell) }
        return seconds
    }

    func run() throws(DigestCSVError) -> DigestRun {
        let name = text("run")
        guard let status = DigestRun.Status(rawValue: text("status")) else {
            throw .cell(line: line, column: "status", value: text("status"))
        }
        var figures = RunFigures(name: RunName(name: name, given: false))
        figures.firstTime = try time("start")
        figures.lastTime = try time("end")
        figures.firstStep = try number("first_step")
        figures.lastStep = try number("last_step")
        figures.finalTrainLoss = try number("final_train_loss")
        figures.finalValLoss = try number("final_val_loss")
        figures.throughput = try number("throughput")
        figures.latencyP95 = try number("latency_p95_ms")
        figures.latencyP99 = try number("latency_p99_ms")
        figures.requests = try count("requests")
        figures.failedRequests = try count("failed_requests")
        // An empty error rate beside requests: no request said how it ended.
        if figures.requests > 0, text("error_rate").isEmpty {
            figures.requestsWithoutOutcome = figures.requests
        }

        var run = DigestRun(name: name, status: status, figures: figures)
        for severity in Severity.allCases {
            run.incidents.add(severity, try count(severity.name))
        }
        run.kinds = try kinds()
        run.parts = max(1, try count("parts"))
        let off = text("disabled").split(separator: ";").map(String.init)
        if !off.isEmpty { run.disabled = off }
        let error = text("read_error")
        if !error.isEmpty {
            // A run read without some of its inputs keeps its status and says which.
            if status == .unreadable { run.error = error } else { run.unreadInputs = [error] }
        }
        return run
    }

    func kinds() throws(DigestCSVError) -> [String: Int] {
        var kinds: [String: Int] = [:]
        for pair in text("incident_kinds").split(separator: ";") {
            let parts = pair.split(separator: ":")
            guard parts.count == 2, let count = Int(parts[1]), count > 0 else {
                throw .cell(line: line, column: "incident_kinds", value: String(pair))
            }
            kinds[String(parts[0]), default: 0] += count
        }
        return kinds
    }
}
