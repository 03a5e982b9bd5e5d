import Glibc

extension InputDiscovery {
    /// The first line of every `report.md` runlens writes.
    static let reportTitle = Array("# runlens report\n".utf8)

    /// Whether `path` is a folder runlens wrote a report into: it holds `summary.json` and a
    /// `report.md` that starts with runlens's title. Its CSV and JSON files are outputs, and
    /// reading them as logs would count every metric again.
    static func isReportFolder(_ path: String) -> Bool {
        guard access(join(path, "summary.json"), F_OK) == 0 else { return false }
        let descriptor = open(join(path, "report.md"), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }

        var head = [UInt8](repeating: 0, count: reportTitle.count)
        let count = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        return count == reportTitle.count && head == reportTitle
    }
}
