import Glibc

/// The raw bytes of a file, or of standard input when the path is `-`.
///
/// Reads go straight into the caller's buffer with `read(2)`, so the block size is the
/// caller's: hand it a large buffer (the line chunker uses 1 MiB).
///
/// A regular file is read up to the size it had when it was opened: lines a running job
/// appends meanwhile are left for the next analysis, so a writer faster than the reader
/// cannot keep it reading forever. Files that report no size (`/proc`, pipes) are read to
/// their end.
public final class FileByteStream: ByteStream {
    /// The path as given; `-` for standard input.
    public let path: String
    /// Compressed (on-disk) bytes read so far; for a plain file, all bytes read.
    public private(set) var bytesConsumed = 0
    /// Always empty: a plain file either reads or fails.
    public var warnings: [String] { [] }

    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var remaining = Int.max

    /// Opens `path` for reading, or adopts standard input when `path` is `-`.
    ///
    /// - Throws: `InputError` with `.notFound`, `.permissionDenied`, `.isDirectory` or
    ///   `.readFailed` naming `path`.
    public init(path: String) throws(InputError) {
        self.path = path
        if path == "-" {
            descriptor = STDIN_FILENO
            ownsDescriptor = false
            return
        }

        let opened = open(path, O_RDONLY | O_CLOEXEC)
        guard opened >= 0 else {
            throw InputError(path: path, kind: Self.kind(forErrno: errno))
        }
        descriptor = opened
        ownsDescriptor = true

        // open(2) accepts a directory for reading; only fstat tells.
        var info = stat()
        if fstat(opened, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            close(opened)
            throw InputError(path: path, kind: .isDirectory)
        }
        if info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 {
            remaining = Int(info.st_size)
        }
    }

    deinit {
        if ownsDescriptor {
            close(descriptor)
        }
    }

    /// Reads the next bytes with one `read(2)`, retried when a signal interrupts it.
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0, remaining > 0 else { return 0 }

        while true {
            let count = Glibc.read(descriptor, base, min(buffer.count, remaining))
            if count >= 0 {
                bytesConsumed += count
                remaining -= count
                return count
            }
            let code = errno
            if code != EINTR {
                throw InputError(path: path, kind: Self.kind(forErrno: code))
            }
        }
    }

    /// The input error kind for a failed `open(2)`, `read(2)` or `stat(2)`.
    static func kind(forErrno code: Int32) -> InputError.Kind {
        switch code {
        case ENOENT, ENOTDIR: return .notFound
        case EACCES, EPERM: return .permissionDenied
        case EISDIR: return .isDirectory
        case ELOOP: return .readFailed("symbolic link loop")
        default: return .readFailed(String(cString: strerror(code)).lowercased())
        }
    }
}
