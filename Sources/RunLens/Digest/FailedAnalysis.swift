import Foundation

/// The `junit.xml` that `runlens analyze` writes alone when it cannot do its job (exit 2):
/// recognised in a folder a digest reads, so that the run is shown as failed to analyze, with
/// the reason the analysis wrote, instead of as a folder of logs that hold no record.
///
/// The document is runlens's own (``JUnitXML/render(failure:unreadable:failOn:seconds:)``):
/// a `testsuites` named `runlens` whose every test case holds one `<error>`, and whose
/// `message` attributes say what stopped the analysis.
enum FailedAnalysis {
    /// The name the analysis gives the file.
    static let fileName = "junit.xml"
    /// How much of the file is read: a failure document is a few hundred bytes an input.
    static let readLimit = 1 << 20

    /// The reasons written in the file at `path`, one a test case, when it is runlens's
    /// failure document; `nil` for any other file.
    static func reasons(at path: String) -> [String]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: readLimit) else { return nil }
        return reasons(in: String(decoding: data, as: UTF8.self))
    }

    /// The reasons written in `text`, when it is runlens's failure document.
    static func reasons(in text: String) -> [String]? {
        guard text.hasPrefix("<?xml"), text.contains("<testsuites name=\"runlens\""),
            text.contains("<testsuite name=\"runlens analyze\"")
        else { return nil }
        let cases = text.components(separatedBy: "<testcase ").count - 1
        let errors = text.components(separatedBy: "<error message=\"").dropFirst()
        guard cases > 0, errors.count == cases else { return nil }
        return errors.compactMap { rest in
            rest.firstIndex(of: "\"").map { XMLText.unescapedAttribute(String(rest[..<$0])) }
        }
    }

    /// Why the run stands without a report: the analysis that wrote `path` failed, and why.
    static func description(path: String, reasons: [String]) -> String {
        let why = reasons.isEmpty ? "no reason given" : reasons.joined(separator: "; ")
        return "the analysis that wrote '\(path)' failed (exit 2): \(why)"
    }
}
