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

/// The rendered outputs of one analysis, or its error.
private func analyze(_ options: AnalysisOptions) -> [String] {
    let result: AnalysisResult
    do {
        result = try Analyzer(options: options).run()
    } catch {
        return ["error: \(error.description)"]
    }

    fuzzCheck(result.accounting.balances, "accounting does not add up: \(result.accounting)")
    for input in result.inputs {
        fuzzCheck(input.accounting.balances, "\(input.path): \(input.accounting)")
    }
    let verdict = Verdict(incidents: [], failOn: .critical)
    var document = SummaryJSON.document(result, version: "fuzz")
    document.verdict = SummaryJSON.Verdict(verdict: verdict)
    let summary = (try? SummaryJSON.encode(document)) ?? "summary failed"
    return [
        ReportMarkdown(result: result, verdict: verdict).render(),
        WindowsCSV.render(result.series), RanksCSV.render(result.series), summary,
    ]
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
