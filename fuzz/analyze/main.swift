@testable import RunLens

#if canImport(Glibc)
    import Glibc
#endif

/// A folder of this process for the input file.
private let folder: String = {
    let path = "/tmp/runlens-fuzz-\(getpid())"
    mkdir(path, 0o700)
    return path
}()

/// Names that steer the readers: a rank in the name, a CSV name, an MLflow metric file.
private let names = [
    "rank3.log", "metrics.csv", "mlruns/1/0123456789abcdef0123456789abcdef/metrics/train/loss",
    "log",
]

/// Runs the whole analysis on the input, written to a file, with two chunk sizes: the
/// accounting must balance and every output must be the same.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAnalyze(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    guard !expandsTooMuch(input) else { return 0 }
    let path = folder + "/" + names[size % names.count]
    guard write(input, to: path) else { return 0 }
    defer { unlink(path) }

    var options = AnalysisOptions(inputs: [path])
    options.maxLineBytes = 2048
    options.maxFields = 64
    options.holdBack = 8
    options.strict = size % 7 == 0
    options.windowSteps = size % 3 == 0 ? 2 : nil
    options.maxDocumentBytes = 1 << 16
    let whole = analyze(options)
    options.chunkSize = 4 + size % 61
    let cut = analyze(options)
    fuzzCheck(whole == cut, "outputs differ with chunk size \(options.chunkSize)")
    return 0
}

/// Every output of one analysis with the default detectors, as `runlens analyze` writes
/// them, or its error.
private func analyze(_ options: AnalysisOptions) -> [String] {
    let analyzer = Analyzer(options: options)
    let suite = DetectorSuite()
    suite.register(with: analyzer)
    let result: AnalysisResult
    do {
        result = try analyzer.run()
    } catch {
        return ["error: \(error.description)"]
    }

    fuzzCheck(result.accounting.balances, "accounting does not add up: \(result.accounting)")
    for input in result.inputs {
        fuzzCheck(input.accounting.balances, "\(input.path): \(input.accounting)")
    }
    let verdict = Verdict(incidents: suite.incidents(for: result), failOn: .critical)
    return render(result, verdict, serving: suite.servingSummary)
}

/// The files `OutputWriter` writes, rendered in memory, and the `--annotations github` lines.
private func render(_ result: AnalysisResult, _ verdict: Verdict, serving: ServingSummary?)
    -> [String]
{
    var document = SummaryJSON.document(result, version: "fuzz")
    document.serving = serving
    document.verdict = SummaryJSON.Verdict(verdict: verdict)
    document.incidents = verdict.ranked
    let summary = (try? SummaryJSON.encode(document)) ?? "summary failed"
    let sections = serving.map { [ServingReportSection.render($0)] } ?? []
    let charts = RunCharts.charts(result: result, incidents: verdict.ranked)
    let report = ReportMarkdown(
        result: result, verdict: verdict, charts: charts, extraSections: sections)
    return [
        report.render(), IncidentsCSV.render(verdict.ranked), windowsCSV(result.series),
        RanksCSV.render(result.series), summary, JUnitXML.render(verdict, seconds: 0),
    ] + charts.map(\.svg) + GitHubAnnotations.lines(verdict)
}

/// `windows.csv` as the report writes it (row by row, to a file), read back.
private func windowsCSV(_ series: [SeriesSummary]) -> String {
    let path = folder + "/windows.csv"
    do {
        try ReportFile.create(path) { (file: inout ReportFile) throws(OutputError) in
            try WindowsCSV.write(series, to: &file)
        }
    } catch {
        return "windows.csv failed: \(error)"
    }
    guard let stream = fopen(path, "r") else { return "windows.csv unreadable" }
    defer { fclose(stream) }
    var bytes: [UInt8] = []
    var piece = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = fread(&piece, 1, piece.count, stream)
        if count == 0 { break }
        bytes.append(contentsOf: piece[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

/// Compressed input that decodes to more than 4 MiB would only make the run slow.
private func expandsTooMuch(_ input: UnsafeRawBufferPointer) -> Bool {
    guard Compression.detect(Array(input.prefix(4))) != .none else { return false }
    let decoded = decodeAll(input, piece: .max, readSizes: [1 << 16], cap: 4 << 20) {
        source throws(InputError) in try InputOpener.decoding(source, path: "fuzz").stream
    }
    return decoded.capped
}

private func write(_ input: UnsafeRawBufferPointer, to path: String) -> Bool {
    let folderEnd = path.lastIndex(of: "/") ?? path.endIndex
    let parent = String(path[..<folderEnd])
    var built = ""
    for part in parent.split(separator: "/") {
        built += "/" + part
        mkdir(built, 0o700)
    }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var offset = 0
    while offset < input.count, let base = input.baseAddress {
        let written = Glibc.write(descriptor, base + offset, input.count - offset)
        guard written > 0 else { return false }
        offset += written
    }
    return true
}
