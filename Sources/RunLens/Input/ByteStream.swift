/// A source of decoded bytes: a plain file, standard input, or a decompressor over one.
///
/// Streams are single-pass and owned by one thread at a time.
public protocol ByteStream: AnyObject {
    /// Fills the front of `buffer` with the next decoded bytes.
    ///
    /// - Returns: the number of bytes written; `0` only at the end of the stream.
    /// - Throws: `InputError` when the underlying file cannot be read or the compressed
    ///   data is corrupt before any recoverable point.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(InputError) -> Int

    /// Problems met while reading that did not stop it, such as a truncated last frame
    /// or garbage after the last gzip member. Complete once `read` has returned `0`.
    var warnings: [String] { get }

    /// The warnings among `warnings` that say the data itself was damaged or cut short (a
    /// truncated or corrupt stream, a failed check, data after the end that is not part of
    /// the stream): what was read may be wrong or incomplete, which `--strict` does not
    /// pass. Complete once `read` has returned `0`.
    var damage: [String] { get }

    /// Compressed (on-disk) bytes consumed so far, for progress reporting.
    var bytesConsumed: Int { get }

    /// True once decoding stopped before the data's proper end (a truncated or corrupt
    /// compressed stream): the last bytes given may end in the middle of a line.
    var endedEarly: Bool { get }
}

extension ByteStream {
    /// Plain files and pipes end where their data ends.
    public var endedEarly: Bool { false }

    /// Plain files and pipes have no check to fail.
    public var damage: [String] { [] }
}

/// A stream that can also hand out its decoded bytes a block at a time, as arrays it gives
/// up, so that a reader that keeps whole blocks need not copy them.
public protocol BlockByteStream: ByteStream {
    /// The next bytes, as many as the stream has ready at once; `nil` only at the end.
    ///
    /// - Throws: as `read` does, once the bytes before the error were handed out.
    func takeBlock() throws(InputError) -> [UInt8]?

    /// Takes back an array `takeBlock` handed out, once its reader is done with it, to be
    /// filled again.
    func giveBack(_ bytes: [UInt8])
}
