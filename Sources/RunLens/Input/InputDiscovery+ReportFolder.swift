import Glibc

extension InputDiscovery {
    /// The first line of every `report.md` runlens writes.
    static let reportTitle = Array("# runlens report\n".utf8)

    /// Which files of a folder runlens wrote itself, so that a walk passes over them.
    enum OwnOutputs {
        /// None: an ordinary folder.
        case none
        /// A report folder: the files ``OutputWriter`` writes, and window spill files a run
        /// writing its report there may have left.
        case report
        /// The `charts` folder of a report folder: the charts ``RunCharts`` draws.
        case charts

        /// Whether a regular file named `name` is one of them.
        func contains(_ name: String) -> Bool {
            switch self {
            case .none: return false
            case .report: return OutputWriter.fileNames.contains(name) || isSpill(name)
            case .charts: return RunCharts.fileNames.contains(name)
            }
        }

        /// What the folder `name` inside holds.
        func inside(_ name: String) -> OwnOutputs {
            self == .report && name == "charts" ? .charts : .none
        }

        private func isSpill(_ name: String) -> Bool {
            let prefix = WindowSpill.namePrefix
            return name.hasPrefix(prefix)
                && name.utf8.count == prefix.utf8.count + WindowSpill.nameSuffixLength
        }
    }

    /// Whether `path` is a regular file, through symbolic links.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// Whether `path` is a folder runlens wrote a report into: it holds `summary.json` and a
    /// `report.md` that starts with runlens's title. Its CSV and JSON files are outputs, and
    /// reading them as logs would count every metric again: a walk passes over them, and
    /// reads the other files there.
    static func isReportFolder(_ path: String) -> Bool {
        guard access(join(path, "summary.json"), F_OK) == 0 else { return false }
        let descriptor = open(join(path, "report.md"), O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }

        var head = [UInt8](repeating: 0, count: reportTitle.count)
        let count = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        return count == reportTitle.count && head == reportTitle
    }

    /// Whether `path`, named `name`, is the expectation file `runlens synth` writes beside a
    /// log (`X.expected.json`, a JSON object whose first key is `"expected"`). Read as a
    /// log it would be one malformed document.
    static func isSynthExpectation(_ path: String, name: String) -> Bool {
        guard name.hasSuffix(".expected.json") else { return false }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }

        var head = [UInt8](repeating: 0, count: 64)
        let count = head.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        let text = head.prefix(max(count, 0)).filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 }
        return text.starts(with: Array("{\"expected\":[".utf8))
    }
}
