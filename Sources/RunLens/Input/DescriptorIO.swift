#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole reads and writes on a file descriptor, retried after interruptions and short counts.
enum DescriptorIO {
    /// Writes all of `bytes` at the descriptor's position; returns the system error code of
    /// a failure, or `nil`.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var done = 0
        while done < bytes.count {
            let written = write(descriptor, base + done, bytes.count - done)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            done += written
        }
        return nil
    }

    /// Fills `bytes` from the file at `offset`, leaving the descriptor's position alone;
    /// returns the system error code of a failure (`EIO` when the file ends first), or `nil`.
    static func readAll(
        _ descriptor: Int32, into bytes: UnsafeMutableRawBufferPointer, at offset: Int64
    ) -> Int32? {
        guard let base = bytes.baseAddress else { return nil }
        var done = 0
        while done < bytes.count {
            let read = pread(
                descriptor, base + done, bytes.count - done, off_t(offset) + off_t(done))
            if read < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if read == 0 { return EIO }
            done += read
        }
        return nil
    }
}
