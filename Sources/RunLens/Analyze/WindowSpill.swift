import Foundation

/// An unlinked temporary file that holds window rows moved out of memory, shared by the
/// ``WindowRows`` of one analysis.
///
/// The file is removed from its folder as soon as it is created, so nothing is left behind
/// when the process ends, even by a crash; its room is given back when the last list of rows
/// that refers to it goes. Blocks are appended by one thread at a time with plain writes and
/// read back with positioned reads, which any number of threads may do at once.
final class WindowSpill: @unchecked Sendable {
    /// Where one block of rows lies in the file.
    struct Segment: Sendable {
        /// The byte offset of its first array.
        var offset: Int64
        /// Its rows.
        var rows: Int
    }

    /// The folder for the file: `TMPDIR` when set, else `/tmp`.
    static var defaultDirectory: String {
        let given = ProcessInfo.processInfo.environment["TMPDIR"] ?? ""
        return given.isEmpty ? "/tmp" : given
    }

    /// How the file's name starts; `nameSuffixLength` random characters follow.
    static let namePrefix = "runlens-windows-"
    /// How many characters `mkstemp` puts after ``namePrefix``.
    static let nameSuffixLength = 6

    /// The folder the file was made in, for errors.
    let directory: String

    private let descriptor: Int32
    private let lock = NSLock()
    /// The file's length; guarded by `lock`.
    private var end: Int64 = 0
    /// The first failed read-back; guarded by `lock`.
    private var failure: WindowSpillError?

    /// Creates the file in `directory` and unlinks it at once.
    static func create(in directory: String) throws(WindowSpillError) -> WindowSpill {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var template = Array("\(base)/\(namePrefix)XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { name in
            name.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else {
            throw WindowSpillError(
                operation: .create, directory: directory, reason: Self.reason(errno))
        }

        let unlinked = template.withUnsafeBufferPointer { name in
            name.baseAddress.map(unlink) == 0
        }
        guard unlinked else {
            let code = errno
            close(descriptor)
            throw WindowSpillError(
                operation: .create, directory: directory, reason: Self.reason(code))
        }
        return WindowSpill(descriptor: descriptor, directory: directory)
    }

    /// Takes over `descriptor`, an open file already unlinked (or one a test provides).
    init(descriptor: Int32, directory: String) {
        self.descriptor = descriptor
        self.directory = directory
    }

    deinit {
        close(descriptor)
    }

    /// Appends `block` at the end of the file with one write per array; returns where it lies.
    func append(_ block: WindowRowBlock) throws(WindowSpillError) -> Segment {
        lock.lock()
        defer { lock.unlock() }

        let code = block.store { bytes in DescriptorIO.writeAll(descriptor, bytes) ?? 0 }
        guard code == 0 else {
            throw WindowSpillError(
                operation: .write, directory: directory, reason: Self.reason(code))
        }

        let segment = Segment(offset: end, rows: block.count)
        end += Int64(block.count * WindowRowBlock.rowBytes)
        return segment
    }

    /// The rows of `segment`, read back.
    func read(_ segment: Segment) throws(WindowSpillError) -> WindowRowBlock {
        var block = WindowRowBlock()
        var offset = segment.offset
        let code = block.load(rows: segment.rows) { bytes in
            defer { offset += Int64(bytes.count) }
            return DescriptorIO.readAll(descriptor, into: bytes, at: offset) ?? 0
        }
        guard code == 0 else {
            throw WindowSpillError(
                operation: .read, directory: directory, reason: Self.reason(code))
        }
        return block
    }

    /// The first read-back that failed, if any: reading rows in order stops at a failure
    /// and records it here, for the writer of the reports to raise.
    var readFailure: WindowSpillError? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }

    /// Records `error` unless an earlier failure was recorded.
    func recordReadFailure(_ error: WindowSpillError) {
        lock.lock()
        defer { lock.unlock() }
        if failure == nil { failure = error }
    }

    private static func reason(_ code: Int32) -> String {
        String(cString: strerror(code)).lowercased()
    }
}
