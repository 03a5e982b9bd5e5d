import Foundation

/// Progress reports for long inputs.
extension Analyzer {
    /// Tells `progress` how far reading has got.
    func reportProgress() {
        guard let progress else { return }
        progress(Int64(bytesRead + (currentStream?.bytesConsumed ?? 0)), totalBytes)
    }

    /// The summed size of `files`, or `nil` when one is standard input or not a regular file.
    static func totalSize(of files: [String]) -> Int64? {
        var total: Int64 = 0
        for file in files {
            guard file != "-",
                let attributes = try? FileManager.default.attributesOfItem(atPath: file),
                attributes[.type] as? FileAttributeType == .typeRegular,
                let size = attributes[.size] as? NSNumber
            else { return nil }
            total += size.int64Value
        }
        return total
    }
}
