import Foundation

/// Golden files in `fixtures/golden/`: expected outputs, reviewed by hand when written.
///
/// They are rewritten only when the environment has `RUNLENS_UPDATE_GOLDEN=1`; otherwise a
/// test compares its output with the file.
enum Golden {
    /// The folder of golden files.
    static var directory: URL { CorpusFixture.root().appendingPathComponent("golden") }

    /// True when golden files are to be rewritten.
    static var updating: Bool {
        ProcessInfo.processInfo.environment["RUNLENS_UPDATE_GOLDEN"] == "1"
    }

    /// `nil` when `text` equals `fixtures/golden/<name>`; else what differs first. In update
    /// mode writes `text` to the file and returns `nil`.
    static func mismatch(_ text: String, _ name: String) throws -> String? {
        let url = directory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return nil
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard expected != text else { return nil }
        let want = expected.components(separatedBy: "\n")
        let got = text.components(separatedBy: "\n")
        for index in 0..<max(want.count, got.count) {
            let left = index < want.count ? want[index] : "<end of file>"
            let right = index < got.count ? got[index] : "<end of file>"
            if left != right {
                return "\(name):\(index + 1): expected\n  \(left)\nbut got\n  \(right)\n"
                    + "(RUNLENS_UPDATE_GOLDEN=1 rewrites golden files; review the diff)"
            }
        }
        return "\(name): differs"
    }
}
